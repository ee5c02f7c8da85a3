# %% md az
# # 🔁 Gün 23 — İlk təlim dövrü
#
# {{BADGE}}
#
# Gün 17-də GPT modelini qurduq, dünən isə batch-ləri hazırladıq. Bu gün onları birləşdiririk: **təlim dövrü**
# (training loop). Hər addımın beş hissəsi var: irəli ötürmə (forward), itki (loss), geri yayılma (backward),
# optimallaşdırıcının addımı (step) və qradiyentlərin sıfırlanması (zero_grad). Hələ `accelerate` yoxdur — sadə
# PyTorch, hər şey göz önündə. Təlimə başlamazdan əvvəl iki ilkin yoxlama (sanity check) aparırıq: başlanğıc itki
# təxminən ln(lüğət ölçüsü) olmalıdır (üstəgəl kiçik bir düzəliş — onun haradan gəldiyini göstərəcəyik) və model
# bir batch-i əzbərləyə bilməlidir. Sonra korpus üzərində irəliləyiş zolağı və itki əyrisi ilə qısa, real təlim
# aparırıq. Sonda ən çox rast gəlinən səhvlərə baxırıq.
#
# **Məqsədlər**
# - təlim addımının beş hissəsini öz əlinizlə yazmaq və onların `course_lib.train.plain_step` ilə eyni olduğunu görmək;
# - başlanğıc itkinin niyə ln(V) + 0.0002·C olduğunu başa düşmək və onu yoxlamaq;
# - "bir batch-i əzbərlə" yoxlamasını (overfit one batch) aparmaq;
# - qısa təlimi irəliləyiş zolağı (tqdm) və itki əyrisi ilə işə salmaq;
# - `zero_grad`-ı unutmağın və `model.eval()`/`model.train()` rejimlərini qarışdırmağın nəyə gətirib çıxardığını görmək.
#
# **Təxmini vaxt:** 60 dəqiqə (kodun icrası: `cpu` profilində, bir CPU nüvəsində ~2 dəqiqə) · **Tələblər:** Gün 17
# (GPT modeli), Gün 22 (`get_batch`), PyTorch-da `backward`.

# %% md en
# # 🔁 Day 23 — the first training loop
#
# {{BADGE}}
#
# On Day 17 we built the GPT model, yesterday we made the batches. Today we put them together: the **training
# loop**. Every step has five parts: the forward pass, the loss, the backward pass, the optimizer step and zeroing the
# gradients (zero_grad). No `accelerate` yet — plain PyTorch, everything in the open. Before training we do two
# sanity checks: the initial loss must be ≈ ln(vocabulary size) (plus a small correction that we derive), and the
# model must be able to memorize one batch.
# Then a short, real training run on the corpus — with a progress bar and a loss curve. At the end we look at the
# most common bugs.
#
# **Objectives**
# - write the five parts of a training step by hand and see that they are `course_lib.train.plain_step`;
# - understand why the initial loss is ln(V) + 0.0002·C, and check it;
# - do the "overfit one batch" sanity test;
# - run a short training with a progress bar (tqdm) and a loss curve;
# - see what forgetting `zero_grad` and mixing up `model.eval()`/`model.train()` do.
#
# **Estimated time:** 60 minutes (running its code: ~2 min on the `cpu` profile, one CPU core) · **Prerequisites:**
# Day 17 (the GPT model), Day 22 (`get_batch`), `backward` in PyTorch.

# %% md az
# ## 0. Hazırlıq
# Modelin ölçüsü, batch ölçüsü (`micro_batch`), kontekst uzunluğu (`block_size`) və öyrənmə sürəti (`lr`)
# profildən götürülür. Dərsdəki təlim addımlarının sayı `course_lib.budget.lesson_plan`-da verilib: profilin
# `max_steps`-i, amma dərsdə ən çoxu 200 — təlim aparan hər xana profilin hədəf cihazında (məsələn, T4-də)
# 5 dəqiqəyə sığır. Token faylları `ensure_prepared(profile)` ilə hazırlanır: Gün 21–22 dəftərlərini işə
# salmamısınızsa, o, tokenizatoru və faylları indi qurur və harada olduqlarını bildirir.

# %% md en
# ## 0. Set-up
# The model size, the batch size (`micro_batch`), the context length (`block_size`) and the learning rate (`lr`)
# come from the profile. The lesson's numbers of training steps are in `course_lib.budget.lesson_plan`: the
# profile's `max_steps`, but at most 200 in a lesson — every cell that trains fits in 5 minutes on the profile's
# target device (a T4, say). The token files come from `ensure_prepared(profile)`: if you have not run the notebooks
# of Days 21–22, it builds the tokenizer and the files now and says where they are.

# %% setup

# %%
import gc
import inspect
import math
import time

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from tqdm.auto import tqdm

from course_lib.budget import lesson_plan
from course_lib.data import ensure_prepared, get_batch
from course_lib.device import detect
from course_lib.heldout import bits_per_char
from course_lib.metrics import plot_reference, reference_line
from course_lib.model import GPTModel, seed_config
from course_lib.profiles import PROFILES
from course_lib.train import estimate_loss, plain_step

