# %% md az
# # 🧮 Gün 26 — 100M modeli 4 GB-a sığdırmaq: tək GPU-da səmərəli təlim
#
# {{BADGE}}
#
# Hugging Face-in *"Tək GPU-da səmərəli təlim üçün üsullar və alətlər"* bələdçisində bir cədvəl var: hər texnika
# ya sürəti artırır, ya yaddaşa qənaət edir, ya da hər ikisini edir. Bu gün o cədvəlin **hər sətrini öz
# kompüterinizdə ölçürük**.
# Əvvəlcə yaddaşın anatomiyası: çəkilər, qradiyentlər, optimallaşdırıcı vəziyyətləri, aktivasiyalar, logit-lər və
# CUDA konteksti — kursun modelinin backward üçün həqiqətən saxladığı tensorlardan çıxarılmış bir model. Sonra
# hədəf: əsas konfiqurasiya (100M, mikro-batch 4, blok 256, fp16, yığım 4) 4 GB-lıq kartda pik yaddaşı ≤ 3.0 GiB
# olmaqla işləməlidir.
#
# **Məqsədlər**
# - təlim addımının yaddaşını hissələrə ayırmaq və proqnozu ölçmə ilə müqayisə etmək;
# - bələdçinin hər texnikasını (batch ölçüsü, qradiyent yığımı, aktivasiya checkpoint-i, fp16/bf16/tf32,
#   optimallaşdırıcı, məlumatın yüklənməsi, torch.compile, PEFT/LoRA, SDPA) ölçmək;
# - bələdçinin accelerate nümunəsindəki ikiqat bölməni rəqəmlə görmək;
# - DeepSpeed ZeRO və mixture-of-experts-in nəyi dəyişdiyini bilmək (100M üçün lazım deyil).
#
# **Təxmini vaxt:** 60 dəqiqə (kodun icrası: `cpu` profilində, bir CPU nüvəsində ~1.5 dəqiqə) · **Tələblər:** Gün 4
# (yaddaş büdcəsi), Gün 17 (model), Gün 25 (accelerate ilə fp16/bf16 və yığım).

# %% md en
# # 🧮 Day 26 — fitting a 100M model into 4 GB: efficient training on a single GPU
#
# {{BADGE}}
#
# Hugging Face's guide *"Methods and tools for efficient training on a single GPU"* has a table: each technique
# speeds training up, saves memory, or both. Today we **measure every row of that table on your own computer**.
# First the anatomy of memory: weights, gradients, optimizer states, activations, logits and the CUDA context — a
# model derived from the tensors the course model really saves for backward. Then the target: the seed config
# (100M, micro-batch 4, block 256, fp16, accumulation 4) must run on a 4 GB card at a peak of ≤ 3.0 GiB.
#
# **Objectives**
# - split a training step's memory into parts and compare the prediction with a measurement;
# - measure every technique of the guide (batch size, gradient accumulation, activation checkpointing,
#   fp16/bf16/tf32, optimizer, data loading, torch.compile, PEFT/LoRA, SDPA);
# - see in numbers the double division in the guide's accelerate example;
# - know what DeepSpeed ZeRO and mixture-of-experts would change (not needed at 100M).
#
# **Estimated time:** 60 minutes (running its code: ~1.5 min on the `cpu` profile, one CPU core) ·
# **Prerequisites:** Day 4 (the memory budget), Day 17 (the model), Day 25 (fp16/bf16 and accumulation with
# accelerate).

# %% md az
# ## 0. Hazırlıq
# Ölçmələr profilinizin modeli ilə aparılır: `tiny`-da saniyələr, `cpu`-da ~1.5 dəqiqə çəkir (bir CPU nüvəsində
# ölçülüb); GPU-da isə əsas model ölçülür.

# %% md en
# ## 0. Set-up
# Measurements use your profile's model: seconds under `tiny`, ~1.5 min under `cpu` (measured on one CPU core), the
# seed model on a GPU.

# %% setup

# %%
import json

import matplotlib.pyplot as plt
import torch

from course_lib import bench, memory
from course_lib.device import GIB, detect
from course_lib.messages import t
from course_lib.metrics import memory_bars
from course_lib.model import GPTModel, seed_config
from course_lib.paths import ASSETS

info = detect()
config = dict(vocab_size=profile.vocab_size, **profile.model_kwargs())  # az: profilinizin modeli
seed = seed_config()  # az: 100M əsas model: lüğət 32000, blok 256, 12/12/768
MIB = 2**20
print(_("Profilin modeli:", "Profile's model:"), config, "·", profile.precision)
print(_("Əsas model:", "Seed model:"), seed)

