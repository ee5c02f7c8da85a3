# %% md az
# # ✍️ Gün 29 — Mətn yaratmaq (generasiya)
#
# {{BADGE}}
#
# Model öyrədildi, checkpoint diskdədir. İndi ondan **mətn** alırıq. GPT hər dəfə yalnız bir şey edir: verilən
# mətndən sonra gələcək token üçün lüğətdəki hər tokenə bir bal (logit) verir. Generasiya bu addımın
# təkrarlanmasıdır: bir token seç, mətnin sonuna əlavə et, yenidən soruş. Bütün "yaradıcılıq" tokenin **necə
# seçildiyindədir**: greedy (ən ehtimallı), temperatur, top-k, top-p (nucleus) və təkrar cəriməsi (repetition
# penalty). Sonra generasiyanı sürətləndiririk: **KV keşi** hər addımda bütün mətni yenidən hesablamamaq üçün artıq
# görülmüş tokenlərin açar və dəyərlərini yadda saxlayır — sürəti ölçürük və onun 4 GB-lıq GPU-da nə qədər yaddaş
# tutduğunu hesablayırıq.
#
# **Məqsədlər**
# - `train` əmrinin saxladığı checkpoint-dən modeli yükləyib mətn yaratmaq;
# - greedy, temperatur, top-k və top-p seçimini eyni prompt üzərində müqayisə etmək və növbəti token
#   paylanmasının filtrlərdən əvvəl və sonra necə dəyişdiyini görmək;
# - təkrarlanmanı ölçmək və təkrar cəriməsi ilə azaltmaq;
# - KV keşinin formalarını başa düşmək, keşli və keşsiz nəticələrin eyni olduğunu yoxlamaq, sürəti ölçmək;
# - keşin yaddaşını hesablamaq: 2 × n_layer × B × T × C × bayt.
#
# **Təxmini vaxt:** 75 dəqiqə (kodun icrası: `cpu` profilində, bir CPU nüvəsində ~10 saniyə) · **Tələblər:** Gün 17
# (GPT modeli, diqqət), Gün 21 (tokenizator), Gün 28 (checkpoint-lər) və `python -m course_lib.train` ilə öyrədilmiş
# bir model (yoxdursa, dəftər kursun istinad təlimində (`assets/runs/cpu/`) öyrədilmiş modeli götürür).

# %% md en
# # ✍️ Day 29 — generation
#
# {{BADGE}}
#
# The model is trained and its checkpoint is on disk. Now we get **text** out of it. A GPT does only one thing at a
# time: after the text it is given, it scores (a logit) every token of the vocabulary as the next one. Generation
# repeats that step: pick a token, append it to the text, ask again. All the "creativity" lies in **how the token is
# picked**: greedy (the most likely one), temperature, top-k, top-p (nucleus) and a repetition penalty. Then we make
# generation fast: the **KV cache** keeps the keys and values of the tokens already seen so that a step does not
# recompute the whole text — we measure the speed and compute how much memory it takes on a 4 GB GPU.
#
# **Objectives**
# - load the model from the checkpoint saved by the `train` command and generate text;
# - compare greedy, temperature, top-k and top-p on the same prompt, and see how the next-token distribution
#   changes before and after the filters;
# - measure repetition and reduce it with a repetition penalty;
# - understand the shapes of the KV cache, check that cached and uncached results agree, measure the speed;
# - compute the cache's memory: 2 × n_layer × B × T × C × bytes.
#
# **Estimated time:** 75 minutes (running its code: ~10 s on the `cpu` profile, one CPU core) · **Prerequisites:**
# Day 17 (the GPT model, attention), Day 21 (the tokenizer), Day 28 (checkpoints) and a model trained with `python
# -m course_lib.train` (if there is none, the notebook takes the trained model of the course's reference run,
# `assets/runs/cpu/`).

# %% md az
# ## 0. Hazırlıq
# Profil cihazı və (öz təliminiz yoxdursa) qısa təlimin ölçüsünü seçir. Model və tokenizator təlimin qovluğundan
# götürülür (§1): modelin çıxardığı token id-lərini məhz həmin tokenizator mətnə çevirir.

# %% md en
# ## 0. Set-up
# The profile picks the device (and, if there is no run of yours, the size of a short one). The model and the
# tokenizer come from the run's folder (§1): that tokenizer turns the model's token ids back into text.

# %% setup

# %%
import matplotlib.pyplot as plt
import torch

from course_lib import train
from course_lib.budget import lesson_steps
from course_lib.checkpoint import load_model, read_meta
from course_lib.device import detect
from course_lib.errors import CourseError
from course_lib.generate import (
    apply_repetition_penalty,
    apply_temperature,
    generate,
    tokens_per_second,
    top_k_filter,
    top_p_filter,
)
from course_lib.memory import gpt_param_count
from course_lib.metrics import REFERENCE_RUN, reference_line
from course_lib.model import causal_mask, kv_cache_bytes, seed_config
from course_lib.paths import runs_dir, shown, use_google_drive
from course_lib.sample import find_tokenizer, run_checkpoint
from course_lib.tokenizer import decode, encode