device = detect().torch_device
prepared = ensure_prepared(profile)
V = prepared.vocab_size
B, T, C = profile.micro_batch, profile.block_size, profile.n_embd
plan = lesson_plan("day23", profile)
print(_("cihaz:", "device:"), device, "| V =", V, "| B =", B, "| T =", T, "| C =", C, "| lr =", profile.lr,
      _("| §4-ün addımları =", "| steps of §4 ="), plan["train"].steps)


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
print(f"{_('parametrlər', 'parameters')}: {model.num_params():,} | "
      f"{_('bir batch', 'one batch')}: {B} × {T} = {B * T:,} {_('proqnoz (hər mövqe bir nümunədir)', 'predictions (every position is one example)')}")

# %% md az
# ## 1. Təlimdən əvvəlki itki: ln(V) və kiçik bir düzəliş
# Model hər mövqedə lüğətdəki V tokenin hər biri üçün bir **logit** verir; softmax onları ehtimallara çevirir. İtki
# (cross-entropy) düzgün tokenin ehtimalının mənfi loqarifmidir: $\text{loss} = -\ln p_{\text{düzgün}}$.
#
# Bütün logit-lər bərabər olsaydı, softmax hər tokenə $p = 1/V$ verərdi — model **bərabər ehtimalla təxmin edərdi**
# — və $\text{loss} = -\ln(1/V) = \ln V$ olardı. Təlimdən əvvəl logit-lər kiçikdir, amma sıfır deyil. Modelin son
# addımı yekun LayerNorm-dur (`ln_f`): hər mövqenin $h$ vektorunun C komponentinin dispersiyası 1 olur, yəni
# $\lVert h\rVert^2 \approx C$. Çıxış qatının (`lm_head`, embedding-ə bağlı) çəkiləri isə std 0.02 ilə başlayır
# (GPT-2 üslubu). Hər logit $z = h\cdot w$ belə C hasilin cəmidir, ona görə də onun dispersiyası
# $\sigma^2 = 0.02^2\cdot C = 0.0004\,C$-dir. İtkini açıb yazaq:
#
# $$\text{loss} = \ln\sum_v e^{z_v} - z_{\text{düzgün}}, \qquad \mathbb{E}[z_{\text{düzgün}}] = 0, \qquad
# \sum_v e^{z_v} \approx V\,\mathbb{E}[e^{z}] = V e^{\sigma^2/2},$$
#
# deməli, $\mathbb{E}[\text{loss}] \approx \ln V + \sigma^2/2 = \ln V + 0.0002\,C$. Kiçik modellərdə düzəliş
# cüzidir (C = 64: +0.013), 100M parametrli modeldə (C = 768) isə +0.15-dir — bu, icazə verdiyimiz ±0.1-dən
# böyükdür. Ona görə də itkini $\ln V + \sigma^2/2$ ilə müqayisə edirik. Bu, ilk yoxlamadır: başlanğıc itki bundan
# xeyli böyükdürsə, model təlimdən əvvəl **əmindir, amma yanılır** (çəkilərin ilkin qiymətləri düzgün verilməyib)
# və ilk addımlar boşa gedir.

# %% md en
# ## 1. The loss before training: ln(V) and a small correction
# At every position the model gives a **logit** for each of the V tokens of the vocabulary; softmax turns them into
# probabilities. The loss (cross-entropy) is minus the log of the right token's probability:
# $\text{loss} = -\ln p_{\text{right}}$.
#
# If all the logits were equal, softmax would give every token $p = 1/V$ — the model would **guess uniformly** — and
# $\text{loss} = -\ln(1/V) = \ln V$. Before training the logits are small, but not zero. The model's last step is
# the final LayerNorm (`ln_f`): it gives the C components of every position's vector $h$ a variance of 1, so
# $\lVert h\rVert^2 \approx C$. The head (`lm_head`, tied to the embedding) starts with weights of std 0.02 (GPT-2
# style). Each logit $z = h\cdot w$ is a sum of C such products, so its variance is
# $\sigma^2 = 0.02^2\cdot C = 0.0004\,C$. Let us open up the loss:
#
# $$\text{loss} = \ln\sum_v e^{z_v} - z_{\text{right}}, \qquad \mathbb{E}[z_{\text{right}}] = 0, \qquad
# \sum_v e^{z_v} \approx V\,\mathbb{E}[e^{z}] = V e^{\sigma^2/2},$$
#
# so $\mathbb{E}[\text{loss}] \approx \ln V + \sigma^2/2 = \ln V + 0.0002\,C$. For small models the correction is
# negligible (C = 64: +0.013); for the 100M model (C = 768) it is +0.15 — more than the ±0.1 we allow. So we compare
# the loss with $\ln V + \sigma^2/2$. That is the first check: if the initial loss is much bigger, the model is
# **confident and wrong** before training (the initialization is broken) and the first steps are wasted.

# %% md az
# Kursun profillərində (V profilin real korpus üçün nəzərdə tutulmuş lüğət ölçüsüdür; kursla birlikdə verilən kiçik
# korpusda tokenizator daha kiçikdir, ona görə də aşağıda hazırlanmış məlumatın V-sini götürürük):

# %% md en
# In the course's profiles (V is the profile's vocabulary for a real corpus; on the small corpus shipped with the
# course the tokenizer is smaller, so below we take V of the prepared data):

