"""Messages of Day 26 (efficient training on one GPU: the memory model, the benchmark, the GPU check, the checks)."""

MESSAGES = {
    "day26_tech_batch_size": {"az": "batch ölçüsü", "en": "batch size"},
    "day26_tech_gradient_accumulation": {"az": "qradiyent yığımı", "en": "gradient accumulation"},
    "day26_tech_gradient_checkpointing": {"az": "aktivasiya checkpoint-i", "en": "gradient checkpointing"},
    "day26_tech_mixed_precision": {"az": "qarışıq dəqiqlik", "en": "mixed precision"},
    "day26_tech_empty_cache_steps": {"az": "torch_empty_cache_steps", "en": "torch_empty_cache_steps"},
    "day26_tech_optimizer": {"az": "optimallaşdırıcı", "en": "optimizer"},
    "day26_tech_data_preloading": {"az": "məlumatın əvvəlcədən yüklənməsi", "en": "data preloading"},
    "day26_tech_deepspeed_zero": {"az": "DeepSpeed ZeRO", "en": "DeepSpeed ZeRO"},
    "day26_tech_torch_compile": {"az": "torch.compile", "en": "torch.compile"},
    "day26_tech_peft_lora": {"az": "PEFT (LoRA)", "en": "PEFT (LoRA)"},
    "day26_tech_attention": {"az": "diqqət: SDPA / açıq", "en": "attention: SDPA / explicit"},
    "day26_skip_fp16": {
        "az": "fp16 autocast CUDA üçündür; CPU-da accelerate onu fp32 kimi işlədərdi",
        "en": "fp16 autocast is for CUDA; on a CPU accelerate would run it as fp32",
    },
    "day26_skip_bf16": {
        "az": "bu GPU bf16-nı aparat səviyyəsində dəstəkləmir (compute capability < 8.0): emulyasiya yavaşdır",
        "en": "bf16 is not native on this GPU (compute capability < 8.0): emulation is slow",
    },
    "day26_skip_tf32": {
        "az": "TF32 yalnız Ampere və daha yeni GPU-larda var (compute capability ≥ 8.0)",
        "en": "TF32 exists only on Ampere and newer GPUs (compute capability ≥ 8.0)",
    },
    "day26_skip_cuda": {"az": "CUDA lazımdır", "en": "needs CUDA"},
    "day26_skip_bnb": {
        "az": "bitsandbytes quraşdırılmayıb (Linux x86-64 üçündür)",
        "en": "bitsandbytes is not installed (it is for Linux x86-64)",
    },
    "day26_skip_deepspeed": {
        "az": "ölçülmür: ZeRO vəziyyəti bir neçə GPU arasında bölür və ya CPU/NVMe-yə köçürür; tək GPU-da 100M "
              "parametrli model üçün lazım deyil",
        "en": "not measured: ZeRO shards over several GPUs or offloads to CPU/NVMe; not needed for 100M on one GPU",
    },
    "day26_skip_compile_windows": {
        "az": "Windows-da torch.compile (inductor) üçün Triton yoxdur",
        "en": "no Triton for torch.compile (inductor) on Windows",
    },
    "day26_skip_compile_old_gpu": {
        "az": "Triton compute capability ≥ 7.0 tələb edir",
        "en": "Triton needs compute capability ≥ 7.0",
    },
    "day26_skip_compile_slow": {
        "az": "CPU-da kompilyasiya dəqiqələr çəkir: include_compile=True ilə ölçün",
        "en": "compiling takes minutes on a CPU: measure with include_compile=True",
    },
    "day26_row_oom": {"az": "yaddaş çatmadı (OOM)", "en": "out of memory (OOM)"},
    "day26_row_lora": {
        "az": "öyrədilən {trainable:,} / {total:,} parametr",
        "en": "{trainable:,} of {total:,} parameters trained",
    },
    "day26_row_accum": {
        "az": "bir addım = {n} mikro-batch: token/addım {n} dəfə çox",
        "en": "one step = {n} micro-batches: {n}× the tokens per step",
    },
    "day26_no_cuda": {
        "az": "gpu_check CUDA GPU tələb edir, bu maşında isə CUDA yoxdur (torch.cuda.is_available() = False). "
              "GPU olan maşında işə salın: make gpu-check",
        "en": "gpu_check needs a CUDA GPU and this machine has none (torch.cuda.is_available() = False). "
              "Run it on a GPU machine: make gpu-check",
    },
    "day26_gpu_run": {
        "az": "{name}: {fit} · pik {peak_gib:.2f} GiB (model {predicted_gib:.2f} GiB) · {tokens_per_s:,.0f} token/s · "
              "MFU {mfu}",
        "en": "{name}: {fit} · peak {peak_gib:.2f} GiB (model {predicted_gib:.2f} GiB) · "
              "{tokens_per_s:,.0f} tokens/s · MFU {mfu}",
    },
    "day26_gpu_run_oom": {
        "az": "{name}: yaddaş çatmadı (OOM) — {error}",
        "en": "{name}: out of memory (OOM) — {error}",
    },
    "day26_gpu_target": {"az": "{ok} {name}", "en": "{ok} {name}"},
    "day26_gpu_not_measured": {
        "az": "GPU rəqəmləri hələ ölçülməyib: assets/bench/{path} yoxdur. GPU olan maşında `make gpu-check` onu "
              "yaradır.",
        "en": "GPU figures are not measured yet: assets/bench/{path} does not exist. `make gpu-check` on a GPU "
              "machine creates it.",
    },
    "day26_gpu_written": {"az": "Nəticələr yazıldı: {path}", "en": "Results written to {path}"},
    "day26_gpu_failed": {
        "az": "{n} hədəfə çatılmadı: {names}",
        "en": "{n} target(s) not met: {names}",
    },
    "day26_target_seed_fits": {
        "az": "əsas konfiqurasiyanın (mb 4 × 4, fp16) piki 4 GiB limitində ≤ 3.0 GiB",
        "en": "seed config (mb 4 × 4, fp16) peaks at ≤ 3.0 GiB under a 4 GiB cap",
    },
    "day26_target_mb8_ckpt_fits": {
        "az": "mikro-batch 8 aktivasiya checkpoint-i ilə 4 GiB-a sığır",
        "en": "micro-batch 8 fits under 4 GiB with activation checkpointing",
    },
    "day26_target_t4_fits": {
        "az": "t4 profili (mb 16, fp16) 15 GiB-a sığır",
        "en": "the t4 profile (mb 16, fp16) fits in 15 GiB",
    },
    "day26_table_progress": {"az": "Texnikalar", "en": "Techniques"},
    "day26_table_empty": {
        "az": "Texnikalar cədvəli boşdur: heç bir sətir yazılmayıb (ölçmə yarımçıq qalıb və ya heç başlamayıb).",
        "en": "The technique table is empty: no row was recorded (the measurement stopped early or never started).",
    },
    "day26_table_none_measured": {
        "az": "Bu kompüterdə heç bir texnika ölçülə bilmədi: hər sətrin səbəbi \"note\" sütunundadır.",
        "en": "No technique could be measured on this computer: each row's reason is in the \"note\" column.",
    },
    "day26_gpu_run_failed": {
        "az": "{name}: ölçülmədi — {error}",
        "en": "{name}: not measured — {error}",
    },
    "day26_table_failed": {
        "az": "Cədvəlin ölçülməsi alınmadı: {error}",
        "en": "Measuring the table failed: {error}",
    },
    "day26_runs_empty": {
        "az": "gpu_check.json-da heç bir ölçmə yoxdur.",
        "en": "gpu_check.json holds no runs.",
    },
    "hint_day26_layer_bytes": {
        "az": "bir blokun backward üçün saxladıqlarını sadalayın: qalıq axını (residual stream) və LayerNorm "
              "girişləri fp32 qalır (üstəgəl hər LayerNorm-un hər token üçün mean/rstd-i), matris vurmalarının giriş "
              "və çıxışları dəqiqliyin baytı qədər yer tutur; SDPA hər başlıq və token üçün bir logsumexp "
              "saxlayır, T×T matrisini isə heç vaxt saxlamır.",
        "en": "list what one block saves for backward: the residual stream and the LayerNorm inputs stay fp32 (plus "
              "each LayerNorm's mean and rstd per token), the inputs and outputs of the matrix multiplies take the "
              "precision's bytes, and SDPA keeps one logsumexp per head and token but never the T×T matrix.",
    },
    "hint_day26_layer_bytes_formula": {
        "az": "N = B·T token. fp32 qalıq axını (LayerNorm girişləri, 2 × 4 B·N·C) + LayerNorm-ların mean/rstd-i (2 × "
              "2 × 4 B·N) + Linear girişləri (2 × a·N·C) + q, k, v və başlıqların çıxışı (4 × a·N·C) + fc və GELU "
              "çıxışları (2 × a·4N·C) + SDPA-nın logsumexp-i (4 B·N·H). a = 4 (fp32) və ya 2 (fp16/bf16).",
        "en": "N = B·T tokens. fp32 residual stream (LayerNorm inputs, 2 × 4 B·N·C) + the LayerNorms' mean/rstd (2 × "
              "2 × 4 B·N) + Linear inputs (2 × a·N·C) + q, k, v and the heads' output (4 × a·N·C) + fc and GELU "
              "outputs (2 × a·4N·C) + SDPA's logsumexp (4 B·N·H). a = 4 (fp32) or 2 (fp16/bf16).",
    },
    "hint_day26_technique": {
        "az": "bələdçinin cədvəlinə baxın: hər texnika üçün (sürəti artırır?, yaddaşa qənaət edir?) cütü. Məsələn, "
              "qradiyent yığımı sürəti artırmır, amma yaddaşa qənaət edir.",
        "en": "look at the guide's table: a pair (speeds up?, saves memory?) per technique. For example gradient "
              "accumulation does not speed up but saves memory.",
    },
    "hint_day26_technique_formula": {
        "az": "hər texnika üçün soruşun: hər token üçün işi və ya gözləməni azaldır (sürət), yoxsa saxlanan "
              "baytları (yaddaş)? Məsələn, qarışıq dəqiqlik — sürət \"yes\", yaddaş \"maybe\" (fp32 çəkilər qalır); "
              "torch.compile — sürət \"yes\", yaddaş \"no\"; aktivasiya checkpoint-i — sürət \"no\", yaddaş \"yes\"; "
              "məlumatın əvvəlcədən yüklənməsi — sürət \"yes\", yaddaş \"no\".",
        "en": "ask for each technique: does it cut the work or the waiting per token (speed), or the bytes "
              "kept (memory)? For example mixed precision: speed \"yes\", memory \"maybe\" (the fp32 weights "
              "stay); torch.compile: speed \"yes\", memory \"no\"; gradient checkpointing: speed \"no\", memory "
              "\"yes\"; data preloading: speed \"yes\", memory \"no\".",
    },
    "hint_day26_oom_backoff": {
        "az": "hər OOM (yaddaş çatışmazlığı) mikro-batch-i yarıya endirir, yığım isə elə artır ki, effektiv batch "
              "köhnəsinə mümkün qədər yaxın qalsın; yığım 1-dən az ola bilməz.",
        "en": "every OOM (out-of-memory error) halves the micro-batch, and the accumulation grows so that the "
              "effective batch stays as close to the old one as it can; the accumulation never falls below 1.",
    },
    "hint_day26_oom_backoff_formula": {
        "az": "hər OOM-da: yeni mikro = köhnə mikro // 2; yığım = max(1, köhnə mikro × köhnə yığım // yeni mikro). "
              "Qaytarın: (mikro-batch, yığım, effektiv batch).",
        "en": "on every OOM: new micro = old micro // 2; accumulation = max(1, old micro × old accumulation // new "
              "micro). Return (micro-batch, accumulation, effective batch).",
    },
    "hint_day26_adam8bit": {
        "az": "bitsandbytes iki momenti yalnız böyük tensorlar üçün 8 bitdə saxlayır, 8 bitlik ədədlərə isə hər "
              "dəyər bloku üçün bir miqyas (absmax) lazımdır; kiçik tensorlar 32 bitlik momentlərlə qalır.",
        "en": "bitsandbytes keeps the two moments in 8 bits only for big tensors, and 8-bit numbers need a scale "
              "(absmax) per block of values; small tensors keep 32-bit moments.",
    },
    "hint_day26_adam8bit_formula": {
        "az": "≥ 4096 dəyərli tensor: 2 moment × 1 bayt + hər 256 dəyərə bir fp32 absmax (2 moment üçün): 2n + 8·⌈n / "
              "256⌉; kiçik tensor: 2 × 4 bayt = 8n. Paylaşılan qmap-ları saymayın.",
        "en": "a tensor with ≥ 4096 values: 2 moments × 1 byte + one fp32 absmax per 256 values (for both moments): "
              "2n + 8·⌈n / 256⌉; a smaller tensor: 2 × 4 bytes = 8n. Leave out the shared qmaps.",
    },
    # headers of the text tables (course_lib.bench.rows_text): one word each, so a table splits on spaces
    "col_technique": {"az": "texnika", "en": "technique"},
    "col_setting": {"az": "ayar", "en": "setting"},
    "col_status": {"az": "nəticə", "en": "status"},
    "col_ms_per_step": {"az": "ms/addım", "en": "ms_per_step"},
    "col_tokens_per_s": {"az": "token/s", "en": "tokens_per_s"},
    "col_memory_MiB": {"az": "yaddaş_MiB", "en": "memory_MiB"},
    "col_note": {"az": "qeyd", "en": "note"},
    "col_name": {"az": "ad", "en": "name"},
    "col_cap_GiB": {"az": "hədd_GiB", "en": "cap_GiB"},
    "col_micro_batch": {"az": "mikro-batch", "en": "micro_batch"},
    "col_grad_accum": {"az": "yığım", "en": "grad_accum"},
    "col_precision": {"az": "dəqiqlik", "en": "precision"},
    "col_checkpointing": {"az": "checkpointing", "en": "checkpointing"},
    "col_fits": {"az": "sığır", "en": "fits"},
    "col_peak_GiB": {"az": "pik_GiB", "en": "peak_GiB"},
    "col_reserved_GiB": {"az": "ayrılmış_GiB", "en": "reserved_GiB"},
    "col_predicted_GiB": {"az": "proqnoz_GiB", "en": "predicted_GiB"},
    "col_mfu": {"az": "MFU", "en": "mfu"},
    "day26_status_measured": {"az": "ölçülüb", "en": "measured"},
    "day26_status_skipped": {"az": "buraxılıb", "en": "skipped"},
    "day26_status_error": {"az": "xəta", "en": "error"},
    "day26_status_oom": {"az": "OOM", "en": "oom"},
    "day26_setting_on": {"az": "açıq", "en": "on"},
    "day26_setting_off": {"az": "bağlı", "en": "off"},
    "day26_setting_micro_batch": {"az": "mikro-batch {n}", "en": "micro-batch {n}"},
    "day26_setting_loader": {"az": "DataLoader, {n} işçi proses", "en": "DataLoader, {n} workers"},
}