device = detect().torch_device

# %% md az
# ## 1. Öyrədilmiş modeli tapmaq
# `python -m course_lib.train --profile <ad>` checkpoint-ləri `data/runs/<ad>/checkpoints/` qovluğuna yazır (Gün 28;
# `$COURSE_RUNS_DIR` təyin olunubsa, `$COURSE_RUNS_DIR/<ad>/checkpoints/` qovluğuna). Öz təliminiz varsa, onun ən aşağı
# validasiya itkisi olan checkpoint-ini (`best_checkpoint`), o yoxdursa, ən sonuncusunu (`latest_checkpoint`) götürürük:
# `course_lib.sample.run_checkpoint` (`python -m course_lib.sample` əmri də onu işlədir).
# Öz təliminiz yoxdursa, kursun **istinad təlimini** (`assets/runs/cpu/`, Gün 23) götürürük: orada `cpu` profilinin
# modeli sona qədər öyrədilib, ona görə də öyrədilmiş modeli heç nə öyrətmədən sınaya bilərsiniz. Tokenizator həmin
# təlimin qovluğundan götürülür və SHA-256 ilə yoxlanılır (`find_tokenizer`): başqa korpusda öyrədilmiş modelin token
# id-ləri başqa sözləri ifadə edir. İstinad təlimi də yoxdursa (`assets/` silinibsə), dəftər ölçüsü profilə uyğun
# seçilmiş **qısa** bir təlim aparır və bunu bildirir.

# %% md en
# ## 1. Finding the trained model
# `python -m course_lib.train --profile <name>` writes its checkpoints to `data/runs/<name>/checkpoints/` (Day 28;
# to `$COURSE_RUNS_DIR/<name>/checkpoints/` when that is set). If you have a run, we take its checkpoint with the
# lowest validation loss (`best_checkpoint`), else its newest (`latest_checkpoint`): `course_lib.sample.run_checkpoint`
# (the sample command uses it too). If not — the course's
# **reference run** (`assets/runs/cpu/`, Day 23): the `cpu` profile trained to its end, so you can try a trained
# model without training anything. The tokenizer comes from that run's folder, checked by SHA-256
# (`find_tokenizer`): the token ids of a model trained on another corpus mean other words. If even the reference
# run is missing (`assets/` deleted), the notebook makes a **short** run sized by the profile and says so.

# %% md az
# **Colab-da:** runtime bitəndə checkpoint-lər də daxil olmaqla `/content`-dəki hər şey silinir. Təlimləri Google
# Drive-da saxlamaq üçün aşağıda `KEEP_RUNS_ON_DRIVE = True` yazın və təlim əmrini də bu dəftərdən işə salın
# (`!python -m course_lib.train ...`): o, `$COURSE_RUNS_DIR`-i oxuyur. Token faylları isə yerli diskdə qalır — onları
# yenidən yaratmaq bir neçə saniyə çəkir.

# %% md en
# **On Colab:** when the runtime ends, everything under `/content` is gone, checkpoints included. To keep runs on
# Google Drive, set `KEEP_RUNS_ON_DRIVE = True` below and start the train command from this notebook too
# (`!python -m course_lib.train ...`): it reads `$COURSE_RUNS_DIR`. Token files stay local — making them again takes
# seconds.

# %%
# az: True: Colab-da təlim nəticələri Google Drive-da saxlanılır (runtime bitəndə itmir)
# en: True: on Colab, runs are kept on Google Drive (they outlive the runtime)
KEEP_RUNS_ON_DRIVE = False
if KEEP_RUNS_ON_DRIVE:
    use_google_drive()

# %%
short_steps = lesson_steps(profile)  # az: profilin addımları, ən çoxu 200 (hədəf cihazda ≤ 5 dəqiqə: budget-in proqnozu)
short_run = runs_dir() / f"{profile.name}-day29-{short_steps}steps"
runs = [runs_dir() / profile.name, REFERENCE_RUN, short_run]  # az: sizin təliminiz, istinad təlimi, qısa təlim


def find_checkpoint():
    return next(filter(None, map(run_checkpoint, runs)), None)  # az: ilk checkpoint-i olan qovluğun ən yaxşısı


path = find_checkpoint()
if path is None:
    print(_(f"Checkpoint yoxdur: indi {short_steps} addımlıq qısa təlim aparılır → {shown(short_run)}",
            f"No checkpoint: a short run of {short_steps} steps now → {shown(short_run)}"))
    steps = str(short_steps)
    trainer = train.main(["--profile", profile.name, "--max-steps", steps, "--schedule-steps", steps,
                          "--out-dir", str(short_run)])
    trainer.close()  # az: təlimin modeli və AdamW-si GPU-dan silinir: aşağıda checkpoint-dən oxunan model kifayətdir
    path = find_checkpoint()

