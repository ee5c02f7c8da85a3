# %% md az
# # Gün 22 — Məlumat və batch-lər
#
# {{BADGE}}
#
# Dünən tokenizator öyrətdik. Bu gün korpusu **bir dəfə** tokenlərə çevirib diskdə `uint16` faylı kimi
# saxlayırıq, onu train/val hissələrinə bölürük və təlim üçün batch-ləri hazırlayan `get_batch` funksiyasını
# yazırıq: o, təsadüfi yerlərdən `block_size` uzunluqlu pəncərələr və **bir token sürüşdürülmüş** hədəflər
# götürür. Sonra onu orijinal dərsdəki `TensorDataset` + `DataLoader` üsulu ilə müqayisə edirik: yaddaşı, korpusun
# əhatə olunmasını və sürəti — hamısını ölçürük.
#
# **Məqsədlər**
# - korpusu bir dəfə encode edib `uint16` memmap faylına yazmaq və niyə məhz `uint16` seçildiyini başa düşmək;
# - korpusu train/val hissələrinə bölmək;
# - `get_batch`-da x və y arasındakı bir tokenlik sürüşməni görmək;
# - pinned memory-nin və `non_blocking` köçürmənin nə qazandırdığını bilmək;
# - sabit parçalar (`TensorDataset` + `DataLoader`) ilə təsadüfi pəncərələri yaddaş, əhatə və sürətə görə
#   müqayisə etmək.
#
# **Təxmini vaxt:** 60 dəqiqə (kodun icrası: `cpu` profilində, bir CPU nüvəsində ~15 saniyə) · **Tələblər:** Gün 21
# (tokenizator), numpy və PyTorch tensorları.

# %% md en
# # Day 22 — data and batches
#
# {{BADGE}}
#
# Yesterday we trained a tokenizer. Today we turn the corpus into tokens **once** and keep them on disk as a
# `uint16` file, split it into train/val, and write `get_batch`, the function that makes training batches: windows
# of `block_size` tokens from random places and targets **shifted by one token**. Then we compare it with the seed
# lesson's `TensorDataset` + `DataLoader` way: memory, coverage of the corpus and speed — all measured.
#
# **Objectives**
# - encode the corpus once into a `uint16` memmap file and understand why `uint16`;
# - make the train/val split;
# - see the one-token shift between x and y in `get_batch`;
# - know what pinned memory and `non_blocking` copies give;
# - compare fixed chunks (`TensorDataset` + `DataLoader`) with random windows by memory, coverage and speed.
#
# **Estimated time:** 60 minutes (running its code: ~15 s on the `cpu` profile, one CPU core) · **Prerequisites:**
# Day 21 (the tokenizer), numpy and PyTorch tensors.

# %% md az
# ## 0. Hazırlıq
# Batch ölçüsü (`micro_batch`) və kontekst uzunluğu (`block_size`) profildən götürülür.

# %% md en
# ## 0. Set-up
# The batch size (`micro_batch`) and the context length (`block_size`) come from the profile.

# %% setup

# %%
import json
import tempfile
import time
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import torch

from course_lib.corpus import load_documents
from course_lib.data import (
    check_vocab,
    chunk_loader,
    encode_documents,
    ensure_prepared,
    get_batch,
    max_token_id,
    open_tokens,
    prepare,
    split_documents,
    to_uint16,
)
from course_lib.errors import CourseError
from course_lib.messages import t
from course_lib.tokenizer import decode

B, T = profile.micro_batch, profile.block_size
print("B =", B, "| T =", T)

# %% md az
# ## 1. Niyə bir dəfə və niyə `uint16`?
# Tokenizasiya təlimin hər addımında təkrarlanmamalıdır: korpusu bir dəfə encode edib id-ləri diskə yazırıq.
# Lüğətimiz 65 536-dan kiçikdir, ona görə də hər id **2 bayta** (`uint16`) sığır. PyTorch-da adi olan `int64` isə
# 8 bayt tutur — eyni məlumat üçün 4 dəfə çox yer.

# %% md en
# ## 1. Why once, and why `uint16`?
# Tokenization must not repeat at every training step: we encode the corpus once and write the ids to disk. Our
# vocabulary is smaller than 65,536, so every id fits in **2 bytes** (`uint16`). PyTorch's usual `int64` takes 8
# bytes — 4 times the space for the same data.

