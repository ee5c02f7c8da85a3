# %% md az
# # Gün 25 — accelerate: qarışıq dəqiqlik (fp16/bf16) və Qradiyent Yığımı
#
# {{BADGE}}
#
# Dünən optimallaşdırıcını (AdamW) və öyrənmə sürəti cədvəlini qurduq. Bu gün 4 GB-lıq GPU-da təlimin iki əsas
# alətini **Hugging Face `accelerate`** ilə birləşdiririk: **qarışıq dəqiqlik** (mixed precision: fp16 və ya bf16)
# və **Qradiyent Yığımı** (gradient accumulation). Köhnə dərsin `train_accelerate.py` faylını sətir-sətir
# düzəldirik: orada qradiyentlərin kəsilməsi (clipping) hər mikro-addımda aparılır — fp32-də bu, yanlış qradiyent
# verir, fp16-da isə təlimi xəta ilə dayandırır. Hər iddianı rəqəmlərlə sübut edirik.
#
# **Məqsədlər**
# - `Accelerator(mixed_precision=..., gradient_accumulation_steps=...)`-ın hər arqumentini başa düşmək; fp16 və
#   bf16 arasında seçimi GPU-nun compute capability-sinə görə etmək;
# - `accelerator.accumulate` və `accelerator.backward`-ın nə etdiyini bilmək (itkini bir daha bölməmək!);
# - kəsməni yalnız `if accelerator.sync_gradients:` altında aparmaq və bunun səbəbini ölçməklə göstərmək;
# - 4 × 4 mikro-batch-in bir 16-lıq batch ilə eyni qradiyenti verdiyini rəqəmlə yoxlamaq;
# - scheduler addımlarını optimallaşdırıcı addımları ilə saymaq;
# - `course_lib.train.Trainer` ilə qısa, real təlim aparmaq və `accelerate launch` ilə bir neçə proses işə salmaq.
#
# **Təxmini vaxt:** 60 dəqiqə (kodun icrası: `cpu` profilində, bir CPU nüvəsində ~2 dəqiqə) · **Tələblər:** Gün 4
# (dəqiqliklər, Effektiv Batch Size), Gün 22 (`get_batch`), Gün 23–24 (təlim addımı, AdamW, cədvəl).

# %% md en
# # Day 25 — accelerate: mixed precision and gradient accumulation
#
# {{BADGE}}
#
# Yesterday we set up the optimizer (AdamW) and the learning-rate schedule. Today we combine the two main tools of
# training on a 4 GB GPU with **Hugging Face `accelerate`**: **mixed precision** (fp16 or bf16) and **gradient
# accumulation**. We fix the original lesson's `train_accelerate.py` line by line: it clips the gradients at every
# micro-step — in fp32 that gives a wrong gradient, in fp16 it stops training with an error. Every claim is shown
# with numbers.
#
# **Objectives**
# - understand every argument of `Accelerator(mixed_precision=..., gradient_accumulation_steps=...)`; choose between
#   fp16 and bf16 from the GPU's compute capability;
# - know what `accelerator.accumulate` and `accelerator.backward` do (and never divide a second time!);
# - clip only under `if accelerator.sync_gradients:`, and measure why;
# - check numerically that 4 × 4 micro-batches give the gradient of one batch of 16;
# - count scheduler steps in optimizer steps;
# - a short real run with `course_lib.train.Trainer`, and several processes with `accelerate launch`.
#
# **Estimated time:** 60 minutes (running its code: ~2 min on the `cpu` profile, one CPU core) · **Prerequisites:**
# Day 4 (precisions, effective batch size), Day 22 (`get_batch`), Days 23–24 (the training step, AdamW, the
# schedule).

# %% md az
# ## 0. Hazırlıq
# Profil dəqiqliyi (`fp32`, `fp16`, `bf16`), mikro-batch-i və yığım sayını seçir.

# %% md en
# ## 0. Set-up
# The profile picks the precision (`fp32`, `fp16`, `bf16`), the micro-batch and the accumulation steps.

# %% setup

# %%
import copy
import inspect
import shlex
import sys
import tempfile
from pathlib import Path

import torch
from accelerate import Accelerator
from IPython.display import Image, display

from course_lib.budget import lesson_plan
from course_lib.cli import run_live
from course_lib.data import ensure_prepared, get_batch
from course_lib.device import DeviceInfo
from course_lib.messages import get_language, t
from course_lib.model import GPTModel
from course_lib.profiles import PROFILES, resolve_precision
from course_lib.schedule import lr_at, make_optimizer, make_scheduler
from course_lib.metrics import plot_metrics, read_metrics
from course_lib.train import MIXED_PRECISION, Trainer, make_accelerator, train_step

workdir = tempfile.TemporaryDirectory(prefix="day25_")
prepared = ensure_prepared(profile)
plan = lesson_plan("day25", profile)
print(_("dəqiqlik:", "precision:"), profile.precision, "→ accelerate mixed_precision =",
      repr(MIXED_PRECISION[profile.precision]))

