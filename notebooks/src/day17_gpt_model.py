# %% md az
# # 🧠 Gün 17 — GPT modeli
#
# {{BADGE}}
#
# Bu gün kursun ürəyini qururuq: **GPT** — növbəti tokeni proqnozlaşdıran, yalnız dekoderdən ibarət
# Transformer. Onu hissə-hissə, öz əlimizlə yazacağıq: embedding-lər → kauzal öz-diqqət (causal self-attention)
# → MLP → pre-LayerNorm blok → tam model. Sonra göstərəcəyik ki, bizim əl ilə yazdığımız model kursun
# kitabxanasındakı `course_lib.model.GPTModel` ilə **eyni** nəticəni verir, 100M parametrli əsas modelin
# parametrlərini həm düsturla, həm kodla sayacağıq və hər qərarın 4 GB-lıq GPU üçün nə demək olduğunu görəcəyik.
#
# **Məqsədlər**
# - token və mövqe embedding-lərinin nə etdiyini başa düşmək;
# - kauzal maskanı və diqqət (attention) düsturunu əl ilə yazmaq, `F.scaled_dot_product_attention` ilə
#   eyni olduğunu yoxlamaq;
# - çoxbaşlıqlı (multi-head) diqqəti, MLP-ni, pre-LN bloku və tam GPT-ni qurmaq;
# - çəki bağlamanı (weight tying) və GPT-2 üslubunda ilkin qiymətləndirməni (initialization) izah etmək;
# - modelin parametr sayını düsturla hesablamaq və kodla yoxlamaq.
#
# **Təxmini vaxt:** 90 dəqiqə · **Tələblər:** Gün 4 (yaddaş büdcəsi), PyTorch-da `nn.Module` və matris vurması.

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
# **Estimated time:** 90 minutes · **Prerequisites:** Day 4 (the memory budget), `nn.Module` and matrix
# multiplication in PyTorch.

# %% md az
# ## 0. Hazırlıq
# Bu xana Colab-da kursu quraşdırır, sonra cihazı və **profili** seçir. Bu dərsdəki model ölçüləri profildən
# gəlir (`profile.model_kwargs()`, `profile.vocab_size`), ona görə də `tiny` profilində hər şey saniyələr çəkir.
# 100M-lik əsas modeli yalnız **meta** cihazında qururuq: orada tensorların forması var, yaddaşı yoxdur.

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
# Bir başlıq bir "sual" verir; `n_head` başlıq paralel olaraq müxtəlif əlaqələri axtarır. Hiylə: C ölçülü
# vektoru `n_head` hissəyə (`hs = C // n_head`) bölürük, hər başlıq öz hissəsində diqqət hesablayır, sonra
# hissələri yenidən yan-yana qoyuruq. q, k, v üçün bir `Linear(C, 3C)` (üçü bir matris vurmasında), sonda
# başlıqları qarışdıran `proj`. Burada maskanı açıq yazırıq; kitabxanadakı model eyni işi
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
        # az: persistent=False: maska state_dict-ə düşmür (öyrənilmir, yadda saxlamağa ehtiyac yoxdur)
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
# Blok iki alt-qatdan ibarətdir və hər biri nəticəsini qalıq axınına **əlavə edir**: `x = x + attn(ln_1(x))`,
# `x = x + mlp(ln_2(x))`. LayerNorm alt-qatdan **əvvəl** gəlir (pre-LN, GPT-2 kimi): qradiyent qalıq yolu ilə
# birbaşa axır və dərin modellərin Təlimi sabit olur.

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
#   C = 768 üçün bu 24.6M parametrə qənaətdir — modelin ~22%-i!
# - **GPT-2 üslubunda ilkin qiymətlər:** çəkilər N(0, 0.02), bias-lar 0; qalıq axınına əlavə edən proyeksiyalar
#   (`attn.proj`, `mlp.proj`) 0.02/√(2·n_layer) ilə — hər blok axına iki dəfə əlavə edir və dərin modeldə cəm
#   böyüməsin deyə.
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
# Kiçik bir batch ilə sınayaq. Öyrənməmiş model bütün tokenlərə təxminən bərabər ehtimal verir, ona görə də
# başlanğıc itki ≈ ln(V) olmalıdır. Bu, hər Təlimdən əvvəl ilk sağlamlıq yoxlamasıdır (Gün 23).

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
# Kitabxanadakı model eyni quruluşa və eyni adlara malikdir; əlavə olaraq SDPA diqqəti (default), dropout,
# qradiyent checkpointing açarı (Gün 26) və anlaşılan xəta mesajları var. Çəkiləri kitabxana modelindən bizimkinə
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
# - **Çəki bağlama** 24.6M parametrə qənaət edir: AdamW ilə Təlimdə hər parametr 16 bayt tutur (Gün 4), yəni
#   ~375 MiB az VRAM.
# - **SDPA diqqət matrisini saxlamır.** Açıq (explicit) yolda hər qat `(B, nh, T, T)` ölçülü balları və
#   çəkiləri backward üçün yadda saxlayır; fused SDPA isə onları yenidən hesablayır. Aşağıda əsas model və
#   gpu4gb mikro-batch-i üçün hesablayırıq.
# - **Logit-lər böyükdür:** `(B, T, V)` = 4 · 256 · 32000 ədəd. Lüğəti böyütmək yaddaşı birbaşa artırır.
# - **Qradiyent checkpointing** (`model.gradient_checkpointing = True`) blokların aktivasiyalarını saxlamır,
#   backward-da yenidən hesablayır: daha az yaddaş, ~30% çox vaxt. Gün 26-da ölçəcəyik.

