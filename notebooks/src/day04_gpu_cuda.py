# %% md az
# # 📚 Gün 4 — GPU ilə sürətləndirmə: CUDA və PyTorch ⚡
#
# {{BADGE}}
#
# Üçüncü gündə virtual mühitimizi qurduq. Bu gün LLM layihəmizin ən vacib hissələrindən birinə keçirik:
# **GPU ilə sürətləndirmə**. GPU-nun niyə lazım olduğunu, CUDA-nın nə olduğunu, PyTorch-un bu gün necə düzgün
# quraşdırıldığını və kartınızın **həqiqətən** nəyi bacardığını öyrənəcəyik. Sonra 100M parametrli modelimizin
# yaddaş büdcəsini hesablayacağıq və köhnə dərsdəki bir səhvi düzəldəcəyik: *"fp16 VRAM-ı yarıya endirir"* —
# təlim üçün bu doğru deyil.
#
# **Məqsədlər**
# - CPU ilə GPU-nun fərqini və CUDA-nın rolunu izah etmək;
# - PyTorch-u düzgün quraşdırmaq və yoxlamaq (versiya, `cuda.is_available()`, ad, compute capability, VRAM);
# - GPU-nun hansı dəqiqlikləri (fp16, bf16, tf32) aparat səviyyəsində dəstəklədiyini bilmək;
# - matris vurmasının sürətini ölçmək;
# - 100M modelin yaddaş büdcəsini hesablamaq: çəkilər, qradiyentlər, AdamW vəziyyətləri, aktivasiyalar;
# - Effektiv Batch Size və Qradiyent Yığımını başa düşmək.
#
# **Təxmini vaxt:** 45 dəqiqə (kodun icrası: `cpu` profilində, bir CPU nüvəsində ~10 saniyə) · **Tələblər:** Python
# əsasları, Gün 3 (mühitin qurulması, README-yə baxın).

# %% md en
# # 📚 Day 4 — GPU acceleration: CUDA and PyTorch ⚡
#
# {{BADGE}}
#
# On Day 3 we set up our environment. Today we move to one of the most important parts of our LLM project:
# **GPU acceleration**. We will see why a GPU is needed, what CUDA is, how to install PyTorch correctly today and
# what your card **really** supports. Then we compute the memory budget of our 100M-parameter model and correct a
# mistake of the original lesson: *"fp16 halves VRAM"* — for training, it does not.
#
# **Objectives**
# - explain the difference between a CPU and a GPU and the role of CUDA;
# - install and check PyTorch (version, `cuda.is_available()`, name, compute capability, VRAM);
# - know which precisions (fp16, bf16, tf32) your GPU supports natively;
# - measure the speed of matrix multiplication;
# - compute the memory budget of the 100M model: weights, gradients, AdamW states, activations;
# - understand the effective batch size and gradient accumulation.
#
# **Estimated time:** 45 minutes (running its code: ~10 s on the `cpu` profile, one CPU core) · **Prerequisites:**
# basic Python, Day 3 (environment set-up, see the README).

# %% md az
# ## 0. Hazırlıq
# Bu xana Colab-da kursu quraşdırır (öz kompüterinizdə heç nə etmir), sonra cihazı və **profili** seçir. Profil
# modelin və batch-in ölçüsünü, təlimin uzunluğunu kompüterinizə uyğunlaşdırır: `tiny` (CI), `cpu`, `gpu4gb`
# (RTX 2050), `t4` (Colab). Başqa profil üçün: `COURSE_PROFILE=cpu jupyter lab` və ya `setup("az", profile="cpu")`.

# %% md en
# ## 0. Set-up
# This cell installs the course on Colab (it does nothing locally), then picks the device and the **profile**.
# The profile sizes the model, the batch and the run length for your computer: `tiny` (CI), `cpu`, `gpu4gb`
# (RTX 2050), `t4` (Colab). For another profile: `COURSE_PROFILE=cpu jupyter lab` or `setup("en", profile="cpu")`.

# %% setup

# %% md az
# ## 1. CPU və GPU: niyə GPU?
#
# | Xüsusiyyət | CPU | GPU |
# | :--- | :--- | :--- |
# | **Nüvə sayı** | Az (4–16), hər biri güclü | Çox (minlərlə), hər biri sadə |
# | **İş prinsipi** | Ardıcıl, mürəkkəb | Paralel, sadə |
#
# LLM təlimi əsasən **matris vurmasıdır**: eyni anda minlərlə sadə vurma-toplama. GPU bunları paralel yerinə yetirir.
# Bunun nə qədər fərq yaratdığını aşağıda öz kompüterinizdə **ölçəcəyik** — rəqəmləri əzbərləməyə ehtiyac yoxdur.
#
# ## 2. CUDA: GPU-nun dili
# **CUDA** (Compute Unified Device Architecture) — NVIDIA-nın GPU-larda ümumi hesablamalar aparmaq üçün
# platformasıdır. PyTorch GPU-ya nə edəcəyini CUDA kitabxanaları (cuBLAS, cuDNN) vasitəsilə "deyir".
# Sizə lazım olan yalnız **NVIDIA sürücüsüdür**: PyTorch-un pip wheel-ləri lazımi CUDA kitabxanalarını özləri
# ilə gətirir — ayrıca CUDA Toolkit quraşdırmağa ehtiyac yoxdur.