meta = read_meta(path)  # az: hər faylın SHA-256-sı yoxlanır (Gün 28)
tokenizer = find_tokenizer(path, meta)  # az: təlimin öz tokenizatoru (SHA-256 ilə)
model = load_model(path, device)  # az: CPU-ya oxunur, bir dəfə cihaza köçürülür
cfg = model.config
if path.is_relative_to(REFERENCE_RUN):
    print(reference_line())
print("checkpoint:", shown(path))
val_loss = "—" if meta["val_loss"] is None else f"{meta['val_loss']:.4f}"
print(_("addım:", "step:"), meta["step"], _("| validasiya itkisi:", "| validation loss:"), val_loss)
print(cfg, "|", f"{model.num_params():,}", _("parametr", "parameters"))

# %% md az
# ## 2. Generasiya dövrü — əl ilə
# Prompt-u tokenlərə çeviririk: `(1, T)`. Hər addımda model `(1, T, V)` ölçülü logit-lər verir; bizə yalnız **son**
# mövqe lazımdır — o, növbəti tokeni proqnozlaşdırır. Ən böyük logit-i seçmək **greedy** generasiyadır. Mətn
# `block_size`-dan uzun olanda model yalnız son `block_size` tokeni görür (mövqe embedding-ləri orada bitir). Kursla
# birlikdə verilən korpus Şekspirin ingiliscə əsərləridir, ona görə də prompt da ingiliscədir: `Ham.` — Hamletin
# replikası.

# %% md en
# ## 2. The generation loop — by hand
# We turn the prompt into tokens: `(1, T)`. At every step the model gives `(1, T, V)` logits; we need only the
# **last** position — it predicts the next token. Picking the largest logit is **greedy** generation. Once the text
# is longer than `block_size`, the model sees only its last `block_size` tokens (the position embeddings end there).
# The shipped corpus is Shakespeare, in English, so the prompt is English too: `Ham.` — a line of Hamlet's.

# %%
def show(ids):
    # az: mətn, sətir sonları " / " kimi (təlim əmrində olduğu kimi)
    # en: the text, line breaks as " / " (as in the train command)
    return decode(tokenizer, ids).replace("\n", " / ")


prompt = "Ham.\n"
prompt_ids = torch.tensor([encode(tokenizer, prompt)], device=device)  # (1, T)
n_new = min(60, cfg["block_size"] - prompt_ids.size(1))  # with the KV cache the text must fit in block_size
print(_("prompt tokenləri:", "prompt tokens:"), prompt_ids.tolist(), "| n_new =", n_new)

idx = prompt_ids
with torch.no_grad():
    for _step in range(n_new):
        logits, _loss = model(idx[:, -cfg["block_size"]:])  # (1, T, V)
        next_id = logits[:, -1, :].argmax(dim=-1, keepdim=True)  # (1, 1): the largest logit
        idx = torch.cat((idx, next_id), dim=1)  # (1, T + 1)
print(show(idx[0].tolist()))
print(_("generate(temperature=0) ilə eynidir:", "equal to generate(temperature=0):"),
      torch.equal(idx, generate(model, prompt_ids, n_new, temperature=0)))

# %% md az
# ## 3. Növbəti token paylanması: temperatur, top-k, top-p
# Greedy hər dəfə eyni mətni verir və tez-tez dövrəyə düşür. Alternativ yol softmax ehtimallarına görə **seçmədir**
# (sampling). Onu üç tənzimləyici idarə edir:
# - **temperatur** T: logit-lər T-yə bölünür. T < 1 paylanmanı kəskinləşdirir (greedy-yə yaxınlaşdırır), T > 1 isə
#   yastılaşdırır (daha təsadüfi edir). T → 0 greedy deməkdir.
# - **top-k**: yalnız ən ehtimallı k token qalır, qalanlarının logit-i −∞ olur (softmax-dan sonra 0).
# - **top-p (nucleus)**: tokenləri ehtimala görə azalan sıra ilə düzürük və ehtimallarının cəmi p-yə çatana qədər
#   götürürük — p həddini keçən token də daxil olmaqla. Model əmin olanda bir-iki token, tərəddüd edəndə çoxlu token
#   qalır.
#
# Prompt-dan sonrakı paylanmanın qrafikini çəkək: ən ehtimallı 30 token, sırası ilə.

# %% md en
# ## 3. The next-token distribution: temperature, top-k, top-p
# Greedy gives the same text every time and often falls into a loop. The alternative is **sampling** from the
# softmax probabilities. Three knobs control it:
# - **temperature** T: the logits are divided by T. T < 1 sharpens the distribution (closer to greedy), T > 1
#   flattens it (more random). T → 0 is greedy.
# - **top-k**: only the k most likely tokens stay; the others get a logit of −∞ (0 after the softmax).
# - **top-p (nucleus)**: we sort the tokens by probability, descending, and take them until their sum reaches p —
#   the token that crosses p included. When the model is sure, one or two tokens stay; when it hesitates, many.
#
# Let us plot the distribution after the prompt: the 30 most likely tokens, by rank.