# %% md az
# ## 1. Yaddaşın anatomiyası
# `course_lib.memory.predict` bir təlim addımını hissələrə ayırır:
# - **çəkilər** və **qradiyentlər**: fp32 əsas nüsxələr, 4 + 4 bayt/parametr (fp16-da da — Gün 4);
# - **optimallaşdırıcı**: AdamW-nin iki fp32 momenti, 8 bayt/parametr (8-bit AdamW ≈ 2, Adafactor daha az);
# - **aktivasiyalar**: backward üçün saxlanan tensorlar. Hər qat üçün: fp32 qalıq axını (LayerNorm girişləri),
#   Linear girişləri, q/k/v, başlıqların çıxışı, fc və GELU çıxışları; autocast-ın yaratdığı 2 baytlıq çəki nüsxələri;
#   sonda `(N, V)` ölçülü fp32 log-ehtimallar və backward-da onların qradiyentləri (logit-lər);
# - **CUDA konteksti**: sürücünün və kernel-lərin ilk tensordan əvvəl tutduğu yaddaş — `max_memory_allocated`-də
#   görünmür, kartda isə var. Yaddaş modeli onu sabit kimi götürür; GPU yoxlaması (`make gpu-check`) onu ölçür.
#
# Aktivasiya formulu ümumi düstur deyil: modelimizin **hər qatının nə saxladığını saydıq** və testlər bunu CPU-da
# `saved_tensors_hooks` ilə baytına qədər yoxlayır (fp32-də və bf16 autocast-da, checkpoint ilə və onsuz, SDPA və açıq
# diqqət üçün).

# %% md en
# ## 1. The anatomy of memory
# `course_lib.memory.predict` splits a training step into parts:
# - **weights** and **gradients**: fp32 master copies, 4 + 4 bytes/parameter (in fp16 too — Day 4);
# - **optimizer**: AdamW's two fp32 moments, 8 bytes/parameter (8-bit AdamW ≈ 2, Adafactor less);
# - **activations**: the tensors kept for backward. Per layer: the fp32 residual stream (LayerNorm inputs), Linear
#   inputs, q/k/v, the heads' output, fc and GELU outputs; autocast's 2-byte copies of the weights; at the end the
#   fp32 `(N, V)` log-probabilities and, in backward, their gradients (the logits);
# - **CUDA context**: the memory the driver and kernels take before the first tensor — not in
#   `max_memory_allocated`, but on the card. The memory model takes it as a constant; the GPU check
#   (`make gpu-check`) measures it.
#
# The activation formula is not a generic one: we **counted what each layer of our model saves**, and the tests check
# it byte for byte on CPU with `saved_tensors_hooks` (fp32 and bf16 autocast, with and without checkpointing, SDPA
# and explicit attention).

# %%
parts = ("weights", "gradients", "optimizer", "activations", "cuda_context")
labels = [_("çəkilər", "weights"), _("qradiyentlər", "gradients"), _("optimallaşdırıcı", "optimizer"),
          _("aktivasiyalar", "activations"), _("CUDA konteksti", "CUDA context")]
cases = {
    _("profiliniz", "your profile"): memory.predict(config, profile.micro_batch, profile.precision,
                                                     grad_accum=profile.grad_accum, device_type=info.type),
    "seed mb4 fp16": memory.predict(seed, 4, "fp16", grad_accum=4),
    "seed mb8 fp16": memory.predict(seed, 8, "fp16", grad_accum=2),
    "seed mb8 fp16 ckpt": memory.predict(seed, 8, "fp16", checkpointing=True, grad_accum=2),
    "seed mb4 fp32": memory.predict(seed, 4, "fp32", grad_accum=4),
}
for name, budget in cases.items():
    print(f"{name:20s}", "  ".join(f"{label} {budget[part] / GIB:.2f}" for part, label in zip(parts, labels)),
          f"| {_('pik', 'peak')} {budget['peak'] / GIB:.2f} GiB, {_('kartda', 'on the card')} {budget['card'] / GIB:.2f}")

memory_bars(plt.gca(), cases, dict(zip(parts, labels)),
            {_("4 GB-lıq kart", "4 GB card"): 4, _("hədəf: 3.0 GiB pik", "target: 3.0 GiB peak"): 3})
plt.xticks(rotation=20)
plt.title(_("Təlim addımının yaddaşı (proqnoz)", "Memory of a training step (prediction)"))
plt.legend(fontsize=8)
plt.show()

# %% md az
# **Necə oxumalı:** əsas modeldə çəkilər + qradiyentlər + AdamW ≈ 1.64 GiB sabitdir; qalanı mikro-batch-dən
# asılıdır. Mikro-batch 8 checkpoint-siz ~3.2 GiB pik + kontekst verir — real 4 GB-lıq kartda (ekran da yer
# tutur) bu, çox sıxdır;
# aktivasiya checkpoint-i ilə hər blokdan yalnız giriş saxlanılır və pik ~2.6 GiB olur. Aktivasiyaların böyük hissəsi
# **logit-lərdir**: `N × V = 1024 × 32000` fp32 ədəd bir nüsxədə 125 MiB-dır və itki onları fp32-də saxlayır — ona
# görə də mikro-batch 4-də fp16-nın fp32 ilə müqayisədə qənaəti azdır (üstəlik autocast çəkilərin fp16
# nüsxələrini də saxlayır).