# %% md en
# ## 1. CPU vs GPU: why a GPU?
#
# | Property | CPU | GPU |
# | :--- | :--- | :--- |
# | **Cores** | Few (4–16), each powerful | Many (thousands), each simple |
# | **Working style** | Sequential, complex | Parallel, simple |
#
# LLM training is mostly **matrix multiplication**: thousands of simple multiply-adds at once. A GPU does them in
# parallel. How much difference that makes we will **measure** below on your own computer — no numbers to memorise.
#
# ## 2. CUDA: the language of the GPU
# **CUDA** (Compute Unified Device Architecture) is NVIDIA's platform for general computation on GPUs. PyTorch
# "tells" the GPU what to do through CUDA libraries (cuBLAS, cuDNN). All you need is the **NVIDIA driver**:
# PyTorch's pip wheels bring the CUDA libraries they need — no separate CUDA Toolkit install is required.

# %% md az
# ## 3. PyTorch-u bu gün düzgün quraşdırmaq
#
# ⚠️ **Köhnə dərsə düzəliş:** `conda install pytorch ... -c pytorch -c nvidia` artıq istifadə edilməməlidir —
# PyTorch-un conda kanalı **köhnəlib (deprecated)** və yeni versiyalar orada dərc olunmur. Bu gün düzgün yol
# pip-dir, amma kompüterinizə **uyğun wheel** ilə (wheel hazır qurulmuş paketdir).
#
# `make lab` və ya `conda env create -f environment.yml` sınaqdan keçmiş versiyaları `requirements-pinned.txt`-dən
# quraşdırır: torch 2.13.0 PyPI-dan gəlir. **Windows-da bu torch yalnız CPU qurmasıdır** (macOS-da da); Linux-da
# CUDA qurmasıdır. Deməli, NVIDIA kartı olan öz kompüterinizdə (məsələn, RTX 2050-li noutbukda) daha bir addım
# lazımdır: torch-u PyTorch-un öz wheel indeksindən götürülən eyni versiyalı CUDA wheel-i ilə əvəz edin:
#
# ```bash
# conda activate llm_50gun          # və ya: source .venv/bin/activate
# python -m pip install "torch==2.13.0+cu126" --index-url https://download.pytorch.org/whl/cu126
# ```
#
# **Hansı wheel?** `cu126` "CUDA 12.6 ilə qurulub" deməkdir. Hər wheel-in içində yalnız müəyyən GPU
# arxitekturaları üçün kod var: `sm_XY`, burada X.Y kartın compute capability-sidir (sizinkini §4-də görəcəyik).
# - `cu126`: Maxwell 5.0 … Hopper 9.0 — GTX 9xx/10xx, T4, GTX 16xx, RTX 20xx/30xx/40xx, RTX 2050. Sürücü CUDA 12-ni
#   dəstəkləməlidir: `nvidia-smi` yuxarı sağda "CUDA Version: 12.x" və ya daha yenisini göstərir.
# - `cu130`: Turing 7.5 … Blackwell 12.0 — RTX 50xx üçün lazımdır, GTX 9xx/10xx-i isə artıq dəstəkləmir;
#   "CUDA Version" ≥ 13.0 olmalıdır. Əmrdə hər iki `cu126`-nı `cu130` ilə əvəz edin.
#
# Yalnız NVIDIA sürücüsü lazımdır, CUDA Toolkit yox. Conda istəyirsinizsə, `conda-forge`-un `pytorch` paketi də
# yarayır, amma kurs pip wheel-ləri ilə sınaqdan keçirilib. **Colab-da** torch artıq CUDA qurmasıdır — kurs onu yenidən
# quraşdırmır.
#
# **Alındımı?** Terminalda `python -m course_lib.doctor` (və ya aşağıda §4-dəki xana) torch-un GPU-nuzu
# həqiqətən istifadə edə bildiyini yoxlayır, problem olanda isə onu düzəldən əmri yazır:
# - `[WARN] Bu torch yalnız CPU qurmasıdır, amma kompüterdə NVIDIA GPU var` — `nvidia-smi` var, torch isə CPU
#   qurmasıdır: yuxarıdakı əmri işə salın.
# - `[WARN] torch CUDA … qurmasıdır …, amma torch GPU-dan istifadə edə bilmir` — çox vaxt sürücü wheel-in CUDA
#   versiyası üçün köhnədir: sürücünü yeniləyin (və ya `cu126` götürün).
# - `[FAIL] … GPU-nuz (…, sm_61) üçün kompilyasiya olunmuş kod (kernel) yoxdur` — kartın `sm_XY`-i
#   `torch.cuda.get_arch_list()` siyahısında yoxdur: GPU-dakı hər əməliyyat "no kernel image is available for
#   execution on the device" xətası verərdi. Məsələn, GTX 1050 Ti (4 GB, sm_61) CUDA 13 wheel-i ilə belədir;
#   mesaj onu dəstəkləyən wheel-i (burada `cu126`) göstərir.