# %% md az
# ## 1. Orijinal dərsdəki `train_accelerate.py`: nə düzdür, nə səhvdir
#
# | Orijinal dərsin kodu | Düzəliş |
# | :--- | :--- |
# | `Accelerator(mixed_precision='fp16', ...)` hər GPU üçün | fp16 yalnız Ampere-dən əvvəlki GPU-larda (T4, cc 7.5); compute capability ≥ 8.0 olanda (RTX 2050 daxil) **bf16** — itki miqyaslaması (loss scaling) lazım deyil. Profil bunu özü seçir. Köhnə məqalələrdəki `Accelerator(fp16=True)` isə artıq yoxdur (aşağıda). |
# | `accelerator.clip_grad_norm_(...)` hər mikro-addımda | yalnız `if accelerator.sync_gradients:` altında: fp32-də yarımçıq cəmi kəsir, fp16-da `unscale_() has already been called` xətası verir (§4–5). |
# | `accelerator.backward(loss)` | düzdür və **itkini yığım sayına özü bölür**. HF-in səmərəlilik bələdçisindəki kimi `loss = loss / accum` yazsanız, qradiyent ikinci dəfə bölünür. |
# | `total_steps = len(dl) * epochs // accum` | fikir düzdür: cədvəl **optimallaşdırıcı addımları** ilə sayılır (§6). |
# | `torch.load('train_data.pt')` + `TensorDataset` | Gün 22-nin memmap faylları və `get_batch`. |
# | `loss.item()` hər addımda çap | Trainer itkini addımın sonunda bir dəfə oxuyur və irəliləyiş zolağında göstərir. |
# | `accelerate launch train_accelerate.py` | `accelerate launch ... -m course_lib.train` (§9); bir GPU-da sadəcə `python -m course_lib.train`. |
#
# Düzəldilmiş dövr `course_lib.train.train_step`-dədir — kursun **yeganə** təlim dövrü. Onu oxuyaq:

# %% md en
# ## 1. The seed's `train_accelerate.py`: what is right, what is wrong
#
# | Seed code | Correction |
# | :--- | :--- |
# | `Accelerator(mixed_precision='fp16', ...)` for every GPU | fp16 only on pre-Ampere GPUs (T4, cc 7.5); from compute capability 8.0 (the RTX 2050 included) **bf16** — no loss scaling needed. The profile picks it. The `Accelerator(fp16=True)` of older articles no longer exists (below). |
# | `accelerator.clip_grad_norm_(...)` at every micro-step | only under `if accelerator.sync_gradients:`: in fp32 it clips a partial sum, in fp16 it raises `unscale_() has already been called` (§4–5). |
# | `accelerator.backward(loss)` | right, and it **divides the loss by the accumulation steps itself**. Writing `loss = loss / accum` as in HF's efficiency guide divides the gradient a second time. |
# | `total_steps = len(dl) * epochs // accum` | the idea is right: the schedule counts **optimizer steps** (§6). |
# | `torch.load('train_data.pt')` + `TensorDataset` | Day 22's memmap files and `get_batch`. |
# | `loss.item()` printed every step | the Trainer reads the loss once at the end of a step and shows it in the progress bar. |
# | `accelerate launch train_accelerate.py` | `accelerate launch ... -m course_lib.train` (§9); on one GPU simply `python -m course_lib.train`. |
#
# The corrected loop is `course_lib.train.train_step` — the course's **only** training loop. Let us read it:

# %%
print(inspect.getsource(train_step))

# %% md az
# Sətir-sətir:
# - `for _ in range(n_micro)`: bir optimallaşdırıcı addımı = `gradient_accumulation_steps` mikro-batch.
# - `with accelerator.accumulate(model)`: accelerate mikro-addımları sayır və `accelerator.sync_gradients`-i yalnız
#   sonuncuda `True` edir; bir neçə GPU-da əvvəlki mikro-addımlarda qradiyentlərin sinxronlaşdırılmasını (DDP
#   all-reduce) da söndürür.
# - `accelerator.backward(loss)`: itkini `gradient_accumulation_steps`-ə bölür, fp16-da GradScaler ilə
#   böyüdür (`torch.amp.GradScaler`), sonra `backward()` çağırır. Qradiyentlər `.grad`-da **toplanır**.
# - `if accelerator.sync_gradients:` — kəsmə yalnız bir dəfə, tam cəm hazır olanda; fp16-da
#   `clip_grad_norm_` əvvəlcə qradiyentləri geri bölür (unscale).
# - `optimizer.step()`, `scheduler.step()`, `optimizer.zero_grad()`: hazırlanmış (prepared) obyektlər bunları
#   yalnız `sync_gradients` `True` olanda icra edir, qalan mikro-addımlarda isə heç nə etmir.
# - NaN/sonsuz itki `backward`-dan **əvvəl** tutulur: çəkilər korlanmır.
#
# Köhnə API artıq yoxdur:

# %% md en
# Line by line:
# - `for _ in range(n_micro)`: one optimizer step = `gradient_accumulation_steps` micro-batches.
# - `with accelerator.accumulate(model)`: accelerate counts the micro-steps and sets `accelerator.sync_gradients`
#   to `True` only at the last one; on several GPUs it also skips the gradient synchronisation (DDP all-reduce) of
#   the earlier micro-steps.
# - `accelerator.backward(loss)`: divides the loss by `gradient_accumulation_steps`, scales it up with the
#   GradScaler in fp16 (`torch.amp.GradScaler`), then `backward()`. The gradients **add up** in `.grad`.
# - `if accelerator.sync_gradients:` — clip once, when the whole sum is ready; in fp16 `clip_grad_norm_` first
#   divides the scale back out (unscale).
# - `optimizer.step()`, `scheduler.step()`, `optimizer.zero_grad()`: the prepared objects do these only when
#   `sync_gradients` is set and do nothing at the other micro-steps.
# - A NaN/inf loss is caught **before** `backward`: the weights are not damaged.
#
# The old API is gone:

# %%
# NBVAL_CHECK_OUTPUT
try:
    Accelerator(fp16=True)
except TypeError as error:
    print("TypeError:", error)

