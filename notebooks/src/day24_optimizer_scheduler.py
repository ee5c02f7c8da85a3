# %% md az
# # ⚙️ Gün 24 — Optimallaşdırıcı və öyrənmə sürəti planlayıcısı
#
# {{BADGE}}
#
# Salam! Dünən LLM-imizin təlim dövrünü işə saldıq. Bu gün təlimin ən kritik iki elementini — **optimallaşdırıcını** və
# **öyrənmə sürətini (learning rate)** — daha dərindən araşdırırıq. Görəcəyik: AdamW nə edir və weight decay niyə
# bias-lara və LayerNorm çəkilərinə tətbiq olunmur; öyrənmə sürəti çox yüksək və ya çox aşağı olanda nə baş verir (eyni
# toxumla aparılan real təlimlərdə); **planlayıcı** (scheduler; orijinal dərsdə — öyrənmə sürəti cədvəli) necə işləyir:
# isinmə (warmup) + kosinus azalması (cosine decay). `lr_at(step)` funksiyasını özünüz yazacaq və kitabxanadakı
# versiyanın `transformers`-in `get_cosine_schedule_with_warmup`-u ilə addım-addım eyni olduğunu görəcəksiniz. Orijinal
# dərsdəki dəyərləri də — `6e-4` və 100 isinmə addımını — izah edirik.
#
# **Məqsədlər**
# - AdamW-nin momentumunu, adaptiv addımını və ayrılmış (decoupled) weight decay-i başa düşmək;
# - parametrləri iki qrupa bölmək: weight decay alanlar və almayanlar (`param_groups`);
# - çox yüksək və çox aşağı öyrənmə sürətini itki əyrilərində görmək;
# - isinmə + kosinus planını `lr_at(step)` kimi yazmaq və `transformers` ilə müqayisə etmək;
# - `scheduler.step()`-i düzgün çağırmaq: hər optimallaşdırıcı addımında bir dəfə.
#
# **Təxmini vaxt:** 60 dəqiqə (kodun icrası: `cpu` profilində, bir CPU nüvəsində ~1.5 dəqiqə) · **Tələblər:** Gün 23
# (təlim dövrü), Gün 4 (AdamW-nin yaddaşı).

# %% md en
# # ⚙️ Day 24 — optimizer and learning-rate schedule
#
# {{BADGE}}
#
# Hello! Yesterday we started the training loop of our LLM. Today we look deeper into the two most critical
# elements of training — the **optimizer** and the **learning rate**. What AdamW does and why weight decay skips
# biases and LayerNorm weights; what happens when the learning rate is too high or too low (real runs, same seed);
# and the **scheduler**: warmup + cosine decay. You write `lr_at(step)` yourself and see that the library's version
# equals `transformers`' `get_cosine_schedule_with_warmup` step by step. We explain the seed lesson's values —
# `6e-4` and 100 warmup steps.
#
# **Objectives**
# - understand AdamW's momentum, its adaptive step and decoupled weight decay;
# - split the parameters into two groups: with weight decay and without (`param_groups`);
# - see a learning rate that is too high and one that is too low in loss curves;
# - write the warmup + cosine schedule as `lr_at(step)` and compare it with `transformers`;
# - step the scheduler correctly: once per optimizer step.
#
# **Estimated time:** 60 minutes (running its code: ~1.5 min on the `cpu` profile, one CPU core) ·
# **Prerequisites:** Day 23 (the training loop), Day 4 (AdamW's memory).

# %% md az
# ## 0. Hazırlıq
# Model, batch, öyrənmə sürəti (`profile.lr`) və isinmə (`profile.warmup_steps`) profildən götürülür. Dərsdəki
# təlimlərin addım sayı və batch ölçüsü `course_lib.budget.lesson_plan`-da verilib: təlim aparan hər xana profilin hədəf
# cihazında (məsələn, T4-də) 5 dəqiqəyə sığır.

# %% md en
# ## 0. Set-up
# The model, the batch, the learning rate (`profile.lr`) and warmup (`profile.warmup_steps`) come from the profile.
# The number of steps and the batch of the lesson's runs are in `course_lib.budget.lesson_plan`: every cell that
# trains fits in 5 minutes on the profile's target device (a T4, say).

# %% setup

# %%
import gc
import json
import math
import time

import matplotlib.pyplot as plt
import torch
from tqdm.auto import tqdm

from course_lib.budget import lesson_plan
from course_lib.data import ensure_prepared, get_batch
from course_lib.device import detect
from course_lib.model import GPTModel, seed_config
from course_lib.paths import ASSETS
from course_lib.profiles import PROFILES
from course_lib.schedule import lr_at, make_optimizer, make_scheduler, param_groups
from course_lib.train import plain_step

device = detect().torch_device
prepared = ensure_prepared(profile)
V, B, T = prepared.vocab_size, profile.micro_batch, profile.block_size
plan = lesson_plan("day24", profile)


def new_model() -> GPTModel:
    """The profile's GPT with the same initial weights every time (seed 0)."""
    torch.manual_seed(0)
    return GPTModel(vocab_size=V, **profile.model_kwargs()).to(device)


def release_memory() -> None:
    """Give back what deleted objects held: Python's garbage now and, on CUDA, the allocator's cached blocks."""
    gc.collect()
    if device.type == "cuda":
        torch.cuda.empty_cache()


model = new_model()
print(f"{_('parametrlər', 'parameters')}: {model.num_params():,} | lr = {profile.lr} | "
      f"warmup = {profile.warmup_steps} | max_steps = {profile.max_steps} | "
      f"{_('dərsin təlimləri', 'the lesson runs')}: {plan['learning_rates'].steps} {_('addım', 'steps')} × "
      f"{plan['learning_rates'].micro_batch} {_('ardıcıllıq', 'sequences')}")