# %% md en
# ## 3. Installing PyTorch correctly today
#
# ⚠️ **Correction of the original lesson:** `conda install pytorch ... -c pytorch -c nvidia` should no longer be
# used — PyTorch's conda channel is **deprecated** and new versions are not published there. The right way today
# is pip, but with **the wheel that fits your computer** (a wheel is a ready-built package).
#
# `make lab` or `conda env create -f environment.yml` installs the tested versions from `requirements-pinned.txt`:
# torch 2.13.0 comes from PyPI. **On Windows that torch is a CPU-only build** (on macOS too); on Linux it is a CUDA
# build. So on your own computer with an NVIDIA card (say, an RTX 2050 laptop) one more step is needed: replace
# torch by the CUDA wheel of the same version, from PyTorch's own wheel index:
#
# ```bash
# conda activate llm_50gun          # or: source .venv/bin/activate
# python -m pip install "torch==2.13.0+cu126" --index-url https://download.pytorch.org/whl/cu126
# ```
#
# **Which wheel?** `cu126` means "built with CUDA 12.6". Each wheel holds GPU code for a list of GPU architectures
# only: `sm_XY`, where X.Y is the card's compute capability (we will see yours in §4).
# - `cu126`: Maxwell 5.0 … Hopper 9.0 — GTX 9xx/10xx, T4, GTX 16xx, RTX 20xx/30xx/40xx, RTX 2050. The driver must
#   run CUDA 12: `nvidia-smi` shows "CUDA Version: 12.x" or newer at the top right.
# - `cu130`: Turing 7.5 … Blackwell 12.0 — needed by an RTX 50xx, and no longer includes GTX 9xx/10xx;
#   "CUDA Version" must be ≥ 13.0. Replace both `cu126` in the command by `cu130`.
#
# Only the NVIDIA driver is needed, no CUDA Toolkit. If you prefer conda, conda-forge's `pytorch` package works too,
# but the course is tested with the pip wheels. **On Colab** torch is already a CUDA build — the course does not
# reinstall it.
#
# **Did it work?** `python -m course_lib.doctor` in a terminal (or the cell in §4 below) checks that torch can
# really use your GPU, and when it cannot it prints the command that fixes it:
# - `[WARN] This torch is a CPU-only build, but this machine has an NVIDIA GPU` — `nvidia-smi` exists but torch is
#   a CPU build: run the command above.
# - `[WARN] torch is a CUDA … build … but torch cannot use it` — usually the driver is too old for the wheel's CUDA
#   version: update the driver (or take `cu126`).
# - `[FAIL] This torch … has no kernels for your GPU (…, sm_61)` — the card's `sm_XY` is not in
#   `torch.cuda.get_arch_list()`: every GPU operation would fail with "no kernel image is available for execution
#   on the device". A GTX 1050 Ti (4 GB, sm_61) under a CUDA 13 wheel is such a case; the message names the wheel
#   that has the card (here `cu126`).

# %% md az
# ## 4. Quraşdırmanın yoxlanılması
# Köhnə dərsin üç sətri — və bir neçə əlavə: CUDA qurmasının versiyası, kartın adı, compute capability və VRAM.
# (Terminalda eyni yoxlamanı `python -m course_lib.doctor` edir.)

# %% md en
# ## 4. Checking the install
# The original lesson's three lines — and a few more: the CUDA build version, the card's name, compute capability
# and VRAM. (In a terminal, `python -m course_lib.doctor` does the same check.)

# %%
import torch

print("torch:", torch.__version__)
print("cuda.is_available():", torch.cuda.is_available())
print(_("CUDA qurması:", "CUDA build:"), torch.version.cuda)  # az: CPU qurmasında None olur
if torch.cuda.is_available():
    props = torch.cuda.get_device_properties(0)
    print(_("Kart:", "Card:"), props.name)
    print("compute capability:", f"{props.major}.{props.minor}")
    print("VRAM:", f"{props.total_memory / 1024**3:.1f} GiB")
