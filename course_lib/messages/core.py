"""Messages of the core: device, profiles, set-up, doctor and generic errors."""

MESSAGES = {
    "yes": {"az": "bəli", "en": "yes"},
    "no": {"az": "xeyr", "en": "no"},
    "device_line": {"az": "Cihaz: {type} ({name})", "en": "Device: {type} ({name})"},
    "device_capability": {
        "az": "Hesablama qabiliyyəti (compute capability): {major}.{minor}",
        "en": "Compute capability: {major}.{minor}",
    },
    "device_vram": {
        "az": "VRAM: cəmi {total:.1f} GiB, boş {free:.1f} GiB",
        "en": "VRAM: {total:.1f} GiB total, {free:.1f} GiB free",
    },
    "device_precisions": {
        "az": "fp16 tensor nüvələri: {fp16} | bf16 (aparat dəstəyi): {bf16} | tf32: {tf32}",
        "en": "fp16 tensor cores: {fp16} | bf16 (native): {bf16} | tf32: {tf32}",
    },
    "device_tf32_off": {
        "az": "var, amma matris vurmaları onu yalnız torch.set_float32_matmul_precision(\"high\") ilə işlədir",
        "en": "yes, but matmuls use it only after torch.set_float32_matmul_precision(\"high\")",
    },
    "command_failed": {
        "az": "Əmr {code} çıxış kodu ilə dayandı: səbəbi yuxarıdakı mesajlardadır.",
        "en": "The command stopped with exit status {code}: the messages above say why.",
    },
    "device_best_precision": {
        "az": "Təlim üçün ən yaxşı dəqiqlik: {precision}",
        "en": "Best training precision: {precision}",
    },
    "profile_line": {
        "az": "Profil: {name}{smoke} | model {n_layer}/{n_head}/{n_embd}, blok {block_size} | "
              "mikro-batch {micro_batch} × yığım {grad_accum} = effektiv batch {effective_batch} | {precision}",
        "en": "Profile: {name}{smoke} | model {n_layer}/{n_head}/{n_embd}, block {block_size} | "
              "micro-batch {micro_batch} × accumulation {grad_accum} = effective batch {effective_batch} | {precision}",
    },
    "setup_run_line": {"az": "Cari icra: {date}, torch {torch}", "en": "This run: {date}, torch {torch}"},
    "profile_smoke": {"az": " (qısa sınaq: {steps} addım)", "en": " (smoke run: {steps} steps)"},
    "profile_unknown": {
        "az": "'{name}' adlı profil yoxdur. Mümkün profillər: {valid}. ${env} dəyişənini və ya "
              "profile= arqumentini yoxlayın.",
        "en": "There is no profile called '{name}'. Valid profiles: {valid}. Check ${env} or the "
              "profile= argument.",
    },
    "doctor_title": {"az": "Mühitin yoxlanılması (doctor)", "en": "Environment check (doctor)"},
    "doctor_python": {"az": "Python {version} (≥ 3.10 lazımdır)", "en": "Python {version} (need ≥ 3.10)"},
    "doctor_package": {"az": "{name} {version}", "en": "{name} {version}"},
    "doctor_missing": {
        "az": "{name} tapılmadı: `pip install -e .` və ya `make lab` ilə quraşdırın",
        "en": "{name} is missing: install it with `pip install -e .` or `make lab`",
    },
    "doctor_version": {
        "az": "{name} {version} kursun tələb etdiyi aralıqda deyil ({wanted}): `make lab` və ya "
              "`pip install -e .` ilə yeniləyin",
        "en": "{name} {version} is outside the range the course needs ({wanted}): update it with `make lab` or "
              "`pip install -e .`",
    },
    "doctor_cpu_build": {"az": "yoxdur (yalnız CPU qurması)", "en": "none (a CPU-only build)"},
    "doctor_torch_build": {
        "az": "torch {version}, CUDA qurması: {cuda}",
        "en": "torch {version}, CUDA build: {cuda}",
    },
    "doctor_cuda_missing": {
        "az": "CUDA görünmür: CPU-da işləyəcəyik (profil kiçik olacaq). GPU-nuz varsa, sürücünü və "
              "torch-un CUDA qurmasını yoxlayın.",
        "en": "No CUDA visible: we will run on CPU (a small profile). If you have a GPU, check the driver "
              "and that torch is a CUDA build.",
    },
    "doctor_profile": {"az": "Seçiləcək profil: {name}", "en": "Profile that would be picked: {name}"},
    "doctor_summary_ok": {"az": "Hər şey qaydasındadır.", "en": "Everything is in order."},
    "doctor_summary_fail": {
        "az": "{n} problem tapıldı: yuxarıdakı [FAIL] sətirlərinə baxın.",
        "en": "{n} problem(s) found: see the [FAIL] lines above.",
    },
    "skipped_no_gpu": {
        "az": "GPU yoxdur: '{what}' hissəsi buraxıldı (CPU-da yalnız izah göstərilir).",
        "en": "No GPU: skipped '{what}' (on CPU only the explanation is shown).",
    },
}
