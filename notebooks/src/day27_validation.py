# %% md az
# # Gün 27 — Validasiya
#
# {{BADGE}}
#
# Təlim itkisi modelin **gördüyü** mətni nə qədər yaxşı proqnozlaşdırdığını göstərir. Bizi isə modelin görmədiyi mətn
# maraqlandırır. Bu gün Gün 22-də ayırdığımız validasiya (val) hissəsində itkini ölçürük: `estimate_loss` modeli eval
# rejimində, qradiyentsiz qiymətləndirir; itkini **perplexity**-yə (e^itki) çeviririk; Trainer-in train/val əyrilərini
# çəkirik; kiçik məlumatla **overfitting**-i qəsdən yaradırıq və ona qarşı nə etmək olduğuna baxırıq — o cümlədən ən
# yaxşı validasiya itkisi olan checkpoint-in saxlanmasına.
#
# **Məqsədlər**
# - `model.eval()` və `torch.no_grad()`-ın nə etdiyini ölçərək göstərmək;
# - `estimate_loss` ilə train və val itkisini eyni batch-lərdə qiymətləndirmək;
# - perplexity = e^itki düsturunu başa düşmək (təsadüfi model üçün ≈ lüğətin ölçüsü);
# - train/val əyrilərini oxumaq və overfitting-i tanımaq;
# - overfitting-ə qarşı vasitələri tanımaq: daha çox məlumat, dropout, weight decay, erkən dayanma (early stopping), ən
#   yaxşı checkpoint (`best_checkpoint`).
#
# **Təxmini vaxt:** 45 dəqiqə (kodun icrası: `cpu` profilində, bir CPU nüvəsində ~3.5 dəqiqə) · **Tələblər:** Gün 22
# (train/val bölgüsü), Gün 25 (`Trainer`).

# %% md en
# # Day 27 — validation
#
# {{BADGE}}
#
# The training loss says how well the model predicts text it has **seen**. What we care about is text it has not
# seen. Today we measure the loss on the validation (val) split we set aside on Day 22: `estimate_loss` evaluates
# the model in eval mode without gradients; we turn the loss into **perplexity** (e^loss); we draw the Trainer's
# train/val curves; we cause **overfitting** on purpose with a little data, and see what to do about it —
# including keeping the checkpoint with the best validation loss.
#
# **Objectives**
# - show, by measuring, what `model.eval()` and `torch.no_grad()` do;
# - evaluate the train and val loss on fixed batches with `estimate_loss`;
# - understand perplexity = e^loss (≈ the vocabulary size for a random model);
# - read train/val curves and recognise overfitting;
# - fight overfitting: more data, dropout, weight decay, early stopping, the best checkpoint (`best_checkpoint`).
#
# **Estimated time:** 45 minutes (running its code: ~3.5 min on the `cpu` profile, one CPU core) ·
# **Prerequisites:** Day 22 (the train/val split), Day 25 (`Trainer`).

# %% md az
# ## 0. Hazırlıq

# %% md en
# ## 0. Set-up

# %% setup

# %%
import contextlib
import inspect
import json
import math
import tempfile
from dataclasses import replace
from pathlib import Path

import matplotlib.pyplot as plt
import torch

from course_lib.budget import LESSON_EVAL_ITERS, lesson_steps
from course_lib.checkpoint import best_checkpoint, list_checkpoints, load_model, read_meta
from course_lib.data import ensure_prepared, get_batch
from course_lib.device import detect
from course_lib.metrics import REFERENCE_RUN, read_metrics, reference_line
from course_lib.model import GPTModel
from course_lib.paths import ASSETS
from course_lib.train import Trainer, estimate_loss

device = detect().torch_device  # az: qiymətləndirmə də təlim kimi GPU-da (varsa) aparılır
workdir = tempfile.TemporaryDirectory(prefix="day27_")
prepared = ensure_prepared(profile)
data = {"train": prepared.train, "val": prepared.val}
V = prepared.vocab_size
print(f"train {len(data['train']):,} | val {len(data['val']):,} {_('token', 'tokens')} | V = {V}")

