# %% md az
# # Gün 21 — Tokenizator (BPE)
#
# {{BADGE}}
#
# Model mətni oxumur: o, **token id-lərindən** ibarət ədəd ardıcıllığı görür. Mətni tokenlərə bölən və geri yığan alət
# **tokenizatordur**. Bu gün əvvəlcə BPE-nin (Byte Pair Encoding) nə etdiyini öz yazdığımız bir neçə sətirlik kodla
# görəcəyik, sonra Hugging Face `tokenizers` kitabxanası ilə kursun korpusu üzərində bir neçə saniyəyə **bayt səviyyəli
# BPE** tokenizatoru öyrədəcəyik. Ən maraqlı sual: eyni mətn Azərbaycan dilində və ingilis dilində neçə token tutur — və
# bu, Azərbaycan dilli model üçün nə deməkdir?
#
# **Məqsədlər**
# - mətnin baytlara, baytların tokenlərə necə çevrildiyini başa düşmək;
# - BPE-nin bir birləşmə (merge) addımını əl ilə yazmaq;
# - `tokenizers` ilə bayt səviyyəli BPE tokenizatoru öyrətmək, xüsusi tokenləri (`<|endoftext|>`) tanımaq,
#   encode/decode-un mətni dəqiq bərpa etdiyini yoxlamaq;
# - Azərbaycan və ingilis mətnlərində "söz başına token" sayını ölçmək;
# - tokenizatoru diskə saxlamaq və geri yükləmək.
#
# **Təxmini vaxt:** 60 dəqiqə (kodun icrası: `cpu` profilində, bir CPU nüvəsində ~5 saniyə) · **Tələblər:** Python
# siyahıları və lüğətləri (dict), Gün 17 (model `vocab_size` tələb edir).

# %% md en
# # Day 21 — the tokenizer (BPE)
#
# {{BADGE}}
#
# A model does not read text: it sees a sequence of **token ids**. The tool that cuts text into tokens and glues
# them back is the **tokenizer**. Today we first see what BPE (Byte Pair Encoding) does with a few lines of our
# own code, then train a **byte-level BPE** tokenizer on the course corpus in seconds with Hugging Face
# `tokenizers`. The most interesting question: how many tokens does the same text take in Azerbaijani and in
# English — and what does that mean for an Azerbaijani model?
#
# **Objectives**
# - understand how text becomes bytes and bytes become tokens;
# - write one BPE merge step by hand;
# - train byte-level BPE with `tokenizers`, know the special tokens (`<|endoftext|>`), check that encode/decode
#   gives back the exact text;
# - measure "tokens per word" for Azerbaijani and English text;
# - save a tokenizer to disk and load it back.
#
# **Estimated time:** 60 minutes (running its code: ~5 s on the `cpu` profile, one CPU core) · **Prerequisites:**
# Python lists and dicts, Day 17 (the model expects a `vocab_size`).

# %% md az
# ## 0. Hazırlıq
# Bu xana Colab-da kursu quraşdırır, cihazı və **profili** seçir. Lüğət ölçüsü profildən götürülür: hər şeyin bir neçə
# saniyə çəkməsi üçün `tiny` profilində lüğət kiçikdir.

# %% md en
# ## 0. Set-up
# This cell installs the course on Colab and picks the device and the **profile**. The vocabulary size comes from
# the profile: it is small under `tiny`, so everything takes seconds.

# %% setup

# %%
import tempfile
import time
from pathlib import Path

import matplotlib.pyplot as plt

from course_lib.corpus import DEFAULT_CORPUS, UDHR, load_documents
from course_lib.data import default_vocab_size
from course_lib.errors import CourseError
from course_lib.tokenizer import (
    EOT,
    bpe_demo,
    check_vocab_match,
    decode,
    encode,
    load_tokenizer,
    pair_counts,
    save_tokenizer,
    tokens_per_word,
    train_tokenizer,
)