# %% md az
# ## 2. fp16, bf16 və ya fp32: profil seçir
# **fp16**-nın diapazonu kiçikdir (ən böyük ədəd 65 504, kiçik qradiyentlər sıfıra "düşür"), ona görə də
# `torch.amp.GradScaler` itkini böyüdüb qradiyentləri geri bölür. **bf16**-nın diapazonu fp32-ninki ilə eynidir —
# scaler lazım deyil, amma onu yalnız compute capability ≥ 8.0 olan kartlar (Ampere: RTX 30xx, RTX 2050, A100)
# aparat səviyyəsində dəstəkləyir. T4 (7.5) bf16-nı yalnız emulyasiya edir. CPU-da profil fp32 seçir (accelerate
# CPU-da bf16 autocast işlədə bilər, fp16-nı isə yox — aşağıda). Orijinal dərsin cədvəli (mikro-batch 4 × 4
# addım = effektiv 16) profillərdə belə görünür:

# %% md en
# ## 2. fp16, bf16 or fp32: the profile decides
# **fp16** has a small range (largest number 65,504; small gradients "fall" to zero), so `torch.amp.GradScaler`
# scales the loss up and the gradients back down. **bf16** has the range of fp32 — no scaler needed — but only
# compute capability ≥ 8.0 (Ampere: RTX 30xx, RTX 2050, A100) runs it natively. A T4 (7.5) only emulates bf16. On
# a CPU the profile picks fp32 (accelerate can run bf16 autocast on a CPU, but not fp16 — below). The seed's table (micro-batch 4 × 4 steps = effective 16) from the profiles:

# %%
# NBVAL_CHECK_OUTPUT
devices = {
    "CPU": DeviceInfo("cpu", "CPU"),
    "T4 (cc 7.5)": DeviceInfo("cuda", "Tesla T4", (7, 5)),
    "RTX 2050 (cc 8.6)": DeviceInfo("cuda", "GeForce RTX 2050", (8, 6)),
}
header = _("profil", "profile")
print(f"{header:<8} {'micro × accum = effective':>26} {_('token/addım', 'tokens/step'):>12}  "
      + "  ".join(f"{name:>17}" for name in devices))
for name, p in PROFILES.items():
    batch = f"{p.micro_batch} × {p.grad_accum} = {p.effective_batch}"
    precisions = "  ".join(f"{resolve_precision(p.precision, info):>17}" for info in devices.values())
    print(f"{name:<8} {batch:>26} {p.tokens_per_step:>12,}  {precisions}")

# %% md az
# accelerate CPU-da fp16-nı **səssizcə** nəzərə almır: `mixed_precision="fp16"` yazılı qalır, amma nə autocast,
# nə də GradScaler işləyir. `make_accelerator` bu barədə xəbərdarlıq edir; əslində nəyin işlədiyini matris
# vurmasının dtype-ından görürük:

# %% md en
# accelerate **silently** ignores fp16 on a CPU: `mixed_precision="fp16"` stays written, but no autocast and no
# GradScaler run. `make_accelerator` says so; what really runs shows in the dtype of a matrix product:

# %%
for precision in ("fp32", "fp16", "bf16"):
    accelerator = make_accelerator(precision)
    a = torch.randn(8, 8, device=accelerator.device)
    with accelerator.autocast():
        product = a @ a
    print(f"{precision}: mixed_precision={accelerator.mixed_precision!r} native_amp={accelerator.native_amp} "
          f"scaler={type(accelerator.scaler).__name__} → {accelerator.device.type} matmul {product.dtype}")

# %% md az
# ## 3. 4 mikro-batch × 4 = bir 16-lıq batch
# Qradiyent Yığımının vədi: kiçik batch-lərin qradiyentlərini toplayıb böyük batch-in qradiyentini almaq. Yoxlayaq
# (fp32, kiçik model): bir tərəfdə 16 ardıcıllıqdan ibarət bir batch-in qradiyenti, digər tərəfdə kitabxananın
# `train_step`-i, `gradient_accumulation_steps=4` və 4-lük mikro-batch-lərlə. Optimallaşdırıcının `step`-inə
# bağlanan qarmaq (hook) onun **tətbiq etdiyi** qradiyentin surətini götürür.

# %% md en
# ## 3. 4 micro-batches × 4 = one batch of 16
# The promise of gradient accumulation: add up the gradients of small batches and get the gradient of a big one.
# Let us check (fp32, a small model): on one side the gradient of one batch of 16 sequences, on the other the
# library's `train_step` with `gradient_accumulation_steps=4` and micro-batches of 4. A hook on the optimizer's
# `step` keeps a copy of the gradient it **applies**.

# %%
torch.manual_seed(0)
base = GPTModel(vocab_size=prepared.vocab_size, block_size=32, n_layer=2, n_head=2, n_embd=64)
x16, y16 = get_batch(prepared.train, 16, 32, generator=torch.Generator().manual_seed(1))


def flat_grad(parameters) -> torch.Tensor:
    """All gradients as one flat vector (on the CPU)."""
    return torch.cat([p.grad.flatten().cpu() for p in parameters])


def prepared_copy(accelerator):
    """A fresh copy of ``base`` with SGD (lr 0) and a constant schedule, prepared; and the list of applied grads."""
    model = copy.deepcopy(base)
    # az: lr 0: yalnız qradiyentə baxırıq
    # en: lr 0: we only look at the gradient
    optimizer = torch.optim.SGD(model.parameters(), lr=0.0)
    applied = []
    optimizer.register_step_pre_hook(lambda opt, args, kwargs: applied.append(flat_grad(model.parameters())))
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: 1.0)
    return (*accelerator.prepare(model, optimizer, scheduler), applied)


def micro_batches(accelerator, size: int = 4):
    """``next_batch`` for train_step: the batch of 16 in slices of ``size``."""
    slices = iter([(x16[i:i + size].to(accelerator.device), y16[i:i + size].to(accelerator.device))
                   for i in range(0, 16, size)])
    return lambda: next(slices)