# %% md az
# ## 1. AdamW optimallaşdırıcısı
# Dünənki dövrdə `torch.optim.AdamW`-dən istifadə etdik. Hər parametr $w$ üçün AdamW iki "yaddaş" saxlayır:
# - **Momentum** $m$ — qradiyentlərin sürüşən orta qiyməti ($\beta_1 = 0.9$): əvvəlki addımların istiqaməti;
# - $v$ — qradiyent kvadratlarının sürüşən orta qiyməti ($\beta_2$): hər parametrin qradiyentinin tipik ölçüsü.
#
# Addım: $w \leftarrow w - \text{lr}\cdot\hat m / (\sqrt{\hat v} + \varepsilon)$. $\hat m / \sqrt{\hat v}$-nin
# ölçüsü ən çoxu təxminən 1-dir, ona görə də hər parametr öz qradiyentinin miqyasından asılı olmayaraq **ən çoxu**
# təxminən `lr` qədər dəyişir — bu, **adaptiv öyrənmə sürətidir**. Düz `lr` qədər yalnız ilk addımda dəyişir: orada
# $\hat m = g$, $\hat v = g^2$ və nisbət dəqiq ±1-dir (dünən `tok_emb` düz `lr` qədər dəyişdi). Sonra, qradiyentinin
# işarəsi addımdan addıma dəyişən çəkilərdə $\hat m$ kiçilir və addım `lr`-dən xeyli kiçik olur — bunu aşağıda
# ölçürük.
#
# Bunun bahası: hər biri parametrlər qədər yer tutan iki əlavə tensor. Ölçək:

# %% md en
# ## 1. The AdamW optimizer
# In yesterday's loop we used `torch.optim.AdamW`. For every parameter $w$ AdamW keeps two "memories":
# - **momentum** $m$ — a running mean of the gradients ($\beta_1 = 0.9$): the direction of the previous steps;
# - $v$ — a running mean of the squared gradients ($\beta_2$): how big this parameter's gradient usually is.
#
# The step: $w \leftarrow w - \text{lr}\cdot\hat m / (\sqrt{\hat v} + \varepsilon)$. $\hat m / \sqrt{\hat v}$ is at
# most about 1 in size, so every parameter moves by **at most** about `lr`, whatever the scale of its gradient —
# that is the **adaptive learning rate**. By exactly `lr` only in the first step: there $\hat m = g$, $\hat v = g^2$
# and the ratio is exactly ±1 (yesterday `tok_emb` moved by exactly `lr`). Later, where a weight's gradient changes
# sign from step to step, $\hat m$ shrinks and the step is much smaller than `lr` — we measure it below.
#
# The price: two extra tensors, each as big as the parameters. Let us measure:

# %%
optimizer = torch.optim.AdamW(model.parameters(), lr=profile.lr)
before = [p.detach().clone() for p in model.parameters()]
x, y = get_batch(prepared.train, B, T, device, generator=torch.Generator().manual_seed(0))
plain_step(model, optimizer, x, y)

param_bytes = sum(p.numel() * p.element_size() for p in model.parameters())
state_bytes = sum(s.numel() * s.element_size() for state in optimizer.state.values()
                  for s in state.values() if torch.is_tensor(s) and s.dim() > 0)
print(_("AdamW-nin vəziyyəti:", "AdamW's state:"), sorted(next(iter(optimizer.state.values()))))
print(f"{_('parametrlər', 'parameters')}: {param_bytes / 2**20:.2f} MiB | m + v: {state_bytes / 2**20:.2f} MiB "
      f"= {state_bytes / param_bytes:.1f} × {_('parametrlər', 'parameters')}")
moved = torch.cat([(p.detach() - b).abs().flatten() for p, b in zip(model.parameters(), before)]) / profile.lr
share, median = (moved - 1).abs().lt(0.01).float().mean(), moved.median()
print(_(f"1-ci addım: |Δw| ≈ lr (±1%) olan çəkilər {share:.1%}, |Δw|/lr-in medianı {median:.2f}",
        f"step 1: weights with |Δw| ≈ lr (±1%) {share:.1%}, median |Δw|/lr {median:.2f}"))
generator = torch.Generator().manual_seed(1)
for _step in range(9):  # az: daha 9 addım, hər biri yeni batch ilə; sonuncunun dəyişikliyini ölçürük
    before = [p.detach().clone() for p in model.parameters()]
    plain_step(model, optimizer, *get_batch(prepared.train, B, T, device, generator))
moved = torch.cat([(p.detach() - b).abs().flatten() for p, b in zip(model.parameters(), before)]) / profile.lr
share, median, largest = (moved - 1).abs().lt(0.01).float().mean(), moved.median(), moved.max()
print(_(f"10-cu addım: |Δw| ≈ lr (±1%) olan çəkilər {share:.1%}, |Δw|/lr medianı {median:.2f}, ən böyüyü {largest:.2f}",
        f"step 10: weights with |Δw| ≈ lr (±1%) {share:.1%}, median |Δw|/lr {median:.2f}, largest {largest:.2f}"))
# az: çəkilərin surətləri modelin özü qədər yer tutur: silirik
# en: the copies of the weights take as much room as the model itself: delete them
del before, moved

# %% md az
# **Weight decay (ayrılmış).** AdamW-dəki "W" budur: hər addımda çəki öz qradiyentindən asılı olmayaraq bir az
# sıfıra doğru çəkilir: $w \leftarrow w - \text{lr}\cdot\text{wd}\cdot w$. Bu, çəkiləri kiçik saxlayır və
# overfitting-in (əzbərləmənin) qarşısını alır. Adam-ın köhnə L2 variantında bu hədd qradiyentə əlavə olunur və
# $\sqrt{\hat v}$-yə bölünürdü — böyük qradiyentli çəkilər demək olar ki, "azalmırdı". AdamW onu **ayırır**
# (decoupled).
# Qradiyenti sıfır olan bir tensorda yoxlayaq: bir addımdan sonra $w = 1 - 0.1 \cdot 0.1 = 0.99$ olmalıdır.

# %% md en
# **Weight decay (decoupled).** That is the "W" in AdamW: at every step a weight is pulled a little towards zero,
# whatever its gradient: $w \leftarrow w - \text{lr}\cdot\text{wd}\cdot w$. It keeps the weights small and guards
# against overfitting. In the old L2 variant inside Adam this term joined the gradient and was divided by
# $\sqrt{\hat v}$ — weights with big gradients were hardly "decayed". AdamW **decouples** it. Let us check on a
# tensor with a zero gradient: after one step $w = 1 - 0.1 \cdot 0.1 = 0.99$.

# %%
# NBVAL_CHECK_OUTPUT
w = torch.nn.Parameter(torch.ones(3))
decay_demo = torch.optim.AdamW([w], lr=0.1, weight_decay=0.1)
w.grad = torch.zeros(3)
decay_demo.step()
print("w:", w.data)
print(_("torch.optim.AdamW-nin standart weight_decay-i:", "torch.optim.AdamW's default weight_decay:"),
      torch.optim.AdamW([torch.nn.Parameter(torch.zeros(1))]).defaults["weight_decay"])

