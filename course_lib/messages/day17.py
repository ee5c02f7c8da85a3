"""Messages of Day 17 (the GPT model, its self-checks and its benchmark)."""

MESSAGES = {
    "day17_heads_mismatch": {
        "az": "n_embd={n_embd} n_head={n_head}-ə tam bölünmür: hər başlığa (head) bərabər ölçü (n_embd // n_head) "
              "düşməlidir. Məsələn 768 / 12 = 64.",
        "en": "n_embd={n_embd} is not divisible by n_head={n_head}: every head needs the same size "
              "(n_embd // n_head). For example 768 / 12 = 64.",
    },
    "day17_attention_unknown": {
        "az": "'{name}' adlı diqqət (attention) üsulu yoxdur. Mümkün olanlar: {valid}.",
        "en": "There is no attention kind called '{name}'. Valid kinds: {valid}.",
    },
    "day17_too_long": {
        "az": "Ardıcıllıq {T} tokendir, model isə ən çox block_size={block_size} token görür (mövqe embedding-ləri "
              "bu qədərdir). Girişi kəsin: idx[:, -{block_size}:].",
        "en": "The sequence has {T} tokens but the model sees at most block_size={block_size} (it has that many "
              "position embeddings). Crop the input: idx[:, -{block_size}:].",
    },
    "day17_bad_token": {
        "az": "Token id-ləri {low}…{high} aralığındadır, model isə yalnız 0…{max_id} tanıyır "
              "(vocab_size={vocab_size}). Tokenizatorun lüğət ölçüsü modelinkindən böyük ola bilməz.",
        "en": "Token ids span {low}…{high} but the model knows only 0…{max_id} (vocab_size={vocab_size}). The "
              "tokenizer's vocabulary must not be larger than the model's.",
    },
    "day17_seed_params": {
        "az": "Əsas model (lüğət {vocab_size}, blok {block_size}, {n_layer}/{n_head}/{n_embd}): {n:,} parametr "
              "(≈{millions:.1f}M, lm_head embedding ilə bağlıdır).",
        "en": "Seed model (vocab {vocab_size}, block {block_size}, {n_layer}/{n_head}/{n_embd}): {n:,} parameters "
              "(≈{millions:.1f}M, lm_head tied to the embedding).",
    },
    "day17_bench_header": {
        "az": "Bir təlim addımı (forward + backward + AdamW + zero_grad), {device}, fp32, batch 1, "
              "{config} konfiqurasiya, {steps} təkrarın medianı:",
        "en": "One training step (forward + backward + AdamW + zero_grad), {device}, fp32, batch 1, "
              "{config} config, median of {steps} repetitions:",
    },
    "day17_bench_time": {
        "az": "  {name:<14} {ms:9.1f} ms",
        "en": "  {name:<14} {ms:9.1f} ms",
    },
    "day17_bench_ratio": {
        "az": "  kurs / transformers = {ratio:.3f}× (hədəf ≤ 0.85×)",
        "en": "  course / transformers = {ratio:.3f}× (target ≤ 0.85×)",
    },
    "day17_bench_faults": {
        "az": "  {name:<14} {faults:9.0f} kiçik səhifə xətası (minor page fault) bir addımda",
        "en": "  {name:<14} {faults:9.0f} minor page faults per step",
    },
    "day17_bench_memory_header": {
        "az": "Yaddaş ({method}), MiB:",
        "en": "Memory ({method}), MiB:",
    },
    "day17_bench_memory": {
        "az": "  {name:<14} {total:9.1f}  (çəkilər {params:.1f}, qradiyentlər {grads:.1f}, AdamW {optimizer:.1f}, "
              "backward üçün saxlananlar {activations:.1f})",
        "en": "  {name:<14} {total:9.1f}  (weights {params:.1f}, gradients {grads:.1f}, AdamW {optimizer:.1f}, "
              "saved for backward {activations:.1f})",
    },
    "day17_bench_peak": {
        "az": "  {name:<14} {total:9.1f}  (torch.cuda.max_memory_allocated)",
        "en": "  {name:<14} {total:9.1f}  (torch.cuda.max_memory_allocated)",
    },
    "day17_bench_saved": {
        "az": "Nəticələr yazıldı: {path}",
        "en": "Results written to {path}",
    },
    "hint_day17_causal_mask": {
        "az": "i sətri (sorğu) j sütununu (açar) yalnız j ≤ i olanda görə bilər: aşağı üçbucaq, diaqonal daxil. "
              "dtype torch.bool olmalıdır (torch.tril).",
        "en": "row i (the query) may see column j (the key) only when j ≤ i: the lower triangle, diagonal "
              "included, as torch.bool (torch.tril).",
    },
    "hint_day17_split_heads": {
        "az": "(B, T, C) → view(B, T, n_head, C // n_head) → transpose(1, 2): nəticə (B, n_head, T, hs) olmalıdır.",
        "en": "(B, T, C) → view(B, T, n_head, C // n_head) → transpose(1, 2): the result is (B, n_head, T, hs).",
    },
    "hint_day17_attention": {
        "az": "q @ kᵀ-ni √hs-ə bölün, gələcək mövqeləri -inf ilə örtün (masked_fill), softmax(dim=-1), sonra @ v. "
              "Nəticə q ilə eyni formadadır: (B, nh, T, hs), diqqət çəkiləri (T, T) deyil.",
        "en": "divide q @ kᵀ by √hs, fill future positions with -inf (masked_fill), softmax(dim=-1), then @ v. "
              "The result has q's shape (B, nh, T, hs), not the (T, T) attention weights.",
    },
    "hint_day17_param_count": {
        "az": "token embedding-i (V·C) + mövqe embedding-i (block·C) + hər blokda qkv, proj, fc, proj (bias-larla) "
              "və iki LayerNorm (hər biri 2C) + son LayerNorm. lm_head embedding ilə bağlıdır: bir dəfə sayılır.",
        "en": "token embedding (V·C) + position embedding (block·C) + per block qkv, proj, fc, proj (with biases) "
              "and two LayerNorms (2C each) + the final LayerNorm. lm_head is tied to the embedding: count it once.",
    },
}