# %% md en
# **Reading it:** for the seed model weights + gradients + AdamW ≈ 1.64 GiB are fixed; the rest depends on the
# micro-batch. Micro-batch 8 without checkpointing gives a ~3.2 GiB peak plus the context — very tight on a real 4 GB
# card (the display takes some too); with activation checkpointing only each block's input is kept and the peak is
# ~2.6 GiB. A large share of the activations are the **logits**: `N × V = 1024 × 32000` fp32 numbers are 125 MiB per
# copy, and the loss keeps them in fp32 — so at micro-batch 4 fp16 saves little over fp32 (and autocast also keeps
# fp16 copies of the weights).

# %% md az
# ## 2. Proqnoz və ölçmə
# GPU-da `torch.cuda.max_memory_allocated` addımın pikini verir. CPU-da belə sayğac yoxdur: orada backward üçün
# saxlanan tensorları `saved_tensors_hooks` ilə sayırıq və proqnozun eyni hissəsi ilə müqayisə edirik.
#
# Bir ardıcıllıq (mikro-batch 1) kifayətdir. 1-ci bölmədəki hər hədd ya ardıcıllıqların sayı ilə böyüyür
# (`N = B·T`), ya da sabitdir (mövqelər, itkinin skalyarı, autocast-ın çəki nüsxələri): baytlar = sabit + B ×
# (bir ardıcıllığın baytları). Bunu bir dəfə B = 2 ilə ölçürük və profilinizin mikro-batch-i üçün düsturla
# müqayisə edirik — böyük mikro-batch-in forward-u CPU-da dəqiqələr çəkərdi, baytları isə yeni heç nə
# göstərməzdi.

# %% md en
# ## 2. Prediction and measurement
# On a GPU `torch.cuda.max_memory_allocated` gives the step's peak. A CPU has no such counter: there we count the
# tensors saved for backward with `saved_tensors_hooks` and compare them with the same part of the prediction.
#
# One sequence (micro-batch 1) is enough. Every term of section 1 either grows with the number of sequences
# (`N = B·T`) or is fixed (positions, the loss's scalar, autocast's weight copies): bytes = fixed + B × (the bytes of
# one sequence). We measure that once with B = 2 and compare it with the formula at your profile's micro-batch — a
# big micro-batch's forward would take minutes on a CPU, and its bytes are no news.

# %%
torch.manual_seed(0)
model = GPTModel(**config).train()  # az: CPU-da: saxlanan baytlar cihazdan asılı deyil
sizes = (config["block_size"], config["n_layer"], config["n_embd"], config["vocab_size"])


def saved_bytes(net: GPTModel, batch: int, precision: str, checkpointing: bool) -> tuple[int, int]:
    """Bytes ``net`` saves for backward in a forward of ``batch`` random sequences: (measured, predicted)."""
    idx = torch.randint(config["vocab_size"], (batch, config["block_size"]))  # (B, T)
    targets = torch.randint(config["vocab_size"], (batch, config["block_size"]))  # (B, T)
    net.gradient_checkpointing = checkpointing
    with torch.autocast("cpu", dtype=torch.bfloat16, enabled=precision == "bf16"):
        _loss, saved = bench.saved_tensor_bytes(lambda: net(idx, targets), net.parameters())
    return saved, memory.saved_activation_bytes(batch, *sizes, precision, checkpointing, config["n_head"],
                                                device_type="cpu")


for precision, checkpointing in [("fp32", False), ("bf16", False), ("bf16", True)]:
    saved, predicted = saved_bytes(model, 1, precision, checkpointing)
    print(f"B=1 {precision} checkpointing={checkpointing!s:5}  {_('ölçülüb', 'measured')} {saved / MIB:8.3f} MiB  "
          f"{_('proqnoz', 'predicted')} {predicted / MIB:8.3f} MiB  {_('fərq', 'difference')} {saved - predicted} B")
    assert saved == predicted  # az: hər profildə baytına qədər

one, _predicted = saved_bytes(model, 1, "fp32", False)
two, _predicted = saved_bytes(model, 2, "fp32", False)
per_sequence, fixed = two - one, 2 * one - two  # az: baytlar = sabit + B × bir ardıcıllıq
B = profile.micro_batch
formula = memory.saved_activation_bytes(B, *sizes, "fp32", False, config["n_head"], device_type="cpu")
print(_("bir ardıcıllıq:", "one sequence:"), f"{per_sequence / MIB:.3f} MiB ·", _("sabit:", "fixed:"),
      f"{fixed:,} B → B={B}: {(fixed + B * per_sequence) / MIB:.3f} MiB ·",
      _("düstur:", "formula:"), f"{formula / MIB:.3f} MiB")
assert fixed + B * per_sequence == formula  # az: xəttilik: 1 və 2 ardıcıllığın baytlarından istənilən mikro-batch alınır
del model  # az: böyük profildə CPU-dakı nüsxə lazım deyil