# %%
# NBVAL_CHECK_OUTPUT
tokens_word = _("token", "tokens")
for dtype in (np.uint16, np.int32, np.int64):
    info = np.iinfo(dtype)
    print(f"{info.dtype.name:>6}: max id {info.max:>26,} | 1M {tokens_word}: {1e6 * info.bits / 8 / 2**20:5.1f} MiB"
          f" | 1B {tokens_word}: {1e9 * info.bits / 8 / 2**30:5.1f} GiB")

# %% md az
# ## 2. Korpusu encode edirik
# Gün 21-in tokenizatorunu `prepare(profile)` verir (yoxdursa, onu indi öyrədir — bu, aşağıda izah olunur).
# Modelin sənədlərin harada bitdiyini görməsi üçün hər sənədin sonuna `<|endoftext|>` qoyuruq.
# `prepare(profile, sənədlər)` istənilən sənəd siyahısını qəbul edir; məsələn, Colab-da Azərbaycan Vikipediyası
# üçün: `prepare(profile, load_hf_documents("wikimedia/wikipedia", "20231101.az", max_docs=50000))` və ya birbaşa
# `python -m course_lib.train --dataset wikimedia/wikipedia --dataset-config 20231101.az --max-docs 50000`
# (yerli `save_to_disk` qovluğu və ya .jsonl/.parquet faylı da yarayır).

# %% md en
# ## 2. Encoding the corpus
# `prepare(profile)` gives us Day 21's tokenizer (if there is none yet, it trains one now — explained below). We
# put `<|endoftext|>` after every document so that the model sees where documents end. `prepare(profile, documents)`
# takes any list of documents; on Colab, the Azerbaijani Wikipedia: `prepare(profile,
# load_hf_documents("wikimedia/wikipedia", "20231101.az", max_docs=50000))`, or directly `python -m course_lib.train
# --dataset wikimedia/wikipedia --dataset-config 20231101.az --max-docs 50000` (a local `save_to_disk` folder or a
# .jsonl/.parquet file works too).

# %%
prepared = prepare(profile)
tokenizer = prepared.tokenizer
documents = load_documents()
start = time.perf_counter()
ids = encode_documents(tokenizer, documents)
seconds = time.perf_counter() - start
chars = sum(map(len, documents))
print(f"{chars:,} {_('simvol', 'characters')} → {len(ids):,} {tokens_word} ({ids.dtype}) | "
      f"{chars / len(ids):.2f} {_('simvol/token', 'characters/token')} | {seconds:.2f} s")

# %% md az
# Validasiya (val) üçün bütöv əsərləri kənarda saxlayırıq: hər 10 sənəddən birini (`split_documents`), burada 42 əsərdən
# 4-ünü. Beləliklə, val hissəsi modelin heç görmədiyi pyeslərdən ibarətdir (Gün 27-də onun köməyi ilə overfitting-i
# görəcəyik); tokenizator da yalnız train əsərləri üzərində öyrədilib. Train hissəsində isə model öz əsərlərinin hər
# birinin sonunu — `<|endoftext|>`-i — görür: yoxsa Gün 29-da mətn yaratmağa başladığımız tokenə təlimdə heç vaxt rast
# gəlinməzdi. Korpusda 10-dan az sənəd varsa (məsələn, tək fayl), bölgü token axınının özündə aparılır: ilk 90% train,
# son 10% val olur (`split_train_val`, 1-ci tapşırıq). Bölgü **qarışdırılmır**: mətnin sırası saxlanılır. Fayllar
# `np.memmap` ilə açılır: əməliyyat sistemi diskdən yalnız oxunan hissələri yükləyir, ona görə də 10 GB-lıq korpusun da
# RAM-a sığması lazım deyil.

# %% md en
# For validation (val) we hold out whole works: one document in ten (`split_documents`), here 4 of the 42 works. So
# val is plays the model never sees (on Day 27 we use it to see overfitting), and the tokenizer too learned from the
# training works only. Training, in turn, sees the end of every one of its works — `<|endoftext|>`: otherwise the
# token Day 29 starts writing from would never occur in training. A corpus with fewer than 10 documents (a single
# file, say) is cut in its token stream instead: the first 90% to train, the last 10% to val (`split_train_val`,
# Exercise 1). The split is **not shuffled**: the text keeps its order. The files are opened with
# `np.memmap`: the operating system loads only the parts that are read, so even a 10 GB corpus needs no room in RAM.

