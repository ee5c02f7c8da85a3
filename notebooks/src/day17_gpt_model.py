# %% md az
# # 🧠 Gün 17 — GPT modeli
#
# {{BADGE}}
#
# Bu gün kursun ürəyini qururuq: **GPT** — növbəti tokeni proqnozlaşdıran, yalnız dekoderdən ibarət
# Transformer. Onu hissə-hissə, öz əlimizlə yazacağıq: embedding-lər → kauzal öz-diqqət (causal self-attention)
# → MLP → pre-LayerNorm blok → tam model. Sonra əl ilə yazdığımız modelin kursun kitabxanasındakı
# `course_lib.model.GPTModel` ilə **eyni** nəticəni verdiyini göstərəcəyik, 100M parametrli əsas modelin
# parametrlərini həm düsturla, həm də kodla sayacağıq və hər qərarın 4 GB-lıq GPU üçün nə demək olduğunu
# görəcəyik.
#
# **Məqsədlər**
# - token və mövqe embedding-lərinin nə etdiyini başa düşmək;
# - kauzal maskanı və diqqət (attention) düsturunu əl ilə yazmaq, `F.scaled_dot_product_attention` ilə
#   eyni olduğunu yoxlamaq;
# - çoxbaşlıqlı (multi-head) diqqəti, MLP-ni, pre-LN bloku və tam GPT-ni qurmaq;
# - çəki bağlamanı (weight tying) və GPT-2 üslubunda ilkin qiymətlərin verilməsini (initialization) izah etmək;
# - modelin parametr sayını düsturla hesablamaq və kodla yoxlamaq.
#
# **Təxmini vaxt:** 90 dəqiqə (kodun icrası: `cpu` profilində, bir CPU nüvəsində ~5 saniyə) · **Tələblər:** Gün 4
# (yaddaş büdcəsi), PyTorch-da `nn.Module` və matris vurması.

# %% md en
# # 🧠 Day 17 — the GPT model
#
# {{BADGE}}
#
# Today we build the heart of the course: **GPT**, a decoder-only Transformer that predicts the next token. We
# write it piece by piece, by hand: embeddings → causal self-attention → MLP → pre-LayerNorm block → the full
# model. Then we show that our hand-written model gives **the same** output as the course library's
# `course_lib.model.GPTModel`, count the parameters of the 100M seed model both by formula and by code, and see
# what each decision means for a 4 GB GPU.
#
# **Objectives**
# - understand what token and position embeddings do;
# - write the causal mask and the attention formula by hand and check them against
#   `F.scaled_dot_product_attention`;
# - build multi-head attention, the MLP, the pre-LN block and the full GPT;
# - explain weight tying and GPT-2 style initialization;
# - compute the model's parameter count by formula and check it in code.
#
# **Estimated time:** 90 minutes (running its code: ~5 s on the `cpu` profile, one CPU core) · **Prerequisites:**
# Day 4 (the memory budget), `nn.Module` and matrix multiplication in PyTorch.

# %% md az
# ## 0. Hazırlıq
# Bu xana Colab-da kursu quraşdırır, sonra cihazı və **profili** seçir. Bu dərsdəki model ölçüləri profildən
# gəlir (`profile.model_kwargs()`, `profile.vocab_size`), ona görə də `tiny` profilində hər şey saniyələr çəkir.
# 100M parametrli əsas modeli yalnız **meta** cihazında qururuq: orada tensorların forması var, yaddaşı yoxdur.

# %% md en
# ## 0. Set-up
# This cell installs the course on Colab, then picks the device and the **profile**. The model sizes of this
# lesson come from the profile (`profile.model_kwargs()`, `profile.vocab_size`), so under the `tiny` profile
# everything takes seconds. We build the 100M seed model only on the **meta** device: there tensors have shapes
# but no memory.

# %% setup

# %%
import math

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from torch import nn

# %%
vocab_size = profile.vocab_size
cfg = profile.model_kwargs()  # block_size, n_layer, n_head, n_embd
print(_("lüğət:", "vocab:"), vocab_size, "|", cfg)

# %% md az
# ## 1. Tokenlərdən vektorlara: embedding-lər
# Model mətni deyil, **token id-lərini** görür: `(B, T)` ölçülü tam ədədlər (B — batch, T — ardıcıllığın
# uzunluğu). İki cədvəl onları vektorlara çevirir:
# - **token embedding-i** `tok_emb`: `(V, C)` matrisi, hər token üçün bir sətir (V — lüğət ölçüsü, C — `n_embd`);
# - **mövqe embedding-i** `pos_emb`: `(block_size, C)`, hər mövqe üçün bir sətir. Diqqət özü sıranı görmür —
#   "pişik itə baxır" ilə "it pişiyə baxır" fərqini mövqe embedding-i verir.
#
# İkisinin cəmi `(B, T, C)` tensorudur: modelin "qalıq axını" (residual stream) buradan başlayır.

# %% md en
# ## 1. From tokens to vectors: embeddings
# The model does not see text but **token ids**: integers of shape `(B, T)` (B is the batch, T the sequence
# length). Two tables turn them into vectors:
# - the **token embedding** `tok_emb`: a `(V, C)` matrix, one row per token (V is the vocabulary size, C is
#   `n_embd`);
# - the **position embedding** `pos_emb`: `(block_size, C)`, one row per position. Attention on its own does not
#   see order — the position embedding is what tells "the cat sees the dog" from "the dog sees the cat".
#
# Their sum is a `(B, T, C)` tensor: the model's "residual stream" starts here.