else:
    print(_("GPU yoxdur — dərs CPU-da da işləyir, GPU hissələri nəyin buraxıldığını bildirəcək.",
            "No GPU — the lesson runs on CPU too; GPU parts will say what they skip."))

# %% md az
# Eyni yoxlama, `doctor`-un gözü ilə: torch-un qurması kartınıza uyğundurmu? Hər şey qaydasındadırsa, yalnız
# `[OK]` sətirləri görünür; `[WARN]`/`[FAIL]` olsa, onlar §3-də izah olunub — sətrin özü problemi düzəldən əmri verir.

# %% md en
# The same check through the `doctor`'s eyes: does the torch build fit your card? When all is well you see only
# `[OK]` lines; a `[WARN]`/`[FAIL]` is explained in §3 — the line itself gives the command that fixes it.

# %%
from course_lib.device import detect
from course_lib.doctor import torch_build_checks

for status, line in torch_build_checks(detect()):
    print(f"[{status}] {line}")

# %% md az
# ## 5. Kartınız hansı dəqiqlikləri həqiqətən dəstəkləyir?
#
# | Dəqiqlik | Bayt | Harada sürətlidir |
# | :--- | :--- | :--- |
# | fp32 | 4 | hər yerdə (amma tensor nüvələri olmadan yavaş) |
# | fp16 | 2 | tensor nüvələri olan GPU-lar: compute capability ≥ 7.0 (T4 = 7.5, RTX 2050 = 8.6) — amma 7.5-lik GTX 16xx və MX noutbuk kartlarında tensor nüvəsi **yoxdur** (fp16 orada yaddaşa qənaət edir, vaxta isə az) |
# | bf16 | 2 | yalnız Ampere və daha yeni: compute capability ≥ 8.0 |
# | tf32 | 4 (daxildə 19 bit) | Ampere və daha yeni, fp32 matris vurmaları üçün — PyTorch onu matris vurmalarında özü **aktivləşdirmir**: `torch.set_float32_matmul_precision("high")` lazımdır |
#
# ⚠️ **Tələ:** T4-də `torch.cuda.is_bf16_supported()` **`True`** qaytarır — çünki bf16 emulyasiya olunur: T4-ün
# bf16 tensor nüvələri yoxdur. Bunun nəyə başa gəldiyini 6-cı bölmədəki `cuda bf16` xətti öz GPU-nuzda göstərir.
# Ona görə də `course_lib` bf16-nı yalnız compute capability ≥ 8.0 olanda seçir, T4-də isə fp16.

# %% md en
# ## 5. Which precisions does your card really support?
#
# | Precision | Bytes | Where it is fast |
# | :--- | :--- | :--- |
# | fp32 | 4 | everywhere (but slow without tensor cores) |
# | fp16 | 2 | GPUs with tensor cores: compute capability ≥ 7.0 (T4 = 7.5, RTX 2050 = 8.6) — but the 7.5 GTX 16xx and MX laptop cards have **no** tensor cores (fp16 saves memory there, little time) |
# | bf16 | 2 | only Ampere and newer: compute capability ≥ 8.0 |
# | tf32 | 4 (19 bits inside) | Ampere and newer, for fp32 matrix multiplies — PyTorch does **not** turn it on for matmuls by itself: `torch.set_float32_matmul_precision("high")` does |
#
# ⚠️ **Trap:** on a T4, `torch.cuda.is_bf16_supported()` returns **`True`** — because bf16 is emulated: a T4 has no
# bf16 tensor cores. What that costs, the `cuda bf16` line of section 6 shows on your own GPU.
# So `course_lib` picks bf16 only for compute capability ≥ 8.0, and fp16 on a T4.

# %%
from course_lib.device import describe, detect
from course_lib.messages import t

info = detect()
print(describe(info))
if info.type == "cuda":
    print("torch.cuda.is_bf16_supported():", torch.cuda.is_bf16_supported(),
          _("← T4-də də True (emulyasiya)!", "← True on a T4 too (emulation)!"))
else:
    print(t("skipped_no_gpu", what="torch.cuda.is_bf16_supported()"))

# %% md az
# ## 6. Ölçək: matris vurması CPU-da və GPU-da
# Ölçüləri profilə görə seçirik: CI-da (`tiny`) millisaniyələr çəkən kiçik matrislər, öz kompüterinizdə isə
# CPU-da saniyələr çəkən böyük matrislər. Sürəti **TFLOP/s** ilə ölçürük: `n×n` matris vurması `2·n³` əməliyyatdır.
# GPU varsa, fp32, fp16 və (torch onu dəstəklədiyini deyirsə) bf16 da müqayisə olunur; yoxdursa, xana nəyin
# buraxıldığını bildirir.