# %% md az
# ## 2. Parametr qrupları: weight decay hansı parametrlərə tətbiq olunur?
# Orijinal dərsdəki `AdamW(model.parameters(), lr=...)` standart `weight_decay=0.01` dəyərini **bütün** parametrlərə
# tətbiq edir. GPT-2/nanoGPT isə parametrləri iki qrupa bölür:
# - **≥ 2 ölçülü** (matrislər: `Linear` çəkiləri, embedding-lər) — weight decay alır: modelin "biliyi" bunlardadır,
#   overfitting (əzbərləmə) də məhz bunlarda baş verir;
# - **1 ölçülü** (bias-lar, LayerNorm-un $\gamma$ və $\beta$-sı) — almır. Bias sadəcə sürüşmədir, LayerNorm-un
#   $\gamma$-sı isə siqnalın miqyasıdır: onu sıfıra çəkmək hər qatın çıxışını kiçildərdi və model buna qarşı "mübarizə
#   aparmalı" olardı. Üstəlik, bunlar parametrlərin kiçik bir hissəsidir (aşağıda ölçürük).
#
# Qayda adlara görə yox, **formaya** görədir (`p.dim() >= 2`), ona görə də istənilən modeldə işləyir.
# `course_lib.schedule.param_groups` məhz bunu edir:

# %% md en
# ## 2. Parameter groups: who gets weight decay?
# The seed lesson's `AdamW(model.parameters(), lr=...)` applies the default `weight_decay=0.01` to **all**
# parameters. GPT-2/nanoGPT split the parameters into two groups:
# - **≥ 2-D** (matrices: `Linear` weights, embeddings) get weight decay: the model's "knowledge" lives in them, and so
#   does overfitting;
# - **1-D** (biases, LayerNorm's $\gamma$ and $\beta$) do not. A bias is just a shift, and LayerNorm's $\gamma$ is the
#   scale of the signal: pulling it to zero would shrink every layer's output, and the model would have to "fight"
#   it. They are also a small share of the parameters (measured below).
#
# The rule is by **shape**, not by name (`p.dim() >= 2`), so it works for any model. That is
# `course_lib.schedule.param_groups`:

# %%
model = new_model()
groups = param_groups(model, weight_decay=0.1)
names = {id(p): name for name, p in model.named_parameters()}
total = sum(p.numel() for p in model.parameters())
for group in groups:
    n = sum(p.numel() for p in group["params"])
    print(f"weight_decay={group['weight_decay']}: {len(group['params']):>3} {_('tensor', 'tensors')}, "
          f"{n:>9,} {_('parametr', 'parameters')} ({n / total:.1%})")
print(_("decay-siz:", "no decay:"), ", ".join(names[id(p)] for p in groups[1]["params"][:6]), "…")
print(_("lm_head.weight tok_emb.weight ilə bağlıdır, bir dəfə sayılır:", "lm_head.weight is tied to tok_emb.weight, counted once:"),
      model.lm_head.weight is model.tok_emb.weight)

# %% md az
# Kursun `make_optimizer` funksiyası bu qrupları AdamW-yə verir, $\beta_2 = 0.95$ (GPT-3/nanoGPT; 0.999-dan qısa
# yaddaş — böyük modellərdə daha stabil) seçir və CUDA-da birləşdirilmiş (fused) kernel-dən istifadə edir:

# %% md en
# The course's `make_optimizer` gives these groups to AdamW, picks $\beta_2 = 0.95$ (GPT-3/nanoGPT; a shorter memory
# than 0.999 — more stable for big models) and uses the fused kernel on CUDA:

# %%
optimizer = make_optimizer(model, lr=profile.lr)
for group in optimizer.param_groups:
    print({key: group[key] for key in ("lr", "betas", "weight_decay", "fused", "foreach")},
          len(group["params"]), _("tensor", "tensors"))

# %% md az
# ## 3. Öyrənmə sürəti: çox yüksək, çox aşağı
# Öyrənmə sürəti optimallaşdırıcının hər addımda çəkiləri nə qədər dəyişəcəyini müəyyən edən ən vacib hiperparametrdir.
# - **Çox yüksək LR:** model hədəfi "qaçırır", itki sürətlə artır ("partlayır") və ya nizamsız sıçrayır.
# - **Çox aşağı LR:** model çox yavaş öyrənir, təlim çox uzun çəkir.
#
# Üç qısa təlim aparırıq: profilin sürəti ilə, onun 100-də biri ilə və 100 qatı ilə. Eyni başlanğıc çəkilər, eyni
# batch-lər, sabit LR. Hər təlim `plan["learning_rates"]`-də göstərilən qədər addımdan ibarətdir, hər addımda
# 4 ardıcıllıq olur (profilin mikro-batch-i daha kiçikdirsə, onun qədər): beləliklə, fp32 ilə üç təlim T4-də də
# 5 dəqiqəyə sığır. Əvvəlcə §2-nin modelini silirik — kartda hər an yalnız bir model olsun.
#
# ⏱ `cpu` profilində ~45 saniyə (bir CPU nüvəsində ölçülüb); irəliləyiş zolağı sizin kompüterinizdə qalan vaxtı
# göstərir.

# %% md en
# ## 3. The learning rate: too high, too low
# The learning rate is the most important hyperparameter: it sets how much the optimizer changes the weights at
# every step.
# - **LR too high:** the model "overshoots" the target, the loss explodes or jumps around.
# - **LR too low:** the model learns very slowly, training takes very long.
#
# Three short runs: the profile's rate, a hundredth of it and 100 times it. Same initial weights, same batches,
# a constant LR. Each run takes the steps of `plan["learning_rates"]`, with 4 sequences per step (or the profile's
# micro-batch if it is smaller): so the three runs in fp32 fit in 5 minutes even on a T4. First we delete §2's
# model — one model on the card at a time.
#
# ⏱ ~45 s on the `cpu` profile (measured on one CPU core); the progress bar shows the time left on your machine.

# %%
# az: param_groups-un siyahıları (və dövrün sonuncu `group`-u) da parametrlərə istinad edir
# en: the lists of param_groups (and the loop's last `group`) refer to the parameters too
del model, optimizer, groups, group
release_memory()