full = copy.deepcopy(base)
full_loss = full(x16, y16)[1]
full_loss.backward()
full_grad = flat_grad(full.parameters())

accelerator = make_accelerator("fp32", grad_accum=4)
model, optimizer, scheduler, applied = prepared_copy(accelerator)
loss, norm = train_step(accelerator, model, optimizer, scheduler, micro_batches(accelerator), float("inf"))
print(_("optimallaşdırıcı addımları:", "optimizer steps:"), len(applied))
print(f"{_('itki', 'loss')}: {_('bir batch', 'one batch')} {full_loss.item():.6f} | 4 × 4 {loss:.6f}")
print(_("qradiyentlərin ən böyük mütləq fərqi:", "max abs difference of the gradients:"),
      f"{(applied[0] - full_grad).abs().max().item():.1e}",
      f"({_('qradiyentin ən böyük elementi', 'largest gradient element')} {full_grad.abs().max().item():.1e})")

# %% md az
# Fərq yalnız float yuvarlaqlaşdırmasından irəli gəlir (~1e-8): toplama sırası fərqlidir, riyaziyyat eynidir.
# Diqqət: bu, `accelerator.backward`-ın itkini 4-ə **özü** böldüyü üçün doğrudur. HF-in səmərəlilik bələdçisindəki kimi
# `loss / accum` da yazsaydıq, qradiyent 4 dəfə (1/yığım) kiçik olardı (Tapşırıq 2 bunu yoxlayır).
#
# ## 4. Orijinal dərsin səhvi (fp32): kəsmə yarımçıq cəmə tətbiq olunur
# Orijinal dərs `clip_grad_norm_`-u hər `backward`-dan sonra çağırır. Birinci mikro-addımda `.grad`-da cəmin yalnız
# dörddə biri var; norma həddən böyükdürsə, o yarımçıq cəm kiçildilir, sonra üstünə növbəti hissələr əlavə olunur.
# Son nəticə nə "bir batch, bir dəfə kəsilmiş" qradiyentdir, nə də başqa məntiqli bir şey. Həddi tam qradiyentin
# normasının dörddə biri seçək ki, kəsmə həqiqətən işləsin:

# %% md en
# The difference is only float rounding (~1e-8): the order of the additions differs, the maths is the same. Note:
# this holds because `accelerator.backward` divides the loss by 4 **itself**. Had we also written `loss / accum` as
# in HF's efficiency guide, the gradient would be 4 times (1/accumulation) too small (Exercise 2 checks this).
#
# ## 4. The seed's mistake (fp32): clipping a partial sum
# The seed calls `clip_grad_norm_` after every `backward`. At the first micro-step `.grad` holds only a quarter of
# the sum; if its norm is above the limit, that partial sum is shrunk, then the next parts are added on top. The
# result is neither "one batch, clipped once" nor anything else meaningful. Let us set the limit to a quarter of
# the norm of the full gradient so that clipping really happens:


# %%
def seed_step(accelerator, model, optimizer, scheduler, next_batch, max_norm: float) -> None:
    """The seed's loop body for one optimizer step: clip_grad_norm_ after EVERY backward (the mistake)."""
    for _micro in range(accelerator.gradient_accumulation_steps):
        x, y = next_batch()
        with accelerator.accumulate(model):
            _logits, loss = model(x, y)
            accelerator.backward(loss)
            # az: sync_gradients yoxlaması yoxdur!
            # en: no sync_gradients guard!
            accelerator.clip_grad_norm_(model.parameters(), max_norm)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()


max_norm = full_grad.norm().item() / 4
# az: bir batch, bir dəfə kəsilmiş
# en: one batch, clipped once
truth = full_grad * max_norm / (full_grad.norm() + 1e-6)

results = {}
for name, step_fn in [("train_step", train_step), ("seed", seed_step)]:
    accelerator = make_accelerator("fp32", grad_accum=4)
    model, optimizer, scheduler, applied = prepared_copy(accelerator)
    step_fn(accelerator, model, optimizer, scheduler, micro_batches(accelerator), max_norm)
    results[name] = applied[0]
    print(f"{name:>10}: {_('norma', 'norm')} {applied[0].norm().item():.4f} "
          f"({_('hədd', 'limit')} {max_norm:.4f}) | {_('düzgündən ən böyük fərq', 'max difference from the truth')} "
          f"{(applied[0] - truth).abs().max().item():.1e}")

# %% md az
# `sync_gradients` yoxlaması ilə kəsmə düzgün qradiyenti verir (fərq float yuvarlaqlaşdırması səviyyəsindədir),
# orijinal dərsinki isə başqa bir vektordur: əvvəlki yarımçıq cəmlər kiçildildiyi üçün son mikro-batch-lər ona
# daha çox təsir edir.
#
# ## 5. Orijinal dərsin səhvi (fp16): `unscale_()` ikinci dəfə
# fp16-da `clip_grad_norm_` əvvəlcə `GradScaler.unscale_()` çağırır. Scaler hər optimallaşdırıcı addımında
# (`scaler.update()`-ə qədər) yalnız **bir** unscale-ə icazə verir. Yığım zamanı ikinci mikro-addımda `update()`
# hələ çağırılmayıb — PyTorch xəta verir. Bu yalnız CUDA-da baş verir (GradScaler yalnız orada işləyir):

# %% md en
# The guarded clip gives the right gradient (the difference is at the level of float rounding); the seed's is
# another vector: the early partial sums were shrunk, so the last micro-batches weigh more in it.
#
# ## 5. The seed's mistake (fp16): `unscale_()` a second time
# In fp16 `clip_grad_norm_` first calls `GradScaler.unscale_()`. The scaler allows only **one** unscale per
# optimizer step (until `scaler.update()`). During accumulation `update()` has not happened yet at the second
# micro-step — PyTorch raises an error. This only happens on CUDA (where the GradScaler runs):