# %%
train_docs, val_docs = split_documents(documents, 0.1)
print(_("val əsərləri:", "val works:"), " | ".join(doc.split("\n", 1)[0].strip() for doc in val_docs))
train_ids, val_ids = encode_documents(tokenizer, train_docs), encode_documents(tokenizer, val_docs)
print("<|endoftext|> — train:", int((train_ids == prepared.meta["eot_id"]).sum()), "| val:",
      int((val_ids == prepared.meta["eot_id"]).sum()))
folder = Path(tempfile.mkdtemp())
train_ids.tofile(folder / "train.bin")
val_ids.tofile(folder / "val.bin")
train, val = open_tokens(folder / "train.bin"), open_tokens(folder / "val.bin")
print(type(train).__name__, train.dtype, "| train:", f"{len(train):,}", "| val:", f"{len(val):,}")
print("train.bin:", f"{(folder / 'train.bin').stat().st_size / 2**20:.2f} MiB")
print(_("prepare() ilə eyni fayllar:", "the same files as prepare():"),
      np.array_equal(train, prepared.train) and np.array_equal(val, prepared.val))
print(repr(decode(tokenizer, train[:40])))

# %% md az
# 65 535-dən böyük id `uint16`-ya sığmaz — numpy onu səssizcə "qatlayıb" başqa tokenə çevirərdi. Kurs bunu
# yoxlayır:

# %% md en
# An id above 65,535 does not fit `uint16` — numpy would silently wrap it into another token. The course checks:

# %%
# NBVAL_CHECK_OUTPUT
print(_("numpy səssizcə:", "numpy silently:"), np.array([70_000]).astype(np.uint16))
try:
    to_uint16([5, 70_000])
except CourseError as error:
    print(error)

# %% md az
# ## 3. `get_batch`: təsadüfi pəncərələr və bir tokenlik sürüşmə
# `get_batch` təsadüfi `B` yer seçir və hər birindən `T + 1` token götürür: ilk `T`-si giriş **x**, son `T`-si isə hədəf
# **y** olur. Deməli, y bir token sağa sürüşdürülmüş x-dir: hər mövqedə model **növbəti** tokeni proqnozlaşdırır. Bir
# sətirdə `T` təlim nümunəsi var: 1 tokendən, 2 tokendən, …, `T` tokendən sonra gələni təxmin etmək.

# %% md en
# ## 3. `get_batch`: random windows and the one-token shift
# `get_batch` picks `B` random places and takes `T + 1` tokens from each: the first `T` are the input **x**, the
# last `T` the target **y**. So y is x shifted one token to the right: at every position the model predicts the
# **next** token. One row holds `T` training examples: predict what follows 1 token, 2 tokens, …, `T` tokens.

# %%
x, y = get_batch(train, B, T, "cpu", generator=torch.Generator().manual_seed(0))
print("x:", tuple(x.shape), x.dtype, "| y:", tuple(y.shape), y.dtype)
print(_("y = x bir token sürüşmüş:", "y = x shifted by one token:"), torch.equal(x[:, 1:], y[:, :-1]))
for position in range(5):
    context = decode(tokenizer, x[0, : position + 1])
    print(f"{context!r:>40} → {decode(tokenizer, y[0, position : position + 1])!r}")

# %% md az
# `block_size` məlumatdan kiçik olmalıdır (ən azı `T + 1` token lazımdır), yoxsa kurs nə etmək lazım olduğunu
# bildirir:

# %% md en
# `block_size` must be smaller than the data (at least `T + 1` tokens are needed); otherwise the course says what to
# do:

# %%
# NBVAL_CHECK_OUTPUT
try:
    get_batch(np.arange(100, dtype=np.uint16), 4, 256)
except CourseError as error:
    print(error)