# %% md az
# ## 1. `model.eval()` və `torch.no_grad()`
# **`model.eval()`** modulların rejimini dəyişir: dropout söndürülür (təlim zamanı o, aktivasiyaların təsadüfi bir
# hissəsini sıfırlayır). Eval rejimində eyni giriş həmişə eyni itkini verir. Dropout-lu kiçik modellə yoxlayaq:

# %% md en
# ## 1. `model.eval()` and `torch.no_grad()`
# **`model.eval()`** switches the modules' mode: dropout is turned off (in training it zeroes a random part of the
# activations). In eval mode the same input always gives the same loss. Let us check with a small model that has
# dropout:

# %%
torch.manual_seed(0)
small = GPTModel(vocab_size=V, block_size=32, n_layer=2, n_head=2, n_embd=64, dropout=0.2)
x, y = get_batch(data["val"], 8, 32, generator=torch.Generator().manual_seed(0))
small.train()
print("train:", [round(small(x, y)[1].item(), 4) for _ in range(3)])
small.eval()
print("eval: ", [round(small(x, y)[1].item(), 4) for _ in range(3)])

# %% md az
# **`torch.no_grad()`** autograd-a qraf qurmamağı tapşırır: geri yayılma üçün aktivasiyalar saxlanılmır. Validasiyada
# `backward` yoxdur, ona görə də bu yaddaş boşuna tutulardı. `saved_tensors_hooks` ilə ölçək:


# %% md en
# **`torch.no_grad()`** tells autograd not to build a graph: no activations are kept for a backward pass. Validation
# has no `backward`, so that memory would be wasted. Let us measure with `saved_tensors_hooks`:

# %%
def saved_mib(model, x, y) -> tuple[float, bool]:
    """MiB that autograd keeps for backward during one forward (weights not counted), and loss.requires_grad."""
    weights = {p.data_ptr() for p in model.parameters()}
    seen = {}

    def pack(tensor):
        if tensor.data_ptr() not in weights:
            seen[tensor.data_ptr()] = tensor.numel() * tensor.element_size()
        return tensor

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda tensor: tensor):
        loss = model(x, y)[1]
    return sum(seen.values()) / 2**20, loss.requires_grad


mib, needs_grad = saved_mib(small, x, y)
print(_("qradiyentlə:     ", "with gradients: "), f"{mib:.2f} MiB, requires_grad={needs_grad}")
with torch.no_grad():
    mib, needs_grad = saved_mib(small, x, y)
print("torch.no_grad():", f"{mib:.2f} MiB, requires_grad={needs_grad}")

# %% md az
# `course_lib.train.estimate_loss` hər ikisini edir: `eval_iters` sayda batch üzrə orta itkini train və val üçün ayrıca
# hesablayır və modeli əvvəlki rejiminə qaytarır. Batch-lər öz toxumu (`seed`) olan ayrıca generatordan götürülür: hər
# qiymətləndirmə **eyni** batch-ləri görür (əyri təsadüfi səs-küylə yox, modelin özü ilə dəyişir), təlimin təsadüfi
# axını isə toxunulmaz qalır.

# %% md en
# `course_lib.train.estimate_loss` does both, averages `eval_iters` batches for train and val separately and puts
# the model back into its previous mode. The batches come from their own seeded generator: every evaluation sees
# the **same** batches (the curve moves with the model, not with random noise), and the training's random stream
# stays untouched.

# %%
print(inspect.getsource(estimate_loss))

# %% md az
# ## 2. Perplexity = e^itki
# İtki natural loqarifmlə hesablanmış cross-entropy-dir: `itki = −ln p(düzgün token)` ifadəsinin orta qiyməti.
# **Perplexity** = e^itki: o, modelin orta hesabla neçə token arasında "tərəddüd etdiyini" göstərir. Heç nə öyrənməmiş
# model hər tokenə təxminən 1/V ehtimal verir: itki ≈ ln V, perplexity ≈ V.

# %% md en
# ## 2. Perplexity = e^loss
# The loss is a cross-entropy in natural log: the mean of `loss = −ln p(correct token)`. **Perplexity** = e^loss:
# how many tokens the model "hesitates between" on average. A model that learned nothing gives every token about
# 1/V: loss ≈ ln V, perplexity ≈ V.