# %% md en
# ## 9. Why it matters for a 4 GB GPU
# - **Weight tying** saves 24.6M parameters: in AdamW training every parameter takes 16 bytes (Day 4), so that is
#   ~375 MiB less VRAM.
# - **SDPA does not store the attention matrix.** The explicit path keeps the `(B, nh, T, T)` scores and weights
#   of every layer for backward; fused SDPA recomputes them instead. Below we compute it for the seed model and
#   the gpu4gb micro-batch.
# - **The logits are big:** `(B, T, V)` = 4 · 256 · 32000 numbers. A larger vocabulary costs memory directly.
# - **Gradient checkpointing** (`model.gradient_checkpointing = True`) does not keep the blocks' activations and
#   recomputes them in backward: less memory, ~30% more time. We measure it on Day 26.

# %%
# NBVAL_CHECK_OUTPUT
from course_lib.profiles import PROFILES

gpu = PROFILES["gpu4gb"]
MIB = 2**20
B, nh, T = gpu.micro_batch, gpu.n_head, gpu.block_size
# az: ballar + çəkilər, fp16 (2 bayt), bütün qatlar
# en: scores + weights, fp16 (2 bytes), all layers
att_bytes = gpu.n_layer * 2 * B * nh * T * T * 2
logit_bytes = B * T * gpu.vocab_size * 2
print(_("açıq diqqət matrisləri:", "explicit attention matrices:"), f"{att_bytes / MIB:.0f} MiB")
print(_("logit-lər (fp16):", "logits (fp16):"), f"{logit_bytes / MIB:.0f} MiB")
print(_("bağlamanın qənaəti (16 bayt/parametr):", "tying saves (16 bytes/parameter):"),
      f"{gpu.vocab_size * gpu.n_embd * 16 / MIB:.0f} MiB")

# %% md az
# ## 10. Sürət: bizim model `transformers`-in GPT-2-si ilə yanaşı
# Kursun modelinin bir Təlim addımı eyni ölçülü `transformers` `GPT2LMHeadModel`-in (SDPA diqqəti, eyni fused
# AdamW) addımından ən çox 0.85× vaxt almalıdır. Matrislərin hasilləri hər ikisində eynidir; fərq yaddaşdadır:
# - backward üçün daha az tensor saxlanılır (aşağıda ölçülüb): məsələn, bizim GELU bir kernel-dir, `transformers`-in
#   `gelu_new`-u isə bir neçə əməliyyatdır və hər biri öz girişini saxlayır;
# - **bağlı matrisin bir qradiyenti var.** İki yerdə işlədilən çəkiyə autograd iki qradiyent verir və onları
#   üçüncü, yeni tensorda toplayır: `(V, C)` = 32000 × 768 matris üçün hər addımda üç dəfə 98 MB. CPU-da yeni
#   yaddaşın hər səhifəsi (4 KB) bir *page fault* deməkdir. `course_lib.model.TiedGradient` `lm_head`-in
#   qradiyentini saxlayır və embedding-in B·T sətrini ona yerində əlavə edir: eyni cəm, bir tensor.
#
# Əvvəlcə eyni çəkili iki modelin qradiyentlərini müqayisə edək: bizimki adi autograd ilə, kitabxananınkı bir
# tensorla.

# %% md en
# ## 10. Speed: our model beside `transformers`' GPT-2
# One training step of the course model must take at most 0.85× the time of a step of a `transformers`
# `GPT2LMHeadModel` of the same size (SDPA attention, the same fused AdamW). Both do the same matrix products; the
# difference is memory:
# - fewer tensors are saved for backward (measured below): our GELU, for one, is a single kernel, while
#   `transformers`' `gelu_new` is several operations that each save their input;
# - **the tied matrix gets one gradient.** Autograd gives a weight used in two places two gradients and adds them
#   into a third, new tensor: for the `(V, C)` = 32000 × 768 matrix that is three times 98 MB every step. On a CPU
#   every page (4 KB) of fresh memory costs a *page fault*. `course_lib.model.TiedGradient` keeps the `lm_head`
#   gradient and adds the embedding's B·T rows into it in place: the same sum, one tensor.
#
# First let us compare the gradients of our two models with the same weights: ours with plain autograd, the
# library's with one tensor.