# %% md en
# ## 6. Let's measure: matrix multiplication on CPU and GPU
# The sizes depend on the profile: small matrices that take milliseconds in CI (`tiny`), bigger ones that take
# seconds on the CPU of your own computer. We measure speed in **TFLOP/s**: an `n×n` matrix multiply is `2·n³` operations.
# With a GPU, fp32, fp16 and (where torch says it supports it) bf16 are compared too; without one the cell says
# what it skipped.

# %%
import time

import matplotlib.pyplot as plt
from tqdm.auto import tqdm


def matmul_tflops(n: int, device: str, dtype: torch.dtype, repeats: int = 3) -> float:
    """TFLOP/s of an n×n @ n×n matrix multiply (best of `repeats`)."""
    a = torch.randn(n, n, device=device, dtype=dtype)
    b = torch.randn(n, n, device=device, dtype=dtype)
    a @ b  # az: isinmə (ilk çağırış yavaş olur)
    best = float("inf")
    for _ in range(repeats):
        if device == "cuda":
            torch.cuda.synchronize()
        start = time.perf_counter()
        a @ b
        if device == "cuda":
            torch.cuda.synchronize()
        best = min(best, time.perf_counter() - start)
    return 2 * n**3 / best / 1e12


sizes = [128, 256, 512] if profile.name == "tiny" else [512, 1024, 2048, 4096]
runs = {"cpu fp32": ("cpu", torch.float32)}
if info.type == "cuda":
    runs |= {"cuda fp32": ("cuda", torch.float32), "cuda fp16": ("cuda", torch.float16)}
    # az: T4-də də True qaytarır: emulyasiyanın nəyə başa gəldiyini burada görürük
    # en: True on a T4 too: here we see what emulation costs
    if torch.cuda.is_bf16_supported():
        runs["cuda bf16"] = ("cuda", torch.bfloat16)
else:
    print(t("day04_matmul_skip"))

results = {name: [] for name in runs}
for n in tqdm(sizes, desc="matmul"):
    for name, (device, dtype) in runs.items():
        results[name].append(matmul_tflops(n, device, dtype))

for name, values in results.items():
    print(f"{name:10s}", "  ".join(f"n={n}: {v:.3f} TFLOP/s" for n, v in zip(sizes, values)))
for name, values in results.items():
    plt.plot(sizes, values, marker="o", label=name)
plt.xscale("log", base=2)
plt.yscale("log")
plt.xlabel(_("matris ölçüsü n", "matrix size n"))
plt.ylabel("TFLOP/s")
plt.title(_("Matris vurmasının sürəti (ölçülüb)", "Matrix multiply speed (measured)"))
plt.legend()
plt.show()

# %% md az
# **Nəyə baxmalı:** GPU varsa, `cuda` xətlərini `cpu` xətti ilə müqayisə edin: kiçik matrislərdə fərq azdır
# (kernel-lərin işə salınma xərci üstün gəlir), böyüklərdə isə artır. `cuda fp16` ilə `cuda fp32` arasındakı fərq tensor
# nüvələrinin payıdır — təlimi fp16/bf16-da aparmağımızın səbəbi budur (Gün 25). GPU yoxdursa, qrafikdə yalnız
# CPU var: GPU rəqəmlərini Colab-da bu dəftəri açıb özünüz ölçə bilərsiniz.
#
# ## 7. 100M modelin yaddaş büdcəsi
# Orijinal dərslərin modeli: lüğət 32000, blok 256, 12 qat, 12 başlıq, 768 ölçü. Parametr sayını düsturla hesablayaq
# (Gün 17-də modeli quranda eyni rəqəmi kodla da alacağıq):

# %% md en
# **What to look at:** with a GPU, compare the `cuda` lines with the `cpu` line: for small matrices the gap is
# small (launch overhead dominates), for large ones it grows. The gap between `cuda fp16` and `cuda fp32` is what
# tensor cores add — the reason we train in fp16/bf16 (Day 25). Without a GPU the plot shows the CPU only: open this
# notebook on Colab to measure the GPU numbers yourself.
#
# ## 7. The memory budget of the 100M model
# The seed lessons' model: vocabulary 32000, block 256, 12 layers, 12 heads, 768 dimensions. Let's count its
# parameters with a formula (on Day 17, when we build the model, code gives the same number):

# %%
# NBVAL_CHECK_OUTPUT
from course_lib.memory import adamw_training_bytes, gpt_param_count, training_budget, weight_bytes

GIB = 1024**3
SEED = dict(vocab_size=32000, block_size=256, n_layer=12, n_embd=768)
n_params = gpt_param_count(**SEED)
print(_("Parametrlər:", "Parameters:"), f"{n_params:,}")
for dtype in ("fp32", "fp16", "int8"):
    print(_(f"Yalnız çəkilər, {dtype}:", f"Weights only, {dtype}:"), f"{weight_bytes(n_params, dtype) / GIB:.2f} GiB")