# %%
if torch.cuda.is_available():
    accelerator = make_accelerator("fp16", grad_accum=4)
    model, optimizer, scheduler, applied = prepared_copy(accelerator)
    try:
        seed_step(accelerator, model, optimizer, scheduler, micro_batches(accelerator), max_norm)
        print(t("day25_unscale_not_raised", n=4))
    except RuntimeError as error:
        print(t("day25_unscale_caught", micro=accelerator.step, error=error))
    accelerator = make_accelerator("fp16", grad_accum=4)
    model, optimizer, scheduler, applied = prepared_copy(accelerator)
    train_step(accelerator, model, optimizer, scheduler, micro_batches(accelerator), max_norm)
    print("train_step (fp16):", _("xətasız", "no error"), "| GradScaler scale", accelerator.scaler.get_scale(),
          "| optimizer_step_was_skipped", accelerator.optimizer_step_was_skipped)
else:
    print(t("day25_unscale_skipped"))

# %% md az
# ## 6. Scheduler optimallaşdırıcı addımları ilə sayılır
# `train_step` `scheduler.step()`-i hər mikro-batch-də çağırır, amma hazırlanmış scheduler yalnız optimallaşdırıcı
# addım atanda irəliləyir. 3 addım × 4 mikro-batch = 12 çağırışı sayaq (kursun real AdamW-si və warmup + kosinus
# cədvəli ilə):

# %% md en
# ## 6. The scheduler counts optimizer steps
# `train_step` calls `scheduler.step()` at every micro-batch, but the prepared scheduler only moves when the
# optimizer steps. Let us count 3 steps × 4 micro-batches = 12 calls (with the course's real AdamW and warmup +
# cosine schedule):

# %%
accelerator = make_accelerator("fp32", grad_accum=4)
model = copy.deepcopy(base).to(accelerator.device)
optimizer = make_optimizer(model, lr=1e-3)
scheduler = make_scheduler(optimizer, warmup_steps=10, total_steps=100)
counts = {"optimizer.step": 0, "scheduler.step": 0}


def count_optimizer_step(opt, args, kwargs):
    counts["optimizer.step"] += 1


optimizer.register_step_post_hook(count_optimizer_step)
model, optimizer, scheduler = accelerator.prepare(model, optimizer, scheduler)
real_scheduler_step = scheduler.step


def counted_scheduler_step(*args, **kwargs):
    counts["scheduler.step"] += 1
    real_scheduler_step(*args, **kwargs)


scheduler.step = counted_scheduler_step
for _step in range(3):
    train_step(accelerator, model, optimizer, scheduler, micro_batches(accelerator))
print(_("mikro-batch-lər:", "micro-batches:"), 3 * accelerator.gradient_accumulation_steps)
print(_("scheduler.step() çağırışları:", "scheduler.step() calls:"), counts["scheduler.step"])
print(_("real optimallaşdırıcı addımları:", "real optimizer steps:"), counts["optimizer.step"])
print(_("scheduler-in addımı (last_epoch):", "the scheduler's step (last_epoch):"), scheduler.scheduler.last_epoch)
print(f"lr = {scheduler.get_last_lr()[0]:.1e} = lr_at(3) {lr_at(3, 1e-3, 10, 100):.1e}; "
      f"{_('mikro-batch-lə saysaydıq', 'counted per micro-batch')}: lr_at(12) = {lr_at(12, 1e-3, 10, 100):.1e}")

# %% md az
# Deməli, cədvəlin uzunluğu (`total_steps`) **optimallaşdırıcı addımları** ilə verilir. Scheduler-i mikro-batch-lərlə
# saysaydıq, warmup 4 dəfə tez bitərdi və kosinus təlimin dörddə birində sıfıra düşərdi.
#
# ## 7. Yaddaş effektiv batch-dən yox, mikro-batch-dən asılıdır
# Geri yayılma üçün saxlanılan aktivasiyaları `torch.autograd.graph.saved_tensors_hooks` ilə ölçək: bir forward
# 4 ardıcıllıqla, bir də 16 ilə. Yığımla 4 × 4 işlədəndə yaddaşda hər an yalnız 4 ardıcıllığın aktivasiyaları
# olur. Sonuncu sətir: eyni 4-lük batch bf16 autocast ilə (CPU-da da işləyir): matris vurmalarının girişləri 16
# bitdə saxlanılır, softmax, LayerNorm və itki isə fp32-də qalır — qənaət qismən olur (real modeldə Gün 26-da
# ölçəcəyik).

# %% md en
# So the schedule's length (`total_steps`) is given in **optimizer steps**. Counting the scheduler per micro-batch
# would end the warmup 4 times too early and bring the cosine to zero a quarter of the way through training.
#
# ## 7. Memory depends on the micro-batch, not on the effective batch
# Let us measure the activations kept for the backward pass with `torch.autograd.graph.saved_tensors_hooks`: one
# forward with 4 sequences, one with 16. With 4 × 4 accumulation only the activations of 4 are in memory at a time.
# The last line: the same batch of 4 under bf16 autocast (it runs on a CPU too): the inputs of the matrix products
# are kept in 16 bits, while softmax, LayerNorm and the loss stay in fp32 — the saving is partial (Day 26 measures
# it on the real model).


# %%
from course_lib.bench import saved_tensor_bytes  # az: Gün 26-nın ölçmə aləti


def saved_mib(model, x, y) -> float:
    """MiB of tensors autograd keeps for the backward pass of one forward (the weights themselves not counted)."""
    return saved_tensor_bytes(lambda: model(x, y), model.parameters())[1] / 2**20