# %%
# NBVAL_CHECK_OUTPUT
for name, p in PROFILES.items():
    sigma2 = 0.02**2 * p.n_embd
    print(f"{name:>6}: V = {p.vocab_size:>6,}, C = {p.n_embd:>3} | ln V = {math.log(p.vocab_size):6.3f} | "
          f"σ = 0.02·√C = {math.sqrt(sigma2):.3f} | ln V + σ²/2 = {math.log(p.vocab_size) + sigma2 / 2:6.3f}")

# %%
x, y = get_batch(prepared.train, B, T, device, generator=torch.Generator().manual_seed(0))
with torch.no_grad():
    logits, loss = model(x, y)
probs = logits.softmax(dim=-1)  # (B, T, V)
sigma = 0.02 * math.sqrt(C)
expected = math.log(V) + sigma**2 / 2
print(f"{_('logit-lərin std-si', 'std of the logits')}: {logits.std().item():.3f} | 0.02·√C = {sigma:.3f}")
print(f"{_('başlanğıc itki', 'initial loss')}: {loss.item():.4f} | ln V = {math.log(V):.4f} | "
      f"ln V + σ²/2 = {expected:.4f} | {_('fərq', 'difference')}: {loss.item() - expected:+.4f}")
print(f"{_('ehtimallar', 'probabilities')}: min {probs.min().item():.2e}, max {probs.max().item():.2e} "
      f"(1/V = {1 / V:.2e})")
print(_("ln V + σ²/2-yə yaxındır (±0.1):", "close to ln V + σ²/2 (±0.1):"), abs(loss.item() - expected) < 0.1)

# %% md az
# Səhv verilmiş ilkin qiymətləri təqlid edək: eyni logit-ləri 30-a vuraq — model "əmin" olur, amma təsadüfi təxmin edir.
# Eyni hədəflər üçün itki ln(V)-dən dəfələrlə böyük olur:

# %% md en
# Let us imitate a broken initialization: multiply the same logits by 30 — the model becomes "confident", but at
# random. For the same targets the loss is several times ln(V):

# %%
confident = F.cross_entropy((logits * 30).reshape(B * T, V), y.reshape(B * T))
print(f"{_('əmin, amma təsadüfi', 'confident but random')}: {confident.item():.2f} | ln V = {math.log(V):.2f}")

# %% md az
# ## 2. Bir təlim addımı — açıq şəkildə
# Optimallaşdırıcı kimi **AdamW** götürürük (onun nə etdiyini sabah, Gün 24-də ətraflı görəcəyik). Bir addım:
# 1. **irəli ötürmə:** `logits, loss = model(x, y)` — model itkini özü hesablayır (cross-entropy, bütün B·T mövqe
#    üzrə orta qiymət);
# 2. **geri yayılma:** `loss.backward()` — hər parametr üçün $\partial\,\text{loss} / \partial w$ hesablanır və
#    `.grad`-a **əlavə edilir**;
# 3. **addım:** `optimizer.step()` — çəkilər qradiyentin **əksinə** (itkinin azaldığı tərəfə) dəyişir;
# 4. **sıfırlama:** `optimizer.zero_grad()` — `.grad` təmizlənir, yoxsa növbəti addımın qradiyenti onun üstünə
#    əlavə olunacaq.

# %% md en
# ## 2. One training step — in the open
# As the optimizer we take **AdamW** (tomorrow, on Day 24, we look at what it does in detail). One step:
# 1. **forward:** `logits, loss = model(x, y)` — the model computes the loss itself (cross-entropy, the mean over
#    all B·T positions);
# 2. **backward:** `loss.backward()` — $\partial\,\text{loss} / \partial w$ is computed for every parameter and
#    **added** into `.grad`;
# 3. **step:** `optimizer.step()` — the weights move **against** the gradient (the way the loss goes down);
# 4. **zeroing:** `optimizer.zero_grad()` — `.grad` is cleared, otherwise the next step's gradient lands on top.

# %%
model = new_model()
optimizer = torch.optim.AdamW(model.parameters(), lr=profile.lr)
before = model.tok_emb.weight.detach().clone()

# az: 1. irəli ötürmə və itki
# en: 1. forward pass and loss
logits, loss = model(x, y)
# az: 2. geri yayılma: qradiyentlər .grad-a yazılır
# en: 2. backward pass: the gradients go into .grad
loss.backward()
# az: bütün qradiyentlərin birgə normu, onların surətini çıxarmadan: √(Σ ‖g‖²)
# en: the norm of all the gradients together, without copying them: √(Σ ‖g‖²)
grad_norm = torch.stack([p.grad.norm() for p in model.parameters()]).norm().item()
# az: 3. optimallaşdırıcının addımı
# en: 3. the optimizer step
optimizer.step()
# az: 4. qradiyentləri sıfırlamaq
# en: 4. zero the gradients
optimizer.zero_grad(set_to_none=True)

print(f"{_('itki', 'loss')} {loss.item():.4f} | {_('qradiyentin normu', 'gradient norm')} {grad_norm:.3f} | "
      f"{_('tok_emb-in ən böyük dəyişikliyi', 'largest change of tok_emb')} "
      f"{(model.tok_emb.weight - before).abs().max().item():.2e}")
print(_(".grad addımdan sonra:", ".grad after the step:"), model.tok_emb.weight.grad)

