# %% md az
# # Gün 28 — Checkpoint-lər və təlimin davam etdirilməsi
#
# {{BADGE}}
#
# Colab sessiyası kəsilir, noutbuk yuxuya gedir, elektrik sönür — uzun təlim nə vaxtsa mütləq yarımçıq qalacaq.
# Bu gün təlimi **eyni yerdən, eyni nəticə ilə** davam etdirməyi öyrənirik: checkpoint-də nə olmalıdır,
# accelerate-in `save_state`/`load_state`-i, yazının atomik olması (müvəqqəti qovluq + adın dəyişdirilməsi),
# son N + ən yaxşı checkpoint-in saxlanması. Sonda **sübut edirik**: 2N addımlıq təlim ilə "N addım + davam + N addım"
# eyni itkiləri verir — bitinə qədər. Başqa konfiqurasiyaya aid və ya zədələnmiş checkpoint isə aydın mesajla rədd
# edilir.
#
# **Məqsədlər**
# - dəqiq davam etdirmə üçün lazım olanları sadalamaq: model, optimallaşdırıcı, scheduler, GradScaler, RNG
#   vəziyyətləri, addım, məlumatın mövqeyi, konfiqurasiya;
# - accelerate-in `save_state`/`load_state`-ini və kursun `save_checkpoint`-ini başa düşmək;
# - atomik yazının (müvəqqəti qovluq + `os.replace`) niyə lazım olduğunu bilmək;
# - son N + ən yaxşı checkpoint-i saxlamaq;
# - davam etdirmənin dəqiq olduğunu CPU-da sübut etmək; yad və zədəli checkpoint-in rədd edilməsini görmək.
#
# **Təxmini vaxt:** 45 dəqiqə (kodun icrası: `cpu` profilində, bir CPU nüvəsində ~2 dəqiqə) · **Tələblər:** Gün 25
# (`Trainer`), Gün 27 (validasiya, ən yaxşı checkpoint).

# %% md en
# # Day 28 — checkpoints and resuming
#
# {{BADGE}}
#
# A Colab session disconnects, a laptop goes to sleep, the power goes out — a long training run will be
# interrupted. Today we learn to continue training **from the same place, with the same result**: what a checkpoint
# must hold, accelerate's `save_state`/`load_state`, atomic writes (a temporary folder + rename), keeping the last N
# + the best checkpoint. At the end we **prove** it: a run of 2N steps and "N steps + resume + N steps" give the
# same losses — bit for bit. A checkpoint of another configuration, or a damaged one, is refused with a clear
# message.
#
# **Objectives**
# - list what an exact resume needs: model, optimizer, scheduler, GradScaler, RNG states, step, data position,
#   configuration;
# - understand accelerate's `save_state`/`load_state` and the course's `save_checkpoint`;
# - know why writes must be atomic (a temporary folder + `os.replace`);
# - keep the last N + the best checkpoint;
# - prove on CPU that resuming is exact; see foreign and damaged checkpoints refused.
#
# **Estimated time:** 45 minutes (running its code: ~2 min on the `cpu` profile, one CPU core) · **Prerequisites:**
# Day 25 (`Trainer`), Day 27 (validation, the best checkpoint).

# %% md az
# ## 0. Hazırlıq

# %% md en
# ## 0. Set-up

# %% setup

# %%
import json
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

import torch

from course_lib.checkpoint import best_checkpoint, latest_checkpoint, list_checkpoints, read_meta
from course_lib.data import ensure_prepared, get_batch
from course_lib.errors import CourseError
from course_lib.model import GPTModel
from course_lib.metrics import read_metrics
from course_lib.train import Trainer, step_generator