# %% md az
# Fərq sıfırdır: model nəyin saxlandığını baytına qədər bilir. **Pik** isə bundan böyükdür: backward-ın əvvəlində
# log-ehtimalların və logit-lərin fp32 qradiyentləri (`2 × 4·N·V` bayt) yaranır, checkpoint ilə isə bir blok
# yenidən hesablanır. Bunları hook-lar görmür — onları yalnız GPU-nun sayğacı ölçür (aşağıda, `gpu_check`).

# %% md en
# The difference is zero: the model knows what is saved byte for byte. The **peak** is larger: at the start of
# backward the fp32 gradients of the log-probabilities and of the logits (`2 × 4·N·V` bytes) appear, and with
# checkpointing one block is recomputed. Hooks do not see these — only the GPU's counter measures them (below,
# `gpu_check`).

# %%
if info.type == "cuda":
    figures = bench.measure(config, profile.micro_batch, precision=profile.precision, grad_accum=profile.grad_accum,
                            steps=2, warmup=1)
    predicted = memory.predict(config, profile.micro_batch, profile.precision, grad_accum=profile.grad_accum)
    print(_("Pik (max_memory_allocated):", "Peak (max_memory_allocated):"), f"{figures['memory_bytes'] / GIB:.3f} GiB",
          "·", _("proqnoz:", "predicted:"), f"{predicted['peak'] / GIB:.3f} GiB")
else:
    print(_("GPU yoxdur: pik burada ölçülə bilməz — aşağıdakı gpu_check nəticələrinə baxın.",
            "No GPU: the peak cannot be measured here — see the gpu_check results below."))

# %% md az
# ## 3. Bələdçinin cədvəli, sizin kompüterinizdə
#
# | texnika | sürət | yaddaş |
# | :--- | :---: | :---: |
# | batch ölçüsünün seçimi (8-ə bölünən ölçü) | ✅ | ✅ |
# | qradiyent yığımı | ❌ | ✅ |
# | aktivasiya (qradiyent) checkpoint-i | ❌ | ✅ |
# | qarışıq dəqiqlik (fp16/bf16/tf32) | ✅ | bəlkə* |
# | torch_empty_cache_steps | ❌ | ✅ |
# | optimallaşdırıcının seçimi | ✅ | ✅ |
# | məlumatın əvvəlcədən yüklənməsi | ✅ | ❌ |
# | DeepSpeed ZeRO | ❌ | ✅ |
# | torch.compile | ✅ | ❌ |
# | PEFT (LoRA) | ❌ | ✅ |
#
# \* aktivasiyaları kiçildir, amma fp32 əsas çəkilər qalır (Gün 4). Cədvələ əlavə olaraq: SDPA və Gün 17-nin açıq
# diqqəti. `bench.run_all` hər sətri kursun öz `train_step`-i ilə ölçür; bu kompüterdə ölçülə bilməyən sətir
# səbəbi göstərilməklə "skipped" kimi qeyd olunur — heç bir rəqəm əl ilə yazılmır. CPU-da "yaddaş" = saxlanan
# tensorlar + çəkilər, qradiyentlər və optimallaşdırıcı (`memory_kind` sütunu).
#
# ⏱ `cpu` profilində ~80 saniyə (bir CPU nüvəsində ölçülüb); irəliləyiş zolağı sizin kompüterinizdə qalan vaxtı
# göstərir.

# %% md en
# ## 3. The guide's table, on your computer
#
# | technique | speed | memory |
# | :--- | :---: | :---: |
# | batch size choice (multiples of 8) | ✅ | ✅ |
# | gradient accumulation | ❌ | ✅ |
# | activation (gradient) checkpointing | ❌ | ✅ |
# | mixed precision (fp16/bf16/tf32) | ✅ | maybe* |
# | torch_empty_cache_steps | ❌ | ✅ |
# | optimizer choice | ✅ | ✅ |
# | data preloading | ✅ | ❌ |
# | DeepSpeed ZeRO | ❌ | ✅ |
# | torch.compile | ✅ | ❌ |
# | PEFT (LoRA) | ❌ | ✅ |
#
# \* it shrinks activations, but the fp32 master weights stay (Day 4). Plus SDPA vs Day 17's explicit attention.
# `bench.run_all` measures every row with the course's own `train_step`; a row this computer cannot run is
# "skipped" with the reason — no number is typed in by hand. On CPU "memory" = saved tensors + weights, gradients and
# optimizer (the `memory_kind` column).
#
# ⏱ ~80 s on the `cpu` profile (measured on one CPU core); the progress bar shows the time left on your machine.

# %%
steps, warmup = (1, 0) if profile.smoke else (5, 1)  # az: CI-da (smoke) hər sətirdə bir addım: rəqəmlər səs-küylüdür
rows = bench.run_all(config, profile.micro_batch, profile.grad_accum, profile.precision, steps=steps, warmup=warmup,
                     progress=True)  # az: hər sətir: bir model və bir neçə addım