# %% md az
# Kitabxanada bu dörd sətir `plain_step` funksiyasını təşkil edir. Onun mənbə koduna baxaq və eyni çəkilərdən, eyni
# batch-lə bir addım ataq: iki modelin parametrləri eyni olmalıdır. İkinci model və ikinci AdamW yaddaşı ikiqat
# artırardı (100M parametrli modelin iki nüsxəsi 4 GB-lıq karta birlikdə sığmır). Ona görə də addımdan sonrakı çəkiləri
# CPU-ya köçürür, birinci modeli və onun optimallaşdırıcısını silir, yalnız bundan sonra ikincisini qururuq:
# `new_model()` eyni çəkilərdən başlayır (toxum 0).

# %% md en
# In the library these four lines are the `plain_step` function. Let us read its source and take one step from the
# same weights with the same batch: the two models' parameters must be equal. A second model with a second AdamW
# would double the memory (for a 100M model the two do not fit on a 4 GB card together). So we copy the stepped
# weights to the CPU, delete the first model and its optimizer, and only then build the second: `new_model()` starts
# from the same weights (seed 0).

# %%
print(inspect.getsource(plain_step))
stepped = [p.detach().cpu() for p in model.parameters()]
# az: birinci model, onun optimallaşdırıcısı və böyük tensorlar (logits, probs: B × T × V) artıq lazım deyil; loss da:
# az: onun hesablama qrafı modelin parametrlərinə istinad edir və onları yaddaşda saxlayır
# en: the first model, its optimizer and the big tensors (logits, probs: B × T × V) are no longer needed; nor is
# en: loss: its computation graph refers to the model's parameters and keeps them in memory
del model, optimizer, logits, loss, probs, before
release_memory()
reference = new_model()
reference_optimizer = torch.optim.AdamW(reference.parameters(), lr=profile.lr)
plain_step(reference, reference_optimizer, x, y)
diff = max((a - b.detach().cpu()).abs().max().item() for a, b in zip(stepped, reference.parameters()))
print(_("parametrlərin ən böyük fərqi:", "largest difference of the parameters:"), diff)
del reference, reference_optimizer, stepped
release_memory()

# %% md az
# ## 3. İlkin yoxlama: bir batch-i əzbərləmək
# Uzun təlimdən əvvəl ən ucuz yoxlama: model **bir** kiçik batch-i əzbərləyə bilirmi? Hər addımda ona eyni 4 ardıcıllığı
# veririk. Model, itki, geri yayılma və optimallaşdırıcı düzgündürsə, itki bir neçə on addım ərzində sıfıra yaxınlaşır.
# Yaxınlaşmırsa, səhv təlim dövründədir (məsələn, `y` sürüşdürülməyib, `zero_grad` yoxdur, optimallaşdırıcıya başqa
# parametrlər verilib) və saatlarla sürən təlimə başlamağın mənası yoxdur. Burada ümumiləşdirmə lazım deyil, ona görə də
# öyrənmə sürətini profildəkindən 3 dəfə böyük götürürük. İtki 0.1-dən aşağı düşəndə dayanırıq.

# %% md en
# ## 3. Sanity test: overfit one batch
# The cheapest check before a long run: can the model memorize **one** small batch? We give it the same 4 sequences
# at every step. If the model, the loss, the backward pass and the optimizer are right, the loss gets close to zero
# within a few dozen steps. If it does not, the bug is in the training loop (say, `y` is not shifted, `zero_grad` is
# missing, the optimizer holds other parameters) and there is no point in starting hours of training. No
# generalization is needed here, so we take 3 times the profile's learning rate. We stop when the loss drops
# below 0.1.

# %%
model = new_model()
optimizer = torch.optim.AdamW(model.parameters(), lr=3 * profile.lr)
x_one, y_one = x[:plan["overfit"].micro_batch], y[:plan["overfit"].micro_batch]
overfit_losses = []
start = time.perf_counter()
for _step in tqdm(range(plan["overfit"].steps), desc=_("bir batch", "one batch")):
    overfit_losses.append(plain_step(model, optimizer, x_one, y_one))
    if overfit_losses[-1] < 0.1:
        break
seconds = time.perf_counter() - start
print(f"{len(overfit_losses)} {_('addım', 'steps')}, {seconds:.1f} s: {_('itki', 'loss')} {overfit_losses[0]:.3f} → "
      f"{overfit_losses[-1]:.3f}")
print(_("əzbərlədi (itki < 0.1):", "memorized (loss < 0.1):"), overfit_losses[-1] < 0.1)
plt.figure(figsize=(6, 3))
plt.plot(overfit_losses)
plt.axhline(math.log(V), color="gray", ls="--", lw=0.8, label="ln V")
plt.xlabel(_("addım", "step"))
plt.ylabel(_("itki", "loss"))
plt.title(_("Bir batch-i əzbərləmək", "Overfitting one batch"))
plt.legend()
plt.grid(alpha=0.3)
plt.show()