workdir = tempfile.TemporaryDirectory(prefix="day28_")
prepared = ensure_prepared(profile)
data = {"train": prepared.train, "val": prepared.val}
# az: N: davamdan əvvəlki addımlar
# en: N: the steps before the resume
n = profile.max_steps // 2 if profile.smoke else 50
# az: qiymətləndirmə (və checkpoint) hər N/2 addımda: bir təlim ən çoxu 4 dəfə yazır — 100M modelin checkpoint-i
# az: AdamW ilə ~1.2 GB-dır (§6), hər addımda yazmaq dəqiqələr və gigabaytlar tələb edərdi
# en: an evaluation (and a checkpoint) every N/2 steps: a run saves at most 4 times — a checkpoint of the 100M model
# en: with AdamW is ~1.2 GB (§6); saving every step would cost minutes and gigabytes
run_profile = replace(profile, eval_interval=max(1, n // 2))


def new_model(seed: int = 0, **changes) -> GPTModel:
    """The profile's model with fresh weights from ``seed``; ``changes`` alter its configuration."""
    torch.manual_seed(seed)
    return GPTModel(vocab_size=prepared.vocab_size, **profile.model_kwargs() | changes)


def trainer(name: str, resume: bool = False, model: GPTModel | None = None) -> Trainer:
    """A Trainer in the folder ``name`` whose schedule is 2N steps long."""
    return Trainer(model or new_model(), data, run_profile, Path(workdir.name) / name, schedule_steps=2 * n,
                   resume=resume)


print("N =", n, "| 2N =", 2 * n)

# %% md az
# ## 1. Dəqiq davam etdirmə üçün nə lazımdır?
#
# | Nə | Niyə |
# | :--- | :--- |
# | **model** çəkiləri | aydındır |
# | **optimallaşdırıcı** (AdamW-nin `m`, `v` momentləri və addım sayğacı) | onsuz ilk addımlar momentsiz, "soyuq" olur — itki sıçrayır |
# | **scheduler** mövqeyi | yoxsa öyrənmə sürəti warmup-dan yenidən başlayır |
# | **GradScaler** (yalnız fp16) | cari miqyas (scale); onsuz miqyas yenidən 65536-dan başlayır və addımlar buraxılır |
# | **RNG vəziyyətləri** (torch CPU/CUDA, numpy, random) | dropout maskaları və hər təsadüfi seçim eyni davam etsin |
# | **addım** + **məlumatın mövqeyi** | kursda batch-lər `(seed, addım)`-ın funksiyasıdır (`step_generator`): addımı bilmək mövqeyi bilmək deməkdir |
# | **konfiqurasiya** (model, tokenizator, profil) | başqa modelin checkpoint-ini yükləməmək üçün |
#
# accelerate-in `accelerator.save_state(qovluq)`-u `prepare`-dən keçən hər şeyi (model, optimallaşdırıcı,
# scheduler, scaler) və hər prosesin RNG vəziyyətini yazır; `load_state` onları geri qaytarır. Kursun
# `save_checkpoint`-i bundan əlavə `course_meta.json` da yazır: addım, konfiqurasiya, təlimin öz vəziyyəti və hər
# faylın SHA-256-sı. Qısa bir təlim aparıb checkpoint-ə baxaq:
#
# ⏱ `cpu` profilində ~30 saniyə (bir CPU nüvəsində ölçülüb); irəliləyiş zolağı sizin kompüterinizdə qalan vaxtı
# göstərir.

# %% md en
# ## 1. What does an exact resume need?
#
# | What | Why |
# | :--- | :--- |
# | the **model** weights | obviously |
# | the **optimizer** (AdamW's `m`, `v` moments and step counter) | without them the first steps run "cold", with no moments — the loss jumps |
# | the **scheduler** position | otherwise the learning rate restarts from the warmup |
# | the **GradScaler** (fp16 only) | its current scale; without it the search restarts at 65536 and steps are skipped |
# | the **RNG states** (torch CPU/CUDA, numpy, random) | so that dropout masks and every random choice continue the same way |
# | the **step** + the **data position** | in the course the batches are a function of `(seed, step)` (`step_generator`): knowing the step is knowing the position |
# | the **configuration** (model, tokenizer, profile) | so that a checkpoint of another model is never loaded |
#
# accelerate's `accelerator.save_state(folder)` writes everything that went through `prepare` (model, optimizer,
# scheduler, scaler) and every process's RNG state; `load_state` brings them back. The course's `save_checkpoint`
# adds `course_meta.json`: the step, the configuration, the run's own state and a SHA-256 of every file. Let us run
# a short training and look at the checkpoint:
#
# ⏱ ~30 s on the `cpu` profile (measured on one CPU core); the progress bar shows the time left on your machine.

# %%
first = trainer("split")
first.fit(n)
checkpoint = latest_checkpoint(first.out_dir)
print(checkpoint.name)
for path in sorted(checkpoint.iterdir()):
    print(f"  {path.name:<22} {path.stat().st_size / 1024:10.1f} KiB")
meta = read_meta(checkpoint)
print({key: meta[key] for key in ("step", "val_loss")}, _("| konfiqurasiya:", "| config:"), list(meta["config"]), _("| vəziyyət:", "| state:"),
      json.dumps(meta["state"]))

# %% md az
# Məlumatın mövqeyi: `k` addımının batch-ləri `step_generator(seed, k)`-dan gəlir — nə vaxt və neçənci dəfə
# soruşsaq da, eyni olur:

# %% md en
# The data position: the batches of step `k` come from `step_generator(seed, k)` — the same whenever and
# however often we ask:

# %%
# NBVAL_CHECK_OUTPUT
batches = [get_batch(data["train"], 4, profile.block_size, generator=step_generator(0, n + 1)) for _ in range(2)]
print(_("addım N+1-in batch-i iki dəfə:", "the batch of step N+1, twice:"), torch.equal(batches[0][0], batches[1][0]))
other = get_batch(data["train"], 4, profile.block_size, generator=step_generator(0, n + 2))
print(_("addım N+2-nin batch-i fərqlidir:", "the batch of step N+2 differs:"), not torch.equal(batches[0][0], other[0]))

# %% md az
# ## 2. Atomik yazı: müvəqqəti qovluq + adın dəyişdirilməsi
# Checkpoint yazılarkən proses öldürülsə (Colab kəsilir, OOM baş verir), yarımçıq fayl qalır. Köhnə
# checkpoint-in **üstünə** yazsaydıq, həm köhnəni, həm də yenini itirərdik. Ona görə də `save_checkpoint`:
# 1. hər şeyi `checkpoints/.tmp_step_…` qovluğuna yazır (`save_state`);
# 2. faylları diskə çatdırır (`fsync`) və `course_meta.json`-u (SHA-256-larla) **ən sonda** yazır;
# 3. qovluğun adını `os.replace` ilə `step_…` olaraq dəyişir — bu əməliyyat atomikdir: oxuyan tərəf ya köhnə
#    vəziyyəti görür, ya da yenisini, yarımçıq vəziyyəti isə heç vaxt;
# 4. yalnız bundan sonra köhnə checkpoint-ləri silir (son N + ən yaxşı qalır).
#
# `.tmp_` ilə başlayan qovluq heç vaxt oxunmur, növbəti yazı onu silir. Yarıda kəsilmiş (öldürülmüş) bir yazını
# təqlid edək:

# %% md en
# ## 2. Atomic writes: a temporary folder + rename
# If the process is killed while a checkpoint is written (Colab disconnects, OOM), a half-written file remains.
# Had we written **over** the old checkpoint, we would lose both the old and the new one. So `save_checkpoint`:
# 1. writes everything into `checkpoints/.tmp_step_…` (`save_state`);
# 2. makes the files durable (`fsync`) and writes `course_meta.json` (with the SHA-256s) **last**;
# 3. renames the folder to `step_…` with `os.replace` — this is atomic: a reader sees either the old state or the
#    new one, never half of it;
# 4. only then deletes old checkpoints (the last N + the best stay).
#
# A folder starting with `.tmp_` is never read, and the next save removes it. Let us imitate a killed save:

# %%
root = checkpoint.parent
killed = root / f".tmp_step_{2 * n:07d}"
killed.mkdir()
(killed / "model.safetensors").write_bytes(b"half a file")
print(_("qovluqlar:", "folders:"), sorted(p.name for p in root.iterdir()))
print("latest_checkpoint:", latest_checkpoint(first.out_dir).name)
# az: növbəti yazı (eyni addım yenidən) müvəqqəti qalığı silir
# en: the next save (the same step again) removes the leftover
first.save()
print(_("yazıdan sonra:", "after a save:"), sorted(p.name for p in root.iterdir()))
first.close()  # az: model və AdamW yaddaşdan silinir (4 GB-lıq kartda növbəti təlim üçün); checkpoint-lər diskdə qalır

# %% md az
# ## 3. Son N + ən yaxşı
# Hər checkpoint diskdə yer tutur (100M model üçün ~1.2 GB, §6), ona görə də `Trainer` ən yeni `keep_last`
# (standart 2) checkpoint-i və ən kiçik val itkisi olanı saxlayır, qalanlarını silir. Yalnız sonuncunu saxlamaq
# kifayət deyil: overfitting başlasa (Gün 27), ən yaxşı model itər. Hansılarının qaldığına 2N addımlıq tam
# təlimdə baxaq — bu təlim §4-dəki sübut üçün də lazımdır:
#
# ⏱ `cpu` profilində ~55 saniyə (bir CPU nüvəsində ölçülüb); irəliləyiş zolağı sizin kompüterinizdə qalan vaxtı
# göstərir.

# %% md en
# ## 3. The last N + the best
# Every checkpoint takes disk space (~1.2 GB for a 100M model, §6), so the `Trainer` keeps the newest `keep_last`
# (default 2) and the one with the lowest val loss, and deletes the rest. Keeping only the last is not enough: once
# overfitting starts (Day 27), the best model would be lost. Let us see which remain in a full run of 2N steps —
# §4 needs this run for the proof too:
#
# ⏱ ~55 s on the `cpu` profile (measured on one CPU core); the progress bar shows the time left on your machine.

# %%
whole = trainer("whole")
whole.fit()
saves = len([r for r in read_metrics(whole.out_dir) if "val_loss" in r])
print(_("yazılan checkpoint-lər:", "checkpoints saved:"), saves, "| keep_last =", whole.keep_last)
print(_("qalan checkpoint-lər:", "checkpoints kept:"), [p.name for p in list_checkpoints(whole.out_dir)])
print(_("ən yaxşı:", "best:"), best_checkpoint(whole.out_dir).name)

# %% md az
# ## 4. Sübut: 2N addım = N addım + davam + N addım
# "split" qovluğunda N addım artıq atılıb (§1). İndi **yeni** bir `Trainer` yaradırıq — başqa təsadüfi çəkilərlə
# (seed 1) model, yeni optimallaşdırıcı — və `resume=True` ilə davam edirik. Checkpoint hər şeyi bərpa etməlidir,
# yoxsa itkilər fərqlənəcək:
#
# ⏱ `cpu` profilində ~30 saniyə (bir CPU nüvəsində ölçülüb); irəliləyiş zolağı sizin kompüterinizdə qalan vaxtı
# göstərir.

# %% md en
# ## 4. Proof: 2N steps = N steps + resume + N steps
# In the "split" folder N steps are already done (§1). Now we create a **new** `Trainer` — a model with other
# random weights (seed 1), a new optimizer — and continue with `resume=True`. The checkpoint must bring everything back,
# otherwise the losses will differ:
#
# ⏱ ~30 s on the `cpu` profile (measured on one CPU core); the progress bar shows the time left on your machine.

# %%
# az: başqa təsadüfi çəkilər (seed 1): load_state onları checkpoint-dəkilərlə əvəz etməlidir
# en: other random weights (seed 1): load_state must replace them by the checkpoint's
whole.close()  # az: növbəti Trainer üçün yaddaşı boşaldırıq; nəticələri diskdən oxuyuruq
resumed = trainer("split", resume=True, model=new_model(seed=1))
resumed.fit()
losses_whole = [r["loss"] for r in read_metrics(whole.out_dir)]
losses_split = [r["loss"] for r in read_metrics(resumed.out_dir)]
print("2N:          ", [f"{loss:.6f}" for loss in losses_whole])
print(_("N + davam N: ", "N + resume N:"), [f"{loss:.6f}" for loss in losses_split])
print("==", losses_whole == losses_split)
if losses_whole != losses_split:
    print(_("ən böyük fərq:", "largest difference:"), max(abs(a - b) for a, b in zip(losses_whole, losses_split)))

# %% md az
# Siyahılar **bitinə qədər** bərabərdir (`==`, təqribən yox). GPU-da bəzi CUDA kernel-ləri (məsələn, embedding-in
# geri yayılmasındakı atomik toplama) özləri deterministik deyil; orada fərq yuvarlaqlaşdırma səviyyəsində ola
# bilər — belə halda xana ən böyük fərqi çap edir.
#
# ## 5. Yad və zədəli checkpoint rədd edilir
# Başqa konfiqurasiyalı modellə (məsələn, `n_embd` iki dəfə böyük olan) davam etmək istəsək:

# %% md en
# The lists are equal **bit for bit** (`==`, not approximately). On a GPU some CUDA kernels (e.g. the atomic adds
# of the embedding's backward pass) are not deterministic themselves; there the difference may be at the level of
# rounding — the cell then prints the largest difference.
#
# ## 5. Foreign and damaged checkpoints are refused
# If we try to continue with a model of another configuration (e.g. twice the `n_embd`):

# %%
try:
    trainer("split", resume=True, model=new_model(n_embd=2 * profile.n_embd))
except CourseError as error:
    print(type(error).__name__ + ":", error)

# %% md az
# İndi son checkpoint-in çəki faylında bir baytı dəyişək (disk xətası, yarımçıq kopya). SHA-256 uyğun gəlmir —
# `read_meta` və `Trainer(resume=True)` onu yükləmir:

# %% md en
# Now flip one byte in the weights file of the newest checkpoint (a disk error, a half-finished copy). The SHA-256
# no longer matches — `read_meta` and `Trainer(resume=True)` refuse to load it:

# %%
damaged = latest_checkpoint(resumed.out_dir)
weights = damaged / "model.safetensors"
raw = bytearray(weights.read_bytes())
raw[len(raw) // 2] ^= 0xFF
weights.write_bytes(bytes(raw))
try:
    trainer("split", resume=True)
except CourseError as error:
    print(type(error).__name__ + ":", error)
# az: mesajın dediyi kimi: zədəli qovluğu silirik — əvvəlki checkpoint götürülür
# en: as the message says: delete the damaged folder — the previous checkpoint is used
shutil.rmtree(damaged)
print("latest_checkpoint:", latest_checkpoint(resumed.out_dir).name, "| read_meta OK:",
      read_meta(latest_checkpoint(resumed.out_dir))["step"])

# %% md az
# ## 6. 4 GB-lıq GPU və Colab üçün niyə vacibdir?
# Colab-ın pulsuz T4 sessiyası bir neçə saatdan sonra kəsilir; RTX 2050-li noutbukda 100M modelin təlimi günlərlə
# çəkə bilər. Checkpoint-lər olmasa, hər kəsilmə hər şeyi sıfırlayar. Diskdə nə qədər yer lazımdır? Öz
# checkpoint-imizdə hər parametrə düşən baytları ölçüb nəticəni 110M parametrli model üçün hesablayaq:

# %% md en
# ## 6. Why it matters for a 4 GB GPU and Colab
# Colab's free T4 session disconnects after a few hours; training the 100M model on an RTX 2050 laptop can take
# days. Without checkpoints every interruption would reset everything. How much disk does it take? Let us measure
# the bytes per parameter of our own checkpoint and scale them to 110M:

# %%
path = latest_checkpoint(whole.out_dir)
n_params = GPTModel(**read_meta(path)["config"]["model"]).num_params()  # az: checkpoint-in öz konfiqurasiyasından
size = sum(p.stat().st_size for p in path.iterdir())
print(f"{path.name}: {size / 2**20:.2f} MiB, {n_params:,} {_('parametr', 'parameters')} → "
      f"{size / n_params:.1f} {_('bayt/parametr', 'bytes/parameter')}")
gib_110m = size / n_params * 110e6 / 2**30
print(_("110M parametrli model üçün bir checkpoint:", "one checkpoint of a 110M model:"), f"≈ {gib_110m:.2f} GiB",
      f"| keep_last=2 + {_('ən yaxşı', 'best')}: ≈ {3 * gib_110m:.1f} GiB")

# %% md az
# Hər parametrə ~12 bayt düşür: çəkilər (fp32, 4) + AdamW-nin iki momenti (4 + 4). Kiçik modeldə metadatanın payı
# bu rəqəmi bir az artırır. Google Drive-a yazanda bunu nəzərə alın.
#
# ## 7. Tapşırıqlar
# Hər tapşırıqda funksiyanı yazın (`raise NotImplementedError` sətrini silin) və xananı işə salın.
#
# Yoxlama uğursuz olanda əvvəlcə istiqamət verən məsləhət görünür; üç uğursuz cəhddən sonra daha ətraflı
# məsləhət gəlir, `check("day28.checkpoint_items", solution=True)` isə kursun həllini göstərir (hər tapşırığın
# öz adı ilə).
#
# **Tapşırıq 1.** `candidates` siyahısından (`"model"`, `"optimizer"`, `"scheduler"`, `"grad_scaler"`, `"rng"`,
# `"step"`, `"config"`, `"gradients"`, `"activations"`, `"logits"`, `"val_batches"` — hamısı və ya bir hissəsi)
# `precision` (`"fp32"`, `"fp16"`, `"bf16"`) dəqiqliyi ilə dəqiq davam etdirmə üçün checkpoint-də **mütləq**
# olmalı olanları seçin. Sıralanmış siyahı qaytarın.

# %% md en
# ~12 bytes per parameter: the weights (fp32, 4) + AdamW's two moments (4 + 4). In a small model the metadata adds
# a little. Keep it in mind when writing to Google Drive.
#
# ## 7. Exercises
# In each exercise write the function (delete the `raise NotImplementedError` line) and run the cell.
#
# When a check fails you first get a nudge; after three failed tries a stronger hint follows, and
# `check("day28.checkpoint_items", solution=True)` shows the course's code (each exercise by its own name).
#
# **Exercise 1.** From `candidates` (`"model"`, `"optimizer"`, `"scheduler"`, `"grad_scaler"`, `"rng"`, `"step"`,
# `"config"`, `"gradients"`, `"activations"`, `"logits"`, `"val_batches"` — all of them or some) choose those a
# checkpoint **must** hold for an exact resume with `precision` (`"fp32"`, `"fp16"`, `"bf16"`). Return a sorted
# list.

# %%
def checkpoint_items_exercise(candidates: list[str], precision: str) -> list[str]:
    # az: Sizin kodunuz burada
    # en: Your code here
    raise NotImplementedError


check("day28.checkpoint_items", checkpoint_items_exercise)

# %% md az
# **Tapşırıq 2.** Checkpoint-lərin addımları (`steps`) və val itkiləri (`val_losses`, `None` ola bilər) verilib.
# Hansılar saxlanılır? Ən yeni `keep_last` addım və ən kiçik val itkisi olan addım (bərabərlikdə daha əvvəlki).
# Sıralanmış addımlar siyahısını qaytarın.

# %% md en
# **Exercise 2.** Given the checkpoints' steps (`steps`) and val losses (`val_losses`, may be `None`): which are
# kept? The newest `keep_last` steps and the step with the lowest val loss (the earlier one on a tie). Return the
# sorted list of steps.

# %%
def checkpoints_to_keep_exercise(steps: list[int], val_losses: list, keep_last: int) -> list[int]:
    # az: Sizin kodunuz burada
    # en: Your code here
    raise NotImplementedError


check("day28.checkpoints_to_keep", checkpoints_to_keep_exercise)

# %% md az
# **Tapşırıq 3.** Atomik yazının əməliyyatları qarışıq sırada verilib (hamısı və ya bir hissəsi):
# `"write_tmp"` (müvəqqəti qovluğa yaz), `"fsync"`, `"write_meta"` (meta faylı), `"rename"` (adı dəyiş),
# `"prune"` (köhnələri sil). Onları təhlükəsiz sırada qaytarın.

# %% md en
# **Exercise 3.** The operations of an atomic save come in a mixed order (all or some of them): `"write_tmp"`
# (write into the temporary folder), `"fsync"`, `"write_meta"` (the meta file), `"rename"`, `"prune"` (delete old
# ones). Return them in a safe order.

# %%
def save_order_exercise(operations: list[str]) -> list[str]:
    # az: Sizin kodunuz burada
    # en: Your code here
    raise NotImplementedError


check("day28.save_order", save_order_exercise)

# %% md az
# ## Xülasə
# - Dəqiq davam etdirmə üçün lazımdır: model, optimallaşdırıcı, scheduler, GradScaler (fp16), RNG vəziyyətləri,
#   addım (məlumatın mövqeyi ondan çıxır) və konfiqurasiya. accelerate-in `save_state`/`load_state`-i + kursun
#   `course_meta.json`-u.
# - Yazı atomikdir: `.tmp_` qovluğu → `fsync` → meta ən sonda → `os.replace` → köhnələrin silinməsi.
# - Son N + ən yaxşı checkpoint saxlanılır.
# - Sübut: 2N addım ilə N + davam + N eyni itkiləri verir (`==`); yad konfiqurasiya və zədəli fayl aydın mesajla
#   rədd edilir.
#
# **İndi `course_lib`-də:** `checkpoint` (`save_checkpoint`, `latest_checkpoint`, `best_checkpoint`, `read_meta`,
# `check_compatible`, `load_checkpoint`, `load_model`), `Trainer(..., resume=True)`,
# `python -m course_lib.train --resume`.
#
# **Növbəti gün:** [Gün 29 — mətn yaratma](day29_generation.ipynb)

# %% md en
# ## Summary
# - An exact resume needs: the model, optimizer, scheduler, GradScaler (fp16), RNG states, the step (the data
#   position follows from it) and the configuration. accelerate's `save_state`/`load_state` + the course's
#   `course_meta.json`.
# - Saving is atomic: a `.tmp_` folder → `fsync` → the meta last → `os.replace` → deleting old ones.
# - The last N + the best checkpoint are kept.
# - Proof: 2N steps and N + resume + N give the same losses (`==`); a foreign configuration and a damaged file are
#   refused with a clear message.
#
# **Now in `course_lib`:** `checkpoint` (`save_checkpoint`, `latest_checkpoint`, `best_checkpoint`, `read_meta`,
# `check_compatible`, `load_checkpoint`, `load_model`), `Trainer(..., resume=True)`,
# `python -m course_lib.train --resume`.
#
# **Next day:** [Day 29 — generation](day29_generation.ipynb)