measured = [row for row in rows if row["status"] == "measured"]
kind = measured[0]["memory_kind"] if measured else "—"
print(_("Ölçüldüyü yer:", "Measured on:"), info.name, "·", torch.__version__, "·", kind)
print(bench.table_text(rows))

# %%
if measured:
    names = [t(f"day26_tech_{row['technique']}") + f": {row['setting']}" for row in measured]
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 0.3 * len(names) + 1.5), sharey=True)
    left.barh(names, [row["ms_per_step"] for row in measured])
    left.set_xlabel(_("ms / optimallaşdırıcı addımı", "ms / optimizer step"))
    right.barh(names, [row["memory_bytes"] / MIB for row in measured], color="tab:orange")
    right.set_xlabel("MiB" + (" (max_memory_allocated)" if info.type == "cuda" else _(" (saxlanan + vəziyyət)",
                                                                                     " (saved + state)")))
    left.invert_yaxis()
    fig.suptitle(_(f"Texnikalar ({info.name} üzərində ölçülüb)", f"Techniques, measured on: {info.name}"))
    plt.show()
else:
    print(t("day26_table_none_measured"))

# %% md az
# **Nəyə baxmalı:** yığım yaddaşı dəyişmir, amma hər addımdakı tokenlərin sayını artırır; böyük mikro-batch isə
# yaddaşı artırır.
# Checkpoint yaddaşı kəskin azaldır, amma hər blokun forward-u ikinci dəfə işləyir (vaxt cədvəldədir). Açıq diqqət
# `(B, H, T, T)` matrisini saxlayır, SDPA saxlamır. LoRA-da çəkilərin az hissəsi öyrədilir: qradiyentlər və AdamW
# vəziyyətləri yalnız həmin hissə üçün var. CPU-da vaxtlar səs-küylüdür, fp16/tf32/8-bit isə GPU-suz ölçülə bilmir.

# %% md en
# **What to look at:** accumulation leaves memory unchanged but multiplies the tokens per step; a bigger micro-batch
# grows memory. Checkpointing cuts memory sharply, but every block's forward runs twice (the time is in the table). Explicit
# attention stores the `(B, H, T, T)` matrix, SDPA does not. With LoRA only a small part of the weights is trained:
# gradients and AdamW exist only for it. On CPU the times are noisy, and fp16/tf32/8-bit cannot be measured without
# a GPU.

# %% md az
# ## 4. GPU-da ölçülənlər: `make gpu-check`
# `tools/gpu_check.py` istənilən CUDA GPU-da kartların özlərinin göstərdiyi ölçünü təqlid edir: "4 GB"-lıq kart üçün
# 3.8 GiB, T4 üçün 14.7 GiB (fp16, flash və cuDNN diqqəti olmadan — sm75-də onlar yoxdur). cuBLAS-ın
# və diqqətin iş sahələrinin (workspace) də sayılması üçün limit bir isinmə addımından sonra qoyulur; limitdən belə
# bir kartın itirdiyi CUDA konteksti (`course_lib.memory.CUDA_CONTEXT_BYTES`, 400 MiB) çıxılır, ölçən GPU-nun özününkü
# yox (H200-də 1.3 GiB ölçüldü: sm90 nüvələri də oradadır). Skript
# əsas modeli kursun `train_step`-i ilə bir neçə addım öyrədir, pik ayrılmış (allocated) və ehtiyatda saxlanan
# (reserved) yaddaşı, token/s və MFU-nu ölçür və `assets/bench/gpu_check.json`-a yazır. Bu xana yalnız o faylı
# göstərir — fayl yoxdursa, GPU rəqəmləri **hələ ölçülməyib** və heç biri göstərilmir; ölçülə bilməyən sınaq "—"
# işarəsi və səbəbi ilə göstərilir.

# %% md en
# ## 4. Measured on a GPU: `make gpu-check`
# `tools/gpu_check.py` emulates, on any CUDA GPU, the size the cards themselves report: 3.8 GiB for a "4 GB" card,
# 14.7 GiB for a T4 (fp16, without flash and cuDNN attention — sm75 has neither). The cap is set after a warm-up step
# so that the cuBLAS and attention workspaces count; the CUDA context such a card loses is taken off it
# (`course_lib.memory.CUDA_CONTEXT_BYTES`, 400 MiB), not the measuring GPU's own (1.3 GiB on an H200, its sm90
# kernels included). The script trains the seed
# model a few steps with the course's `train_step`, measures peak allocated and reserved memory, tokens/s and MFU,
# and writes `assets/bench/gpu_check.json`. This cell only shows that file — if it does not exist, the GPU figures
# are **not measured yet** and none are shown; a run that could not be measured shows "—" and the reason.