print(_("Təlim (çəkilər + qradiyentlər + AdamW):", "Training (weights + gradients + AdamW):"),
      f"{adamw_training_bytes(n_params) / GIB:.2f} GiB")

# %% md az
# ⚠️ **Köhnə dərsdəki səhv:** *"fp16 VRAM istifadəsini 50% azaldır"*. Təlim üçün bu **doğru deyil**. Qarışıq
# dəqiqlikdə (mixed precision) hesablamalar fp16-da aparılır, amma:
# - əsas çəkilər **fp32**-də qalır (4 bayt) — kiçik yeniləmələr fp16-da itərdi;
# - qradiyentlər fp32 çəkilərə aiddir — **fp32** (4 bayt);
# - AdamW hər parametr üçün iki moment saxlayır (m və v) — **fp32** (4 + 4 bayt).
#
# Cəmi **16 bayt/parametr** — fp32-də də, fp16-da da. fp16 yalnız **aktivasiyalara** (geri yayılma üçün
# saxlanan ara nəticələrə) toxunur, əsas qazancı isə sürətdir. Gəlin ölçək: kiçik bir şəbəkəni bf16 autocast
# ilə (CPU-da da işləyir; GPU-da fp16 ilə eynidir) bir addım öyrədək və yaddaşdakı tensorları sayaq.

# %% md en
# ⚠️ **The original lesson's mistake:** *"fp16 reduces VRAM use by 50%"*. For training this is **not true**. In
# mixed precision the computations run in fp16, but:
# - the master weights stay in **fp32** (4 bytes) — small updates would vanish in fp16;
# - the gradients belong to the fp32 weights — **fp32** (4 bytes);
# - AdamW keeps two moments per parameter (m and v) — **fp32** (4 + 4 bytes).
#
# That is **16 bytes/parameter** — in fp32 and in fp16 alike. fp16 touches only the **activations** (intermediate
# results kept for backpropagation); its main gain is speed. Let's measure it: train a small network one step under bf16
# autocast (it works on CPU too; on a GPU fp16 behaves the same) and count the tensors in memory.

# %%
# NBVAL_CHECK_OUTPUT
def state_bytes_per_param(autocast_dtype: torch.dtype | None) -> float:
    """Bytes per parameter of weights + gradients + AdamW states after one real training step."""
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Linear(256, 256), torch.nn.GELU(), torch.nn.Linear(256, 256))
    optimizer = torch.optim.AdamW(net.parameters())
    x = torch.randn(32, 256)
    with torch.autocast("cpu", dtype=autocast_dtype or torch.float32, enabled=autocast_dtype is not None):
        loss = net(x).float().pow(2).mean()
    loss.backward()
    optimizer.step()
    params = list(net.parameters())
    total = sum(p.nbytes + p.grad.nbytes for p in params)
    total += sum(s.nbytes for state in optimizer.state.values() for s in state.values() if s.dim() > 0)
    return total / sum(p.numel() for p in params)


print(_("fp32 təlim:", "fp32 training:"), state_bytes_per_param(None), _("bayt/parametr", "bytes/parameter"))
print(_("bf16 autocast təlim:", "bf16 autocast training:"), state_bytes_per_param(torch.bfloat16),
      _("bayt/parametr", "bytes/parameter"))

# %% md az
# Hər iki halda **16 bayt/parametr** — bu, ölçülüb, təxmin deyil. İndi bütün büdcə: yuxarıdakı 16 bayt/parametr
# üstəgəl aktivasiyalar. Aktivasiyalar **mikro-batch-ə** və bloka mütənasibdir — buna görə də 4 GB-lıq kartda
# kiçik mikro-batch (4) götürürük. `course_lib.memory` aktivasiyaları modelimizin geri yayılma üçün saxladığı
# tensorları bir-bir sayaraq hesablayır (nəticə CPU-dakı ölçmə ilə baytına qədər üst-üstə düşür — bunu Gün 26-da
# yoxlayırıq); GPU-nun öz əlavələri (CUDA konteksti, müvəqqəti buferlər) Gün 26-da ölçülür.

# %% md en
# **16 bytes/parameter** in both cases — measured, not assumed. Now the whole budget: the 16 bytes/parameter above
# plus activations. Activations grow with the **micro-batch** and the block — which is why a 4 GB card uses a
# small micro-batch (4). `course_lib.memory` computes the activations by counting, tensor by tensor, what our
# model saves for backpropagation (it matches a CPU measurement to the byte, as Day 26 checks); the GPU's own
# extras (the CUDA context, temporary buffers) are measured on Day 26.

# %%
# NBVAL_CHECK_OUTPUT
from course_lib.metrics import memory_bars