# %% md az
# ## 4. Pinned memory və `non_blocking`
# CPU-dan GPU-ya köçürmə DMA ilə aparılır və DMA yalnız **bərkidilmiş** (pinned, page-locked) yaddaşdan oxuya bilir. Adi
# (pageable) tensor əvvəlcə gizli bir pinned buferə kopyalanır — bu, əlavə işdir. CUDA-da `get_batch` batch üçün özü
# `pin_memory()` çağırır və onu `.to(device, non_blocking=True)` ilə göndərir: köçürmə GPU işləyərkən aparılır, Python
# isə gözləmədən növbəti əmrə keçir. Amma `pin_memory()` özü də bir kopyadır: hər batch-i pin etmək (get_batch-in üsulu)
# bir dəfə pin edilmiş buferdən göndərməkdən baha başa gəlir və kiçik batch-də adi köçürmədən sürətli olmaya bilər —
# onun faydası `non_blocking`-dədir (köçürmə GPU-nun işi ilə eyni vaxtda gedir). Aşağıdakı xana üç üsulun vaxtını
# kartınızda ölçür. CPU-da köçürmə yoxdur, ona görə də bu addım buraxılır.

# %% md en
# ## 4. Pinned memory and `non_blocking`
# A copy from CPU to GPU goes by DMA, and DMA can only read **pinned** (page-locked) memory. An ordinary (pageable)
# tensor is first copied into a hidden pinned buffer — extra work. On CUDA, `get_batch` itself calls `pin_memory()`
# and sends the batch with `.to(device, non_blocking=True)`: the copy runs while the GPU works, and Python moves on
# without waiting. But `pin_memory()` is itself a copy: pinning every batch (get_batch's way) costs more than
# sending from a buffer pinned once, and for a small batch it may be no faster than a plain copy — its gain is
# `non_blocking` (the copy overlaps the GPU's work). The cell below times the three ways on your card. On CPU there
# is no copy, so this step is skipped.

# %%
if torch.cuda.is_available():
    batch = torch.randint(1000, (profile.micro_batch, profile.block_size))  # what get_batch sends: (B, T) int64
    pinned = batch.pin_memory()
    copies = {  # az: hər üsul 100 dəfə; "hər batch-i pin" get_batch-in etdiyi işdir (pin_memory özü də bir kopyadır)
        # en: each way 100 times; "pin every batch" is what get_batch does (pin_memory itself is a copy too)
        "pageable": lambda: batch.to("cuda", non_blocking=True),
        _("bir dəfə pin", "pinned once"): lambda: pinned.to("cuda", non_blocking=True),
        _("hər batch-i pin", "pin every batch"): lambda: batch.pin_memory().to("cuda", non_blocking=True),
    }
    for name, copy in copies.items():
        torch.cuda.synchronize()
        start = time.perf_counter()
        for _step in range(100):
            copy()
        torch.cuda.synchronize()
        print(f"{name:>15}: {(time.perf_counter() - start) * 10:.3f} ms / {_('köçürmə', 'copy')}")
else:
    print(t("skipped_no_gpu", what="pin_memory + non_blocking"))

# %% md az
# ## 5. Orijinal dərsin üsulu: `TensorDataset` + `DataLoader`
# Orijinal dərs (Gün 25) məlumatı sabit parçalara bölüb `TensorDataset`-ə qoyur, `DataLoader(shuffle=True)` onları
# qarışdırır, sonra isə `X, Y = batch[0][:, :-1], batch[0][:, 1:]` yazılır. `chunk_loader` eyni şeyi bizim token
# faylımızla edir: hər `T` tokendən bir başlayan, `T + 1` uzunluqlu parçalar düzəldir. Gəlin ölçək:
# - **yaddaş:** parçalar RAM-da `int64` tensoru kimi saxlanılır, memmap isə diskdə qalır;
# - **əhatə:** bir epoxada sabit parçalar hər tokeni düz bir dəfə hədəf kimi istifadə edir; təsadüfi pəncərələr isə eyni
#   sayda batch-də korpusun təxminən 1 − 1/e ≈ 63%-ini görür, amma hər dəfə **fərqli sərhədlərlə** — model "parçanın
#   harada başladığını" əzbərləyə bilmir;
# - **sürət:** aşağıda ölçürük (ms/batch); onu Gün 23-də vaxtını ölçəcəyimiz təlim addımı ilə müqayisə edin.

# %% md en
# ## 5. The seed's way: `TensorDataset` + `DataLoader`
# The seed lesson (Day 25) cuts the data into fixed chunks in a `TensorDataset`, `DataLoader(shuffle=True)`
# shuffles them, then `X, Y = batch[0][:, :-1], batch[0][:, 1:]`. `chunk_loader` does this from our token file:
# chunks of `T + 1` tokens starting every `T` tokens. Let us measure:
# - **memory:** the chunks are an `int64` tensor in RAM, the memmap stays on disk;
# - **coverage:** in one epoch fixed chunks make every token a target exactly once; random windows see about
#   1 − 1/e ≈ 63% of the corpus in the same number of batches, but with **different boundaries** every time — the
#   model cannot learn "where a chunk starts";
# - **speed:** measured below (ms per batch); compare it with the training step you will time on Day 23.