# %%
with torch.no_grad():
    last = model(prompt_ids)[0][:, -1, :]  # (1, V): the logits of the next token
top30 = last[0].argsort(descending=True)[:30]  # token ids of the 30 largest logits
ranks = range(1, 31)

fig, axes = plt.subplots(1, 2, figsize=(12, 4))
for temperature in (0.5, 1.0, 2.0):
    probs = apply_temperature(last, temperature).softmax(dim=-1)[0]  # (V,)
    axes[0].plot(ranks, probs[top30].cpu(), marker="o", label=f"T = {temperature}")
axes[0].set_title(_("temperatur: logit / T", "temperature: logits / T"))
filtered = {
    _("filtrsiz", "no filter"): last,
    "top-k = 10": top_k_filter(last, 10),
    "top-p = 0.9": top_p_filter(last, 0.9),
}
for name, logits in filtered.items():
    probs = logits.softmax(dim=-1)[0]  # renormalized over the tokens that stay
    kept = int(torch.isfinite(logits).sum())
    label = _(f"{name} ({kept} token qalır)", f"{name} ({kept} tokens stay)")
    axes[1].plot(ranks, probs[top30].cpu(), marker="o", label=label)
axes[1].set_title(_("top-k / top-p: −∞ alan tokenin ehtimalı 0-dır", "top-k / top-p: a token at −∞ gets probability 0"))
for ax in axes:
    ax.set_xlabel(_("tokenin sırası (ən ehtimallıdan)", "token rank (most likely first)"))
    ax.set_ylabel(_("ehtimal", "probability"))
    ax.legend()
plt.show()

top_probs = last.softmax(dim=-1)[0][top30[:3]].tolist()
print(_("ən ehtimallı 3 token:", "the 3 most likely tokens:"),
      [(decode(tokenizer, [i]), round(p, 3)) for i, p in zip(top30[:3].tolist(), top_probs)])

# %% md az
# İndi eyni prompt-dan hər üsulla mətn yaradaq. Toxumlu (seeded) `torch.Generator` seçməni (sampling) təkrarlana
# bilən edir: eyni toxum eyni mətni verir.

# %% md en
# Now let us generate from the same prompt with each method. A seeded `torch.Generator` makes sampling repeatable:
# the same seed gives the same text.

# %%
methods = {
    "greedy": dict(temperature=0),
    "T = 0.8": dict(temperature=0.8),
    "T = 1.5": dict(temperature=1.5),
    "top-k = 20": dict(temperature=0.8, top_k=20),
    "top-p = 0.9": dict(temperature=0.8, top_p=0.9),
}


def sample(seed, **settings):
    generator = torch.Generator(device=device).manual_seed(seed)
    return generate(model, prompt_ids, n_new, generator=generator, use_cache=True, **settings)


outputs = {name: sample(0, **settings) for name, settings in methods.items()}
for name, out in outputs.items():
    print(f"--- {name}:", show(out[0].tolist()))
nucleus = methods["top-p = 0.9"]
print(_("eyni toxum → eyni mətn:", "same seed → same text:"), torch.equal(outputs["top-p = 0.9"], sample(0, **nucleus)))
print(_("başqa toxum → başqa mətn:", "another seed → another text:"),
      not torch.equal(outputs["top-p = 0.9"], sample(1, **nucleus)))

# %% md az
# ## 4. Təkrarlanma və təkrar cəriməsi
# Greedy generasiya tez-tez eyni ifadəni təkrar-təkrar yazır: ən ehtimallı yol bir dəfə dövrəyə girəndə oradan
# çıxmır. **Təkrar cəriməsi** (CTRL, Keskar və b., 2019) mətndə artıq olan hər tokenin logit-ini zəiflədir: müsbət
# logit `penalty`-yə bölünür, mənfi logit ona vurulur (hər iki halda token daha az ehtimallı olur). Təkrarı ölçmək
# üçün yeni tokenlərdə təkrarlanan 3-qramların payını sayırıq.

# %% md en
# ## 4. Repetition and the repetition penalty
# Greedy generation often writes the same phrase over and over: once the most likely path enters a loop, it stays
# there. The **repetition penalty** (CTRL, Keskar et al., 2019) weakens the logit of every token already in the
# text: a positive logit is divided by `penalty`, a negative one multiplied by it (either way the token becomes less
# likely). To measure repetition we count the share of repeated 3-grams among the new tokens.

# %%
print(apply_repetition_penalty(torch.tensor([[2.0, -1.0, 0.5]]), torch.tensor([[0, 1]]), 1.3))


def repeated_share(ids, n=3):
    grams = [tuple(ids[i:i + n]) for i in range(len(ids) - n + 1)]
    return 1 - len(set(grams)) / len(grams)