for size in (4, 16):
    print(f"batch {size:>2}, fp32:          {saved_mib(copy.deepcopy(base), x16[:size], y16[:size]):6.2f} MiB "
          f"{_('aktivasiya', 'of activations')}")
with torch.amp.autocast("cpu", dtype=torch.bfloat16):
    print(f"batch  4, bf16 autocast: {saved_mib(copy.deepcopy(base), x16[:4], y16[:4]):6.2f} MiB "
          f"{_('aktivasiya', 'of activations')}")

# %% md az
# ## 8. Qısa, real təlim: `Trainer`
# `Trainer` profilin bütün ayarları ilə `train_step`-i addım-addım işlədir: irəliləyiş zolağı (itki, lr,
# token/s, yaddaş), metrics.jsonl, validasiya (Gün 27) və checkpoint-lər (Gün 28). Addımların sayı
# `plan["trainer"]`-dədir: profilin `max_steps`-i, amma dərsdə ən çoxu 200 (qısa sınaqda bir neçə addım) — xana
# profilin hədəf cihazında 5 dəqiqəyə sığır. Profilin tam təlimi təlim əmrinin işidir (§9-dakı
# `python -m course_lib.train`). Sonda `trainer.close()` modeli və optimallaşdırıcını yaddaşdan azad edir.
#
# ⏱ `cpu` profilində ~80 saniyə (bir CPU nüvəsində ölçülüb); irəliləyiş zolağı sizin kompüterinizdə qalan vaxtı
# göstərir.

# %% md en
# ## 8. A short real run: `Trainer`
# `Trainer` runs `train_step` step after step with all of the profile's settings: a progress bar (loss, lr,
# tokens/s, memory), metrics.jsonl, validation (Day 27) and checkpoints (Day 28). The number of steps is in
# `plan["trainer"]`: the profile's `max_steps`, but at most 200 in a lesson (a few in a smoke run) — the cell fits in
# 5 minutes on the profile's target device. The profile's full run is the train command's job
# (`python -m course_lib.train`, §9). At the end `trainer.close()` frees the model and the optimizer.
#
# ⏱ ~80 s on the `cpu` profile (measured on one CPU core); the progress bar shows the time left on your machine.

# %%
torch.manual_seed(0)
model = GPTModel(vocab_size=prepared.vocab_size, **profile.model_kwargs())
run_dir = Path(workdir.name) / "run"
trainer = Trainer(model, {"train": prepared.train, "val": prepared.val}, profile, run_dir,
                  schedule_steps=plan["trainer"].steps)
del model
trainer.fit()
records = read_metrics(run_dir)
print(_("addım", "step"), records[0]["step"], f"{_('itki', 'loss')} {records[0]['loss']:.3f} →", _("addım", "step"),
      records[-1]["step"], f"{_('itki', 'loss')} {records[-1]['loss']:.3f} | mixed_precision={trainer.accelerator.mixed_precision!r}"
      f" | {records[-1]['tokens_per_s']:,.0f} token/s")
display(Image(str(plot_metrics(run_dir))))
trainer.close()

# %% md az
# ## 9. `accelerate launch`: bir neçə proses
# `course_lib.train` `accelerate launch` (və `torchrun`) altında da işləyir: hər addımın batch-ini bütün proseslər
# eyni cür seçir, hər proses isə ondan öz sətirlərini götürür; qradiyentlər yalnız yığımın sonunda ortalanaraq
# birləşdirilir (all-reduce). Beləliklə, P proses modeli P dəfə böyük mikro-batch-lə işləyən bir prosesin
# öyrədəcəyi kimi eynilə öyrədir (`tests/test_train.py` iki CPU prosesini bir proseslə müqayisə edir). Ona görə də
#
# **Effektiv Batch Size = mikro-batch × yığım × proses (GPU) sayı.**
#
# Hazırlanmış scheduler-in proses sayından asılı olmayaraq hər optimallaşdırıcı addımında bir dəfə irəliləməsi
# üçün kitabxana `split_batches=True` ilə işləyir. Dəqiqliyi də profil seçir (`make_accelerator`). GPU-ların sayı N
# olanda əmr: `accelerate launch --multi_gpu --num_processes N -m course_lib.train --profile ...`. GPU olmadan
# eyni yolu CPU prosesləri (gloo) ilə sınamaq olar — aşağıdakı xana məhz bunu edir (qısa sınaqda yalnız əmri
# göstərir):
#
# ⏱ `cpu` profilində ~30 saniyə (bir CPU nüvəsində ölçülüb); irəliləyiş zolağı sizin kompüterinizdə qalan vaxtı
# göstərir.

# %% md en
# ## 9. `accelerate launch`: several processes
# `course_lib.train` also runs under `accelerate launch` (and `torchrun`): every process draws the same batch of each
# step and keeps its own rows, and the gradients are averaged across processes (all-reduce) only at the end of the
# accumulation. So P processes train exactly what one process with a P times larger micro-batch would
# (`tests/test_train.py` compares two CPU processes with one). Hence
#
# **effective batch size = micro-batch × accumulation × number of processes (GPUs).**
#
# The library uses `split_batches=True` so that the prepared scheduler moves once per optimizer step whatever the
# number of processes. The profile picks the precision too (`make_accelerator`). With N GPUs the command is
# `accelerate launch --multi_gpu --num_processes N -m course_lib.train --profile ...`. Without a GPU the same path
# can be tried with CPU processes (gloo) — the cell below does exactly that (a smoke run only shows the command):
#
# ⏱ ~30 s on the `cpu` profile (measured on one CPU core); the progress bar shows the time left on your machine.

# %%
for n in (1, 2, 4):
    effective = profile.micro_batch * profile.grad_accum * n
    print(f"{n} GPU: {profile.micro_batch} × {profile.grad_accum} × {n} = {effective:>3} "
          f"({effective * profile.block_size:,} {_('token/addım', 'tokens/step')})")