# %% md az
# ## 1. Mətn → baytlar
# Kompüter mətni **UTF-8** baytları kimi saxlayır. İngilis hərfləri bir bayt tutur, `ə`, `ş`, `ğ` kimi
# hərflər isə iki bayt. Bayt səviyyəli tokenizatorun üstünlüyü buradadır: 256 baytla istənilən mətni — istənilən
# dili, emojini, səhv yazılmış sözü — yazmaq olar, ona görə də "naməlum token" (`<unk>`) heç vaxt lazım olmur.

# %% md en
# ## 1. Text → bytes
# A computer stores text as **UTF-8** bytes. English letters take one byte, letters such as `ə`, `ş`, `ğ` take
# two. That is the strength of a byte-level tokenizer: 256 bytes can write any text — every language, an emoji, a
# misspelt word — so an "unknown token" (`<unk>`) is never needed.

# %%
# NBVAL_CHECK_OUTPUT
chars, n_bytes = _("simvol", "characters"), _("bayt", "bytes")
for word in ["salam", "gün", "Azərbaycan", "🙂"]:
    data = word.encode("utf-8")
    print(f"{word!r:14} {len(word):2} {chars} → {len(data):2} {n_bytes}: {list(data)}")

# %% md az
# ## 2. BPE öz əlimizlə
# BPE sadə bir fikirdir: baytlardan başla, **ən tez-tez yanaşı gələn cütü** tap və onu yeni bir tokenlə əvəz et;
# təkrarla. Hər birləşmə lüğətə bir token əlavə edir və ardıcıllığı qısaldır. Tez-tez rast gəlinən hissələr
# (`ın`, `lar`, ` və`) tezliklə bir tokenə çevrilir.
#
# Əvvəlcə bir cümlədə ən çox rast gəlinən cütlərə baxaq:

# %% md en
# ## 2. BPE by hand
# BPE is a simple idea: start from bytes, find **the most frequent neighbouring pair** and replace it by a new
# token; repeat. Every merge adds one token to the vocabulary and shortens the sequence. Frequent pieces (`th`,
# `ing`, ` the`) soon become single tokens.
#
# First, the most frequent pairs of one sentence:

# %%
# NBVAL_CHECK_OUTPUT
sentence = "Bütün insanlar ləyaqət və hüquqlarına görə azad və bərabər doğulurlar."
ids = list(sentence.encode("utf-8"))
counts = pair_counts(ids)
top = sorted(counts.items(), key=lambda item: -item[1])[:5]
print(_("bayt sayı:", "bytes:"), len(ids), "|", _("fərqli cüt:", "distinct pairs:"), len(counts))
for (a, b), n in top:
    print(f"({a:3}, {b:3}) = {bytes([a, b]).decode('utf-8', errors='replace')!r:6} × {n}")

# %% md az
# Diqqət: `'� '` yarımçıq simvoldur — `ə`-nin ikinci baytı və boşluq. BPE baytlarla işləyir, hərflərin harada bitdiyini
# bilmir; tez-tez rast gəlinən bayt cütləri (`ə` = 201, 153) birinci birləşir.
#
# İndi 15 birləşmə addımına baxaq: hər addımda yaranan yeni token və ardıcıllığın yeni uzunluğu (`bpe_demo` kursun
# kitabxanasındadır; onun əsasını təşkil edən funksiyaları aşağıdakı tapşırıqlarda özünüz yazacaqsınız).

# %% md en
# Note: `'� '` is half a character — the second byte of `ə` and a space. BPE works on bytes and does not know
# where letters end; frequent byte pairs (`ə` = 201, 153) are the first to merge.
#
# Now 15 merge steps: the new token of each step and the new sequence length (`bpe_demo` is in the course
# library; you will write the functions at its heart in the exercises below).

# %%
# NBVAL_CHECK_OUTPUT
steps = bpe_demo(sentence, 15)
for step, (token, length) in enumerate(steps, start=1):
    print(f"{step:2}. {token!r:12} → {length}")