for penalty in (1.0, 1.3, 2.0):
    out = generate(model, prompt_ids, n_new, temperature=0, repetition_penalty=penalty, use_cache=True)
    new_ids = out[0, prompt_ids.size(1):].tolist()
    print(f"--- penalty = {penalty}: {repeated_share(new_ids):.0%}", _("təkrarlanan 3-qram", "repeated 3-grams"))
    print(show(new_ids))

# %% md az
# Cərimə kobud alətdir: o, "the", "," kimi lazımlı tokenləri də cəzalandırır və çox böyük olanda mətni
# korlayır. Adətən 1.1–1.3 qiyməti ilə və ya seçmə (top-p) ilə birlikdə işlədilir. Az öyrədilmiş model (məsələn,
# `tiny`/smoke) bir tokenə o qədər əmin ola bilər ki, cərimə də dövrəni qırmır: yuxarıda təkrar payı azalmırsa,
# səbəb budur.

# %% md en
# The penalty is a blunt tool: it also punishes tokens that are needed, like "the" or ",", and spoils the text when
# it is too large. Usually 1.1–1.3, or together with sampling (top-p). A barely trained model (e.g. `tiny`/smoke)
# can be so sure of one token that even the penalty does not break the loop: if the repeated share above does not
# drop, that is why.

# %% md az
# ## 5. KV keşi: eyni hesablamanı iki dəfə aparmamaq
# Keşsiz generasiyada hər addım **bütün** mətni modeldən yenidən keçirir: 100-cü token üçün 100 mövqe hesablanır,
# halbuki ilk 99 tokenin açarları (k) və dəyərləri (v) əvvəlki addımdakı ilə eynidir — kauzal diqqətdə keçmiş tokenlər
# gələcəyi görmür, deməli, onlar dəyişmir. **KV keşi** hər qatın k və v tensorlarını saxlayır:
#
# - hər qatda `(B, nh, T_max, hs)` formasında iki tensor, `T_max = block_size`;
# - **prefill**: prompt modeldən bir dəfə, bütöv şəkildə keçir və onun k/v-si keşə yazılır (`cache.pos = T`);
# - **decode**: sonra hər addımda yalnız **bir** yeni token verilir: onun sorğusu (q) keşdəki bütün açarlara baxır, öz
#   k/v-si isə keşə əlavə olunur. Mövqe embedding-i `cache.pos`-dan davam edir.
#
# Yeni hissədə bir neçə token olanda maska `(T, P + T)` olur: keşdəki P mövqenin hamısı görünür, yeni hissənin daxilində
# isə kauzal qayda qüvvədə qalır.

# %% md en
# ## 5. The KV cache: not doing the same work twice
# Without a cache every step feeds the **whole** text through the model again: for the 100th token 100 positions are
# computed, although the keys (k) and values (v) of the first 99 are the same as in the previous step — in causal
# attention past tokens do not see the future, so they do not change. The **KV cache** keeps every layer's k and v:
#
# - two tensors per layer, of shape `(B, nh, T_max, hs)`, with `T_max = block_size`;
# - **prefill**: the prompt goes through once, whole, and its k/v are written to the cache (`cache.pos = T`);
# - **decode**: after that every step feeds only **one** new token: its query (q) looks at all keys in the cache,
#   and its own k/v are appended. The position embedding continues from `cache.pos`.
#
# When the new chunk has several tokens, the mask is `(T, P + T)`: all P cached positions are visible, and inside the
# new chunk the causal rule stays.

# %%
print(causal_mask(3, past=2).int())  # 3 new tokens after 2 cached ones

cache = model.new_cache()
with torch.no_grad():
    logits, _loss = model(prompt_ids, cache=cache)  # prefill: (1, T, V)
    print(_("prefill-dən sonra: pos =", "after the prefill: pos ="), cache.pos,
          "| keys[0]:", tuple(cache.keys[0].shape), "| values[0]:", tuple(cache.values[0].shape),
          _("| qat sayı:", "| layers:"), len(cache.keys))
    next_id = logits[:, -1, :].argmax(dim=-1, keepdim=True)  # (1, 1)
    step_logits, _loss = model(next_id, cache=cache)  # decode: one token in, (1, 1, V) out
    full_logits, _loss = model(torch.cat((prompt_ids, next_id), dim=1))  # the same, recomputed from scratch
print(_("bir addımdan sonra: pos =", "after one step: pos ="), cache.pos, "| logits:", tuple(step_logits.shape))
print(_("keşli və keşsiz logit-lərin ən böyük fərqi:", "largest difference, cached vs recomputed logits:"),
      f"{(step_logits[0, -1] - full_logits[0, -1]).abs().max().item():.1e}")
bytes_per_value = next(model.parameters()).element_size()
print(_("keşin yaddaşı:", "cache memory:"), f"{cache.nbytes():,}", _("bayt | düstur:", "bytes | formula:"),
      f"{kv_cache_bytes(cfg['n_layer'], 1, cfg['block_size'], cfg['n_embd'], bytes_per_value):,}")