# %%
gpu_json = ASSETS / "bench" / "gpu_check.json"
if gpu_json.exists():
    gpu = json.loads(gpu_json.read_text(encoding="utf-8"))
    print(_("Ölçüldüyü yer:", "Measured on:"), gpu["device"], f"(cc {gpu['capability'][0]}.{gpu['capability'][1]})",
          "· torch", gpu["torch"], "·", gpu["date"])
    context = gpu.get("cuda_context_bytes")  # az: heç bir ölçmə başlamayıbsa, bu sahə yoxdur
    print(_("Ölçən GPU-nun CUDA konteksti (limitdən çıxılmır):", "The measuring GPU's CUDA context (not taken off):"),
          "—" if context is None else f"{context / MIB:.0f} MiB")
    print(bench.rows_text(gpu["runs"], bench.GPU_RUN_COLUMNS, empty="day26_runs_empty"))  # az: "—": ölçülməyib
    for run in gpu["runs"]:
        if run.get("error"):
            print(t("day26_gpu_run_failed", name=run["name"], error=run["error"].splitlines()[-1][:200]))
    print(_("Texnikalar cədvəli, 4 GiB limitində:", "Technique table, under a 4 GiB cap:"))
    if gpu["table"].get("error"):
        print(t("day26_table_failed", error=gpu["table"]["error"].splitlines()[-1][:200]))
    print(bench.table_text(gpu["table"]["rows"]))
    for name, ok in gpu["targets"].items():
        print("✅" if ok else "❌", t(f"day26_target_{name}"))
else:
    print(t("day26_gpu_not_measured", path=gpu_json.name))
    print(_("Hədəflər (hələ yoxlanılmayıb):", "Targets (not checked yet):"))
    for name in ("seed_fits", "mb8_ckpt_fits", "t4_fits"):
        print("⏳", t(f"day26_target_{name}"))

# %% md az
# ## 5. Bələdçinin accelerate nümunəsi itkini iki dəfə bölür
# Bələdçidə belə bir dövr var:
# ```python
# loss = model(**batch).loss
# loss = loss / training_args.gradient_accumulation_steps
# accelerator.backward(loss)
# ```
# `Accelerator(gradient_accumulation_steps=N)` ilə (Gün 25-də `make_accelerator` belə qurur) `accelerator.backward`
# itkini **özü** N-ə bölür. Əl ilə bölmək itkini ikinci dəfə bölmək deməkdir: qradiyent düzgün qiymətin 1/N-i
# qədər olur. Yoxlayaq: 4 mikro-batch üçün qradiyenti hər iki yolla hesablayırıq və bütöv batch-in qradiyenti
# ilə müqayisə edirik.

# %% md en
# ## 5. The guide's accelerate example divides the loss twice
# The guide has this loop:
# ```python
# loss = model(**batch).loss
# loss = loss / training_args.gradient_accumulation_steps
# accelerator.backward(loss)
# ```
# With `Accelerator(gradient_accumulation_steps=N)` (how Day 25's `make_accelerator` builds it) `accelerator.backward`
# divides the loss by N **itself**. The division by hand is a second one: the gradient is 1/N of the right one. Let's
# check: we compute the gradient of 4 micro-batches both ways and compare with the gradient of the whole batch.

# %%
# NBVAL_CHECK_OUTPUT
from course_lib.train import make_accelerator

N_ACCUM = 4
tiny = dict(vocab_size=64, block_size=16, n_layer=1, n_head=2, n_embd=16)
generator = torch.Generator().manual_seed(0)
xs = torch.randint(64, (N_ACCUM, 2, 16), generator=generator)  # az: 4 mikro-batch, hər biri (2, 16)
ys = torch.randint(64, (N_ACCUM, 2, 16), generator=generator)


def gradient(divide_by_hand: bool | None) -> torch.Tensor:
    """All gradients as one vector: None = the whole batch at once, else accelerate with N_ACCUM micro-batches."""
    torch.manual_seed(0)
    net = GPTModel(**tiny)
    if divide_by_hand is None:
        net(xs.view(-1, 16), ys.view(-1, 16))[1].backward()  # az: bütöv batch-in orta itkisi
    else:
        accelerator = make_accelerator("fp32", grad_accum=N_ACCUM)
        net = accelerator.prepare(net)
        for x, y in zip(xs, ys):
            with accelerator.accumulate(net):
                _logits, loss = net(x.to(accelerator.device), y.to(accelerator.device))  # az: GPU varsa, orada
                if divide_by_hand:
                    loss = loss / N_ACCUM  # az: bələdçinin sətri
                accelerator.backward(loss)  # az: accelerate özü N_ACCUM-a bölür
    return torch.cat([p.grad.flatten().cpu() for p in net.parameters()])


whole = gradient(None)
for label, by_hand in [(_("accelerate (kursun yolu)", "accelerate (the course's way)"), False),
                       (_("bələdçinin dövrü (əl ilə + accelerate)", "the guide's loop (by hand + accelerate)"), True)]:
    ratio = (gradient(by_hand) @ whole / (whole @ whole)).item()
    print(f"{label:42s} {_('qradiyent / düzgün qradiyent', 'gradient / right gradient')} = {ratio:.4f}")