# %%
loader = chunk_loader(train, T, B, shuffle=True, generator=torch.Generator().manual_seed(0))
chunks = loader.dataset.tensors[0]
(first,) = next(iter(loader))
x_seed, y_seed = first[:, :-1], first[:, 1:]
print(_("parçalar:", "chunks:"), tuple(chunks.shape), chunks.dtype, "| batch:", tuple(x_seed.shape),
      "| shift:", torch.equal(x_seed[:, 1:], y_seed[:, :-1]))
print(f"RAM: TensorDataset {chunks.numel() * chunks.element_size() / 2**20:.1f} MiB | "
      f"memmap ({_('diskdə', 'on disk')}) {train.nbytes / 2**20:.1f} MiB")


# %%
def ms_per_batch(batches, n):
    """Average milliseconds to get one batch from an iterator of batches."""
    start = time.perf_counter()
    for _step in range(n):
        next(batches)
    return (time.perf_counter() - start) / n * 1e3


def random_batches():
    while True:
        yield get_batch(train, B, T)


n = min(200, len(loader))
timings = {
    "get_batch": ms_per_batch(random_batches(), n),
    "DataLoader, num_workers=0": ms_per_batch(iter(loader), n),
    "DataLoader, num_workers=2": ms_per_batch(iter(chunk_loader(train, T, B, num_workers=2)), n),
}
for name, ms in timings.items():
    print(f"{name:<28} {ms:.3f} ms / batch")

# %% md az
# `num_workers=2` burada işi sürətləndirmir, əksinə, yavaşladır: proseslərin işə salınması və batch-lərin proseslər
# arasında ötürülməsi hazır tensordan dilim götürməkdən baha başa gəlir. İşçilər (workers) hər nümunə **real iş** tələb
# edəndə faydalıdır: faylları oxumaq, şəkilləri dekodlaşdırmaq, mətni elə təlim zamanı tokenizasiya etmək.
# `pin_memory=True` də yalnız CUDA-da məna daşıyır. Bizim tokenlər əvvəlcədən hazırdır — səmərəli təlim bələdçisindəki
# "məlumatın əvvəlcədən yüklənməsi" (data preloading) tövsiyəsi elə budur.

# %% md en
# `num_workers=2` does not help here, it hurts: starting processes and passing batches between them costs more
# than slicing a ready tensor. Workers pay off when every sample needs **real work**: reading files, decoding
# images, tokenizing text during training. `pin_memory=True` only makes sense on CUDA too. Our tokens are ready in
# advance — that is exactly the "data preloading" advice of the efficient-training guide.

# %% md az
# ## 6. Korpusa baxış: sətirlərin token uzunluğu və əhatə
# Şekspirin bir sətri neçə tokendən ibarətdir? Kontekst (`T` token) neçə sətri əhatə edir?

# %% md en
# ## 6. A look at the corpus: token lengths and coverage
# How many tokens is one line of Shakespeare? How many lines does the context (`T` tokens) span?

# %%
lines = [line for document in documents for line in document.splitlines() if line.strip()]
lengths = np.array([len(encoding.ids) for encoding in tokenizer.encode_batch(lines)])
print(f"{len(lines):,} {_('sətir', 'lines')} | {_('orta qiymət', 'mean')} {lengths.mean():.1f} | "
      f"median {np.median(lengths):.0f} | max {lengths.max()} {tokens_word} | "
      f"T = {T} ≈ {T / lengths.mean():.0f} {_('sətir', 'lines')}")
plt.figure(figsize=(6, 3))
plt.hist(lengths, bins=range(0, int(np.percentile(lengths, 99.5)) + 2))
plt.xlabel(_("bir sətirdəki token sayı", "tokens in one line"))
plt.ylabel(_("sətirlərin sayı", "number of lines"))
plt.grid(alpha=0.3)
plt.show()

# %% md az
# İndi əhatəni ölçək: `get_batch` ilə "bir epoxa" qədər (korpusdakı token sayı / `B·T`) batch götürək və
# hədəf kimi ən azı bir dəfə görünən tokenlərin payını sayaq.