# %%
n_gpus = torch.cuda.device_count()
train_args = ["-m", "course_lib.train", "--profile", profile.name, "--max-steps", str(plan["launch"].steps),
              "--out-dir", str(Path(workdir.name) / "launch"), "--lang", get_language()]
if n_gpus == 0:
    launch_args = ["--multi_gpu", "--num_processes", "2", "--num_machines", "1", "--mixed_precision", "no",
                   "--dynamo_backend", "no"]
else:
    launch_args = ["--multi_gpu", "--num_processes", str(max(2, n_gpus)), "--num_machines", "1",
                   "--mixed_precision", MIXED_PRECISION[profile.precision], "--dynamo_backend", "no"]
print("$ " + shlex.join(["accelerate", "launch", *launch_args, *train_args]))
if n_gpus == 1:
    print(t("day25_launch_single_gpu"))
elif profile.smoke:
    print(t("day25_launch_smoke"))
else:
    run_live([sys.executable, "-m", "accelerate.commands.launch", *launch_args, *train_args])

# %% md az
# `--mixed_precision no` və `--dynamo_backend no` accelerate-in sual verməməsi və xəbərdarlıq etməməsi üçündür;
# həqiqi dəqiqliyi isə kursun `make_accelerator` funksiyası profilə görə təyin edir. İşə salanda plan sətrində
# "2 proses" və hər addımda iki dəfə çox token görürük. Nümunə sətirlərini yalnız əsas proses çap edir.
# (`tests/test_train.py` bu əmri hər dəfə iki CPU prosesi ilə sınayır.)
#
# **Diqqət, CPU-da:** `accelerate launch --cpu --num_processes 2` heç bir xəbərdarlıq etmədən **bir** proses işə
# salır. CPU-da `torchrun --standalone --nproc_per_node 2 -m course_lib.train --profile tiny` yazın (və ya
# yuxarıdakı kimi `--cpu`-suz `accelerate launch --multi_gpu`). Plan sətrindəki proses sayına baxın.
# **Bir neçə maşın:** hər maşında
# `torchrun --nnodes 2 --node_rank R --master_addr BİRİNCİ_MAŞININ_IP --master_port 29500 --nproc_per_node G -m
# course_lib.train --profile t4` (R: 0 birinci maşında, 1 ikincidə) və ya hər maşında bir dəfə `accelerate config`
# suallarını cavablandırıb `accelerate launch -m course_lib.train --profile t4` işə salın.
#
# ## 10. 4 GB-lıq GPU üçün niyə vacibdir?
# - **bf16/fp16** matris vurmalarının girişlərini 16 bitdə saxlayır (qənaəti §7-də ölçdük) və GPU-da matris
#   vurmalarını tensor nüvələrində işlədir (sürəti Gün 26-da ölçəcəyik); RTX 2050-də (cc 8.6) GradScaler-siz bf16
#   işlədilir.
# - **Qradiyent Yığımı** əsas modelin effektiv batch-ini 16-ya çatdırır, yaddaşda isə hər an yalnız 4
#   ardıcıllığın aktivasiyaları olur (§7).
# - **`sync_gradients` yoxlaması** olmadan kəsmə fp16 təlimini ikinci mikro-addımda dayandırır, fp32-də isə
#   səssizcə yanlış qradiyent tətbiq olunur.

# %% md en
# `--mixed_precision no` and `--dynamo_backend no` keep accelerate from asking questions and warning; the real
# precision is set by the course's `make_accelerator` from the profile. When it runs, the plan line shows "2 process(es)" and
# twice the tokens per step. Only the main process prints the sample lines. (`tests/test_train.py` runs this
# command with two CPU processes every time.)
#
# **Careful on a CPU:** `accelerate launch --cpu --num_processes 2` starts **one** process without a word. On a CPU
# type `torchrun --standalone --nproc_per_node 2 -m course_lib.train --profile tiny` (or `accelerate launch
# --multi_gpu` without `--cpu`, as above), and look at the number of processes in the plan line. **Several
# machines:** on each machine `torchrun --nnodes 2 --node_rank R --master_addr FIRST_MACHINE_IP --master_port 29500
# --nproc_per_node G -m course_lib.train --profile t4` (R: 0 on the first machine, 1 on the second), or answer
# `accelerate config` once per machine and run `accelerate launch -m course_lib.train --profile t4`.
#
# ## 10. Why it matters for a 4 GB GPU
# - **bf16/fp16** keeps the inputs of the matrix products in 16 bits (§7 measured the saving) and on a GPU runs the matrix products on
#   tensor cores (Day 26 measures the speed); on an RTX 2050 (cc 8.6) bf16 — no GradScaler.
# - **Gradient accumulation** brings the seed model's effective batch to 16 while only the activations of 4
#   sequences are in memory at a time (§7).
# - Without the **guarded clip** fp16 training stops at the second micro-step, and fp32 silently applies a wrong
#   gradient.

# %% md az
# ## 11. Tapşırıqlar
# Hər tapşırıqda funksiyanı yazın (`raise NotImplementedError` sətrini silin) və xananı işə salın.
#
# Yoxlama uğursuz olanda əvvəlcə istiqamət verən məsləhət görünür; üç uğursuz cəhddən sonra daha ətraflı
# məsləhət gəlir, `check("day25.grad_accum_for", solution=True)` isə kursun həllini göstərir (hər tapşırığın öz
# adı ilə).
#
# **Tapşırıq 1.** Hədəf effektiv batch (`target_batch` ardıcıllıq), mikro-batch və GPU sayı verilib. Hədəfə
# çatmaq üçün ən az neçə yığım addımı lazımdır? (Tam ədəd, ən azı 1.)