# %%
torch.manual_seed(0)
untrained = GPTModel(vocab_size=V, **profile.model_kwargs()).to(device)  # az: CPU-da 100M model dəqiqələr çəkərdi
first = estimate_loss(untrained, data, eval_iters=4, batch_size=profile.micro_batch, block_size=profile.block_size,
                      device=device)
del untrained  # az: 4 GB-lıq kartda yaddaşı təlim üçün boşaldırıq
print(f"{_('val itkisi', 'val loss')} {first['val']:.3f} | ln V = {math.log(V):.3f}")
print(f"perplexity {first['perplexity']:.0f} | V = {V} | 2^loss = {2 ** first['val']:.0f} "
      f"({_('səhv: itki log2 ilə yox, ln ilə hesablanır', 'wrong: the loss uses ln, not log2')})")

# %% md az
# ## 3. Train və val əyriləri
# `Trainer` hər `eval_interval` addımda `estimate_loss` çağırır və nəticələri `metrics.jsonl` faylına yazır: hər addımın
# təlim itkisini (`loss`), qiymətləndirmə anlarında train və val itkilərini (`train_eval_loss`, `val_loss`) və
# `val_ppl`-i. Əvvəlcə bütün korpusla bir təlim aparırıq, sonra eyni təlimi çox kiçik məlumatla təkrarlayacağıq. Qısa
# sınaqda (smoke) 60 addım atılır, əks halda dərsin standart uzunluğu qədər (`budget.lesson_steps`: profilin addımları,
# ən çoxu 200). GPU profilində hər təlim xanasının hədəf kartda 5 dəqiqəyə sığacağı proqnozlaşdırılır
# (`course_lib.budget`; GPU-da hələ ölçülməyib).
#
# ⏱ `cpu` profilində ~1.5 dəqiqə (bir CPU nüvəsində ölçülüb); irəliləyiş zolağı sizin kompüterinizdə qalan vaxtı
# göstərir.

# %% md en
# ## 3. Train and val curves
# Every `eval_interval` steps the `Trainer` calls `estimate_loss` and writes `metrics.jsonl`: each step's training
# loss (`loss`), and at evaluations the train and val loss (`train_eval_loss`, `val_loss`) and `val_ppl`. One run
# on the whole corpus — then the same run on very little data. 60 steps in a smoke run, otherwise a lesson's
# standard length (`budget.lesson_steps`: the profile's steps, at most 200). On a GPU profile each training cell is
# predicted to fit in 5 minutes on the target card (`course_lib.budget`; not yet measured on a GPU).
#
# ⏱ ~1.5 min on the `cpu` profile (measured on one CPU core); the progress bar shows the time left on your machine.