# %%
plt.figure(figsize=(6, 3))
plt.plot(range(len(steps) + 1), [len(ids)] + [n for _t, n in steps], marker="o")
plt.xlabel(_("birləşmə sayı", "number of merges"))
plt.ylabel(_("tokenlərin sayı", "number of tokens"))
plt.title(_("Hər birləşmə ardıcıllığı qısaldır", "Every merge shortens the sequence"))
plt.grid(alpha=0.3)
plt.show()

# %% md az
# ## 3. Kursun korpusu
# Kursun öz korpusu var (`assets/corpus/shakespeare/`, internet lazım deyil): Şekspirin bütün 42 əsəri, ~5 MB (Project
# Gutenberg, CC BY 2.5), hər əsər ayrıca faylda, yəni ayrıca **sənəd** kimi. Öz mətninizi də verə bilərsiniz:
# `load_documents("mənim_qovluğum/")` qovluqdakı bütün `*.txt` fayllarını oxuyur; Colab-da Azərbaycan Vikipediyası üçün
# `load_hf_documents("wikimedia/wikipedia", "20231101.az")` var. Mətn UTF-8 kodlaşdırmasında olmalıdır — deyilsə, kurs
# problemli faylın adını göstərir. Təlim əmri də modeli eyni datasetdən öyrədə bilir (yalnız istifadə etdiyi sənədləri
# oxuyur):
# `python -m course_lib.train --profile t4 --dataset wikimedia/wikipedia --dataset-config 20231101.az --max-docs 50000`.

# %% md en
# ## 3. The course corpus
# The course ships its own corpus (`assets/corpus/shakespeare/`, no internet needed): all 42 works of Shakespeare,
# ~5 MB (Project Gutenberg, CC BY 2.5), each in its own file — that is, its own **document**. You can give your own text too: `load_documents("my_folder/")` reads every
# `*.txt` file of a folder; on Colab, `load_hf_documents("wikimedia/wikipedia", "20231101.az")` gives the
# Azerbaijani Wikipedia. Text must be UTF-8 — if it is not, the course names the file at fault. The train command
# learns from the same dataset (reading only the documents it uses):
# `python -m course_lib.train --profile t4 --dataset wikimedia/wikipedia --dataset-config 20231101.az --max-docs 50000`.

# %%
# NBVAL_CHECK_OUTPUT
documents = load_documents()
text = "".join(documents)
print(DEFAULT_CORPUS.name + "/", "|", _("sənəd:", "documents:"), len(documents), "|", _("simvol:", "characters:"),
      f"{len(text):,}", "|", _("sətir:", "lines:"), f"{text.count(chr(10)):,}", "|", _("söz:", "words:"),
      f"{len(text.split()):,}")
print(documents[0][2000:2300])

# %% md az
# ## 4. Bayt səviyyəli BPE-ni `tokenizers` ilə öyrədirik
# Real tokenizator eyni fikri Rust-da, milyonlarla simvol üzərində tətbiq edir. Bizim tokenizatorun quruluşu GPT-2
# üslubundadır:
# - **ByteLevel pre-tokenizer**: mətni sözlərə və boşluqlara bölür və hər baytı görünən bir simvolla yazır (boşluq `Ġ`,
#   yeni sətir `Ċ` kimi görünür, `ü`-nün iki baytı isə `Ã¼` kimi). §2-dəki əl ilə yazılmış BPE söz sərhədlərini aşırdı
#   (`'Bütün i'`, `' və '` kimi tokenlər yaranırdı). Real BPE isə mətni əvvəlcə sözlərə bölür və birləşmələri yalnız bir
#   sözün içində axtarır: yoxsa lüğət tez-tez yanaşı gələn söz birləşmələrinə xərclənərdi, eyni söz isə qonşusundan
#   asılı olaraq fərqli tokenlərə bölünərdi;
# - **BPE modeli** + **ByteLevel decoder**: birləşmələri öyrənir və tokenləri dəqiq ilkin baytlara geri çevirir;
# - **xüsusi token** `<|endoftext|>` (id 0): sənədin harada bitdiyini işarələyir — Gün 22-də onu hər sənədin sonuna
#   qoyacağıq.
#
# Lüğət ölçüsü (`vocab_size`) profildən götürülür: əsas modeldə 32000-dir, amma 32000 tokeni doldurmaq üçün real, böyük
# korpus lazımdır. ~5 MB-lıq Şekspir mətnində ən azı iki dəfə rast gəlinən cütlərdən ~30 000 token qurmaq olur (bunu
# aşağıda ölçəcəyik) — bu, lüğətin yuxarı həddidir, faydalı həddi isə xeyli aşağıdır: bu həddə yaxın lüğətdə tokenlərin
# çoxu korpusda cəmi bir neçə dəfə görünür və onların embedding-ləri demək olar ki, öyrədilmir. Ona görə də kursun
# korpusu üçün lüğət ən çox 8192 olur (`default_vocab_size`), `cpu` profilində 4096, `tiny` profilində isə 512.