parts = ("weights", "gradients", "adamw_states", "activations")
labels = [_("çəkilər", "weights"), _("qradiyentlər", "gradients"), _("AdamW (m, v)", "AdamW (m, v)"),
          _("aktivasiyalar", "activations")]
cases = {f"mb={mb}, {p}": training_budget(n_params, mb, 256, 12, 768, 32000, precision=p)
         for mb, p in [(4, "fp32"), (4, "fp16"), (16, "fp16")]}
for name, budget in cases.items():
    print(f"{name:12s}", "  ".join(f"{label}: {budget[part] / GIB:.2f}" for part, label in zip(parts, labels)),
          f"| {_('cəmi', 'total')}: {budget['total'] / GIB:.2f} GiB")

memory_bars(plt.gca(), cases, dict(zip(parts, labels)), {_("4 GB-lıq kart (RTX 2050)", "4 GB card (RTX 2050)"): 4})
plt.title(_("100M modelin təlim yaddaşı (yaddaş modeli)", "Training memory of the 100M model (memory model)"))
plt.legend()
plt.show()

# %% md az
# **Nəticə:** fp16 çəkiləri, qradiyentləri və AdamW-ni **kiçiltmir**. Aktivasiyaları da gözləniləndən az
# kiçildir (yuxarıda mb=4: fp32 ilə fp16 arasındakı fərq kiçikdir): 32000 tokenlik logit-lər itki üçün fp32-də
# qalır, autocast isə çəkilərin fp16 surətlərini saxlayır. 4 GB-a sığmağın əsl açarı **kiçik mikro-batch-dir** (4):
# mb=16 kartın həcmini aşır. Amma kiçik batch səs-küylü qradiyent deməkdir. Həll: **Qradiyent Yığımı**.
#
# ## 8. Effektiv Batch Size və Qradiyent Yığımı
# Çəkiləri hər mikro-batch-dən sonra yox, `N` mikro-batch-in qradiyentləri toplandıqdan sonra yeniləyirik:
#
# **Effektiv Batch Size = mikro-batch × yığım addımları × GPU sayı**
#
# Yaddaş xərci mikro-batch-dən asılıdır, keyfiyyət isə effektiv batch-dən. Orijinal dərsin cədvəli
# (mikro-batch 4 × 4 addım = 16) indi profilinizdən götürülür:

# %% md en
# **Conclusion:** fp16 does **not** shrink weights, gradients and AdamW. Even the activations shrink less than one
# would hope (mb=4 above: fp32 and fp16 differ little): the logits over 32000 tokens stay in fp32 for the loss, and
# autocast keeps fp16 copies of the weights. The real key to fitting into 4 GB is a **small micro-batch** (4): mb=16
# overflows the card. But a small batch means noisy gradients. The fix: **gradient accumulation**.
#
# ## 8. Effective batch size and gradient accumulation
# We update the weights not after every micro-batch but after the gradients of `N` micro-batches are summed:
#
# **Effective batch size = micro-batch × accumulation steps × number of GPUs**
#
# Memory is paid per micro-batch, quality comes from the effective batch. The seed lesson's table
# (micro-batch 4 × 4 steps = 16) now comes from your profile:

# %%
# NBVAL_CHECK_OUTPUT
from course_lib.profiles import PROFILES

print(f"{_('profil', 'profile'):8s} {_('mikro-batch', 'micro-batch'):>12s} {_('yığım', 'accumulation'):>12s}"
      f" {_('effektiv', 'effective'):>10s} {_('token/addım', 'tokens/step'):>12s}")
for p in PROFILES.values():
    print(f"{p.name:8s} {p.micro_batch:12d} {p.grad_accum:12d} {p.effective_batch:10d} {p.tokens_per_step:12d}")

# %% md az
# ## 9. Tapşırıqlar
# Hər tapşırıqda funksiyanı yazın (`raise NotImplementedError` sətrini silin) və xananı işə salın. Yoxlama
# funksiyanızı bir neçə hal üzərində sınayır və ilk səhvi izah edir — cavabı göstərmir.
#
# Yoxlama uğursuz olanda əvvəlcə istiqamət verən məsləhət görünür; üç uğursuz cəhddən sonra daha ətraflı
# məsləhət gəlir, `check("day04.weight_bytes", solution=True)` isə kursun həllini göstərir (hər tapşırığın öz adı ilə).
#
# **Tapşırıq 1.** `n_params` parametrin `dtype` ("fp32", "fp16", "bf16", "int8") ilə neçə bayt tutduğunu qaytarın.

# %% md en
# ## 9. Exercises
# In each exercise write the function (delete the `raise NotImplementedError` line) and run the cell. The check
# tries your function on several cases and explains the first mistake — it does not show the answer.
#
# When a check fails you first get a nudge; after three failed tries a stronger hint follows, and
# `check("day04.weight_bytes", solution=True)` shows the course's code (each exercise by its own name).
#
# **Exercise 1.** Return how many bytes `n_params` parameters take in `dtype` ("fp32", "fp16", "bf16", "int8").