# %%
n_steps, lr_batch = plan["learning_rates"].steps, plan["learning_rates"].micro_batch


def run(lr: float, scheduler_steps: tuple[int, int] | None = None) -> tuple[list[float], list[float]]:
    """``n_steps`` of plain_step (``lr_batch`` sequences) from new_model() with AdamW groups; → (losses, lrs)."""
    model = new_model()
    optimizer = make_optimizer(model, lr)
    scheduler = make_scheduler(optimizer, *scheduler_steps) if scheduler_steps else None
    generator = torch.Generator().manual_seed(0)
    losses, lrs = [], []
    for _step in tqdm(range(n_steps), desc=f"lr={lr:g}", leave=False):
        lrs.append(optimizer.param_groups[0]["lr"])
        losses.append(plain_step(model, optimizer, *get_batch(prepared.train, lr_batch, T, device, generator)))
        if scheduler is not None:
            scheduler.step()
    return losses, lrs


start = time.perf_counter()
lr_runs = {lr: run(lr)[0] for lr in (profile.lr / 100, profile.lr, profile.lr * 100)}
print(f"3 × {n_steps} {_('addım', 'steps')}: {time.perf_counter() - start:.1f} s")
for lr, losses in lr_runs.items():
    print(f"lr = {lr:<8g} {_('itki', 'loss')} {losses[0]:.2f} → {losses[-1]:.2f} (max {max(losses):.2f})")
plt.figure(figsize=(7, 3.5))
for lr, losses in lr_runs.items():
    plt.plot(range(1, n_steps + 1), losses, label=f"lr = {lr:g}")
plt.axhline(math.log(V), color="gray", ls="--", lw=0.8, label="ln V")
plt.xlabel(_("addım", "step"))
plt.ylabel(_("itki", "loss"))
plt.title(_("Eyni toxum, üç öyrənmə sürəti", "Same seed, three learning rates"))
plt.legend()
plt.grid(alpha=0.3)
plt.show()

# %% md az
# Kiçik LR-də itki demək olar ki, ln(V)-də qalır; böyük LR-də ilk addımlarda ln(V)-dən **yuxarı** sıçrayır — model
# təsadüfi təxmindən də pis olur. Doğru LR modelin ölçüsündən asılıdır: kiçik modellər böyük sürətə dözür. Kursun
# profillərində:

# %% md en
# With the small LR the loss stays almost at ln(V); with the big one it jumps **above** ln(V) in the first steps —
# the model gets worse than guessing. The right LR depends on the model's size: small models tolerate big rates.
# In the course's profiles:

# %%
# NBVAL_CHECK_OUTPUT
for name, p in PROFILES.items():
    print(f"{name:>7}: {p.n_layer:>2} {_('qat', 'layers')} × n_embd {p.n_embd:>3}, "
          f"{p.tokens_per_step:>5,} {_('token/addım', 'tokens/step')} → lr {p.lr:g}, warmup {p.warmup_steps}, "
          f"{p.max_steps} {_('addım', 'steps')}")

# %% md az
# ### 3.1 Hansı sürət? Batch ölçüsü və axtarış (sweep)
# `6e-4` haradan gəlir və bizə də uyğundurmu? GPT-3-ün 125M parametrli modeli `6e-4` sürəti ilə, ~0.5M tokenlik
# batch-lərlə öyrədilib (Brown et al., 2020, cədvəl 2.1). Kursun addımları çox kiçikdir: `t4` profili hər addımda
# 16 × 256 = 4096 token götürür — 128 dəfə az, `cpu` profili isə 2048 token. Kiçik batch-in qradiyenti daha
# səs-küylüdür, səs-küylü qradiyentlə isə o qədər böyük addım atmaq olmur: müəyyən "kritik" batch ölçüsünə qədər ən
# yaxşı öyrənmə sürəti batch ilə birlikdə artır (Adam üçün təxminən $\sqrt{B}$ kimi), ondan sonra artmır. Modelin eni
# isə əks tərəfə çəkir: kiçik modellər böyük sürətə dözür. Deməli, `6e-4` qanun deyil, başlanğıc nöqtəsidir. Modeliniz
# və batch-iniz üçün doğru sürət **axtarış (sweep)** ilə tapılır: bir neçə sürətlə qısa təlimlər aparılır (hər biri öz
# tam planı ilə) və val itkisinə görə müqayisə olunur. Kurs bunu `cpu` profili üçün edib (`tools/bench_schedule.py`,
# nəticələr `assets/bench/schedule_cpu.json` faylındadır):

# %% md en
# ### 3.1 Which rate? Batch size and a sweep
# Where does `6e-4` come from, and does it carry over to us? GPT-3's 125M model was trained with `6e-4` on batches of
# ~0.5M tokens (Brown et al., 2020, table 2.1). The course's steps are far smaller: the `t4` profile takes
# 16 × 256 = 4096 tokens per step — 128 times fewer — and `cpu` 2048. A small batch gives a noisier gradient, and a
# noisy gradient cannot take as large a step: up to a "critical" batch size the best learning rate grows with the
# batch (for Adam roughly like $\sqrt{B}$), beyond it it stops growing. The model's width pulls the other way: small
# models tolerate large rates. So `6e-4` is a starting point, not a law. The right rate for your model and batch is
# found by a **sweep**: short runs at a few rates, each with its whole schedule, compared on validation loss. The
# course did one for the `cpu` profile (`tools/bench_schedule.py`, results in `assets/bench/schedule_cpu.json`):

# %%
schedule_runs = json.loads((ASSETS / "bench" / "schedule_cpu.json").read_text(encoding="utf-8"))
sweep = schedule_runs["sweep"]
print(_("Ölçülüb:", "Measured:"), f"{schedule_runs['device']},", schedule_runs["threads"], _("axın,", "threads,"),
      f"torch {schedule_runs['torch']}, {schedule_runs['date'][:10]};", _("hər təlim", "each run"), sweep[0]["steps"],
      _("addım,", "steps,"), f"{schedule_runs['tokens_per_step']:,}", _("token/addım", "tokens/step"))
for point in sweep:
    mark = _(" ← profilin sürəti", " ← the profile's rate") if point["factor"] == 1 else ""
    print(f"lr {point['lr']:.1e} (× {point['factor']:g}): val {point['val']:.3f}{mark}")