# %% md en
# ## 4. Training byte-level BPE with `tokenizers`
# The real tokenizer runs the same idea in Rust over millions of characters. Our set-up is GPT-2 style:
# - the **ByteLevel pre-tokenizer** splits text into words and spaces and writes every byte as a visible character
#   (a space shows as `Ġ`, a newline as `Ċ`, and the two bytes of `ü` as `Ã¼`). The hand-made BPE of §2 merged
#   across word boundaries (tokens like `'Bütün i'`, `' və '`). Real BPE splits into words first and looks for
#   merges only inside a word: otherwise the vocabulary would be spent on frequent word pairs, and the same word
#   would be cut differently depending on its neighbour;
# - a **BPE model** + the **ByteLevel decoder** learn the merges and turn tokens back into the exact bytes;
# - the **special token** `<|endoftext|>` (id 0) marks where a document ends — on Day 22 we put it after every
#   document.
#
# The vocabulary size `vocab_size` comes from the profile: the seed model uses 32000, but filling 32000 tokens
# needs a real, large corpus. From the pairs seen at least twice in ~5 MB of Shakespeare about 30,000 tokens can be
# built (measured below) — the upper limit of a vocabulary; the useful limit is well below it: near the limit most
# tokens occur only a few times in the corpus, and their embeddings hardly learn anything. So for the course corpus
# the vocabulary is at most 8192 (`default_vocab_size`), 4096 under the `cpu` profile and 512 under `tiny`.

# %%
vocab_size = default_vocab_size(profile, None)
start = time.perf_counter()
tokenizer = train_tokenizer(documents, vocab_size)
print(_("lüğət:", "vocabulary:"), tokenizer.get_vocab_size(), "|",
      _("təlim:", "training:"), f"{time.perf_counter() - start:.1f} s")
print(_("xüsusi token:", "special token:"), EOT, "→ id", tokenizer.token_to_id(EOT))

# %%
sample = "To be, or not to be: that is the question.\nSalam, dünya! 🙂" + EOT
ids = encode(tokenizer, sample)
print(len(sample), _("simvol →", "characters →"), len(ids), _("token", "tokens"))
print(tokenizer.encode(sample).tokens[:24])
print(_("dəqiq bərpa:", "exact round trip:"), decode(tokenizer, ids) == sample)

# %% md az
# Korpusun imkan verdiyindən böyük lüğət istəsək, nə olur? Birləşdiriləcək cüt qalmayanda təlim dayanır və lüğət
# istədiyimizdən kiçik çıxır. Kurs bunu səssizcə ötürmür: nə qədər mümkün olduğunu bildirir. Eyni şey uint16-ya da
# aiddir: token faylları id-ləri 2 baytda saxlayır, deməli, lüğət 65 536-dan böyük ola bilməz.