# %%
for model in (mine, lib):
    model.zero_grad(set_to_none=True)
    model(idx, targets)[1].backward()
tied_mine, tied_lib = mine.tok_emb.weight.grad, lib.tok_emb.weight.grad
print(_("bağlı matrisin qradiyent fərqi:", "difference of the tied matrix's gradients:"),
      f"{(tied_mine - tied_lib).abs().max().item():.1e}")
print(_("eynidir:", "equal:"), torch.allclose(tied_mine, tied_lib, rtol=1e-4, atol=1e-6))

# %% md az
# `make bench` (`tools/bench_model.py`) əsas modelin bir Təlim addımını (forward + backward + AdamW) hər iki model
# üçün növbə ilə ölçür (CPU, fp32, batch 1) və nəticəni `assets/bench/model_cpu.json`-a yazır. Bu xana o faylı
# göstərir: hansı cihazda və nə vaxt ölçüldüyü də oradadır. Öz maşınınızda `make bench` ilə təkrarlayın.

# %% md en
# `make bench` (`tools/bench_model.py`) times one training step (forward + backward + AdamW) of the seed model for
# both models in turn (CPU, fp32, batch 1) and writes `assets/bench/model_cpu.json`. This cell shows that file,
# which also says on which device and when it was measured. Repeat it on your machine with `make bench`.

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
print(_("kurs / transformers:", "course / transformers:"), f"{bench['ratio']:.2f}×", _("(hədəf ≤ 0.85×)", "(target ≤ 0.85×)"))

fig, ax = plt.subplots(figsize=(5, 3))
ax.boxplot([bench["times_ms"][name] for name in names])
ax.set_xticks(range(1, len(names) + 1), names)
ax.set_ylabel(_("bir Təlim addımı, ms (bütün təkrarlar)", "one training step, ms (all repetitions)"))
ax.set_title(_("Əsas model, CPU, fp32, batch 1", "Seed model, CPU, fp32, batch 1"))
plt.tight_layout()
plt.show()

# %% md az
# ## 11. Tapşırıqlar
# Hər tapşırıqda funksiyanı yazın (`raise NotImplementedError` sətrini silin) və xananı işə salın. Yoxlama
# funksiyanızı bir neçə hal üzərində sınayır və ilk səhvi izah edir — cavabı göstərmir.
#
# **Tapşırıq 1.** `size × size` ölçülü kauzal maskanı qaytarın: `torch.bool`, i sətri j sütununu görə bilirsə
# (j ≤ i) `True`.

# %% md en
# ## 11. Exercises
# In each exercise write the function (delete the `raise NotImplementedError` line) and run the cell. The check
# tries your function on several cases and explains the first mistake — it does not show the answer.
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
#   ilə eynidir, amma SDPA `(T, T)` matrisini saxlamır.
# - Öyrənməmiş modelin itkisi ≈ ln(V).
# - Əsas model (32000, 256, 12/12/768) ≈ 110M parametrdir; çəki bağlama ~22% qənaət edir.
#
# **İndi `course_lib`-də:** `model` (`GPTModel`, `CausalSelfAttention`, `MLP`, `Block`, `causal_mask`,
# `seed_config`; `python -m course_lib.model`). Sürət müqayisəsi: `python tools/bench_model.py`.
#
# **Növbəti gün:** [Gün 21 — tokenizer](day21_tokenizer.ipynb)

# %% md en
# ## Summary
# - GPT = token + position embeddings → `n_layer` pre-LN blocks (causal self-attention + MLP, with residual
#   connections) → a final LayerNorm → an `lm_head` tied to the embedding.
# - The causal mask hides the future; the hand-written masked softmax equals
#   `F.scaled_dot_product_attention(is_causal=True)`, but SDPA does not store the `(T, T)` matrix.
# - An untrained model's loss is ≈ ln(V).
# - The seed model (32000, 256, 12/12/768) has ≈ 110M parameters; weight tying saves ~22%.
#
# **Now in `course_lib`:** `model` (`GPTModel`, `CausalSelfAttention`, `MLP`, `Block`, `causal_mask`,
# `seed_config`; `python -m course_lib.model`). Speed comparison: `python tools/bench_model.py`.
#
# **Next day:** [Day 21 — the tokenizer](day21_tokenizer.ipynb)