plt.figure(figsize=(6, 3))
plt.plot([p["lr"] for p in sweep], [p["val"] for p in sweep], "o-")
plt.xscale("log")
plt.xlabel("lr")
plt.ylabel(_("val itkisi (sonda)", "val loss (at the end)"))
plt.title(_("Öyrənmə sürəti axtarışı: cpu profili", "A learning-rate sweep: the cpu profile"))
plt.grid(alpha=0.3)
plt.show()

# %% md az
# Əyri dibi düz olan bir çuxurdur: profilin sürəti ilə onun iki qatı arasında fərq yüzdə bir neçədir, dörddə biri və ya
# dörd qatı isə xeyli baha başa gəlir. 500 addımlıq bu təlimlərdə ən yaxşısı profilin sürətinin iki qatıdır, amma
# fərq bir təlimin səs-küyü qədərdir; profil 2000 addımlıq təlim üçün `2e-3`-ü saxlayır — onun nəticəsini istinad
# təlimində ölçmüşük. GPU profilləri orijinal dərsin `6e-4`-ünü saxlayır: addımda 4096 token üçün onu belə bir
# axtarışla (GPU-da) yoxlamaq lazımdır — kurs bunu hələ etməyib.

# %% md en
# The curve is a bowl with a flat bottom: the profile's rate and twice it are a few hundredths apart, while a quarter
# of it or four times it cost a lot. In these 500-step runs the best is twice the profile's rate, but by about the
# noise of one run; the profile keeps `2e-3` for its 2000-step run — measured in the reference run. The GPU profiles
# keep the seed's `6e-4`: at 4096 tokens per step a sweep like this one (on a GPU) should confirm it — the course
# has not run one yet.

# %% md az
# ## 4. Planlayıcı: isinmə + kosinus azalması
# Öyrənmə sürətini bütün təlim boyu sabit saxlamaq optimal deyil. İki hissədən ibarət plan:
#
# **A. İsinmə (warmup).** Təlimin əvvəlində çəkilər təsadüfidir, AdamW-nin $v$ orta qiyməti isə hələ cəmi bir neçə
# qradiyent əsasında hesablanıb. Yuxarıda ölçdük: ilk addımda demək olar ki, **hər** çəki düz `lr` qədər dəyişir,
# qradiyent nə qədər kiçik və ya səs-küylü olsa da. Ona görə də ilk `warmup_steps` addım ərzində LR **sıfırdan**
# xətti olaraq əsas dəyərinə qalxır: $\text{lr}(s) = \text{max\_lr}\cdot s / \text{warmup}$.
#
# **B. Kosinus azalması (cosine decay).** Sonra LR kosinus şəklində sona qədər sıfıra enir:
# $\text{lr}(s) = \text{max\_lr}\cdot\tfrac12\,(1 + \cos(\pi\,p))$, burada
# $p = (s - \text{warmup}) / (\text{total} - \text{warmup})$ 0-dan 1-ə qədər artır. Sonda kiçik addımlar modelin itkinin
# ən aşağı nöqtəsinə daha dəqiq yaxınlaşmasına kömək edir.
#
# **Orijinal dərsin dəyərləri.** `6e-4` GPT-3 məqaləsində (Brown et al., 2020, cədvəl 2.1) 125M parametrli ən
# kiçik modelin öyrənmə sürətidir; bizim əsas modelimizdə ~110M parametr var, ona görə də eyni sürət yaxşı başlanğıc
# nöqtəsidir (1.3B parametrli model orada 2e-4 ilə öyrədilib). **100 isinmə addımı:** $\beta_2 = 0.95$ olanda $v$
# təxminən son $1/(1-\beta_2) = 20$ addımın orta qiymətidir; 100 addım belə 5 "yaddaş pəncərəsi" deməkdir — $v$-yə
# etibar etmək mümkün olanda LR artıq tam dəyərinə çatır. 5000 addımlıq təlimdə bu, cəmi 2%-dir.

# %% md en
# ## 4. The scheduler: warmup + cosine decay
# Keeping the learning rate constant all through training is not optimal. A plan in two parts:
#
# **A. Warmup.** At the start the weights are random and AdamW's mean $v$ is built from only a few gradients. We
# measured it above: in the first step almost **every** weight moves by exactly `lr`, however small or noisy its
# gradient. So for the first `warmup_steps` steps the LR rises linearly **from zero** to its main value:
# $\text{lr}(s) = \text{max\_lr}\cdot s / \text{warmup}$.
#
# **B. Cosine decay.** Then the LR goes down to zero in the shape of a cosine until the end:
# $\text{lr}(s) = \text{max\_lr}\cdot\tfrac12\,(1 + \cos(\pi\,p))$, where
# $p = (s - \text{warmup}) / (\text{total} - \text{warmup})$ goes from 0 to 1. Small steps at the end help the model
# settle more precisely into the lowest point of the loss.
#
# **The seed's values.** `6e-4` is the learning rate of the smallest, 125M model in the GPT-3 paper (Brown et al.,
# 2020, table 2.1); our seed model has ~110M parameters, so the same rate is a good start (the 1.3B model there is
# trained with 2e-4). **100 warmup steps:** with $\beta_2 = 0.95$, $v$ is roughly the mean of the last
# $1/(1-\beta_2) = 20$ steps; 100 steps are 5 such "memory windows" — when $v$ can be trusted, the LR is at full
# value. In a 5000-step run that is only 2%.