# %% md en
# What if we ask for a bigger vocabulary than the corpus can support? Training stops when no pair is left to
# merge, and the vocabulary comes out smaller than asked. The course does not let that pass silently: it says how
# much is possible. The same goes for uint16: token files keep ids in 2 bytes, so a vocabulary cannot exceed 65,536.

# %%
# NBVAL_CHECK_OUTPUT
en_text = UDHR["en"].read_text(encoding="utf-8")
for corpus_name, corpus_text, size in (("UDHR (en)", en_text, 5000), ("UDHR (en)", en_text, 70_000),
                                       (DEFAULT_CORPUS.name + "/", documents, 65_000)):
    try:
        train_tokenizer(corpus_text, size)
    except CourseError as error:
        print(f"{corpus_name}, vocab_size={size}: {error}\n")

# %% md az
# ## 5. Azərbaycan dili və ingilis dili: söz başına neçə token?
# İnsan Hüquqları Haqqında Ümumi Bəyannamə hər iki dildə var — eyni məzmun, iki dil. Üç kiçik tokenizator
# öyrədək (hər biri 800 tokenlik): yalnız Azərbaycan mətni, yalnız ingilis mətni və hər ikisi üzərində. Hər
# mətnin son 20%-ini kənarda saxlayırıq: tokenizator öyrədildiyi mətni həmişə yığcam yazır, ona görə də **söz
# başına token** sayını onun görmədiyi hissədə ölçürük.

# %% md en
# ## 5. Azerbaijani and English: how many tokens per word?
# The Universal Declaration of Human Rights exists in both languages — the same content, two languages. We train
# three small tokenizers (800 tokens each): on the Azerbaijani text only, on the English text only, and on both.
# The last 20% of each text is held out: a tokenizer always writes the text it learned from compactly, so we count
# **tokens per word** on the part it has not seen.

# %%
# NBVAL_CHECK_OUTPUT
az_text = UDHR["az"].read_text(encoding="utf-8")


def held_out(text: str, fraction: float = 0.2) -> tuple[str, str]:
    """(the first paragraphs, the last ``fraction`` of them): a text to train on and one to measure on."""
    paragraphs = text.split("\n\n")
    cut = int(len(paragraphs) * (1 - fraction))
    return "\n\n".join(paragraphs[:cut]), "\n\n".join(paragraphs[cut:])


(az_train, az_test), (en_train, en_test) = held_out(az_text), held_out(en_text)
print(_("sözlər (öyrətmə / ölçmə):", "words (train / measure):"), "az", len(az_train.split()), "/",
      len(az_test.split()), "| en", len(en_train.split()), "/", len(en_test.split()))
udhr_tokenizers = {
    "az": train_tokenizer(az_train, 800),
    "en": train_tokenizer(en_train, 800),
    "az+en": train_tokenizer([az_train, en_train], 800),
}
table = {name: (tokens_per_word(tok, az_test), tokens_per_word(tok, en_test)) for name, tok in udhr_tokenizers.items()}
header = _("öyrədildiyi mətn", "trained on")
print(f"{header:<18}{'az':>8}{'en':>8}")
for name, (az_tpw, en_tpw) in table.items():
    print(f"{name:<18}{az_tpw:>8.2f}{en_tpw:>8.2f}")

# %% md az
# Yuxarıda öyrətdiyimiz Şekspir tokenizatoru eyni iki mətni necə bölür? O, ingilis dilini yaxşı tanıyır,
# Azərbaycan dilini isə demək olar ki, ayrı-ayrı baytlarla yazır:

# %% md en
# And the course's Shakespeare tokenizer (the one we trained above)? It knows English well and writes Azerbaijani
# almost byte by byte:

# %%
table[_("Şekspir", "Shakespeare")] = (tokens_per_word(tokenizer, az_test), tokens_per_word(tokenizer, en_test))
names = list(table)
positions = range(len(names))
plt.figure(figsize=(7, 3.5))
for shift, column, label in [(-0.2, 0, _("Azərbaycan mətni", "Azerbaijani text")), (0.2, 1, _("ingilis mətni", "English text"))]:
    plt.bar([p + shift for p in positions], [table[n][column] for n in names], width=0.4, label=label)