# %%
steps = 60 if profile.smoke else lesson_steps(profile)
# az: 10 qiymətləndirmə, hər biri ən çoxu LESSON_EVAL_ITERS batch (GPU profilindəki 50 batch dərsi xeyli uzadardı)
# en: 10 evaluations of at most LESSON_EVAL_ITERS batches each (a GPU profile's 50 would make this lesson far longer)
eval_iters = max(4, min(profile.eval_iters, LESSON_EVAL_ITERS))
run_profile = replace(profile, eval_interval=steps // 10, eval_iters=eval_iters)


def run(name: str, train_tokens, keep_last: int = 1) -> Path:
    """A Trainer run of ``steps`` steps on ``train_tokens`` (val: the whole val split); → its folder."""
    torch.manual_seed(0)
    model = GPTModel(vocab_size=V, **run_profile.model_kwargs())
    out_dir = Path(workdir.name) / name
    trainer = Trainer(model, {"train": train_tokens, "val": data["val"]}, run_profile, out_dir,
                      schedule_steps=steps, keep_last=keep_last, save_when_improved=True)
    trainer.fit()
    trainer.close()  # az: 4 GB-lıq kartda növbəti təlim üçün yaddaşı boşaldırıq
    return out_dir


def curves(out_dir: Path, ax, title: str) -> None:
    """Training loss of every step and the train/val evaluations of a run."""
    records = read_metrics(out_dir)
    evaluated = [r for r in records if "val_loss" in r]
    ax.plot([r["step"] for r in records], [r["loss"] for r in records], lw=0.8, alpha=0.5,
            label=_("təlim (hər addım)", "train (every step)"))
    ax.plot([r["step"] for r in evaluated], [r["train_eval_loss"] for r in evaluated], "o-", ms=3,
            label=_("train (qiymətləndirmə)", "train (evaluation)"))
    ax.plot([r["step"] for r in evaluated], [r["val_loss"] for r in evaluated], "o-", ms=3, label="val")
    ax.set(title=title, xlabel=_("addım", "step"), ylabel=_("itki", "loss"))
    ax.grid(alpha=0.3)
    ax.legend()


full_dir = run("full", data["train"])

# %% md az
# ## 4. Qəsdən yaradılmış overfitting
# İndi təlim məlumatını bir addımda işlənən token sayına qədər kiçildirik (`tokens_per_step`) və modeli eyni sayda addım
# öyrədirik: model eyni mətni onlarla dəfə görür və onu **əzbərləyir**.
#
# ⏱ `cpu` profilində ~1.5 dəqiqə (bir CPU nüvəsində ölçülüb); irəliləyiş zolağı sizin kompüterinizdə qalan vaxtı
# göstərir.

# %% md en
# ## 4. Overfitting, on purpose
# Now we shrink the training data to the tokens of a single step (`tokens_per_step`) and train for the same number
# of steps: the model sees the same text dozens of times and **memorises** it.
#
# ⏱ ~1.5 min on the `cpu` profile (measured on one CPU core); the progress bar shows the time left on your machine.

# %%
n_small = profile.tokens_per_step
small_dir = run("small", data["train"][:n_small])
seen = steps * profile.tokens_per_step / n_small
ratio = len(data["train"]) / n_small
print(_(f"kiçik məlumat: {n_small:,} token, korpusdan {ratio:.0f} dəfə az", f"small data: {n_small:,} tokens, {ratio:.0f} times less than the corpus"))
print(_(f"{steps} addımda hər token ~{seen:.0f} dəfə görülür", f"in {steps} steps every token is seen ~{seen:.0f} times"))
fig, axes = plt.subplots(1, 2, figsize=(12, 4), sharey=True)
curves(full_dir, axes[0], _("bütün korpus", "the whole corpus"))
curves(small_dir, axes[1], f"{n_small:,} {_('token', 'tokens')}")
plt.show()

for name, out_dir in [(_("bütün korpus", "whole corpus"), full_dir), (_("kiçik məlumat", "small data"), small_dir)]:
    evaluated = [r for r in read_metrics(out_dir) if "val_loss" in r]
    best = min(evaluated, key=lambda r: r["val_loss"])
    last = evaluated[-1]
    print(f"{name:>14}: val min {best['val_loss']:.3f} ({_('addım', 'step')} {best['step']}), "
          f"{_('sonda', 'at the end')} {last['val_loss']:.3f} ({last['val_loss'] - best['val_loss']:+.3f}); "
          f"train {best['train_eval_loss']:.3f} → {last['train_eval_loss']:.3f}")

# %% md az
# Kiçik məlumatla train itkisi azalmağa davam edir, val itkisi isə müəyyən bir anda minimuma çatıb **yuxarı qalxır**:
# model ümumi qanunauyğunluqları yox, bu bir neçə sətri öyrənir. Bu, overfitting-dir. Diqqət: val-ın train-dən yuxarı
# olması özü-özlüyündə overfitting deyil (bütün korpusda da belədir) — əlamət val-ın **yüksəlməsi**, train-in isə
# düşməsidir.
#
# ## 5. Nə etmək olar?
# - **Daha çox məlumat** — ən güclü dərman: yuxarıda eyni model eyni sayda addımla bütün korpusda overfitting-ə uğramır.
# - **Dropout** (`GPTModel(..., dropout=0.1)`): təlim zamanı aktivasiyaların təsadüfi bir hissəsini sıfırlayır; model
#   ayrı-ayrı neyronlara bel bağlaya bilmir. Eval rejimində söndürülür (§1).
# - **Weight decay**: AdamW hər addımda çəkiləri azca sıfıra doğru çəkir; kursun `make_optimizer` funksiyası matrislər
#   üçün 0.1 təyin edir (Gün 24).
# - **Erkən dayanma (early stopping)**: val yüksəlməyə başlayanda dayanmaq — və ya sadəcə ən yaxşı val itkisi olan
#   checkpoint-i saxlamaq.
# - Daha kiçik model / daha qısa təlim: əzbərləmək üçün tutum az olur.

# %% md en
# On little data the train loss keeps falling while the val loss reaches a minimum and **turns up**: the model
# learns these few lines, not general patterns. That is overfitting. Note: val above train is not overfitting by
# itself (it is so on the whole corpus too) — the sign is val **rising** while train falls.
#
# ## 5. What to do about it
# - **More data** — the strongest remedy: above, the same model with the same steps does not overfit on the whole
#   corpus.
# - **Dropout** (`GPTModel(..., dropout=0.1)`): in training it zeroes a random part of the activations; the model
#   cannot rely on single neurons. It is off in eval mode (§1).
# - **Weight decay**: AdamW pulls the weights slightly towards zero every step; the course's `make_optimizer` gives
#   the matrices 0.1 (Day 24).
# - **Early stopping**: stop when val starts rising — or simply keep the checkpoint with the best val loss.
# - A smaller model / a shorter run: less capacity to memorise.

# %% md az
# ### 5.1 Bütöv təlim: istinad təlimi
# Kursun istinad təlimində (`assets/runs/cpu/`, Gün 23) `cpu` profilinin modeli 2000 addım öyrədilib: təlim mətninin hər
# tokeni ~2.7 dəfə görülür. Val modelin heç görmədiyi 4 bütöv əsərdir (Gün 22). Onun əyrilərinə eyni `curves` funksiyası
# ilə baxaq: train ilə val arasında kiçik, sabit bir fərq var, val isə sona qədər **düşür** (LR azaldıqca
# yavaşlayaraq) — overfitting yoxdur, sadəcə görülməmiş pyes görülmüş pyeslərdən bir az çətindir. Kursun profilləri məhz
# buna görə korpusa uyğun seçilib: 91M parametrli GPU modeli bu ~1.4M tokeni əzbərləyə bilərdi, ona görə də onun
# profillərində 1000 addım (~3 keçid) və hər 100 addımdan bir qiymətləndirmə var, təlim əmri isə ən yaxşı checkpoint-i
# saxlayır (§6).

# %% md en
# ### 5.1 A whole run: the reference run
# The course's reference run (`assets/runs/cpu/`, Day 23) trained the `cpu` profile for 2000 steps: every token of
# the training text is seen ~2.7 times. Val is 4 whole works the model never saw (Day 22). Let us look at its curves
# with the same `curves`: a small, steady gap between train and val, and val **falling** to the end (more slowly as
# the LR comes down) — no overfitting, just an unseen play being a little harder than seen ones. The course's profiles are sized to the
# corpus for this: the 91M GPU model could memorise these ~1.4M tokens, so its profiles have 1000 steps (~3 passes)
# with an evaluation every 100, and the train command keeps the best checkpoint (§6).

# %%
print(reference_line())
fig, ax = plt.subplots(figsize=(7, 3.5))
curves(REFERENCE_RUN, ax, _("istinad təlimi: cpu profili", "the reference run: the cpu profile"))
plt.show()
evaluated = [r for r in read_metrics(REFERENCE_RUN) if "val_loss" in r]
for r in (evaluated[0], evaluated[len(evaluated) // 2], evaluated[-1]):
    print(f"{_('addım', 'step')} {r['step']:>4}: train {r['train_eval_loss']:.3f} | val {r['val_loss']:.3f} | "
          f"val − train {r['val_loss'] - r['train_eval_loss']:+.3f}")
print(_("val son 5 qiymətləndirmədə düşür:", "val falls over the last 5 evaluations:"),
      all(a["val_loss"] > b["val_loss"] for a, b in zip(evaluated[-5:], evaluated[-4:])))

# %% md az
# ### 5.2 Nə qədər yaxşıdır? Simvol başına bit
# Tək bir rəqəm nə göstərir? Hər tokenə düşən itkini başqa tokenizatoru olan modelin itkisi ilə müqayisə etmək olmaz
# (Gün 23, §4.1), simvol başına biti isə olar: kənarda saxlanmış əsərlərin **hər** tokeni bir dəfə qiymətləndirilir
# (`heldout_loss`) və cəm simvolların sayına bölünür (`bits_per_char`). Kurs öz reseptini (BPE + `cpu` profili) eyni
# maşında, eyni vaxt ərzində simvol səviyyəli GPT ilə müqayisə edib (`make bench`, `tools/bench_learning.py`): simvol
# modelinin öyrənmə sürəti, eni, bloku və batch-i 4 dəqiqəlik təlimlərlə seçilib (bir neçə namizəd arasından), sonra
# ən yaxşısına kursun təlimi qədər vaxt verilib.

# %% md en
# ### 5.2 How good is it? Bits per character
# What does one number say? A loss per token cannot be compared with a model that has another tokenizer (Day 23,
# §4.1); bits per character can: **every** token of the held-out works is scored once (`heldout_loss`) and the sum
# is divided by the number of characters (`bits_per_char`). The course compared its recipe (BPE + the `cpu`
# profile) with a character-level GPT on the same machine, in the same minutes (`make bench`,
# `tools/bench_learning.py`): the character model's learning rate, width, block and batch were tuned for 4 minutes
# (a few candidates), then the best one got as much time as the course's run.

# %%
learning = json.loads((ASSETS / "bench" / "learning_cpu.json").read_text(encoding="utf-8"))
bits, course_run, char_runs = learning["summary"]["bits_per_char"], learning["course"], learning["char_tuning"]
char = char_runs[learning["char_best"]]
print(_("Ölçülüb:", "Measured:"), f"{learning['device']},", learning["threads"], _("axın,", "threads,"),
      f"torch {learning['torch']}, {learning['date'][:10]};", _("kənarda:", "held out:"),
      learning["held_out"]["documents"], _("əsər,", "works,"), f"{learning['held_out']['characters']:,}",
      _("simvol", "characters"))
minutes, end_min = learning["minutes"], learning["summary"]["course_end_seconds"] / 60
print(f"{'':34} {minutes:g} {_('dəq', 'min')}   {end_min:.1f} {_('dəq', 'min')}")
print(f"{_('kurs: BPE ', 'course: BPE ')}{course_run['config']['vocab_size']}, {course_run['params'] / 1e6:.2f}M"
      f"{'':12} {bits[f'course_{minutes:g}min']:.3f}   {bits['course_end']:.3f}  {_('bit/simvol', 'bits/char')}")
print(f"{_('simvol GPT: ', 'char GPT: ')}{char['config']['n_layer']}/{char['config']['n_embd']}, "
      f"block {char['config']['block_size']}, lr {char['lr']:g}"
      f"{'':4} {bits[f'char_{minutes:g}min']:.3f}   {bits['char_same_time_as_course_end']:.3f}  "
      f"{_('bit/simvol', 'bits/char')}")
for run in char_runs:
    c = run["config"]
    print(f"  {_('namizəd', 'candidate')} {c['n_layer']}/{c['n_embd']}, block {c['block_size']}, lr {run['lr']:g}: "
          f"{run['steps']} {_('addım', 'steps')} → {run['end']['bits_per_char']:.3f}")

# %% md az
# Kursun resepti hər iki zaman nöqtəsində öndədir (yuxarıdakı cədvəl). Səbəb tokenizatordadır: bir BPE tokeni orta
# hesabla ~2.9 simvoldur, ona görə də eyni hesablama gücü ilə model daha çox mətn görür, onun 128 tokenlik konteksti isə
# ~370 simvolu əhatə edir; simvol modeli isə sözləri hərf-hərf yığmağı özü öyrənməlidir. Amma BPE-nin də öz bədəli var:
# 4096 tokenlik lüğətin embedding matrisi (çıxış qatı ilə ortaq) modelin parametrlərinin ~40%-ni təşkil edir. Rəqəmlər
# yalnız bu maşına aiddir: öz maşınınızda `make bench` ilə ölçün.

# %% md en
# The course's recipe is ahead at both times (the table above). The reason is the tokenizer: a BPE token is ~2.9
# characters on average, so with the same compute the model sees more text, and its 128-token context covers ~370
# characters; the character model has to learn to spell words letter by letter itself. BPE has its price too: the
# embedding matrix of a 4096-token vocabulary (shared with the output layer) is ~40% of the model's parameters. The
# figures belong to this machine: measure yours with `make bench`.

# %% md az
# ## 6. Ən yaxşı checkpoint
# `Trainer` hər qiymətləndirmədə checkpoint saxlayır, köhnələri silir, amma ən yenilərini (`keep_last`, burada 1)
# **və** ən kiçik val itkisi olanı saxlayır. `best_checkpoint` onu tapır; `load_model` ondan modeli qurur.

# %% md en
# ## 6. The best checkpoint
# The `Trainer` saves a checkpoint at every evaluation and deletes old ones, but keeps the newest (`keep_last`,
# here 1) **and** the one with the lowest val loss. `best_checkpoint` finds it; `load_model` builds the model from
# it.

# %%
print([path.name for path in list_checkpoints(small_dir)])
best = best_checkpoint(small_dir)
meta = read_meta(best)
print(_("ən yaxşı:", "best:"), best.name, f"| {_('val itkisi', 'val loss')} {meta['val_loss']:.4f}")
restored = load_model(best, device)  # az: CPU-ya oxunur, bir dəfə GPU-ya köçürülür
half = {"fp16": torch.float16, "bf16": torch.bfloat16}.get(profile.precision)
# az: Trainer də qiymətləndirməni accelerate-in autocast-ı ilə aparıb: eyni dəqiqlik eyni rəqəmi verir, GPU-da
# az: həm də daha sürətlidir
# en: the Trainer evaluated under accelerate's autocast too: the same precision gives the same figure, faster on a GPU
with torch.autocast("cuda", dtype=half) if half and device.type == "cuda" else contextlib.nullcontext():
    again = estimate_loss(restored, data, run_profile.eval_iters, profile.micro_batch, profile.block_size, device)
print(_("yenidən ölçülmüş val itkisi:", "val loss measured again:"), f"{again['val']:.4f}",
      f"(perplexity {again['perplexity']:.1f})")

# %% md az
# Yüklənmiş model həmin val itkisini yenidən verir (GPU-da yuvarlaqlaşdırma dəqiqliyi ilə): checkpoint-də həqiqətən ən
# yaxşı anın çəkiləri saxlanılıb. Gün 29-da mətn yaratmaq üçün məhz bu checkpoint-i götürəcəyik.
#
# ## 7. 4 GB-lıq GPU üçün niyə vacibdir?
# Validasiya təlim vaxtının bir hissəsini aparır: hər qiymətləndirmə `2 × eval_iters` irəli ötürmə (forward) deməkdir.
# `torch.no_grad()` onu ucuzlaşdırır — aktivasiyalar saxlanılmır (§1-də 0 MiB), ona görə də qiymətləndirmə təlimin
# yaddaşına heç nə əlavə etmir. Ən yaxşı checkpoint isə uzun təlimdən sonra yalnız sonuncu çəkilərin deyil, **ən yaxşı**
# çəkilərin qalmasını təmin edir.

# %% md en
# The loaded model gives the same val loss again (up to rounding on a GPU): the checkpoint really holds the weights of the best moment. On
# Day 29 we take exactly this checkpoint to generate text.
#
# ## 7. Why it matters for a 4 GB GPU
# Validation costs training time: every evaluation is `2 × eval_iters` forward passes. `torch.no_grad()` makes it
# cheap — no activations are kept (0 MiB in §1), so evaluation adds nothing to the training's memory. The best
# checkpoint makes sure that after a long run the **best** weights remain, not just the last ones.

# %% md az
# ## 8. Tapşırıqlar
# Hər tapşırıqda funksiyanı yazın (`raise NotImplementedError` sətrini silin) və xananı işə salın.
#
# Yoxlama uğursuz olanda əvvəlcə istiqamət verən məsləhət görünür; üç uğursuz cəhddən sonra daha ətraflı
# məsləhət gəlir, `check("day27.perplexity", solution=True)` isə kursun həllini göstərir (hər tapşırığın öz adı
# ilə).
#
# **Tapşırıq 1.** İtkidən (tensor) perplexity-ni hesablayın.

# %% md en
# ## 8. Exercises
# In each exercise write the function (delete the `raise NotImplementedError` line) and run the cell.
#
# When a check fails you first get a nudge; after three failed tries a stronger hint follows, and
# `check("day27.perplexity", solution=True)` shows the course's code (each exercise by its own name).
#
# **Exercise 1.** Compute the perplexity from a loss (a tensor).

# %%
def perplexity_exercise(loss: torch.Tensor) -> torch.Tensor:
    # az: Sizin kodunuz burada
    # en: Your code here
    raise NotImplementedError


check("day27.perplexity", perplexity_exercise)

# %% md az
# **Tapşırıq 2.** Qiymətləndirmələrin train və val itkiləri verilib (eyni uzunluqda siyahılar). Overfitting varmı?
# Yalnız son val itkisi val-ın minimumundan yuxarı olduqda **və** train itkisi həmin minimumdan bəri azaldıqda `True`
# qaytarın.

# %% md en
# **Exercise 2.** Given the train and val losses of the evaluations (lists of the same length): is it overfitting?
# `True` only when the last val loss is above the val minimum **and** the train loss has fallen since that minimum.

# %%
def is_overfitting_exercise(train_losses: list[float], val_losses: list[float]) -> bool:
    # az: Sizin kodunuz burada
    # en: Your code here
    raise NotImplementedError


check("day27.is_overfitting", is_overfitting_exercise)

# %% md az
# **Tapşırıq 3.** `batches` `(x, y)` cütlərinin siyahısıdır. Modelin bu batch-lərdəki orta itkisini eval rejimində,
# qradiyentsiz hesablayın (float) və modeli əvvəlki rejiminə qaytarın. (Yoxlamadakı modellərdə dropout var.)

# %% md en
# **Exercise 3.** `batches` is a list of `(x, y)` pairs. Compute the model's mean loss over them in eval mode
# without gradients (a float) and put the model back into its previous mode. (The check's models have dropout.)

# %%
def eval_loss_exercise(model: torch.nn.Module, batches: list) -> float:
    # az: Sizin kodunuz burada
    # en: Your code here
    raise NotImplementedError


check("day27.eval_loss", eval_loss_exercise)

# %% md az
# ## Xülasə
# - Validasiya itkisi görülməmiş mətndə ölçülür: `model.eval()` (dropout yox) + `torch.no_grad()` (qraf yox,
#   aktivasiya saxlanılmır); `estimate_loss` hər dəfə eyni batch-ləri götürür.
# - Perplexity = e^itki; təsadüfi model üçün ≈ lüğətin ölçüsü V.
# - Overfitting: train düşür, val isə minimumdan sonra qalxır. Çarələri: daha çox məlumat, dropout, weight decay, erkən
#   dayanma, daha kiçik model.
# - `Trainer` ən yeni `keep_last` sayda checkpoint-i və ən yaxşı val itkisi olanı saxlayır; `best_checkpoint` +
#   `load_model` onu qaytarır.
#
# **İndi `course_lib`-də:** `train.estimate_loss`, `metrics.read_metrics`, `checkpoint.best_checkpoint`,
# `checkpoint.load_model`.
#
# **Növbəti gün:** [Gün 28 — Checkpoint-lər və təlimin davam etdirilməsi](day28_checkpoints.ipynb)

# %% md en
# ## Summary
# - The validation loss is measured on unseen text: `model.eval()` (no dropout) + `torch.no_grad()` (no graph, no
#   activations kept); `estimate_loss` takes the same batches every time.
# - Perplexity = e^loss; ≈ the vocabulary size V for a random model.
# - Overfitting: train falls, val turns up after its minimum. Remedies: more data, dropout, weight decay, early
#   stopping, a smaller model.
# - The `Trainer` keeps the newest `keep_last` checkpoints and the one with the best val loss; `best_checkpoint` +
#   `load_model` bring it back.
#
# **Now in `course_lib`:** `train.estimate_loss`, `metrics.read_metrics`, `checkpoint.best_checkpoint`,
# `checkpoint.load_model`.
#
# **Next day:** [Day 28 — checkpoints and resuming](day28_checkpoints.ipynb)