greedy_plain = generate(model, prompt_ids, n_new, temperature=0)
greedy_cached = generate(model, prompt_ids, n_new, temperature=0, use_cache=True)
print(_("greedy: keşli = keşsiz:", "greedy: cached = uncached:"), torch.equal(greedy_plain, greedy_cached))

# %% md az
# Keşin həddi `block_size`-dır: mövqe embedding-ləri orada bitir. Keşsiz generasiya konteksti sadəcə son `block_size`
# tokenə qədər qısaldır; keşlə bu alınmır — keşdəki açarlar köhnə mövqelərlə hesablanıb, onları "sürüşdürmək" hamısını
# yenidən hesablamaq demək olardı. Ona görə də kitabxana bunu aydın xəta mesajı ilə bildirir:

# %% md en
# The cache's limit is `block_size`: the position embeddings end there. Uncached generation simply crops the context
# to the last `block_size` tokens; with the cache that does not work — the cached keys were computed with their old
# positions, and "sliding" them would mean recomputing them all. So the library says so with a clear error:

# %%
try:
    generate(model, prompt_ids, cfg["block_size"], temperature=0, use_cache=True)
except CourseError as error:
    print("⚠️", error)
print(_("keşsiz, qısaldılmış kontekstlə:", "uncached, with a cropped context:"),
      tuple(generate(model, prompt_ids, cfg["block_size"], temperature=0).shape))

# %% md az
# ### Sürət: keşli və keşsiz
# Keşsiz n token yaratmaq üçün təxminən n²/2 mövqe hesablanır, keşlə isə — n. Amma kiçik modeldə vaxtın çoxu hesablamaya
# yox, hər addımın sabit xərcinə gedir (Python, kernel-lərin işə salınması; keşli addımın da öz xərci var — keşə
# yazmaq), ona görə də kiçik modeldə (istinad təliminin 1.3M parametri və ya `tiny`) fərq kiçikdir və başqa proseslərlə
# paylaşılan CPU-da ölçmə səs-küyü içində itə bilər. Böyük modeldə (`gpu4gb`, `t4`) və uzun mətndə fərq böyüyür. Gəlin
# ölçək: hər uzunluq üçün isinmədən sonra beş təkrarın ən yaxşı nəticəsini götürürük (greedy, batch 1).

# %% md en
# ### Speed: with and without the cache
# Without a cache, generating n tokens computes about n²/2 positions; with it, n. But in a small model most of the
# time goes not to arithmetic but to each step's fixed cost (Python, kernel launches; a cached step has its own cost
# too — writing to the cache), so with a small model (the reference run's 1.3M parameters, or `tiny`) the difference
# is small and on a CPU shared with other processes it can drown in the measurement noise. With a larger model
# (`gpu4gb`, `t4`) and longer text it grows. Let us measure: the best of five runs per length after a warm-up, greedy, batch 1.