plt.xticks(list(positions), names)
plt.xlabel(_("tokenizatorun öyrədildiyi mətn", "text the tokenizer was trained on"))
plt.ylabel(_("söz başına token", "tokens per word"))
plt.legend()
plt.grid(axis="y", alpha=0.3)
plt.show()

# %% md az
# **Bu nə deməkdir?**
# - Tokenizator hansı dildə öyrədilibsə, o dili yığcam yazır. İngilis mətnində öyrədilmiş tokenizator Azərbaycan mətnini
#   (görmədiyi hissədə) ~2.5 dəfə çox tokenə bölür. Buna görə də hazır ingilis tokenizatorları (GPT-2-nin və s.) ilə
#   Azərbaycan dilli model öyrətmək bahalıdır.
# - **Kontekst uzunluğu:** əsas modelin konteksti 256 tokendir. Azərbaycan tokenizatoru ilə (söz başına ~2.7 token) bu,
#   ~93 sözdür; ingilis tokenizatoru ilə (~6.9 token) isə cəmi ~37 söz — model abzasın yalnız bir hissəsini görür.
# - **Xərc:** təlim və generasiya tokenlərlə ölçülür. Eyni mətn üçün 2.5 dəfə çox token = 2.5 dəfə çox hesablama və
#   yaddaş.
# - Azərbaycan dili iltisaqi dildir (`hüquqlarının` = kök + bir neçə şəkilçi): sözlər uzundur, ona görə də hətta bu
#   dildə öyrədilmiş tokenizatorda belə söz başına düşən token sayı ingilis dilindəkindən bir az çoxdur. Tokenizatoru
#   **öz korpusunuz üzərində** öyrətmək ən yaxşı yoldur.

# %% md en
# **What does it mean?**
# - A tokenizer writes the language it was trained on compactly. A tokenizer trained on English cuts the
#   Azerbaijani text (the part it has not seen) into ~2.5 times more tokens. That is why training an Azerbaijani model with a ready-made English
#   tokenizer (GPT-2's and others) is expensive.
# - **Context length:** the seed model's context is 256 tokens. With an Azerbaijani tokenizer (~2.7 tokens per
#   word) that is ~93 words; with the English one (~6.9 tokens) only ~37 words — the model sees just a piece of a paragraph.
# - **Cost:** training and generation are measured in tokens. 2.5 times more tokens for the same text = 2.5 times
#   more compute and memory.
# - Azerbaijani is agglutinative (`hüquqlarının` = a stem + several suffixes): words are long, so even with a
#   tokenizer trained on it there are a few more tokens per word than in English. Training the tokenizer **on your
#   own corpus** is the best way.

# %%
# NBVAL_CHECK_OUTPUT
context = 256
text_word, tok_word, tokens_word, words_word = _("mətni", "text"), _("tokenizatoru", "tokenizer"), \
    _("token", "tokens"), _("söz", "words")
for text_lang, tok_name in [("az", "az"), ("az", "en"), ("en", "en")]:
    tpw = table[tok_name][0 if text_lang == "az" else 1]
    print(f"{text_lang} {text_word}, {tok_name} {tok_word}: {context} {tokens_word} ≈ {context / tpw:.0f} {words_word}")

# %% md az
# ## 6. Diskə saxlamaq və yükləmək
# Tokenizator bir JSON faylıdır (lüğət + birləşmələr). Model həmişə **öz** tokenizatoru ilə işləməlidir:
# lüğət ölçüləri fərqli olsa, `check_vocab_match` hər iki ölçünü göstərən aydın xəta mesajı verir.

# %% md en
# ## 6. Saving and loading
# A tokenizer is one JSON file (the vocabulary + the merges). A model must always work with **its own** tokenizer:
# if the vocabulary sizes differ, `check_vocab_match` gives a clear error naming both sizes.