# %%
# NBVAL_CHECK_OUTPUT
# az: orijinal dərsin dəyərləri
# en: the seed lesson's values
max_lr, warmup, total = 6e-4, 100, 5000
print(f"1 / (1 - 0.95) = {1 / (1 - 0.95):.0f} {_('addım', 'steps')} | warmup / total = {warmup / total:.0%}")
for step in (0, 1, 50, 100, 1000, (warmup + total) // 2, 4000, total):
    print(f"{_('addım', 'step')} {step:>5}: lr = {lr_at(step, max_lr, warmup, total):.3e}")

# %% md az
# Kitabxanadakı `make_scheduler` funksiyası `transformers`-in `get_cosine_schedule_with_warmup`-unu yaradır (orijinal
# dərsdəki kimi). Onu `lr_at` ilə addım-addım müqayisə edək: planlayıcının LR-ini `get_last_lr()` qaytarır, hər
# `scheduler.step()` isə onu bir addım irəli aparır.

# %% md en
# The library's `make_scheduler` builds `transformers`' `get_cosine_schedule_with_warmup` (as in the seed lesson).
# Let us compare it with `lr_at` step by step: the scheduler's LR is `get_last_lr()`, and every `scheduler.step()`
# moves it one step on.

# %%
dummy = torch.optim.AdamW([torch.nn.Parameter(torch.zeros(1))], lr=max_lr)
scheduler = make_scheduler(dummy, warmup, total)
hf_lrs = []
for _step in range(total + 1):
    hf_lrs.append(scheduler.get_last_lr()[0])
    dummy.step()
    scheduler.step()
ours = [lr_at(step, max_lr, warmup, total) for step in range(total + 1)]
max_diff = max(abs(a - b) for a, b in zip(hf_lrs, ours))
print(f"{total + 1} {_('addım', 'steps')} | max |transformers − lr_at| = {max_diff:.1e}")
print(_("eynidir (< 1e-12):", "equal (< 1e-12):"), max_diff < 1e-12)

fig, axes = plt.subplots(1, 2, figsize=(10, 3.2))
for ax, last in zip(axes, (total, 3 * warmup)):
    ax.plot(range(last + 1), ours[: last + 1], lw=3, alpha=0.5, label="lr_at")
    ax.plot(range(last + 1), hf_lrs[: last + 1], "--", label="transformers")
    ax.axvspan(0, warmup, color="orange", alpha=0.15, label=_("isinmə", "warmup"))
    ax.set(xlabel=_("optimallaşdırıcı addımı", "optimizer step"), ylabel="lr")
    ax.grid(alpha=0.3)
axes[0].set_title(_("Bütün təlim", "The whole run"))
axes[1].set_title(_("İlk 300 addım", "The first 300 steps"))
axes[0].legend()
plt.show()

# %% md az
# ## 5. `scheduler.step()`-i düzgün çağırmaq
# Qayda: **hər optimallaşdırıcı addımında bir dəfə**, `optimizer.step()`-dən sonra. Planın addımları optimallaşdırıcının
# addımlarıdır. Gün 25-də Qradiyent Yığımı (gradient accumulation) gələcək: bir optimallaşdırıcı addımı bir neçə
# mikro-batch-dən ibarət olacaq — məsələn, əsas modeldə 4 × 4. `scheduler.step()`-i hər **mikro-batch**-dən sonra
# çağırsanız, plan 4 dəfə sürətli irəliləyir: isinmə 25 addımda bitir, LR təlimin dörddə birində sıfıra düşür və sonra
# (`transformers`-in kosinusu dayanmır) yenidən qalxır. Ölçək:

# %% md en
# ## 5. Stepping the scheduler correctly
# The rule: **once per optimizer step**, after `optimizer.step()`. The schedule's steps are optimizer steps. On
# Day 25 gradient accumulation comes in: one optimizer step will be several micro-batches — for the seed model
# 4 × 4. Step the scheduler at every **micro-batch** and the plan runs 4 times too fast: warmup ends in 25 steps, the
# LR hits zero a quarter of the way through, and then (`transformers`' cosine does not stop) rises again. Measured:

# %%
# NBVAL_CHECK_OUTPUT
grad_accum = PROFILES["gpu4gb"].grad_accum
dummy = torch.optim.AdamW([torch.nn.Parameter(torch.zeros(1))], lr=max_lr)
scheduler = make_scheduler(dummy, warmup, total)
wrong = []
for _step in range(total + 1):
    wrong.append(scheduler.get_last_lr()[0])
    for _micro in range(grad_accum):
        dummy.step()
        scheduler.step()
for step in (25, total // 4, total // 2, total):
    print(f"{_('optimallaşdırıcı addımı', 'optimizer step')} {step:>5}: {_('düzgün', 'right')} {hf_lrs[step]:.2e} | "
          f"{_('hər mikro-batch-də', 'every micro-batch')} {wrong[step]:.2e}")

# %%
plt.figure(figsize=(7, 3))
plt.plot(hf_lrs, label=_("hər optimallaşdırıcı addımında (düzgün)", "every optimizer step (right)"))
plt.plot(wrong, label=_(f"hər mikro-batch-də, grad_accum={grad_accum} (səhv)", f"every micro-batch, grad_accum={grad_accum} (wrong)"))
plt.xlabel(_("optimallaşdırıcı addımı", "optimizer step"))
plt.ylabel("lr")
plt.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2))
plt.grid(alpha=0.3)
plt.show()

# %% md az
# ## 6. Hamısı birlikdə: planlı qısa təlim
# Yuxarıdakı təlimi profilin sürəti ilə təkrarlayaq, bu dəfə isinmə + kosinusla. İsinmə addımlarının payını profildəki
# kimi saxlayırıq (`warmup_steps / max_steps`). Hər addımda optimallaşdırıcının həqiqətən istifadə etdiyi LR-i qeyd
# edirik və `lr_at` ilə müqayisə edirik. Planın burada qalib gələcəyini gözləməyin: qısa təlimdə model hələ sürətlə
# öyrənir, kosinus isə təlimin ikinci yarısını kiçik sürətlə keçir — adətən burada sabit LR öndə olur. Plan yalnız
# modelin tam sürətlə minimuma yaxınlaşmasına imkan verəcək qədər uzun təlimdə özünü doğruldur: §6.1 bütöv təlimi
# göstərir.

# %% md en
# ## 6. All together: a short run with the schedule
# Repeat the run above at the profile's rate, this time with warmup + cosine. We keep the warmup at the profile's
# ratio (`warmup_steps / max_steps`). At every step we record the LR the optimizer really used and compare it with
# `lr_at`. Do not expect the schedule to win here: in a short run the model is still learning fast, and the cosine
# spends the second half at low rates — here the constant LR is usually ahead. The schedule pays off in a run long
# enough for the model to get near a minimum at the full rate: §6.1 shows a whole run.