# %% md az
# ## 4. Korpus üzərində qısa təlim
# İndi əsl iş: hər addımda `get_batch` təsadüfi yeni batch verir. Addımların sayı `plan["train"].steps`-dir: profilin
# `max_steps`-i, amma ən çoxu 200 (CI-da bir neçə addım). Profilin tam `max_steps`-i (T4-də 1000) Gün 25-in təlim əmri
# üçündür: burada, fp32 ilə, 100M parametrli modelin bir addımı T4-də təxminən bir saniyə çəkir (`course_lib.budget`-in
# hesablamasına görə) və 1000 addım ~17 dəqiqə çəkərdi. Öyrənmə sürəti sabitdir (cədvəli sabah öyrənəcəyik), irəliləyiş
# zolağı isə itkini göstərir. Təlimdən əvvəl və sonra `estimate_loss` ilə train və val itkisini ölçürük: o, modeli
# `eval` rejiminə keçirir, `torch.no_grad()` altında bir neçə batch-in orta itkisini hesablayır və modeli yenidən
# `train` rejiminə qaytarır (ətraflı Gün 27-də). Profilin `grad_accum` parametri Gün 25-də (Qradiyent Yığımı) işə
# düşəcək.
#
# Əvvəlcə §3-ün modelini və optimallaşdırıcısını silirik: iki 100M parametrli model AdamW vəziyyətləri ilə birlikdə
# 4 GB-lıq karta sığmır. `del` adları silir, `gc.collect()` yaddaşı dərhal azad edir, CUDA-da isə
# `torch.cuda.empty_cache()` PyTorch-un saxladığı boş blokları karta qaytarır.
#
# ⏱ `cpu` profilində ~80 saniyə (bir CPU nüvəsində ölçülüb); irəliləyiş zolağı sizin kompüterinizdə qalan vaxtı
# göstərir.

# %% md en
# ## 4. A short training run on the corpus
# Now the real work: at every step `get_batch` gives a new random batch. The number of steps is
# `plan["train"].steps`: the profile's `max_steps`, but at most 200 (a few in CI). The profile's full `max_steps`
# (1000 on a T4) is for Day 25's train command: here, in fp32, one step of the 100M model takes about a second on a
# T4 (`course_lib.budget`'s estimate), and 1000 steps would take ~17 minutes. The learning rate is constant (the schedule comes tomorrow), and the
# progress bar shows the loss. Before and after, `estimate_loss` measures the train and val loss: it switches the
# model to `eval` mode, averages the loss of a few batches under `torch.no_grad()` and puts the model back into
# `train` (more on Day 27). The profile's `grad_accum` comes into play on Day 25 (gradient accumulation).
#
# First we delete §3's model and optimizer: on a 4 GB card two 100M models with their AdamW states do not fit
# together. `del` removes the names, `gc.collect()` frees the memory at once, and on CUDA `torch.cuda.empty_cache()`
# gives the free blocks PyTorch keeps back to the card.
#
# ⏱ ~80 s on the `cpu` profile (measured on one CPU core); the progress bar shows the time left on your machine.

# %%
del model, optimizer
release_memory()

# %%
run = plan["train"]
model = new_model()
optimizer = torch.optim.AdamW(model.parameters(), lr=profile.lr)
data = {"train": prepared.train, "val": prepared.val}
before = estimate_loss(model, data, run.eval_iters, B, T, device)
generator = torch.Generator().manual_seed(0)
losses = []
start = time.perf_counter()
bar = tqdm(range(run.steps), desc=_("Təlim", "Training"))
for _step in bar:
    xb, yb = get_batch(prepared.train, B, T, device, generator)
    losses.append(plain_step(model, optimizer, xb, yb))
    bar.set_postfix(loss=f"{losses[-1]:.3f}")
seconds = time.perf_counter() - start
after = estimate_loss(model, data, run.eval_iters, B, T, device)
print(f"{len(losses)} {_('addım', 'steps')}, {seconds:.1f} s | "
      f"{len(losses) * B * T / seconds:,.0f} {_('token/s (ölçülüb)', 'tokens/s (measured)')}")
print(f"{_('əvvəl', 'before')}: train {before['train']:.3f}, val {before['val']:.3f} | "
      f"{_('sonra', 'after')}: train {after['train']:.3f}, val {after['val']:.3f}")