# %%
folder = Path(tempfile.mkdtemp())
path = save_tokenizer(tokenizer, folder / "tokenizer.json")
loaded = load_tokenizer(path)
print(path.name, f"{path.stat().st_size / 1024:.0f} KiB |", _("eyni id-lər:", "same ids:"),
      encode(loaded, sample) == encode(tokenizer, sample))
check_vocab_match(loaded, vocab_size)
try:
    check_vocab_match(loaded, 32000)
except CourseError as error:
    print(error)

# %% md az
# ## 7. 4 GB-lıq GPU üçün niyə vacibdir?
# Lüğət modelin iki yerində yer tutur: embedding cədvəlində `(V, C)` və ona bağlı `lm_head`-də. Əsas modeldə (C = 768)
# 32000 token ~24.6M parametr, yəni 110M parametrin ~22%-i deməkdir. Kiçik lüğət yaddaşa qənaət edir, amma mətni uzadır
# (daha çox token = daha çox hesablama və daha qısa kontekst). Böyük lüğət isə daha çox məlumat tələb edir və uint16
# token faylları səbəbindən 65 536-dan böyük ola bilməz.

# %% md en
# ## 7. Why it matters for a 4 GB GPU
# The vocabulary lives in two places of the model: the embedding table `(V, C)` and the `lm_head` tied to it. In
# the seed model (C = 768) 32000 tokens are ~24.6M parameters, ~22% of the 110M. A small vocabulary saves memory but
# makes text longer (more tokens = more compute and a shorter context). A large one needs more data and, because of
# uint16 token files, cannot exceed 65,536.

# %%
# NBVAL_CHECK_OUTPUT
n_embd = 768
params_word, training_word = _("parametr", "parameters"), _("təlimi (16 bayt/parametr):", "training (16 bytes/parameter):")
for size in (512, 8192, 32000, 50257, 65536):
    params = size * n_embd
    print(f"V = {size:>6}: {params / 1e6:5.1f}M {params_word}, fp32 {params * 4 / 2**20:5.0f} MiB, "
          f"AdamW {training_word} {params * 16 / 2**20:5.0f} MiB")

# %% md az
# ## 8. Tapşırıqlar
# Hər tapşırıqda funksiyanı yazın (`raise NotImplementedError` sətrini silin) və xananı işə salın. Yoxlama
# funksiyanızı bir neçə nümunədə kursun həlli ilə müqayisə edir və yanlış olan ilk xassəni göstərir.
#
# Yoxlama uğursuz olanda əvvəlcə istiqamət verən məsləhət görünür; üç uğursuz cəhddən sonra daha ətraflı
# məsləhət gəlir, `check("day21.pair_counts", solution=True)` isə kursun həllini göstərir (hər tapşırığın öz
# adı ilə).
#
# **Tapşırıq 1.** `ids` siyahısında hər yanaşı cütün `(ids[i], ids[i+1])` neçə dəfə rast gəlindiyini sayın. Nəticə
# `{cüt: say}` lüğətidir, cütlər ilk göründükləri sıra ilə düzülür (3-cü tapşırıq saylar bərabər olanda ilk gələni
# seçir).

# %% md en
# ## 8. Exercises
# In each exercise write the function (delete the `raise NotImplementedError` line) and run the cell. The check
# compares your function with the course's solution on a few cases and shows the first property that is wrong.
#
# When a check fails you first get a nudge; after three failed tries a stronger hint follows, and
# `check("day21.pair_counts", solution=True)` shows the course's code (each exercise by its own name).
#
# **Exercise 1.** Count how many times each neighbouring pair `(ids[i], ids[i+1])` occurs in `ids`. The result is
# a `{pair: count}` dict, the pairs in the order they first appear (exercise 3 picks the first of equal counts).

# %%
def pair_counts_exercise(ids: list[int]) -> dict[tuple[int, int], int]:
    # az: Sizin kodunuz burada
    # en: Your code here
    raise NotImplementedError