# %%
run_warmup = max(1, profile.warmup_steps * n_steps // profile.max_steps)
scheduled, used_lrs = run(profile.lr, (run_warmup, n_steps))
expected = [lr_at(step, profile.lr, run_warmup, n_steps) for step in range(n_steps)]
print(f"warmup {run_warmup}, {n_steps} {_('addım', 'steps')} | max |lr − lr_at| = "
      f"{max(abs(a - b) for a, b in zip(used_lrs, expected)):.1e}")
last = max(1, n_steps // 10)
print(f"{_('son', 'last')} {last} {_('addımın orta itkisi', 'steps, mean loss')}: "
      f"{_('sabit', 'constant')} {sum(lr_runs[profile.lr][-last:]) / last:.3f} | "
      f"{_('isinmə + kosinus', 'warmup + cosine')} {sum(scheduled[-last:]) / last:.3f}")
fig, (ax_loss, ax_lr) = plt.subplots(1, 2, figsize=(10, 3.2))
ax_loss.plot(lr_runs[profile.lr], label=_("sabit lr", "constant lr"))
ax_loss.plot(scheduled, label=_("isinmə + kosinus", "warmup + cosine"))
ax_loss.set(xlabel=_("addım", "step"), ylabel=_("itki", "loss"))
ax_loss.legend()
ax_lr.plot(used_lrs, label=_("optimallaşdırıcının lr-i", "the optimizer's lr"))
ax_lr.set(xlabel=_("addım", "step"), ylabel="lr")
for ax in (ax_loss, ax_lr):
    ax.grid(alpha=0.3)
plt.show()

# %% md az
# ### 6.1 Bütöv təlimdə
# Kursun istinad təlimində (`assets/runs/cpu/`, Gün 23) `cpu` profilinin modeli isinmə + kosinusla 2000 addım öyrədilib.
# Eyni təlim — eyni toxum, eyni batch-lər, eyni isinmə — sabit sürətlə də aparılıb (kosinus 10⁹ addıma uzadılıb, yəni
# isinmədən sonra LR dəyişmir; `tools/bench_schedule.py`). Val əyriləri:

# %% md en
# ### 6.1 In a whole run
# The course's reference run (`assets/runs/cpu/`, Day 23) trained the `cpu` profile for 2000 steps with warmup +
# cosine. The same run — same seed, same batches, same warmup — was also made at a constant rate (the cosine
# stretched to 10⁹ steps, so after warmup the LR does not change; `tools/bench_schedule.py`). The val curves:

# %%
plt.figure(figsize=(7, 3.5))
for name, label in (("constant", _("isinmə + sabit lr", "warmup + constant lr")),
                    ("cosine", _("isinmə + kosinus (istinad təlimi)", "warmup + cosine (the reference run)"))):
    points = schedule_runs[name]
    plt.plot([p["step"] for p in points], [p["val"] for p in points], "o-", label=label)
    middle, end = points[len(points) // 2], points[-1]
    print(f"{label:>36}: val {middle['val']:.3f} ({_('addım', 'step')} {middle['step']}) → {end['val']:.3f} "
          f"({_('addım', 'step')} {end['step']}) | train {end['train']:.3f}")
plt.xlabel(_("addım", "step"))
plt.ylabel(_("val itkisi", "val loss"))
plt.title(_("2000 addım, cpu profili", "2000 steps, the cpu profile"))
plt.legend()
plt.grid(alpha=0.3)
plt.show()

# %% md az
# İlk addımlarda iki əyri üst-üstə düşür (isinmə eynidir, kosinus hələ az enib). Kosinus LR-i endirdikcə onun val
# itkisi aşağı qalır və təlim boyu öndə gedir; sonda fərq ~0.06-dır. Maraqlıdır ki, sabit sürətli təlimin **train**
# itkisi sonda daha aşağıdır — o, daha çox əzbərləyir, amma görmədiyi əsərlərdə daha pisdir. Planın faydası budur:
# uzun təlimdə sonda kiçik addımlar modeli daha yaxşı bir nöqtəyə gətirir. Qısa təlimdə (yuxarıda) bu hələ görünmür.

# %% md en
# In the first steps the two curves lie on top of each other (the same warmup, the cosine has hardly come down yet).
# As the cosine brings the LR down, its val loss stays lower and keeps ahead for the rest of the run; at the end the
# gap is ~0.06. Note that the constant-rate run ends with a lower **train** loss — it memorises more, yet does worse
# on the works it never saw. That is what the schedule buys: in a long run, small steps at the end bring the model to
# a better point. In a short run (above) this does not show yet.

# %% md az
# ## 7. 4 GB-lıq GPU üçün niyə vacibdir?
# AdamW-nin $m$ və $v$-si, yuxarıda ölçdüyümüz kimi, parametrlərin iki qatı qədər yer tutur — 110M parametrli əsas
# modeldə bu, fp32-də ~0.9 GB edir (Gün 4-ün büdcəsi). Planlayıcı və parametr qrupları isə **heç bir** yaddaş tutmur,
# amma təlimin dağılmasından (divergence) qoruyur: 4 GB-lıq kartda bir təlim saatlarla çəkir və LR səhvi o saatları boşa
# verir.

# %% md en
# ## 7. Why it matters for a 4 GB GPU
# AdamW's $m$ and $v$ take twice the space of the parameters, as measured above — about 0.9 GB in fp32 for the 110M
# seed model (Day 4's budget). The schedule and the parameter groups take **no** memory, yet they guard against a
# diverging run: on a 4 GB card a run takes hours, and an LR mistake burns those hours.

# %%
# NBVAL_CHECK_OUTPUT
# az: meta cihazında: formalar var, yaddaş yoxdur (Gün 17)
# en: on the meta device: shapes, no memory (Day 17)
with torch.device("meta"):
    seed_params = GPTModel(**seed_config()).num_params()
print(_(f"əsas model: m + v = 2 × 4 bayt × {seed_params:,} = {2 * 4 * seed_params / 1e9:.2f} GB",
        f"seed model: m + v = 2 × 4 bytes × {seed_params:,} = {2 * 4 * seed_params / 1e9:.2f} GB"))

# %% md az
# ## 8. Tapşırıqlar
# Hər tapşırıqda funksiyanı yazın (`raise NotImplementedError` sətrini silin) və xananı işə salın. `math.cos` və
# `math.pi` lazım olacaq.
#
# Yoxlama uğursuz olanda əvvəlcə istiqamət verən məsləhət görünür; üç uğursuz cəhddən sonra daha ətraflı
# məsləhət gəlir, `check("day24.warmup_lr", solution=True)` isə kursun həllini göstərir (hər tapşırığın öz adı
# ilə).
#
# **Tapşırıq 1.** İsinmə: `step` addımında (0 ≤ step ≤ warmup_steps) LR-i qaytarın — 0-dan `max_lr` dəyərinə qədər xətti
# artım.

# %% md en
# ## 8. Exercises
# In each exercise write the function (delete the `raise NotImplementedError` line) and run the cell. You will need
# `math.cos` and `math.pi`.
#
# When a check fails you first get a nudge; after three failed tries a stronger hint follows, and
# `check("day24.warmup_lr", solution=True)` shows the course's code (each exercise by its own name).
#
# **Exercise 1.** Warmup: the LR at step `step` (0 ≤ step ≤ warmup_steps) — a line from 0 to `max_lr`.

# %%
def warmup_lr_exercise(step: int, max_lr: float, warmup_steps: int) -> float:
    # az: Sizin kodunuz burada
    # en: Your code here
    raise NotImplementedError


check("day24.warmup_lr", warmup_lr_exercise)

# %% md az
# **Tapşırıq 2.** Kosinus azalması: `progress` ∈ [0, 1] nöqtəsində LR-i qaytarın — `progress=0`-da `max_lr`,
# `progress=1`-də `min_lr`. Ortada (`progress=0.5`) nə olmalıdır?

# %% md en
# **Exercise 2.** Cosine decay: the LR at `progress` ∈ [0, 1] — `max_lr` at `progress=0`, `min_lr` at `progress=1`.
# What must it be in the middle (`progress=0.5`)?

# %%
def cosine_lr_exercise(progress: float, max_lr: float, min_lr: float) -> float:
    # az: Sizin kodunuz burada
    # en: Your code here
    raise NotImplementedError


check("day24.cosine_lr", cosine_lr_exercise)

# %% md az
# **Tapşırıq 3.** Bütün plan: `lr_at(step, max_lr, warmup_steps, total_steps)` funksiyasını yazın —
# `step < warmup_steps` olanda isinmə, sonra `total_steps`-də sıfıra enən kosinus. Yoxlama orijinal dərsin dəyərlərini
# (6e-4, 100, 5000) və başqalarını sınayır.

# %% md en
# **Exercise 3.** The whole schedule: `lr_at(step, max_lr, warmup_steps, total_steps)` — warmup while
# `step < warmup_steps`, then a cosine that reaches zero at `total_steps`. The check tries the seed's values (6e-4,
# 100, 5000) and others.

# %%
def lr_at_exercise(step: int, max_lr: float, warmup_steps: int, total_steps: int) -> float:
    # az: Sizin kodunuz burada
    # en: Your code here
    raise NotImplementedError


check("day24.lr_at", lr_at_exercise)

# %% md az
# **Tapşırıq 4.** Weight decay hansı parametrlərə? Modelin parametrlərinin adlarını iki siyahıya bölün:
# `(decay, no_decay)`, `model.named_parameters()` sırasını saxlamaqla. Yoxlama GPT-dən başqa modelləri də
# (BatchNorm, Conv1d) sınayır.

# %% md en
# **Exercise 4.** Who gets weight decay? Split the model's parameters into two lists of names: `(decay, no_decay)`,
# in the order of `model.named_parameters()`. The check tries models other than the GPT too (BatchNorm, Conv1d).

# %%
def decay_split_exercise(model) -> tuple[list[str], list[str]]:
    # az: Sizin kodunuz burada
    # en: Your code here
    raise NotImplementedError


check("day24.decay_split", decay_split_exercise)

# %% md az
# ## Xülasə
# - AdamW hər parametr üçün momentum $m$ və $v$ saxlayır (parametrlərin 2 qatı yaddaş) və hər çəkini ən çoxu
#   təxminən `lr` qədər dəyişir (düz `lr` qədər yalnız ilk addımda); weight decay ayrıca tətbiq olunur:
#   $w \leftarrow w - \text{lr}\cdot\text{wd}\cdot w$.
# - Weight decay yalnız ≥ 2 ölçülü parametrlərə (matrislər, embedding-lər) tətbiq olunur; bias-lar və LayerNorm
#   çəkiləri ondan azaddır — `param_groups`, `make_optimizer`.
# - Çox aşağı LR — itki yerində sayır; çox yüksək LR — itki ln(V)-dən yuxarı sıçrayır. Ən yaxşı LR batch-dən və
#   modeldən asılıdır: `6e-4` ~0.5M tokenlik batch-lər üçün seçilib; sizinkini axtarış (sweep) ilə tapmaq olar.
# - Plan: xətti isinmə + kosinus azalması; `lr_at` = `transformers.get_cosine_schedule_with_warmup`. Orijinal dərsin
#   modeli üçün `6e-4` və 100 isinmə addımı. Plan bütöv təlimdə özünü doğruldur, qısa təlimdə yox.
# - `scheduler.step()` — hər optimallaşdırıcı addımında bir dəfə, `optimizer.step()`-dən sonra.
#
# **İndi `course_lib`-də:** `schedule` (`lr_at`, `param_groups`, `make_optimizer`, `make_scheduler`).
#
# **Növbəti gün:** [Gün 25 — accelerate, fp16 və Qradiyent Yığımı](day25_accelerate_fp16.ipynb)

# %% md en
# ## Summary
# - AdamW keeps a momentum $m$ and $v$ for every parameter (twice the parameters' memory) and moves every weight by
#   at most about `lr` (by exactly `lr` only in the first step); weight decay is applied separately: $w \leftarrow w - \text{lr}\cdot\text{wd}\cdot w$.
# - Weight decay only for ≥ 2-D parameters (matrices, embeddings); biases and LayerNorm weights are exempt —
#   `param_groups`, `make_optimizer`.
# - LR too low — the loss marks time; LR too high — the loss jumps above ln(V). The best LR depends on the batch and
#   the model: `6e-4` was chosen for ~0.5M-token batches; a sweep finds yours.
# - The schedule: linear warmup + cosine decay; `lr_at` = `transformers.get_cosine_schedule_with_warmup`. For the
#   seed model `6e-4` and 100 warmup steps. The schedule pays off in a whole run, not in a short one.
# - `scheduler.step()` — once per optimizer step, after `optimizer.step()`.
#
# **Now in `course_lib`:** `schedule` (`lr_at`, `param_groups`, `make_optimizer`, `make_scheduler`).
#
# **Next day:** [Day 25 — accelerate, fp16 and gradient accumulation](day25_accelerate_fp16.ipynb)