# %%
room = cfg["block_size"] - prompt_ids.size(1)
lengths = sorted({max(1, room // 8), max(1, room // 4), max(1, room // 2), room})
speed = {False: [], True: []}
print(_("  yeni   keşsiz tok/s   keşli tok/s   sürətlənmə", "   new   uncached tok/s  cached tok/s   speed-up"))
for n in lengths:
    for use_cache in (False, True):
        speed[use_cache].append(tokens_per_second(model, prompt_ids, n, use_cache))
    print(f"{n:6d} {speed[False][-1]:15,.0f} {speed[True][-1]:13,.0f} {speed[True][-1] / speed[False][-1]:10.2f}×")

plt.figure(figsize=(6, 4))
plt.plot(lengths, speed[False], marker="o", label=_("keşsiz (hər addım bütün mətn)", "no cache (whole text each step)"))
plt.plot(lengths, speed[True], marker="o", label=_("KV keşi (hər addımda 1 token)", "KV cache (1 token per step)"))
plt.xlabel(_("yaradılan tokenlər", "generated tokens"))
plt.ylabel(_("token/s", "tokens/s"))
plt.title(f"{profile.name}, {device}")
plt.legend()
plt.show()

# %% md az
# ## 6. 4 GB-lıq GPU üçün niyə vacibdir?
# Keş yaddaş tutur: hər qatda `(B, nh, T, hs)` ölçülü k və v saxlanılır; `nh · hs = C` olduğundan, cəmi
# **2 × n_layer × B × T × C × bayt** edir. Əsas model (fp16, 2 bayt) üçün hesablayıb çəkilərlə müqayisə edək. Bir
# ardıcıllıq üçün keş kiçikdir; batch və kontekst böyüdükcə o, xətti artır. Hesablama baxımından isə qazanc
# böyükdür: keşsiz generasiyanın `block_size` token yaratmaq üçün keşli generasiyadan neçə dəfə çox mövqe
# hesabladığını da sayırıq.

# %% md en
# ## 6. Why it matters on a 4 GB GPU
# The cache takes memory: every layer keeps k and v, each `(B, nh, T, hs)`, with `nh · hs = C` — in all
# **2 × n_layer × B × T × C × bytes**. Let us compute it for the seed model (fp16, 2 bytes) and compare with the
# weights. For one sequence the cache is small; it grows linearly with the batch and the context. On the compute side
# the gain is large: we also count how many times more positions uncached generation of `block_size` tokens
# computes than cached.

# %%
# NBVAL_CHECK_OUTPUT
MIB = 2**20
seed = seed_config()
L, C, T_max = seed["n_layer"], seed["n_embd"], seed["block_size"]
weights = gpt_param_count(seed["vocab_size"], T_max, L, C) * 2  # fp16
print(_("əsas modelin çəkiləri (fp16):", "seed model weights (fp16):"), f"{weights / MIB:.0f} MiB")
for B in (1, 8, 32):
    share = kv_cache_bytes(L, B, T_max, C, 2) / weights
    print(f"  B = {B:2d}, T = {T_max}:", _("KV keşi", "KV cache"), f"{share * weights / MIB:6.1f} MiB",
          _(f"(çəkilərin {share:.0%}-i)", f"({share:.0%} of the weights)"))
uncached = sum(range(1, T_max + 1))  # step t feeds t tokens
print(_(f"{T_max} token: keşsiz {uncached:,} mövqe, keşlə {T_max} — {uncached / T_max:.1f}× az",
        f"{T_max} tokens: {uncached:,} positions uncached, {T_max} cached — {uncached / T_max:.1f}× fewer"))

# %% md az
# Müqayisə üçün 4096 tokenlik kontekstdə işləyən, 32 qatlı, C = 4096 olan 7B parametrli modelə baxaq (çəkiləri fp16-da
# ~13 GiB). Orada keş artıq çəkilərlə yarışır: bir neçə ardıcıllığın keşi çəkilər qədər yer tutur.

# %% md en
# For comparison: a 7B model with 32 layers and C = 4096 (~13 GiB of fp16 weights) at a 4096-token context. There
# the cache competes with the weights: the cache of a few sequences takes as much room as the weights.

# %%
# NBVAL_CHECK_OUTPUT
GIB = 2**30
big_weights = 7e9 * 2
for B in (1, 8):
    big_cache = kv_cache_bytes(32, B, 4096, 4096, 2)
    print(f"7B, B = {B}, T = 4096, fp16:", f"{big_cache / GIB:.1f} GiB", _("KV keşi,", "KV cache,"),
          f"{big_weights / GIB:.1f} GiB", _("çəkilər", "weights"))

# %% md az
# ## 7. Tapşırıqlar
# Hər tapşırıqda funksiyanı yazın (`raise NotImplementedError` sətrini silin) və xananı işə salın. Yoxlama
# funksiyanızı bir neçə hal üzərində sınayır və ilk səhvi izah edir — cavabı göstərmir.
#
# Yoxlama uğursuz olanda əvvəlcə istiqamət verən məsləhət görünür; üç uğursuz cəhddən sonra daha ətraflı
# məsləhət gəlir, `check("day29.temperature", solution=True)` isə kursun həllini göstərir (hər tapşırığın öz adı
# ilə).
#
# **Tapşırıq 1.** Temperatur: `(B, V)` ölçülü logit-ləri `temperature` parametrinə uyğun dəyişin (nəticə yenə də
# logit-lərdir).

# %% md en
# ## 7. Exercises
# In each exercise write the function (delete the `raise NotImplementedError` line) and run the cell. The check
# tries your function on several cases and explains the first mistake — it does not show the answer.
#
# When a check fails you first get a nudge; after three failed tries a stronger hint follows, and
# `check("day29.temperature", solution=True)` shows the course's code (each exercise by its own name).
#
# **Exercise 1.** Temperature: change the `(B, V)` logits according to `temperature` (the result is still logits).

# %%
def temperature_exercise(logits: torch.Tensor, temperature: float) -> torch.Tensor:
    # az: Sizin kodunuz burada
    # en: Your code here
    raise NotImplementedError


check("day29.temperature", temperature_exercise)

# %% md az
# **Tapşırıq 2.** Top-k: hər sətirdə ən böyük `k` logit qalsın, qalanları `-inf` olsun. Forma `(B, V)` olaraq qalır.

# %% md en
# **Exercise 2.** Top-k: keep the `k` largest logits of every row and set the rest to `-inf`. The shape stays
# `(B, V)`.

# %%
def top_k_exercise(logits: torch.Tensor, k: int) -> torch.Tensor:
    # az: Sizin kodunuz burada
    # en: Your code here
    raise NotImplementedError


check("day29.top_k", top_k_exercise)

# %% md az
# **Tapşırıq 3.** Top-p: ən ehtimallı tokenlərdən ehtimallarının cəmi `p`-yə çatan ən kiçik dəsti saxlayın (p həddini
# keçən token də daxil olmaqla), qalanlarını `-inf` edin. Tokenlər öz yerində qalmalıdır.

# %% md en
# **Exercise 3.** Top-p: keep the smallest set of the most likely tokens whose probabilities sum to `p` (the token
# that crosses p included) and set the rest to `-inf`. The tokens must stay in their places.

# %%
def top_p_exercise(logits: torch.Tensor, p: float) -> torch.Tensor:
    # az: Sizin kodunuz burada
    # en: Your code here
    raise NotImplementedError


check("day29.top_p", top_p_exercise)

# %% md az
# **Tapşırıq 4.** KV keşinin yaddaşını baytla hesablayın: `n_layer` qat, `batch_size` ölçülü batch, `length` mövqe,
# `n_embd` en, hər ədəd üçün `bytes_per_value` bayt. Başlıq sayı niyə lazım deyil?

# %% md en
# **Exercise 4.** The KV cache's memory in bytes: `n_layer` layers, batch `batch_size`, `length` positions, width
# `n_embd`, `bytes_per_value` bytes per number. Why is the number of heads not needed?

# %%
def cache_bytes_exercise(n_layer: int, batch_size: int, length: int, n_embd: int, bytes_per_value: int) -> int:
    # az: Sizin kodunuz burada
    # en: Your code here
    raise NotImplementedError


check("day29.cache_bytes", cache_bytes_exercise)

# %% md az
# ## Xülasə
# - Generasiya: son mövqenin logit-i → token seçimi → mətnə əlavə → təkrar. Greedy = argmax; seçmə (sampling) temperatur
#   (logit / T), top-k (ən böyük k) və top-p (p həddini keçən token də daxil olmaqla) ilə idarə olunur; toxumlu
#   `torch.Generator` nəticəni təkrarlana bilən edir.
# - Greedy dövrəyə düşür; təkrar cəriməsi mətndə artıq olan tokenlərin logit-ini zəiflədir.
# - KV keşi hər qatın `(B, nh, T_max, hs)` açar/dəyərlərini saxlayır: prompt bir dəfə keçir (prefill), sonra hər addımda
#   bir token verilir (decode); mövqelər `cache.pos`-dan davam edir, nəticə keşsiz generasiyanınkı ilə eynidir. Keşin
#   həddi `block_size`-dır.
# - Keşin yaddaşı 2 × n_layer × B × T × C × bayt: əsas model üçün bir ardıcıllıqda kiçikdir, batch və kontekstlə
#   xətti artır.
#
# **İndi `course_lib`-də:** `generate` (`generate(..., repetition_penalty, use_cache)`, `sample_next`,
# `apply_temperature`, `top_k_filter`, `top_p_filter`, `apply_repetition_penalty`, `tokens_per_second`), `model`
# (`KVCache`, `GPTModel.new_cache`, `forward(idx, targets, cache)`, `kv_cache_bytes`), `checkpoint.load_model`.
#
# **Növbəti gün:** bu, kursun son dərsidir. Modeli daha uzun öyrədin (`python -m course_lib.train`) və bu dəftərə
# qayıdın, ya da təkrar üçün əvvəldən başlayın: [Gün 4 — GPU və CUDA](day04_gpu_cuda.ipynb). Dəftərsiz mətn
# yaratmaq üçün: `python -m course_lib.sample --checkpoint RUN_QOVLUĞU --prompt "..." --temperature 0.8 --top-k 50`
# (əmr təlim qovluğundakı ən yaxşı checkpoint-i və tokenizatoru götürür).

# %% md en
# ## Summary
# - Generation: the last position's logits → pick a token → append it → repeat. Greedy = argmax; sampling is
#   controlled by temperature (logits / T), top-k (the k largest) and top-p (the token crossing p included); a seeded
#   `torch.Generator` makes it repeatable.
# - Greedy falls into loops; the repetition penalty weakens the logits of the tokens already seen.
# - The KV cache keeps every layer's `(B, nh, T_max, hs)` keys and values: the prompt once (prefill), then one token
#   per step (decode); positions continue from `cache.pos`, and the result equals the uncached one. Its limit is
#   `block_size`.
# - The cache takes 2 × n_layer × B × T × C × bytes: small for one sequence of the seed model, growing linearly with
#   the batch and the context.
#
# **Now in `course_lib`:** `generate` (`generate(..., repetition_penalty, use_cache)`, `sample_next`,
# `apply_temperature`, `top_k_filter`, `top_p_filter`, `apply_repetition_penalty`, `tokens_per_second`), `model`
# (`KVCache`, `GPTModel.new_cache`, `forward(idx, targets, cache)`, `kv_cache_bytes`), `checkpoint.load_model`.
#
# **Next day:** this is the last lesson of the course. Train the model longer (`python -m course_lib.train`) and come
# back to this notebook, or start again for review: [Day 4 — GPU and CUDA](day04_gpu_cuda.ipynb). To generate
# without a notebook: `python -m course_lib.sample --checkpoint RUN_FOLDER --prompt "..." --temperature 0.8 --top-k 50`
# (it takes the run folder's best checkpoint and its tokenizer).