# %%
torch.manual_seed(0)
C = cfg["n_embd"]
tok_emb = nn.Embedding(vocab_size, C)
pos_emb = nn.Embedding(cfg["block_size"], C)

# az: 2 ardıcıllıq, hər biri 8 token
# en: 2 sequences of 8 tokens each
idx = torch.randint(vocab_size, (2, 8))
x = tok_emb(idx) + pos_emb(torch.arange(idx.shape[1]))  # (B, T, C) + (T, C) → (B, T, C)
print("idx:", tuple(idx.shape), "→ x:", tuple(x.shape))

# %% md az
# ## 2. Kauzal öz-diqqət, addım-addım
# Hər mövqe üç vektor hesablayır: **sorğu** q ("nə axtarıram?"), **açar** k ("məndə nə var?") və **dəyər** v
# ("tapılsam, nə verirəm?"). Diqqət düsturu:
#
# $$\text{Attention}(Q, K, V) = \text{softmax}\!\left(\frac{QK^\top}{\sqrt{d_k}} + M\right) V$$
#
# $M$ **kauzal maskadır**: i mövqeyi yalnız j ≤ i mövqelərini görə bilər, gələcək mövqelərin balına $-\infty$
# yazılır və softmax-dan sonra onların çəkisi 0 olur. Təlimdə model növbəti tokeni proqnozlaşdırır — gələcəyə
# baxsaydı, cavabı sadəcə "köçürərdi". $\sqrt{d_k}$-ya bölmək balları kiçik saxlayır ki, softmax doymasın.
#
# Əvvəlcə bir başlıq (head) üçün kiçik bir nümunə yazaq.

# %% md en
# ## 2. Causal self-attention, step by step
# Every position computes three vectors: a **query** q ("what am I looking for?"), a **key** k ("what do I
# have?") and a **value** v ("what do I give if I am chosen?"). The attention formula:
#
# $$\text{Attention}(Q, K, V) = \text{softmax}\!\left(\frac{QK^\top}{\sqrt{d_k}} + M\right) V$$
#
# $M$ is the **causal mask**: position i may only see positions j ≤ i; the scores of future positions become
# $-\infty$ and after the softmax their weight is 0. In training the model predicts the next token — if it could
# look ahead it would simply copy the answer. Dividing by $\sqrt{d_k}$ keeps the scores small so that the softmax
# does not saturate.
#
# First a small example with one head.

# %%
# NBVAL_CHECK_OUTPUT
T = 5
# az: True: görmək olar (j ≤ i)
# en: True: may attend (j ≤ i)
mask = torch.ones(T, T, dtype=torch.bool).tril()
print(mask.int())

# %%
torch.manual_seed(0)
# az: 8 token, başlıq ölçüsü 16
# en: 8 tokens, head size 16
T, hs = 8, 16
q, k, v = torch.randn(3, 1, 1, T, hs).unbind(0)  # (B=1, nh=1, T, hs) each

scores = q @ k.transpose(-2, -1) / math.sqrt(hs)  # (1, 1, T, T)
scores = scores.masked_fill(~torch.ones(T, T, dtype=torch.bool).tril(), float("-inf"))
weights = F.softmax(scores, dim=-1)  # (1, 1, T, T)
out = weights @ v  # (1, 1, T, hs)

fused = F.scaled_dot_product_attention(q, k, v, is_causal=True)
print(_("çıxışın forması:", "output shape:"), tuple(out.shape))
print(_("SDPA ilə eynidir:", "equal to SDPA:"), torch.allclose(out, fused, atol=1e-6))
print(_("hər sətrin cəmi 1-dir:", "every row sums to 1:"), torch.allclose(weights.sum(-1), torch.ones(T)))

# %% md az
# Diqqət çəkilərinə baxaq: yuxarı üçbucaq boşdur (gələcək gizlidir), birinci token yalnız özünü görür.

# %% md en
# Let us look at the attention weights: the upper triangle is empty (the future is hidden), the first token sees
# only itself.

# %%
fig, axes = plt.subplots(1, 2, figsize=(9, 4))
axes[0].imshow(scores[0, 0], cmap="viridis")
axes[0].set_title(_("maskalı ballar (ağ = −∞)", "masked scores (white = −∞)"))
image = axes[1].imshow(weights[0, 0], cmap="viridis", vmin=0, vmax=1)
axes[1].set_title(_("diqqət çəkiləri (softmax)", "attention weights (softmax)"))
for ax in axes:
    ax.set_xlabel(_("açar j (keçmiş)", "key j (the past)"))
    ax.set_ylabel(_("sorğu i", "query i"))
fig.colorbar(image, ax=axes[1])
plt.show()