# %% md en
# Now measure coverage: take "one epoch" of batches with `get_batch` (tokens in the corpus / `B·T`) and count the
# share of tokens that were a target at least once.

# %%
per_epoch = len(train) // (B * T)
seen = np.zeros(len(train), dtype=bool)
generator = torch.Generator().manual_seed(0)
curve = []
for step in range(1, 3 * per_epoch + 1):
    for offset in torch.randint(len(train) - T, (B,), generator=generator).tolist():
        seen[offset + 1 : offset + T + 1] = True
    if step % max(1, per_epoch // 20) == 0:
        curve.append((step / per_epoch, seen.mean()))
one_epoch = min(curve, key=lambda point: abs(point[0] - 1))
print(f"{per_epoch} batch = 1 {_('epoxa', 'epoch')}: {_('görülən', 'seen')} {one_epoch[1]:.1%} "
      f"({_('nəzəriyyə', 'theory')} 1 − 1/e = {1 - np.exp(-1):.1%})")
epochs = np.array([e for e, _c in curve])
plt.figure(figsize=(6, 3))
plt.plot(epochs, [c for _e, c in curve], label=_("ölçülüb: get_batch", "measured: get_batch"))
plt.plot(epochs, 1 - np.exp(-epochs), "--", label="1 − e^(−k)")
plt.axhline(1.0, color="gray", lw=0.8, label=_("sabit parçalar (1 epoxa)", "fixed chunks (1 epoch)"))
plt.xlabel(_("epoxa", "epochs"))
plt.ylabel(_("görülən tokenlərin payı", "share of tokens seen"))
plt.legend()
plt.grid(alpha=0.3)
plt.show()

# %% md az
# ## 7. `prepare`: sonrakı günlər bunu çağırır
# Bu dərsdə etdiyimiz hər şeyi — tokenizatorun öyrədilməsi, encode, bölgü, `train.bin`/`val.bin`, `meta.json` —
# `prepare(profile, corpus=None)` bir dəfə edir və nəticəni `data/<korpusun sha256-sı>-v<lüğət>/` qovluğunda saxlayır
# (`$COURSE_DATA_DIR` ilə başqa yer seçə bilərsiniz). Qovluq əvvəlcə müvəqqəti adla yazılır, sonra adı dəyişdirilir:
# yarımçıq yazılmış fayl heç vaxt yaranmır. Növbəti dəftərlər sadəcə `ensure_prepared(profile)` çağırır — ona görə də
# onları istənilən sırada işə salmaq olar. Öz korpusunuz üçün: `prepare(profile, "mənim_qovluğum/")`.

# %% md en
# ## 7. `prepare`: what later days call
# Everything this lesson did — training the tokenizer, encoding, the split, `train.bin`/`val.bin`, `meta.json` —
# `prepare(profile, corpus=None)` does once and keeps in `data/<sha256 of the corpus>-v<vocab>/` (choose another
# place with `$COURSE_DATA_DIR`). The folder is written under a temporary name, then renamed: a half-written file
# never exists. The next notebooks simply call `ensure_prepared(profile)` — so they can run in any order. For your
# own corpus: `prepare(profile, "my_folder/")`.

# %%
prepared = ensure_prepared(profile)
print(json.dumps(prepared.meta, indent=1))

# %% md az
# **Hər id lüğət ölçüsündən kiçik olmalıdır.** Modelin embedding cədvəlində `vocab_size` sətir var: id `vocab_size` və
# ya ondan böyük olsa, CPU-da aydın xəta alırıq, GPU-da isə "device-side assert" — CUDA konteksti pozulur və Jupyter
# kernel-ini yenidən işə salmaq lazım gəlir. Ona görə də `prepare` faylları açanda ən böyük id-ni bir dəfə yoxlayır
# (başqa tokenizatorla yazılmış token faylları olduqda proses aydın mesajla dayanır), `check_vocab` isə eyni yoxlamanı
# model üçün aparır — təlimdən əvvəl bir dəfə, hər addımda yox.

# %% md en
# **Every id must be below the vocabulary size.** The model's embedding table has `vocab_size` rows: an id of
# `vocab_size` or more is a clear error on a CPU, but on a GPU a "device-side assert" — the CUDA context breaks and
# the Jupyter kernel must be restarted. So `prepare` checks the largest id once when it opens the files (token files
# written by another tokenizer stop with a clear message), and `check_vocab` does the same check for a model — once
# before training, not at every step.

# %%
print(_("ən böyük id:", "largest id:"), max_token_id(prepared.train), "<", prepared.vocab_size)
# az: modelin lüğəti məlumata uyğundur: check_vocab səssiz keçir
# en: the model's vocabulary fits the data: check_vocab passes silently
check_vocab({"train": prepared.train, "val": prepared.val}, prepared.vocab_size)
# az: lüğəti çox kiçik olan model
# en: a model with too small a vocabulary
try:
    check_vocab({"train": prepared.train, "val": prepared.val}, 100)
except CourseError as error:
    print(error)

# %% md az
# ## 8. 4 GB-lıq GPU üçün niyə vacibdir?
# Korpus VRAM-a yüklənmir: o, diskdə (memmap) qalır. GPU-ya hər addımda yalnız bir batch göndərilir — əsas modelin
# mikro-batch-i (4 × 256) üçün cəmi bir neçə KiB. Batch-in hazırlanması millisaniyənin kiçik bir hissəsini çəkir, ona
# görə də GPU heç vaxt məlumat gözləmir. VRAM-ın hamısı modelə, qradiyentlərə, optimallaşdırıcıya və aktivasiyalara
# qalır.

# %% md en
# ## 8. Why it matters for a 4 GB GPU
# The corpus does not go to VRAM: it stays on disk (memmap). Only one batch goes to the GPU per step — a few KiB
# for the seed model's micro-batch (4 × 256). Making a batch takes a fraction of a millisecond, so the GPU never
# waits for data. All of the VRAM is left for the model, gradients, optimizer and activations.

# %%
# NBVAL_CHECK_OUTPUT
seed_batch, seed_block = 4, 256
# az: x və y, hər biri int64 (8 bayt)
# en: x and y, int64 each (8 bytes)
batch_bytes = 2 * seed_batch * seed_block * 8
kib, share = batch_bytes / 1024, batch_bytes / (4 * 2**30)
print(_(f"bir batch GPU-da: {kib:.0f} KiB — 4 GiB-ın {share:.6%}-i", f"one batch on the GPU: {kib:.0f} KiB — {share:.6%} of 4 GiB"))

# %% md az
# ## 9. Tapşırıqlar
# Hər tapşırıqda funksiyanı yazın (`raise NotImplementedError` sətrini silin) və xananı işə salın.
#
# Yoxlama uğursuz olanda əvvəlcə istiqamət verən məsləhət görünür; üç uğursuz cəhddən sonra daha ətraflı
# məsləhət gəlir, `check("day22.split_train_val", solution=True)` isə kursun həllini göstərir (hər tapşırığın
# öz adı ilə).
#
# **Tapşırıq 1.** Tokenləri bölün: ilk `1 - val_fraction` hissəsi train, qalanı val olsun. Qarışdırmayın. Sərhədi
# istədiyiniz kimi yuvarlaqlaşdırın: o yan-bu yana bir tokenlik fərq qəbul olunur.

# %% md en
# ## 9. Exercises
# In each exercise write the function (delete the `raise NotImplementedError` line) and run the cell.
#
# When a check fails you first get a nudge; after three failed tries a stronger hint follows, and
# `check("day22.split_train_val", solution=True)` shows the course's code (each exercise by its own name).
#
# **Exercise 1.** Split the tokens: the first `1 - val_fraction` to train, the rest to val. Do not shuffle. Round the
# cut as you like: one token either way is accepted.

# %%
def split_train_val_exercise(ids: torch.Tensor, val_fraction: float) -> tuple[torch.Tensor, torch.Tensor]:
    # az: Sizin kodunuz burada
    # en: Your code here
    raise NotImplementedError


check("day22.split_train_val", split_train_val_exercise)

# %% md az
# **Tapşırıq 2.** `offsets`-də verilmiş yerlərdən batch qurun: `x[b] = data[i : i+T]`, `y[b] = data[i+1 : i+T+1]`.
# Nəticə `(len(offsets), block_size)` ölçülü iki `int64` tensordur. (`get_batch` eyni şeyi təsadüfi offset-lərlə edir.)

# %% md en
# **Exercise 2.** Build a batch at the given `offsets`: `x[b] = data[i : i+T]`, `y[b] = data[i+1 : i+T+1]`. The
# result: two `int64` tensors of shape `(len(offsets), block_size)`. (`get_batch` does the same with random offsets.)

# %%
def make_batch_exercise(data: torch.Tensor, offsets: torch.Tensor, block_size: int):
    # az: Sizin kodunuz burada
    # en: Your code here
    raise NotImplementedError


check("day22.make_batch", make_batch_exercise)

# %% md az
# **Tapşırıq 3.** Orijinal dərsin sabit parçaları: hər `block_size` tokendən bir başlayan, `block_size + 1`
# uzunluqlu parçaları `(N, block_size + 1)` ölçülü `int64` tensoru kimi qaytarın. Beləliklə, hər token
# (birincidən başqa) düz bir dəfə hədəf olur.

# %% md en
# **Exercise 3.** The seed's fixed chunks: chunks of `block_size + 1` tokens starting every `block_size` tokens, as
# an `int64` tensor of shape `(N, block_size + 1)`. This way every token (but the first) is a target exactly once.

# %%
def chunk_tokens_exercise(data: torch.Tensor, block_size: int) -> torch.Tensor:
    # az: Sizin kodunuz burada
    # en: Your code here
    raise NotImplementedError


check("day22.chunk_tokens", chunk_tokens_exercise)

# %% md az
# ## Xülasə
# - Korpus bir dəfə encode olunur və `uint16` memmap faylında saxlanılır: 2 bayt/token, RAM-a yüklənmir; id
#   65 535-dən böyükdürsə, kurs dayanır.
# - Train/val bölgüsü qarışdırılmır: val modelin görmədiyi bütöv əsərlərdir (hər 10 sənəddən biri), ona görə də təlimdə
#   model öz sənədlərinin harada bitdiyini görür; 10-dan az sənədli korpus tokenlərin 90%-ində bölünür.
# - `get_batch` təsadüfi pəncərələr götürür; y bir token sürüşdürülmüş x-dir; CUDA-da pinned memory + `non_blocking`
#   işlədilir.
# - Sabit parçalar (`TensorDataset` + `DataLoader`) hər tokeni bir epoxada bir dəfə görür, amma bütün məlumatı
#   `int64` kimi RAM-da saxlayır və sərhədləri həmişə eynidir; hazır tokenlər üçün `num_workers` lazım deyil.
# - `prepare` / `ensure_prepared` bütün bunları bir dəfə, atomik şəkildə edir — sonrakı günlər onları çağırır; onlar ən
#   böyük id-nin lüğət ölçüsündən kiçik olduğunu da bir dəfə yoxlayır (`check_vocab` isə model üçün).
#
# **İndi `course_lib`-də:** `data` (`encode_documents`, `to_uint16`, `split_documents`, `split_train_val`,
# `open_tokens`, `get_batch`, `batch_at`, `chunk_tokens`, `chunk_loader`, `prepare`, `ensure_prepared`, `max_token_id`,
# `check_vocab`).
#
# **Növbəti gün:** [Gün 23 — təlim dövrü](day23_training_loop.ipynb)

# %% md en
# ## Summary
# - The corpus is encoded once and kept in a `uint16` memmap file: 2 bytes/token, not loaded into RAM; an id above
#   65,535 stops the course.
# - The train/val split is not shuffled: val is whole works the model never sees (one document in ten), so training
#   sees where its documents end; a corpus of fewer than 10 documents is cut at 90% of its tokens.
# - `get_batch` takes random windows; y = x shifted by one token; on CUDA pinned memory + `non_blocking`.
# - Fixed chunks (`TensorDataset` + `DataLoader`) see every token once per epoch, but keep all the data in RAM as
#   `int64` and their boundaries never change; ready tokens need no `num_workers`.
# - `prepare` / `ensure_prepared` do all of this once, atomically — later days call them; they also check once
#   that the largest id is below the vocabulary size (`check_vocab` for a model).
#
# **Now in `course_lib`:** `data` (`encode_documents`, `to_uint16`, `split_documents`, `split_train_val`, `open_tokens`,
# `get_batch`, `batch_at`, `chunk_tokens`, `chunk_loader`, `prepare`, `ensure_prepared`, `max_token_id`,
# `check_vocab`).
#
# **Next day:** [Day 23 — the training loop](day23_training_loop.ipynb)