check("day21.pair_counts", pair_counts_exercise)

# %% md az
# **Tapşırıq 2.** `ids`-də `pair` cütünə rast gəlinən hər yeri (soldan sağa, üst-üstə düşmədən) `new_id` ilə əvəz edin.
# Məsələn, `[1, 1, 1]`-də `(1, 1)` → `[new_id, 1]`.

# %% md en
# **Exercise 2.** Replace every occurrence of `pair` in `ids` (left to right, without overlaps) by `new_id`. For
# example, `(1, 1)` in `[1, 1, 1]` → `[new_id, 1]`.

# %%
def merge_pair_exercise(ids: list[int], pair: tuple[int, int], new_id: int) -> list[int]:
    # az: Sizin kodunuz burada
    # en: Your code here
    raise NotImplementedError


check("day21.merge_pair", merge_pair_exercise)

# %% md az
# **Tapşırıq 3.** Tam bir BPE addımı: ən çox rast gəlinən cütü tapın (saylar bərabər olanda — ilk görünəni), onu
# birləşdirib `new_id` ilə əvəz edin və `(yeni_siyahı, cüt)` qaytarın. Əvvəlki iki funksiyanızdan istifadə edə
# bilərsiniz.

# %% md en
# **Exercise 3.** One whole BPE step: find the most frequent pair (on a tie, the one seen first), merge it into
# `new_id` and return `(new_list, pair)`. You may use your two functions above.

# %%
def merge_step_exercise(ids: list[int], new_id: int) -> tuple[list[int], tuple[int, int]]:
    # az: Sizin kodunuz burada
    # en: Your code here
    raise NotImplementedError


check("day21.merge_step", merge_step_exercise)

# %% md az
# ## Xülasə
# - BPE baytlardan başlayır və ən çox rast gəlinən cütləri bir-bir birləşdirir; hər birləşmə = lüğətdə bir token.
# - Bayt səviyyəli BPE istənilən mətni yaza bilir (`<unk>` yoxdur), encode → decode mətni dəqiq bərpa edir.
# - `<|endoftext|>` sənədlərin sərhədini işarələyir; lüğət ölçüsü korpusa uyğun olmalıdır (kurs mümkün ölçünü bildirir)
#   və uint16 üçün ≤ 65 536 olmalıdır.
# - Tokenizator öyrədildiyi dili yığcam yazır: ingilis tokenizatoru Azərbaycan mətnini ~2.5 dəfə çox tokenə bölür —
#   kontekst qısalır, xərc artır.
#
# **İndi `course_lib`-də:** `corpus` (`load_documents`, `load_hf_documents`, `UDHR`), `tokenizer`
# (`train_tokenizer`, `save_tokenizer`, `load_tokenizer`, `encode`, `decode`, `tokens_per_word`,
# `check_vocab_match`, `bpe_demo`).
#
# **Növbəti gün:** [Gün 22 — məlumat və batch-lər](day22_data_batches.ipynb)

# %% md en
# ## Summary
# - BPE starts from bytes and merges the most frequent pairs one by one; every merge = one vocabulary token.
# - Byte-level BPE writes any text (no `<unk>`), and encode → decode gives back the exact text.
# - `<|endoftext|>` marks document boundaries; the vocabulary size must suit the corpus (the course says what is
#   possible) and be ≤ 65,536 for uint16.
# - A tokenizer writes the language it was trained on compactly: an English tokenizer cuts Azerbaijani text into
#   ~2.5 times more tokens — a shorter context, a higher cost.
#
# **Now in `course_lib`:** `corpus` (`load_documents`, `load_hf_documents`, `UDHR`), `tokenizer`
# (`train_tokenizer`, `save_tokenizer`, `load_tokenizer`, `encode`, `decode`, `tokens_per_word`,
# `check_vocab_match`, `bpe_demo`).
#
# **Next day:** [Day 22 — data and batches](day22_data_batches.ipynb)