# %%
plt.figure(figsize=(7, 3.5))
plt.plot(range(1, len(losses) + 1), losses, lw=1, label=_("təlim itkisi (hər addım)", "training loss (every step)"))
window = max(1, len(losses) // 10)
if window > 1:
    smooth = [sum(losses[i - window:i]) / window for i in range(window, len(losses) + 1)]
    plt.plot(range(window, len(losses) + 1), smooth, lw=2, label=_(f"son {window} addımın orta qiyməti", f"mean of the last {window} steps"))
plt.axhline(math.log(V), color="gray", ls="--", lw=0.8, label="ln V")
plt.scatter([len(losses)], [after["val"]], color="C3", zorder=3, label=_("val (sonda)", "val (at the end)"))
plt.xlabel(_("addım", "step"))
plt.ylabel(_("itki (cross-entropy)", "loss (cross-entropy)"))
plt.title(_("İlk təlim", "The first training run"))
plt.legend()
plt.grid(alpha=0.3)
plt.show()

# %% md az
# ### 4.1 Tam təlim necə görünür: istinad təlimi
# Bu qısa təlim yalnız başlanğıcdır. Kurs `cpu` profili ilə sona qədər aparılmış bir təlimi saxlayır —
# `python -m course_lib.train --profile cpu` (Gün 25) əmrinin verdiyi nəticəni: `assets/runs/cpu/` (`metrics.jsonl`,
# `loss.png`, mətn nümunələri, model; `make reference-run` onu yenidən yaradır). Hər tokenə düşən itkini lüğətləri
# fərqli olan təlimlər arasında müqayisə etmək olmaz (512 tokenlik lüğətdə hər token 4096 tokenlik lüğətdəkindən az
# məlumat daşıyır), ona görə də hər iki təlimi **simvol başına bit** ilə göstəririk: itki × (token / simvol) / ln 2 —
# bu, tokenizatordan asılı deyil. Sizin əyriniz istinad əyrisinin başlanğıcı ilə üst-üstə düşməlidir.

# %% md en
# ### 4.1 What a whole run looks like: the reference run
# This short run is only a start. The course keeps a run of the `cpu` profile taken to its end — what
# `python -m course_lib.train --profile cpu` (Day 25) gives: `assets/runs/cpu/` (`metrics.jsonl`, `loss.png`, text
# samples, the model; `make reference-run` makes it again). Losses per token cannot be compared across vocabularies
# (a token of a 512-token vocabulary carries less than one of a 4096-token vocabulary), so both runs are shown in
# **bits per character**: loss × (tokens / character) / ln 2 — that does not depend on the tokenizer. Your curve
# should fall on the start of the reference's.

# %%
print(reference_line())
meta = prepared.meta
chars_per_step = B * T * meta["val_chars"] / meta["val_tokens"]
fig, ax = plt.subplots(figsize=(7, 3.5))
plot_reference(ax)
ax.plot([(i + 1) * chars_per_step / 1e6 for i in range(len(losses))],
        [bits_per_char(loss, meta["val_tokens"], meta["val_chars"]) for loss in losses], lw=1, color="C0",
        label=_("sizin təliminiz: təlim", "your run: train"))
ax.scatter([len(losses) * chars_per_step / 1e6], [bits_per_char(after["val"], meta["val_tokens"], meta["val_chars"])],
           color="C3", zorder=3, label=_("sizin təliminiz: validasiya (sonda)", "your run: val (at the end)"))
ax.set_xscale("log")
ax.set_title(_("Sizin təliminiz və istinad təlimi", "Your run and the reference run"))
ax.legend()
ax.grid(alpha=0.3)
plt.show()

# %% md az
# ## 5. Tez-tez rast gəlinən səhvlər
# ### 5.1 `zero_grad`-ı unutmaq
# `backward()` qradiyenti `.grad`-a **yazmır, onun üstünə əlavə edir**. Bu, qəsdən belədir — Gün 25-də Qradiyent Yığımı
# (gradient accumulation) məhz bunun üzərində qurulur. Amma `zero_grad` unudulsa, hər addım bütün əvvəlki addımların
# qradiyentlərinin cəmi ilə atılır. Əvvəlcə sadə bir fakt: eyni batch-də iki dəfə `backward` → qradiyent iki dəfə böyük
# olur.

# %% md en
# ## 5. Common bugs
# ### 5.1 Forgetting `zero_grad`
# `backward()` does not **write** the gradient into `.grad`, it **adds** to it. That is on purpose — gradient
# accumulation on Day 25 is built on it. But when `zero_grad` is forgotten, every step goes with the sum of the
# gradients of all the steps before. First the plain fact: `backward` twice on the same batch → twice the gradient.

# %%
model = new_model()
model(x, y)[1].backward()
first = model.tok_emb.weight.grad.clone()
model(x, y)[1].backward()
print(_("ikinci backward-dan sonra .grad = 2 × birinci:", "after the second backward .grad = 2 × the first:"),
      torch.allclose(model.tok_emb.weight.grad, 2 * first))

# %% md az
# İndi bir batch-in əzbərlənməsini iki dəfə təkrarlayaq — `zero_grad` ilə və onsuz (eyni başlanğıc, eyni batch,
# profilin öyrənmə sürəti, 20 addım):

# %% md en
# Now repeat the overfitting of one batch twice — with `zero_grad` and without it (same start, same batch, the
# profile's learning rate, 20 steps):

# %%
curves = {}
for zero_grad in (True, False):
    model = new_model()
    optimizer = torch.optim.AdamW(model.parameters(), lr=profile.lr)
    curve = []
    for _step in range(plan["zero_grad"].steps):
        _logits, loss = model(x_one, y_one)
        loss.backward()
        optimizer.step()
        if zero_grad:
            optimizer.zero_grad(set_to_none=True)
        curve.append(loss.item())
    curves[zero_grad] = curve
    print(f"zero_grad={zero_grad!s:<5}: {_('itki', 'loss')} {curve[0]:.3f} → {curve[-1]:.3f}")
plt.figure(figsize=(6, 3))
plt.plot(curves[True], label=_("zero_grad ilə", "with zero_grad"))
plt.plot(curves[False], label=_("zero_grad-sız (səhv)", "without zero_grad (bug)"))
plt.xlabel(_("addım", "step"))
plt.ylabel(_("itki", "loss"))
plt.legend()
plt.grid(alpha=0.3)
plt.show()

# %% md az
# Bu səhv səssizdir: xəta çıxmır, itki yenə də azalır — sadəcə pis azalır. Ona görə də bu səhvi yalnız müqayisə ilə
# aşkar etmək olur.
#
# ### 5.2 `model.train()` və `model.eval()`
# Bəzi qatlar təlim və qiymətləndirmə zamanı fərqli işləyir: **dropout** təlimdə təsadüfi neyronları söndürür,
# qiymətləndirmədə isə söndürmür. Rejimi `model.train()` / `model.eval()` seçir. Qiymətləndirmədən sonra
# `model.train()`-i unutsanız, dropout təlimdə işləməz; ölçmə zamanı `eval()`-i unutsanız, ölçdüyünüz itki təsadüfi
# olar. Kursun modeli standart olaraq `dropout=0.0` ilə qurulur, ona görə də bunu göstərmək üçün `dropout=0.1` ilə bir
# model qururuq. `estimate_loss` isə rejimi özü dəyişir və sonra əvvəlki rejimi bərpa edir.

# %% md en
# The bug is quiet: there is no error, and the loss still goes down — just badly. That is why only a comparison
# catches it.
#
# ### 5.2 `model.train()` and `model.eval()`
# Some layers work differently in training and in evaluation: **dropout** switches off random neurons in training
# and not in evaluation. `model.train()` / `model.eval()` choose the mode. Forget `model.train()` after an
# evaluation and dropout does not work in training; forget `eval()` when measuring and the loss you measure is
# random. The course model has `dropout=0.0` by default, so to show it we build one with `dropout=0.1`.
# `estimate_loss` switches the mode itself and restores the previous one.

# %%
torch.manual_seed(0)
dropout_model = GPTModel(vocab_size=V, dropout=0.1, **profile.model_kwargs()).to(device)
with torch.no_grad():
    dropout_model.train()
    same_train = torch.equal(dropout_model(x)[0], dropout_model(x)[0])
    dropout_model.eval()
    same_eval = torch.equal(dropout_model(x)[0], dropout_model(x)[0])
print(_("train rejimi — eyni giriş, eyni çıxış:", "train mode — same input, same output:"), same_train)
print(_("eval rejimi — eyni giriş, eyni çıxış:", "eval mode — same input, same output:"), same_eval)
dropout_model.train()
estimate_loss(dropout_model, data, 1, B, T, device)
print(_("estimate_loss-dan sonra model.training:", "model.training after estimate_loss:"), dropout_model.training)

# %% md az
# ### 5.3 `loss`-u yox, `loss.item()`-i saxlayın
# `loss` tensoru hesablama qrafına (`grad_fn`) bağlıdır. İtkiləri siyahıya tensor kimi yığsanız, hər addımın qrafı
# yaddaşda qalır. `loss.item()` sadə Python ədədidir. Qiymətləndirmədə isə `torch.no_grad()` altında qraf qurulmur:

# %% md en
# ### 5.3 Keep `loss.item()`, not `loss`
# The `loss` tensor is tied to the computation graph (`grad_fn`). Collect losses in a list as tensors and every
# step's graph stays in memory. `loss.item()` is a plain Python number. In evaluation `torch.no_grad()` builds no
# graph:

# %%
_logits, loss = model(x, y)
print("loss.grad_fn:", type(loss.grad_fn).__name__, "| loss.item():", type(loss.item()).__name__)
with torch.no_grad():
    _logits, loss = model(x, y)
print(_("no_grad altında grad_fn:", "grad_fn under no_grad:"), loss.grad_fn)

# %% md az
# ## 6. 4 GB-lıq GPU üçün niyə vacibdir?
# GPU-da təlim dövrü eynidir — sadəcə model böyükdür və bir addım saniyələr çəkir. Ona görə də səhvləri **təlimdən
# əvvəl** tutmaq lazımdır: başlanğıc itkinin yoxlanması cəmi bir irəli ötürmədir, bir batch-in əzbərlənməsi isə,
# yuxarıda ölçdüyümüz kimi, bir neçə saniyə çəkir — bu, boşa gedən bir gecəlik təlimdən qat-qat ucuzdur. Yaddaş da
# vacibdir: daha lazım olmayan modeli, optimallaşdırıcını və böyük tensorları (`logits`: B × T × V) `del` ilə silin —
# yoxsa kartın yaddaşı növbəti xanada dolacaq. §1-in düsturuna görə 100M parametrli əsas modeldə və sizin modelinizdə
# başlanğıc itki nə qədər olmalıdır:

# %% md en
# ## 6. Why it matters for a 4 GB GPU
# The training loop on a GPU is the same — only the model is big and one step takes seconds. So bugs must be caught
# **before** training: the initial-loss check is one forward pass, overfitting one batch takes seconds, as measured
# above — much cheaper than a wasted night of training. Memory matters too: delete the model, the optimizer and the
# big tensors (`logits`: B × T × V) you no longer need with `del` — otherwise the card fills up in the next cell.
# With §1's formula, what the initial loss must be for the 100M seed model and for yours:

# %%
for name, vocab, width in ((_("əsas model (real korpus)", "seed model (a real corpus)"), seed_config()["vocab_size"],
                            seed_config()["n_embd"]), (_("bu dəftərin modeli", "this notebook's model"), V, C)):
    print(f"{name}: V = {vocab:,}, C = {width} → ln V + 0.0002·C = {math.log(vocab):.2f} + {0.0002 * width:.3f} "
          f"= {math.log(vocab) + 0.0002 * width:.2f}")

# %% md az
# ## 7. Tapşırıqlar
# Hər tapşırıqda funksiyanı yazın (`raise NotImplementedError` sətrini silin) və xananı işə salın.
#
# Yoxlama uğursuz olanda əvvəlcə istiqamət verən məsləhət görünür; üç uğursuz cəhddən sonra daha ətraflı
# məsləhət gəlir, `check("day23.initial_loss", solution=True)` isə kursun həllini göstərir (hər tapşırığın öz
# adı ilə).
#
# **Tapşırıq 1.** V tokenlik lüğət üzərində bərabər ehtimalla təxmin edən modelin itkisini (Python `float`) qaytarın.

# %% md en
# ## 7. Exercises
# In each exercise write the function (delete the `raise NotImplementedError` line) and run the cell.
#
# When a check fails you first get a nudge; after three failed tries a stronger hint follows, and
# `check("day23.initial_loss", solution=True)` shows the course's code (each exercise by its own name).
#
# **Exercise 1.** The loss of a model that guesses uniformly over a vocabulary of V tokens (a Python `float`).

# %%
def initial_loss_exercise(vocab_size: int) -> float:
    # az: Sizin kodunuz burada
    # en: Your code here
    raise NotImplementedError


check("day23.initial_loss", initial_loss_exercise)

# %% md az
# **Tapşırıq 2.** Modelin içindəki itkini hesablayın: `(B, T, V)` ölçülü logit-lər və `(B, T)` ölçülü hədəflər üçün
# bütün mövqelər üzrə cross-entropy-nin orta qiymətini skalyar tensor kimi qaytarın.

# %% md en
# **Exercise 2.** The loss inside the model: the mean cross-entropy over all positions for logits of shape
# `(B, T, V)` and targets of shape `(B, T)` — a scalar tensor.

# %%
def cross_entropy_exercise(logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    # az: Sizin kodunuz burada
    # en: Your code here
    raise NotImplementedError


check("day23.cross_entropy", cross_entropy_exercise)

# %% md az
# **Tapşırıq 3.** Təlim dövrü: `batches` siyahısındakı hər `(x, y)` üçün bir təlim addımı atın (model `(logits,
# loss)` qaytarır) və itkiləri Python ədədləri siyahısı kimi qaytarın. Yoxlama kiçik bir GPT və AdamW/SGD ilə bir
# neçə addım atır: addım düzgün deyilsə, sonrakı itkilər fərqli çıxır.

# %% md en
# **Exercise 3.** The training loop: take one training step for every `(x, y)` in `batches` (the model returns
# `(logits, loss)`) and return the losses as a list of Python numbers. The check takes a few steps with a small GPT
# and AdamW/SGD: if a step is wrong, the later losses come out different.

# %%
def train_steps_exercise(model, optimizer, batches) -> list[float]:
    # az: Sizin kodunuz burada
    # en: Your code here
    raise NotImplementedError


check("day23.train_steps", train_steps_exercise)

# %% md az
# ## Xülasə
# - Təlim addımı: irəli ötürmə → itki → `backward()` → `optimizer.step()` → `optimizer.zero_grad()`; kitabxanada
#   bu, `plain_step`-dir.
# - Başlanğıc itki ≈ ln V + 0.0002·C: təlimdən əvvəl model təxminən bərabər ehtimalla təxmin edir, kiçik logit-lərin
#   dağınıqlığı (yekun LayerNorm-dan sonra std 0.02·√C) isə σ²/2 əlavə edir. İtki xeyli böyükdürsə, çəkilərin ilkin
#   qiymətləri səhv verilib.
# - Bir batch-i əzbərləmək ən ucuz ilkin yoxlamadır: itki sıfıra enmirsə, uzun təlimə başlamayın.
# - `backward()` qradiyentləri toplayır — `zero_grad` olmadan təlim səssizcə pisləşir.
# - Ölçməni `eval()` və `torch.no_grad()` ilə, təlimi `train()` ilə aparın; itkini `loss.item()` kimi saxlayın.
# - Lazım olmayan modelləri və böyük tensorları `del` + `gc.collect()` (+ CUDA-da `torch.cuda.empty_cache()`) ilə
#   azad edin.
#
# **İndi `course_lib`-də:** `train.plain_step`, `train.estimate_loss`, `budget.lesson_plan`.
#
# **Növbəti gün:** [Gün 24 — optimallaşdırıcı və öyrənmə sürəti planlayıcısı](day24_optimizer_scheduler.ipynb)

# %% md en
# ## Summary
# - A training step: forward → loss → `backward()` → `optimizer.step()` → `optimizer.zero_grad()`; in the library it
#   is `plain_step`.
# - The initial loss ≈ ln V + 0.0002·C: before training the model guesses almost uniformly, and the spread of the
#   small logits (std 0.02·√C after the final LayerNorm) adds σ²/2. If it is much bigger, the initialization is
#   wrong.
# - Overfitting one batch is the cheapest sanity test: if the loss does not go to zero, do not start a long run.
# - `backward()` adds gradients up — without `zero_grad` training quietly gets worse.
# - Measure with `eval()` and `torch.no_grad()`, train with `train()`; keep the loss as `loss.item()`.
# - Free the models and big tensors you no longer need with `del` + `gc.collect()` (+ `torch.cuda.empty_cache()` on
#   CUDA).
#
# **Now in `course_lib`:** `train.plain_step`, `train.estimate_loss`, `budget.lesson_plan`.
#
# **Next day:** [Day 24 — optimizer and learning-rate schedule](day24_optimizer_scheduler.ipynb)