# %% md az
# ## 3. Çoxbaşlıqlı kauzal öz-diqqət (modul)
# Bir başlıq bir "sual" verir; `n_head` başlıq paralel olaraq müxtəlif əlaqələri axtarır. Fənd: C ölçülü
# vektoru `n_head` hissəyə (`hs = C // n_head`) bölürük, hər başlıq öz hissəsində diqqət hesablayır, sonra
# hissələri yenidən yan-yana qoyuruq. q, k, v üçün bir `Linear(C, 3C)` (üçü də bir matris vurması ilə), sonda
# isə başlıqları qarışdıran `proj`. Burada maskanı açıq yazırıq; kitabxanadakı model eyni işi
# `F.scaled_dot_product_attention` ilə görür.

# %% md en
# ## 3. Multi-head causal self-attention (the module)
# One head asks one "question"; `n_head` heads look for different relations in parallel. The trick: we split the
# C-sized vector into `n_head` parts (`hs = C // n_head`), every head attends within its part, then we put the
# parts side by side again. One `Linear(C, 3C)` gives q, k and v (all three in one matmul), and `proj` mixes the
# heads at the end. Here we write the mask out; the library's model does the same work with
# `F.scaled_dot_product_attention`.

# %%
class CausalSelfAttention(nn.Module):
    def __init__(self, n_embd, n_head, block_size):
        super().__init__()
        self.n_head = n_head
        self.qkv = nn.Linear(n_embd, 3 * n_embd)
        self.proj = nn.Linear(n_embd, n_embd)
        # az: persistent=False: maska state_dict-ə daxil edilmir (öyrədilmir, onu saxlamağa ehtiyac yoxdur)
        # en: persistent=False: the mask stays out of the state_dict (it is not learned, nothing to save)
        self.register_buffer("mask", torch.ones(block_size, block_size, dtype=torch.bool).tril(), persistent=False)

    def forward(self, x):
        B, T, C = x.shape
        q, k, v = self.qkv(x).split(C, dim=2)  # 3 × (B, T, C)
        q = q.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)  # (B, nh, T, hs)
        k = k.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)  # (B, nh, T, hs)
        v = v.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)  # (B, nh, T, hs)
        att = q @ k.transpose(-2, -1) / math.sqrt(C // self.n_head)  # (B, nh, T, T)
        att = att.masked_fill(~self.mask[:T, :T], float("-inf"))
        att = F.softmax(att, dim=-1)
        y = att @ v  # (B, nh, T, hs)
        y = y.transpose(1, 2).contiguous().view(B, T, C)  # (B, T, C)
        return self.proj(y)

# %% md az
# ## 4. MLP
# Diqqət tokenlər arasında məlumat daşıyır; **MLP** isə hər mövqedə ayrıca "düşünür": C → 4C → GELU → C.
# GPT-2 GELU-nun tanh yaxınlaşmasını işlədir; `F.gelu(x, approximate="tanh")` bunu bir əməliyyatda edir.

# %% md en
# ## 4. The MLP
# Attention moves information between tokens; the **MLP** "thinks" at every position on its own: C → 4C → GELU →
# C. GPT-2 uses the tanh approximation of GELU; `F.gelu(x, approximate="tanh")` does it in one operation.

# %%
class MLP(nn.Module):
    def __init__(self, n_embd):
        super().__init__()
        self.fc = nn.Linear(n_embd, 4 * n_embd)
        self.proj = nn.Linear(4 * n_embd, n_embd)

    def forward(self, x):
        return self.proj(F.gelu(self.fc(x), approximate="tanh"))  # (B, T, C) → (B, T, 4C) → (B, T, C)

# %% md az
# ## 5. Pre-LayerNorm blok
# Blok iki alt qatdan ibarətdir və hər biri nəticəsini qalıq axınına **əlavə edir**: `x = x + attn(ln_1(x))`,
# `x = x + mlp(ln_2(x))`. LayerNorm alt qatdan **əvvəl** gəlir (pre-LN, GPT-2 kimi): qradiyent qalıq yolu ilə
# birbaşa axır və dərin modellərin təlimi sabit olur.

# %% md en
# ## 5. The pre-LayerNorm block
# A block has two sub-layers, and each **adds** its result to the residual stream: `x = x + attn(ln_1(x))`,
# `x = x + mlp(ln_2(x))`. The LayerNorm comes **before** the sub-layer (pre-LN, as in GPT-2): the gradient flows
# straight along the residual path and deep models train stably.

# %%
class Block(nn.Module):
    def __init__(self, n_embd, n_head, block_size):
        super().__init__()
        self.ln_1 = nn.LayerNorm(n_embd)
        self.attn = CausalSelfAttention(n_embd, n_head, block_size)
        self.ln_2 = nn.LayerNorm(n_embd)
        self.mlp = MLP(n_embd)

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        return x + self.mlp(self.ln_2(x))

# %% md az
# ## 6. Tam GPT
# Embedding-lər → `n_layer` blok → son LayerNorm → `lm_head` (hər mövqe üçün lüğətin hər tokeninə bir bal,
# **logit**). İki vacib detal:
# - **Çəki bağlama (weight tying):** `lm_head` token embedding-i ilə eyni `(V, C)` matrisini işlədir. V = 32000,
#   C = 768 üçün bu, 24.6M parametrə qənaət deməkdir — modelin ~22%-i!
# - **GPT-2 üslubunda ilkin qiymətlər:** çəkilər N(0, 0.02), bias-lar 0; qalıq axınına əlavə edən proyeksiyalar
#   (`attn.proj`, `mlp.proj`) 0.02/√(2·n_layer) ilə — çünki hər blok axına iki dəfə əlavə edir, dərin modeldə
#   isə cəm böyüməməlidir.
#
# İtki (loss) — bütün B·T mövqe üzrə cross-entropy. `targets` artıq bir token sürüşdürülüb (Gün 22-də `get_batch`
# belə verəcək).

# %% md en
# ## 6. The full GPT
# Embeddings → `n_layer` blocks → a final LayerNorm → `lm_head` (for every position one score per vocabulary
# token, the **logits**). Two important details:
# - **Weight tying:** `lm_head` uses the same `(V, C)` matrix as the token embedding. For V = 32000, C = 768 this
#   saves 24.6M parameters — about 22% of the model!
# - **GPT-2 style initialization:** weights N(0, 0.02), biases 0; the projections that add into the residual
#   stream (`attn.proj`, `mlp.proj`) with 0.02/√(2·n_layer) — every block adds to the stream twice, and in a deep
#   model the sum should not grow.
#
# The loss is the cross-entropy over all B·T positions. The `targets` are already shifted by one token (Day 22's
# `get_batch` will deliver them so).

# %%
class GPT(nn.Module):
    def __init__(self, vocab_size, block_size, n_layer, n_head, n_embd):
        super().__init__()
        self.tok_emb = nn.Embedding(vocab_size, n_embd)
        self.pos_emb = nn.Embedding(block_size, n_embd)
        self.blocks = nn.ModuleList(Block(n_embd, n_head, block_size) for _ in range(n_layer))
        self.ln_f = nn.LayerNorm(n_embd)
        self.lm_head = nn.Linear(n_embd, vocab_size, bias=False)
        # az: çəki bağlama
        # en: weight tying
        self.lm_head.weight = self.tok_emb.weight
        for name, p in self.named_parameters():
            if name.endswith("proj.weight"):
                # az: attn.proj və mlp.proj qalıq axınına əlavə edir
                # en: attn.proj and mlp.proj add into the residual stream
                nn.init.normal_(p, std=0.02 / math.sqrt(2 * n_layer))
            elif p.dim() == 2:
                # az: Linear və Embedding çəkiləri
                # en: Linear and Embedding weights
                nn.init.normal_(p, std=0.02)
            elif "ln_" not in name:
                # az: Linear bias-ları (LayerNorm-lar 1 və 0 qalır)
                # en: Linear biases (the LayerNorms stay 1 and 0)
                nn.init.zeros_(p)

    def forward(self, idx, targets=None):
        B, T = idx.shape
        x = self.tok_emb(idx) + self.pos_emb(torch.arange(T, device=idx.device))  # (B, T, C)
        for block in self.blocks:
            x = block(x)
        logits = self.lm_head(self.ln_f(x))  # (B, T, V)
        loss = None if targets is None else F.cross_entropy(logits.view(B * T, -1), targets.view(B * T))
        return logits, loss

# %% md az
# Kiçik bir batch ilə sınayaq. Öyrədilməmiş model bütün tokenlərə təxminən bərabər ehtimal verir, ona görə də
# başlanğıc itki ≈ ln(V) olmalıdır. Bu, hər təlimdən əvvəl aparılan ilk sadə yoxlamadır (sanity check, Gün 23).

# %% md en
# Let us try a small batch. An untrained model gives all tokens about the same probability, so the initial loss
# should be ≈ ln(V). This is the first sanity check before any training (Day 23).

# %%
torch.manual_seed(0)
mine = GPT(vocab_size, **cfg)
idx = torch.randint(vocab_size, (4, cfg["block_size"]))
targets = torch.randint(vocab_size, (4, cfg["block_size"]))
logits, loss = mine(idx, targets)
print("logits:", tuple(logits.shape))
print(_("başlanğıc itki:", "initial loss:"), f"{loss.item():.3f}", "| ln(V) =", f"{math.log(vocab_size):.3f}")
print(_("bağlı çəkilər:", "tied weights:"), mine.lm_head.weight is mine.tok_emb.weight)

# %% md az
# ## 7. Bizim model = `course_lib.model.GPTModel`
# Kitabxanadakı model eyni quruluşa və eyni adlara malikdir; əlavə olaraq SDPA diqqəti (standart), dropout,
# qradiyent checkpointing seçimi (Gün 26) və aydın xəta mesajları var. Çəkiləri kitabxana modelindən bizimkinə
# köçürək (`load_state_dict`) və logit-ləri müqayisə edək: əl ilə yazılmış maskalı softmax və SDPA eyni nəticəni
# verməlidir.

# %% md en
# ## 7. Our model = `course_lib.model.GPTModel`
# The library's model has the same structure and the same names; on top it has SDPA attention (the default),
# dropout, a gradient-checkpointing switch (Day 26) and clear error messages. Let us copy the weights of the
# library model into ours (`load_state_dict`) and compare the logits: the hand-written masked softmax and SDPA
# must agree.

# %%
from course_lib.model import GPTModel

torch.manual_seed(1)
lib = GPTModel(vocab_size, **cfg).eval()
mine.load_state_dict(lib.state_dict())
with torch.no_grad():
    diff = (mine(idx)[0] - lib(idx)[0]).abs().max().item()
print(_("logit-lərin ən böyük fərqi:", "largest logit difference:"), f"{diff:.1e}")
print(_("eynidir:", "equal:"), diff < 1e-4)

# %% md az
# ## 8. Parametr sayı: düsturla və kodla
# Bir blokda: qkv `C·3C + 3C`, proj `C·C + C`, fc `C·4C + 4C`, proj `4C·C + C`, iki LayerNorm `2·2C` — cəmi
# təxminən `12·C²`. Üstəgəl embedding-lər `V·C + block·C` və son LayerNorm `2C`; `lm_head` bağlıdır, ayrıca
# sayılmır. Əsas modeli **meta** cihazında qururuq: tensorların forması var, yaddaşı yox — 110M parametr bir anda.

# %% md en
# ## 8. The parameter count: by formula and by code
# Per block: qkv `C·3C + 3C`, proj `C·C + C`, fc `C·4C + 4C`, proj `4C·C + C`, two LayerNorms `2·2C` — about
# `12·C²` in all. Plus the embeddings `V·C + block·C` and the final LayerNorm `2C`; `lm_head` is tied and not
# counted again. We build the seed model on the **meta** device: tensors with shapes but no memory — 110M
# parameters in an instant.

# %%
# NBVAL_CHECK_OUTPUT
from course_lib.memory import gpt_param_count
from course_lib.model import seed_config

seed = seed_config()
V, block, L, C = seed["vocab_size"], seed["block_size"], seed["n_layer"], seed["n_embd"]
per_block = (C * 3 * C + 3 * C) + (C * C + C) + (C * 4 * C + 4 * C) + (4 * C * C + C) + 2 * 2 * C
by_formula = V * C + block * C + L * per_block + 2 * C

with torch.device("meta"):
    seed_model = GPTModel(**seed)
by_code = seed_model.num_params()
print(seed)
print(_("düsturla:", "by formula:"), f"{by_formula:,}")
print(_("kodla:   ", "by code:   "), f"{by_code:,}")
print("course_lib.memory:", f"{gpt_param_count(V, block, L, C):,}", "|", by_formula == by_code)
print(_("embedding-lər:", "embeddings:"), f"{(V * C + block * C) / by_code:.0%}",
      _("| bloklar:", "| blocks:"), f"{L * per_block / by_code:.0%}")

# %% md az
# ## 9. 4 GB-lıq GPU üçün niyə vacibdir?
# Aşağıdakı rəqəmləri `course_lib.memory` hesablayır — Gün 04 və Gün 26-nın yaddaş modeli; testlər onu kursun
# modelinin backward üçün həqiqətən saxladığı tensorlarla tutuşdurur. Hesablama əsas model və gpu4gb mikro-batch-i
# üçündür (B = 4, T = 256, fp16 qarışıq dəqiqlik, CUDA).
# - **Çəki bağlama** V·C = 24.6M parametrə qənaət edir: AdamW ilə təlimdə hər parametr 16 bayt tutur (Gün 4).
# - **SDPA diqqət matrisini saxlamır.** Açıq (explicit) yolda backward hər qatın **softmax çıxışını** — diqqət
#   çəkilərini, `(B, nh, T, T)` — saxlayır: softmax-ın törəməsi onun çıxışından hesablanır, `att @ v` də onu
#   saxlayır. Balların özü saxlanmır: `q @ kᵀ` q ilə k-nı saxlayır, maska isə yalnız `(T, T)` bool matrisini.
#   fp16 autocast-da softmax fp32-də işləyir, `att @ v` isə onun fp16 surətini götürür: hər elementə 6 bayt.
#   Fused SDPA yalnız q, k, v, öz çıxışını və `(B, nh, T)` ölçülü bir logsumexp saxlayır, çəkiləri backward-da
#   yenidən hesablayır.
# - **Logit-lər böyükdür:** `(B, T, V)` = 4 · 256 · 32000 ədəd. İtki backward üçün fp32 log-ehtimalları
#   `(B·T, V)` saxlayır, backward isə bu ölçüdə daha iki fp32 tensor yaradır (log-ehtimalların və logit-lərin
#   qradiyentləri) — fp16 autocast-da da hər element 4 bayt. Lüğəti böyütmək yaddaşı birbaşa artırır.
# - **Qradiyent checkpointing** (`model.gradient_checkpointing = True`) blokların aktivasiyalarını saxlamır,
#   backward-da yenidən hesablayır: daha az yaddaş, amma hər addımda bloklar üçün bir irəli ötürmə (forward) artıq —
#   hesablama təxminən üçdə bir artır (forward, forward + backward-ın ~⅓-idir). Vaxtı Gün 26-da öz kompüterinizdə
#   ölçəcəyik.

# %% md en
# ## 9. Why it matters for a 4 GB GPU
# The figures below come from `course_lib.memory`, the memory model of Days 04 and 26; the tests hold it against
# the tensors the course model really saves for backward. They are for the seed model and the gpu4gb micro-batch
# (B = 4, T = 256, fp16 mixed precision, CUDA).
# - **Weight tying** saves V·C = 24.6M parameters: in AdamW training every parameter takes 16 bytes (Day 4).
# - **SDPA does not store the attention matrix.** On the explicit path backward keeps every layer's **softmax
#   output**, the attention weights `(B, nh, T, T)`: the softmax's derivative is computed from its output, and
#   `att @ v` saves it too. The scores themselves are not kept: `q @ kᵀ` saves q and k, the mask only the `(T, T)`
#   bool matrix. Under fp16 autocast the softmax runs in fp32 and `att @ v` takes an fp16 copy of it: 6 bytes per
#   element. Fused SDPA keeps only q, k, v, its output and one `(B, nh, T)` logsumexp, and recomputes the weights in
#   backward.
# - **The logits are big:** `(B, T, V)` = 4 · 256 · 32000 numbers. The loss keeps the fp32 log-probabilities
#   `(B·T, V)` for backward, and backward makes two more fp32 tensors of that size (the gradients of the
#   log-probabilities and of the logits) — 4 bytes each even under fp16 autocast. A larger vocabulary costs memory
#   directly.
# - **Gradient checkpointing** (`model.gradient_checkpointing = True`) does not keep the blocks' activations and
#   recomputes them in backward: less memory, but one more forward pass of the blocks in every step — about a third
#   more arithmetic (the forward is ~⅓ of forward + backward). Day 26 measures the time on your machine.

# %%
# NBVAL_CHECK_OUTPUT
from course_lib import memory
from course_lib.profiles import PROFILES

gpu = PROFILES["gpu4gb"]
MIB, GIB = 2**20, 2**30
# az: 4 GB-lıq kartlar (GTX 1650, compute capability 7.5) bf16 dəstəkləmir: "half" orada fp16 deməkdir
# en: 4 GB cards (GTX 1650, compute capability 7.5) have no bf16: "half" means fp16 there
sizes = dict(micro_batch=gpu.micro_batch, block_size=gpu.block_size, n_layer=gpu.n_layer, n_embd=gpu.n_embd,
             vocab_size=gpu.vocab_size, n_head=gpu.n_head, precision="fp16", device_type="cuda")
saved = {kind: memory.saved_activation_parts(**sizes, attention=kind) for kind in ("sdpa", "explicit")}
# az: activation_bytes = saxlanılanlar + itkinin backward-dakı iki (B·T, V) fp32 qradiyenti
# en: activation_bytes = what is saved + the loss's two (B·T, V) fp32 gradients in backward
loss_gradients = memory.activation_bytes(**sizes) - saved["sdpa"]["saved"]
print(_("çəki bağlamanın qənaəti (16 bayt/parametr):", "tying saves (16 bytes/parameter):"),
      f"{memory.adamw_training_bytes(gpu.vocab_size * gpu.n_embd) / MIB:.0f} MiB")
print(_(f"{gpu.n_layer} blokun backward üçün saxladığı:", f"what the {gpu.n_layer} blocks save for backward:"))
for kind, parts in saved.items():
    print(f"  {kind:<9} {parts['blocks'] / MIB:5.0f} MiB")
print(_("açıq diqqətin softmax çıxışları (fp32 + fp16 surəti), əlavə:",
        "explicit attention's softmax outputs (fp32 + an fp16 copy), extra:"),
      f"{(saved['explicit']['blocks'] - saved['sdpa']['blocks']) / MIB:.0f} MiB")
print(_("itkinin saxladığı log-ehtimallar (fp32):", "log-probabilities the loss keeps (fp32):"),
      f"{saved['sdpa']['log_probs'] / MIB:.0f} MiB")
print(_("backward-da itkinin iki qradiyenti (fp32):", "the loss's two gradients in backward (fp32):"),
      f"{loss_gradients / MIB:.0f} MiB")
model_config = dict(vocab_size=gpu.vocab_size, **gpu.model_kwargs())
for kind in saved:
    peak = memory.predict(model_config, gpu.micro_batch, "fp16", attention=kind)
    print(_("Təlim addımının pik yaddaşı + CUDA konteksti,", "peak of a training step + CUDA context,"), f"{kind}:",
          f"{peak['card'] / GIB:.2f} GiB")

# %% md az
# ## 10. Sürət: bizim model və `transformers`-in GPT-2-si
# `make bench` (`tools/bench_model.py`) əsas modelin bir təlim addımını (forward + backward + AdamW) kursun modeli
# və eyni ölçülü `transformers` `GPT2LMHeadModel`-i (SDPA diqqəti, eyni fused AdamW) üçün növbə ilə ölçür (CPU,
# fp32, batch 1). Matrislərin hasilləri hər ikisində eynidir; fərq yaddaşdadır:
# - backward üçün daha az tensor saxlanılır (aşağıda ölçülüb): məsələn, bizim GELU bir kernel-dir, `transformers`-in
#   `gelu_new`-u isə bir neçə əməliyyatdır və hər biri öz girişini saxlayır;
# - **bağlı matrisin bir qradiyenti var.** İki yerdə işlədilən çəkiyə autograd iki qradiyent verir və onları
#   üçüncü, yeni tensorda toplayır: `(V, C)` = 32000 × 768 matris üçün hər addımda üç dəfə 98 MB. CPU-da yeni
#   yaddaşın hər səhifəsi (4 KiB) bir *page fault* deməkdir. Ona görə də kursun təlim kodu CPU-da modelə
#   `course_lib.tied_grad`-dan `use_tied_gradient(model)` tətbiq edir: `lm_head` öz qradiyentini saxlayır,
#   embedding isə öz B·T sətrini birbaşa ona (in-place) əlavə edir — eyni cəm, bir tensor. Bu, modelin hissəsi
#   deyil (`course_lib/model.py` buradakı modelimiz qədər sadədir); benchmark kursun modelini təlimdə işlədiyi
#   kimi ölçür.
#
# Əvvəlcə onun yaddaşdan başqa heç nəyi dəyişmədiyini yoxlayaq: eyni çəkili iki model, bizimki adi autograd
# ilə, kitabxananınkı `use_tied_gradient` ilə — itki və qradiyentlər eyni olmalıdır.

# %% md en
# ## 10. Speed: our model beside `transformers`' GPT-2
# `make bench` (`tools/bench_model.py`) times one training step (forward + backward + AdamW) of the seed model for
# the course model and for a `transformers` `GPT2LMHeadModel` of the same size (SDPA attention, the same fused
# AdamW), in turn (CPU, fp32, batch 1). Both do the same matrix products; the difference is memory:
# - fewer tensors are saved for backward (measured below): our GELU, for one, is a single kernel, while
#   `transformers`' `gelu_new` is several operations that each save their input;
# - **the tied matrix gets one gradient.** Autograd gives a weight used in two places two gradients and adds them
#   into a third, new tensor: for the `(V, C)` = 32000 × 768 matrix that is three times 98 MB every step. On a CPU
#   every page (4 KiB) of fresh memory costs a *page fault*. So on a CPU the course's training code applies
#   `use_tied_gradient(model)` from `course_lib.tied_grad`: `lm_head` keeps its gradient and the embedding adds its
#   B·T rows into it in place — the same sum, one tensor. It is no part of the model (`course_lib/model.py` is as
#   plain as our model here); the benchmark measures the course model the way training runs it.
#
# First let us check that it changes nothing but memory: two models with the same weights, ours with plain
# autograd, the library's with `use_tied_gradient` — the loss and the gradients must be the same.

# %%
from course_lib.tied_grad import use_tied_gradient

# az: kursun təlim kodu CPU-da bunu edir
# en: what the course's training code does on a CPU
use_tied_gradient(lib)
losses = []
for model in (mine, lib):
    model.zero_grad(set_to_none=True)
    loss = model(idx, targets)[1]
    loss.backward()
    losses.append(loss.item())
tied_mine, tied_lib = mine.tok_emb.weight.grad, lib.tok_emb.weight.grad
print(_("itkilər:", "losses:"), f"{losses[0]:.6f} {losses[1]:.6f}")
print(_("bağlı matrisin qradiyent fərqi:", "difference of the tied matrix's gradients:"),
      f"{(tied_mine - tied_lib).abs().max().item():.1e}")
print(_("eynidir:", "equal:"), torch.allclose(tied_mine, tied_lib, rtol=1e-4, atol=1e-6))

# %% md az
# `make bench` nəticəni `assets/bench/model_cpu.json`-a yazır. Bu xana o faylı göstərir: hansı cihazda və nə vaxt
# ölçüldüyü də oradadır. Öz maşınınızda `make bench` ilə təkrarlayın — nisbət prosessordan və nüvələrin sayından
# asılıdır.

# %% md en
# `make bench` writes the results to `assets/bench/model_cpu.json`. This cell shows that file, which also says on
# which device and when it was measured. Repeat it on your machine with `make bench`: the ratio depends on the
# processor and the number of cores.

# %%
import json

from course_lib.paths import ASSETS

bench = json.loads((ASSETS / "bench" / "model_cpu.json").read_text(encoding="utf-8"))
print(_("Ölçüldüyü yer:", "Measured on:"), bench["device"], f"({bench['threads']} threads) · torch", bench["torch"],
      "· transformers", bench["transformers"], "·", bench["date"], "·", bench["steps"], _("təkrar", "repetitions"))
names = list(bench["median_ms"])
for name in names:
    print(f"  {name:<13} {bench['median_ms'][name]:7.0f} ms", _("| page fault-lar:", "| page faults:"),
          f"{bench['median_page_faults'][name]:7.0f}", _("| backward üçün saxlanılan:", "| saved for backward:"),
          f"{bench['memory_bytes'][name]['activations'] / MIB:.0f} MiB")
print(_("kurs / transformers:", "course / transformers:"), f"{bench['ratio']:.2f}×",
      _(f"— kursun addımı transformers-in addımına sərf olunan vaxtın {bench['ratio']:.0%}-i qədər çəkdi",
        f"— the course's step took {bench['ratio']:.0%} of the time of transformers' step"))

fig, ax = plt.subplots(figsize=(5, 3))
ax.boxplot([bench["times_ms"][name] for name in names])
ax.set_xticks(range(1, len(names) + 1), names)
ax.set_ylabel(_("bir təlim addımı, ms (bütün təkrarlar)", "one training step, ms (all repetitions)"))
ax.set_title(_("Əsas model, CPU, fp32, batch 1", "Seed model, CPU, fp32, batch 1"))
plt.tight_layout()
plt.show()

# %% md az
# ## 11. Tapşırıqlar
# Hər tapşırıqda funksiyanı yazın (`raise NotImplementedError` sətrini silin) və xananı işə salın. Yoxlama
# funksiyanızı bir neçə hal üzərində sınayır və ilk səhvi izah edir — cavabı göstərmir.
#
# Yoxlama uğursuz olanda əvvəlcə istiqamət verən məsləhət görünür; üç uğursuz cəhddən sonra daha ətraflı
# məsləhət gəlir, `check("day17.causal_mask", solution=True)` isə kursun həllini göstərir (hər tapşırığın öz adı ilə).
#
# **Tapşırıq 1.** `size × size` ölçülü kauzal maskanı qaytarın: `torch.bool`, i sətri j sütununu görə bilirsə
# (j ≤ i) `True`.

# %% md en
# ## 11. Exercises
# In each exercise write the function (delete the `raise NotImplementedError` line) and run the cell. The check
# tries your function on several cases and explains the first mistake — it does not show the answer.
#
# When a check fails you first get a nudge; after three failed tries a stronger hint follows, and
# `check("day17.causal_mask", solution=True)` shows the course's code (each exercise by its own name).
#
# **Exercise 1.** Return the `size × size` causal mask: `torch.bool`, `True` where row i may see column j (j ≤ i).

# %%
def causal_mask_exercise(size: int) -> torch.Tensor:
    # az: Sizin kodunuz burada
    # en: Your code here
    raise NotImplementedError


check("day17.causal_mask", causal_mask_exercise)

# %% md az
# **Tapşırıq 2.** `(B, T, C)` tensorunu başlıqlara bölün: `(B, n_head, T, C // n_head)`.

# %% md en
# **Exercise 2.** Split a `(B, T, C)` tensor into heads: `(B, n_head, T, C // n_head)`.

# %%
def split_heads_exercise(x: torch.Tensor, n_head: int) -> torch.Tensor:
    # az: Sizin kodunuz burada
    # en: Your code here
    raise NotImplementedError


check("day17.split_heads", split_heads_exercise)

# %% md az
# **Tapşırıq 3.** Kauzal diqqəti **əl ilə** yazın (SDPA-sız): q, k, v `(B, nh, T, hs)` formasındadır, nəticə də
# `(B, nh, T, hs)` olmalıdır.

# %% md en
# **Exercise 3.** Write causal attention **by hand** (without SDPA): q, k, v have shape `(B, nh, T, hs)`, and so
# must the result.

# %%
def causal_attention_exercise(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    # az: Sizin kodunuz burada
    # en: Your code here
    raise NotImplementedError


check("day17.causal_attention", causal_attention_exercise)

# %% md az
# **Tapşırıq 4.** Kurs GPT-sinin parametr sayını düsturla qaytarın (lm_head bağlıdır). `n_head` lazım deyil —
# niyə?

# %% md en
# **Exercise 4.** Return the parameter count of the course GPT by formula (lm_head is tied). `n_head` is not
# needed — why?

# %%
def param_count_exercise(vocab_size: int, block_size: int, n_layer: int, n_embd: int) -> int:
    # az: Sizin kodunuz burada
    # en: Your code here
    raise NotImplementedError


check("day17.param_count", param_count_exercise)

# %% md az
# ## Xülasə
# - GPT = token + mövqe embedding-ləri → `n_layer` pre-LN blok (kauzal öz-diqqət + MLP, qalıq əlaqələrlə) →
#   son LayerNorm → embedding ilə bağlı `lm_head`.
# - Kauzal maska gələcəyi gizlədir; əl ilə yazılmış maskalı softmax `F.scaled_dot_product_attention(is_causal=True)`
#   ilə eynidir, amma SDPA `(T, T)` matrisini saxlamır; açıq yol backward üçün softmax çıxışını saxlayır.
# - Öyrənməmiş modelin itkisi ≈ ln(V).
# - Əsas model (32000, 256, 12/12/768) ≈ 110M parametrdir; çəki bağlama ~22% qənaət edir.
#
# **İndi `course_lib`-də:** `model` (`GPTModel`, `CausalSelfAttention`, `MLP`, `Block`, `causal_mask`,
# `seed_config`; `python -m course_lib.model`), `tied_grad` (`use_tied_gradient`: CPU-da təlim üçün bağlı matrisin
# bir qradiyenti). Sürət müqayisəsi: `make bench` (`python tools/bench_model.py`).
#
# **Növbəti gün:** [Gün 21 — tokenizator](day21_tokenizer.ipynb)

# %% md en
# ## Summary
# - GPT = token + position embeddings → `n_layer` pre-LN blocks (causal self-attention + MLP, with residual
#   connections) → a final LayerNorm → an `lm_head` tied to the embedding.
# - The causal mask hides the future; the hand-written masked softmax equals
#   `F.scaled_dot_product_attention(is_causal=True)`, but SDPA does not store the `(T, T)` matrix; the explicit
#   path keeps the softmax output for backward.
# - An untrained model's loss is ≈ ln(V).
# - The seed model (32000, 256, 12/12/768) has ≈ 110M parameters; weight tying saves ~22%.
#
# **Now in `course_lib`:** `model` (`GPTModel`, `CausalSelfAttention`, `MLP`, `Block`, `causal_mask`,
# `seed_config`; `python -m course_lib.model`), `tied_grad` (`use_tied_gradient`: one gradient for the tied matrix
# in CPU training). Speed comparison: `make bench` (`python tools/bench_model.py`).
#
# **Next day:** [Day 21 — the tokenizer](day21_tokenizer.ipynb)