# %% md az
# 1/4 = 0.25. AdamW qradiyentin miqyasına az həssasdır, ona görə də bu səhv gözə dəymir — amma `clip_grad_norm_(1.0)`
# ilə kəsmə 4 dəfə gec işə düşür və fp16-da kiçik qradiyentlər sıfıra yaxınlaşır. Bələdçinin nümunəsində
# `Accelerator(fp16=...)` da köhnəlib: bu gün `mixed_precision="fp16"` yazılır.

# %% md en
# 1/4 = 0.25. AdamW is not very sensitive to the gradient's scale, so this bug hides — but clipping with
# `clip_grad_norm_(1.0)` kicks in 4 times too late, and in fp16 small gradients move towards zero. The guide's
# `Accelerator(fp16=...)` is outdated too: today it is `mixed_precision="fp16"`.

# %% md az
# ## 6. DeepSpeed ZeRO, offload və mixture-of-experts
# - **ZeRO** (Zero Redundancy Optimizer) hər GPU-nun saxladığını bir neçə GPU arasında bölür: mərhələ 1 —
#   optimallaşdırıcı vəziyyətləri, 2 — həm də qradiyentlər, 3 — həm də çəkilər. Tək GPU-da yükü bölüşəcək başqa
#   GPU yoxdur; orada yalnız **offload** kömək edir: AdamW vəziyyətlərini (100M üçün 0.82 GiB) CPU RAM-a və ya
#   NVMe-yə köçürmək. Bunun qiyməti PCIe üzərindən hər addımda köçürmə və CPU-da optimallaşdırıcı addımıdır — bu
#   isə yavaşdır.
# - **Mixture-of-experts (MoE)**: MLP-nin yerinə bir neçə "ekspert" MLP və hər tokeni 1–2 ekspertə göndərən
#   marşrutlaşdırıcı. Parametrlər çox olur, hər token üçün hesablama isə az qalır. Amma bütün ekspertlərin çəkiləri,
#   qradiyentləri və AdamW vəziyyətləri yaddaşdadır — yəni MoE **yaddaşı artırır**, əvəzində hər
#   parametrə düşən sürəti/keyfiyyəti yaxşılaşdırır.
#
# 100M modeldə vəziyyət 1.64 GiB-dır və 4 GB-a sığır (yuxarıdakı hədəflər): ZeRO, offload və MoE lazım deyil.

# %% md en
# ## 6. DeepSpeed ZeRO, offload and mixture-of-experts
# - **ZeRO** (Zero Redundancy Optimizer) splits what every GPU keeps across several GPUs: stage 1 — optimizer
#   states, 2 — the gradients too, 3 — the weights too. On one GPU there is nobody to share with; there only
#   **offload** helps: moving the AdamW states (0.82 GiB for 100M) to CPU RAM or NVMe. The price is a transfer over
#   PCIe every step and the optimizer step on the CPU — slow.
# - **Mixture-of-experts (MoE)**: several "expert" MLPs instead of one and a router sending each token to 1–2 of
#   them. Many more parameters, little more compute per token. But the weights, gradients and AdamW states of all
#   experts are in memory — so MoE **adds memory**; it buys speed/quality per parameter.
#
# For the 100M model the state is 1.64 GiB and fits in 4 GB (the targets above): ZeRO, offload and MoE are not needed.

# %% md az
# ## 7. Tapşırıqlar
# Yoxlama uğursuz olanda əvvəlcə istiqamət verən məsləhət görünür; üç uğursuz cəhddən sonra daha ətraflı
# məsləhət gəlir, `check("day26.layer_bytes", solution=True)` isə kursun həllini göstərir (hər tapşırığın öz adı ilə).
#
# **Tapşırıq 1.** Bir SDPA blokunun backward üçün saxladığı baytları hesablayın (1-ci bölmə; `precision` "fp32",
# "fp16" və ya "bf16"). Autocast-ın çəki nüsxələrini saymayın.

# %% md en
# ## 7. Exercises
# When a check fails you first get a nudge; after three failed tries a stronger hint follows, and
# `check("day26.layer_bytes", solution=True)` shows the course's code (each exercise by its own name).
#
# **Exercise 1.** Compute the bytes one SDPA block saves for backward (section 1; `precision` is "fp32", "fp16" or
# "bf16"). Leave out autocast's weight copies.

# %%
def layer_bytes_exercise(micro_batch: int, block_size: int, n_embd: int, n_head: int, precision: str) -> int:
    # az: Sizin kodunuz burada
    # en: Your code here
    raise NotImplementedError


check("day26.layer_bytes", layer_bytes_exercise)

# %% md az
# **Tapşırıq 2.** Texnikanın adı verilib ("batch_size", "gradient_accumulation", "gradient_checkpointing",
# "mixed_precision", "empty_cache_steps", "optimizer", "data_preloading", "deepspeed_zero", "torch_compile",
# "peft"). Bələdçinin cədvəlinə görə `(sürəti artırır?, yaddaşa qənaət edir?)` qaytarın: "yes", "no" və ya "maybe".