# %%
def weight_bytes_exercise(n_params: int, dtype: str) -> int:
    # az: Sizin kodunuz burada
    # en: Your code here
    raise NotImplementedError


check("day04.weight_bytes", weight_bytes_exercise)

# %% md az
# **Tapşırıq 2.** AdamW ilə qarışıq dəqiqlikli təlimdə çəkilər + qradiyentlər + optimallaşdırıcı vəziyyətləri neçə
# bayt tutur? (7-ci bölməyə baxın.)

# %% md en
# **Exercise 2.** In mixed-precision training with AdamW, how many bytes do weights + gradients + optimizer states
# take? (See section 7.)

# %%
def adamw_bytes_exercise(n_params: int) -> int:
    # az: Sizin kodunuz burada
    # en: Your code here
    raise NotImplementedError


check("day04.adamw_bytes", adamw_bytes_exercise)

# %% md az
# **Tapşırıq 3.** Compute capability verilib (məsələn, `(7, 5)`; GPU yoxdursa, `None`). Təlim üçün hansı dəqiqliyi
# seçərdiniz: "bf16", "fp16" və ya "fp32"?

# %% md en
# **Exercise 3.** Given a compute capability (e.g. `(7, 5)`; `None` without a GPU), which precision would you train
# in: "bf16", "fp16" or "fp32"?

# %%
def pick_dtype_exercise(capability):
    # az: Sizin kodunuz burada
    # en: Your code here
    raise NotImplementedError


check("day04.pick_dtype", pick_dtype_exercise)

# %% md az
# **Tapşırıq 4.** Effektiv Batch Size-ı hesablayın: mikro-batch, yığım addımları və GPU sayı verilib.

# %% md en
# **Exercise 4.** Compute the effective batch size from the micro-batch, the accumulation steps and the GPU count.

# %%
def effective_batch_exercise(micro_batch: int, accumulation_steps: int, n_gpus: int) -> int:
    # az: Sizin kodunuz burada
    # en: Your code here
    raise NotImplementedError


check("day04.effective_batch", effective_batch_exercise)

# %% md az
# ## Xülasə
# - GPU matris vurmasını paralel aparır; sürəti öz kompüterinizdə ölçdük.
# - PyTorch-u **pip** ilə quraşdırırıq (conda-nın `pytorch` kanalı köhnəlib); yalnız NVIDIA sürücüsü lazımdır.
#   Windows-da GPU üçün CUDA wheel-i `download.pytorch.org/whl/cu126`-dan gəlir; `doctor` torch GPU-dan istifadə
#   edə bilməyəndə xəbər verir və problemi düzəldən əmri yazır.
# - bf16 yalnız compute capability ≥ 8.0 olanda aparat səviyyəsində dəstəklənir; T4-də `is_bf16_supported()`
#   aldadır → fp16.
# - Təlimdə çəkilər + qradiyentlər + AdamW = **16 bayt/parametr**, fp16-da da; fp16-nın əsas qazancı sürətdir,
#   yaddaşa isə kiçik mikro-batch + Qradiyent Yığımı qənaət edir.
# - Effektiv Batch Size = mikro-batch × yığım × GPU sayı.
#
# **İndi `course_lib`-də:** `device` (`detect`, `describe`, `best_precision`), `profiles` (`get_profile`),
# `memory` (`gpt_param_count`, `training_budget`), `doctor` (`python -m course_lib.doctor`, `torch_build_checks`).
#
# **Növbəti gün:** [Gün 17 — GPT modeli](day17_gpt_model.ipynb)

# %% md en
# ## Summary
# - A GPU multiplies matrices in parallel; we measured the speed on your own computer.
# - We install PyTorch with **pip** (conda's `pytorch` channel is deprecated); only the NVIDIA driver is needed.
#   On Windows the CUDA wheel for the GPU comes from `download.pytorch.org/whl/cu126`; `doctor` says when torch
#   cannot use the GPU, with the command that fixes it.
# - bf16 is native only from compute capability 8.0; on a T4 `is_bf16_supported()` misleads → fp16.
# - In training, weights + gradients + AdamW = **16 bytes/parameter**, in fp16 too; fp16's main gain is speed,
#   while a small micro-batch + gradient accumulation saves the memory.
# - Effective batch size = micro-batch × accumulation × number of GPUs.
#
# **Now in `course_lib`:** `device` (`detect`, `describe`, `best_precision`), `profiles` (`get_profile`),
# `memory` (`gpt_param_count`, `training_budget`), `doctor` (`python -m course_lib.doctor`, `torch_build_checks`).
#
# **Next day:** [Day 17 — the GPT model](day17_gpt_model.ipynb)