# %% md en
# ## 11. Exercises
# In each exercise write the function (delete the `raise NotImplementedError` line) and run the cell.
#
# When a check fails you first get a nudge; after three failed tries a stronger hint follows, and
# `check("day25.grad_accum_for", solution=True)` shows the course's code (each exercise by its own name).
#
# **Exercise 1.** Given a target effective batch (`target_batch` sequences), the micro-batch and the number of
# GPUs: how many accumulation steps at least reach the target? (A whole number, at least 1.)

# %%
def grad_accum_for_exercise(target_batch: int, micro_batch: int, n_gpus: int) -> int:
    # az: Sizin kodunuz burada
    # en: Your code here
    raise NotImplementedError


check("day25.grad_accum_for", grad_accum_for_exercise)

# %% md az
# **Tapşırıq 2.** `micro_grads` — hər mikro-batch-in **öz orta itkisinin** qradiyenti (eyni ölçülü tensorlar).
# `train_step`-in optimallaşdırıcıya verdiyi qradiyenti qaytarın: `accelerator.backward` hər birini mikro-batch
# sayına bölüb toplayır, sonra `sync_gradients` olanda norma bir dəfə `max_norm`-a kəsilir
# (`clip_grad_norm_`: əmsal `min(1, max_norm / (norm + 1e-6))`).

# %% md en
# **Exercise 2.** `micro_grads` holds the gradient of each micro-batch's **own mean loss** (tensors of one shape).
# Return the gradient `train_step` hands to the optimizer: `accelerator.backward` divides each by the number of
# micro-batches and adds them up, then, when `sync_gradients` is set, the norm is clipped to `max_norm` once
# (`clip_grad_norm_`: factor `min(1, max_norm / (norm + 1e-6))`).

# %%
def applied_gradient_exercise(micro_grads: list[torch.Tensor], max_norm: float) -> torch.Tensor:
    # az: Sizin kodunuz burada
    # en: Your code here
    raise NotImplementedError


check("day25.applied_gradient", applied_gradient_exercise)

# %% md az
# **Tapşırıq 3.** `n_micro` mikro-batch var, yığım isə `grad_accum`-dur. Hazırlanmış optimallaşdırıcı və scheduler
# neçə addım atır? `(optimallaşdırıcı addımları, scheduler addımları)` tuple-ını qaytarın. (Sonda yarımçıq qalan
# yığım nə olur?)

# %% md en
# **Exercise 3.** `n_micro` micro-batches, accumulation `grad_accum`. How many steps do the prepared optimizer and
# scheduler take? Return the tuple `(optimizer steps, scheduler steps)`. (And an unfinished accumulation at the
# end?)

# %%
def optimizer_steps_exercise(n_micro: int, grad_accum: int) -> tuple[int, int]:
    # az: Sizin kodunuz burada
    # en: Your code here
    raise NotImplementedError


check("day25.optimizer_steps", optimizer_steps_exercise)

# %% md az
# ## Xülasə
# - `Accelerator(mixed_precision=..., gradient_accumulation_steps=...)`: fp16 Ampere-dən əvvəlki GPU-larda (T4),
#   bf16 compute capability ≥ 8.0 olanda, CPU-da fp32 — accelerate CPU-da fp16-nı səssizcə nəzərə almır,
#   `make_accelerator` isə bu barədə xəbərdarlıq edir. `Accelerator(fp16=True)` artıq yoxdur.
# - `accelerator.accumulate` + `accelerator.backward` 4 × 4 mikro-batch-dən bir 16-lıq batch-in qradiyentini
#   verir (fərq ~1e-8); `backward` itkini özü bölür — ikinci dəfə bölməyin.
# - Kəsmə yalnız `if accelerator.sync_gradients:` altında: əks halda fp32-də yanlış qradiyent, fp16-da isə
#   `unscale_() has already been called` xətası alınır.
# - Scheduler optimallaşdırıcı addımları ilə sayılır; `total_steps` da.
# - Effektiv Batch Size = mikro-batch × yığım × GPU sayı; `accelerate launch --multi_gpu --num_processes N`.
#
# **İndi `course_lib`-də:** `train` (`make_accelerator`, `train_step`, `Trainer`, `python -m course_lib.train`),
# `metrics` (`read_metrics`, `plot_metrics`).
#
# **Növbəti gün:** [Gün 26 — bir GPU-da səmərəlilik](day26_single_gpu_efficiency.ipynb)

# %% md en
# ## Summary
# - `Accelerator(mixed_precision=..., gradient_accumulation_steps=...)`: fp16 on pre-Ampere GPUs (T4), bf16 from
#   compute capability 8.0, fp32 on a CPU — accelerate silently drops fp16 on a CPU, `make_accelerator` says so.
#   `Accelerator(fp16=True)` no longer exists.
# - `accelerator.accumulate` + `accelerator.backward` turn 4 × 4 micro-batches into the gradient of one batch of 16
#   (difference ~1e-8); `backward` divides the loss itself — do not divide again.
# - Clip only under `if accelerator.sync_gradients:`: otherwise a wrong gradient in fp32 and
#   `unscale_() has already been called` in fp16.
# - The scheduler counts optimizer steps; so does `total_steps`.
# - Effective batch size = micro-batch × accumulation × GPUs; `accelerate launch --multi_gpu --num_processes N`.
#
# **Now in `course_lib`:** `train` (`make_accelerator`, `train_step`, `Trainer`, `python -m course_lib.train`),
# `metrics` (`read_metrics`, `plot_metrics`).
#
# **Next day:** [Day 26 — single-GPU efficiency](day26_single_gpu_efficiency.ipynb)