# %% md en
# **Exercise 2.** Given a technique's name ("batch_size", "gradient_accumulation", "gradient_checkpointing",
# "mixed_precision", "empty_cache_steps", "optimizer", "data_preloading", "deepspeed_zero", "torch_compile", "peft"),
# return `(speeds up?, saves memory?)` from the guide's table: "yes", "no" or "maybe".

# %%
def technique_exercise(name: str) -> tuple[str, str]:
    # az: Sizin kodunuz burada
    # en: Your code here
    raise NotImplementedError


check("day26.technique", technique_exercise)

# %% md az
# **Tapşırıq 3.** `Trainer` yaddaş çatmayanda (OOM) mikro-batch-i yarıya bölür və yığımı
# `max(1, köhnə mikro × köhnə yığım // yeni mikro)` kimi təyin edir. `n_ooms` OOM-dan sonra
# `(mikro-batch, yığım, effektiv batch)` nə olur? (Mikro-batch tək ədəd olanda effektiv batch dəyişə bilər!)

# %% md en
# **Exercise 3.** On out-of-memory (OOM) the `Trainer` halves the micro-batch and sets the accumulation to
# `max(1, old micro × old accumulation // new micro)`. After `n_ooms` OOMs, what are
# `(micro-batch, accumulation, effective batch)`? (With an odd micro-batch the effective batch can change!)

# %%
def oom_backoff_exercise(micro_batch: int, grad_accum: int, n_ooms: int) -> tuple[int, int, int]:
    # az: Sizin kodunuz burada
    # en: Your code here
    raise NotImplementedError


check("day26.oom_backoff", oom_backoff_exercise)

# %% md az
# **Tapşırıq 4.** bitsandbytes-in 8-bit AdamW-i verilmiş formalı parametrlər üçün neçə bayt vəziyyət saxlayır?
# ≥ 4096 dəyərli tensor: iki uint8 moment + hər 256 dəyərə bir fp32 `absmax` (hər moment üçün); kiçik tensor: iki
# fp32 moment. Paylaşılan `qmap`-ları saymayın.

# %% md en
# **Exercise 4.** How many bytes of state does bitsandbytes' 8-bit AdamW keep for parameters of the given shapes?
# Tensor with ≥ 4096 values: two uint8 moments + one fp32 `absmax` per 256 values (per moment); smaller tensor: two
# fp32 moments. Leave out the shared `qmap`s.

# %%
def adam8bit_exercise(shapes: list[tuple[int, ...]]) -> int:
    # az: Sizin kodunuz burada
    # en: Your code here
    raise NotImplementedError


check("day26.adam8bit_bytes", adam8bit_exercise)

# %% md az
# ## Xülasə
# - Təlim addımının yaddaşı = çəkilər + qradiyentlər (fp32, 8 B/param) + optimallaşdırıcı (AdamW 8, 8-bit ≈ 2) +
#   aktivasiyalar (fp32 qalıq axını, 2 baytlıq matmul nəticələri, autocast-ın çəki nüsxələri, `N × V` logit-lər) +
#   CUDA konteksti. Proqnoz CPU-da ölçülənlə baytına qədər üst-üstə düşür.
# - SDPA `T × T` matrisini saxlamır; aktivasiya checkpoint-i hər blokdan yalnız girişi saxlayır (forward iki dəfə işləyir).
# - Qradiyent yığımı yaddaşı artırmadan effektiv batch-i böyüdür; `accelerator.backward` itkini özü bölür.
# - Bələdçinin hər texnikası sizin kompüterinizdə ölçüldü; GPU rəqəmləri yalnız `make gpu-check`-dən gəlir.
#
# **İndi `course_lib`-də:** `memory` (`predict`, `saved_activation_parts`, `optimizer_state_bytes`), `bench`
# (`measure`, `run_all`, `saved_tensor_bytes`), `tools/gpu_check.py` (`make gpu-check`).
#
# **Növbəti gün:** [Gün 27 — validasiya](day27_validation.ipynb)

# %% md en
# ## Summary
# - A training step's memory = weights + gradients (fp32, 8 B/param) + optimizer (AdamW 8, 8-bit ≈ 2) + activations
#   (fp32 residual stream, 2-byte matmul results, autocast's weight copies, the `N × V` logits) + the CUDA context.
#   The prediction matches the CPU measurement byte for byte.
# - SDPA stores no `T × T` matrix; activation checkpointing keeps only each block's input (the forward runs twice).
# - Gradient accumulation grows the effective batch without memory; `accelerator.backward` divides the loss itself.
# - Every technique of the guide was measured on your computer; GPU figures come only from `make gpu-check`.
#
# **Now in `course_lib`:** `memory` (`predict`, `saved_activation_parts`, `optimizer_state_bytes`), `bench`
# (`measure`, `run_all`, `saved_tensor_bytes`), `tools/gpu_check.py` (`make gpu-check`).
#
# **Next day:** [Day 27 — validation](day27_validation.ipynb)
