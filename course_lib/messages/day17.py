"""Messages of Day 17 (the GPT model, its self-checks and its benchmark)."""

MESSAGES = {
    "day17_heads_mismatch": {
        "az": "n_embd={n_embd} ədədi n_head={n_head} ədədinə tam bölünmür: hər başlığa (head) bərabər ölçü "
              "(n_embd // n_head) düşməlidir. Məsələn, 768 / 12 = 64.",
        "en": "n_embd={n_embd} is not divisible by n_head={n_head}: every head needs the same size "
              "(n_embd // n_head). For example 768 / 12 = 64.",
    },
    "day17_attention_unknown": {
        "az": "'{name}' adlı diqqət (attention) üsulu yoxdur. Mümkün olanlar: {valid}.",
        "en": "There is no attention kind called '{name}'. Valid kinds: {valid}.",
    },
    "day17_too_long": {
        "az": "Ardıcıllıqda {T} token var, model isə ən çox block_size={block_size} token görür (modeldə bu qədər "
              "mövqe embedding-i var). Girişi qısaldın: idx[:, -{block_size}:].",
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
              "{config} konfiqurasiyası, {steps} təkrarın medianı:",
        "en": "One training step (forward + backward + AdamW + zero_grad), {device}, fp32, batch 1, "
              "{config} config, median of {steps} repetitions:",
    },
    "day17_bench_time": {
        "az": "  {name:<14} {ms:9.1f} ms",
        "en": "  {name:<14} {ms:9.1f} ms",
    },
    "day17_bench_ratio": {
        "az": "  kurs / transformers = {ratio:.3f}× (addım vaxtlarının nisbəti: 1-dən kiçikdirsə, kursun modeli daha "
              "sürətlidir)",
        "en": "  course / transformers = {ratio:.3f}× (the ratio of the step times: below 1, the course model is "
              "faster)",
    },
    "day17_bench_faults": {
        "az": "  {name:<14} {faults:9.0f} kiçik səhifə xətası (minor page fault) hər addımda",
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
        "az": "i sorğusu (sətir) j açarını (sütun) yalnız j onun gələcəyində deyilsə görə bilər. Bu, matrisin hansı "
              "üçbucağıdır və diaqonal ona daxildirmi? Nəticə bool tensordur.",
        "en": "query i (the row) may see key j (the column) only when j is not in its future. Which triangle of the "
              "matrix is that, and is the diagonal in it? The result is a bool tensor.",
    },
    "hint_day17_causal_mask_formula": {
        "az": "mask[i, j] = (j ≤ i): diaqonal daxil olmaqla aşağı üçbucaq, dtype torch.bool — birlərdən ibarət "
              "kvadrat matrisin aşağı üçbucağı (tril).",
        "en": "mask[i, j] = (j ≤ i): the lower triangle with the diagonal, dtype torch.bool — the lower triangle "
              "(tril) of a square matrix of ones.",
    },
    "hint_day17_split_heads": {
        "az": "hər başlıq (head) hər tokenin kanallarından bərabər pay alır: hs kanal. Nəticədə başlıqlar "
              "zamandan əvvəl gəlir: (B, n_head, T, hs). Birbaşa bu formaya çevirmək tokenləri və başlıqları "
              "qarışdırır.",
        "en": "every head gets an equal share of each token's channels: hs of them. In the result the "
              "heads come before time: (B, n_head, T, hs). Reshaping straight into that shape mixes up tokens and "
              "heads.",
    },
    "hint_day17_split_heads_formula": {
        "az": "son ölçünü (C) view ilə (n_head, hs) formasına salın — (B, T, n_head, hs) alınır — sonra 1-ci və 2-ci "
              "ölçülərin yerini dəyişin (transpose).",
        "en": "view the last dimension (C) as (n_head, hs), which gives (B, T, n_head, hs), then swap dimensions 1 "
              "and 2 (transpose).",
    },
    "hint_day17_attention": {
        "az": "hər sorğu hər açarla müqayisə olunur və ballar elə miqyaslanır ki, onların dağınıqlığı başlığın ölçüsü "
              "ilə böyüməsin; sorğu gələcək açarları görə bilməz; hər sorğunun çəkilərinin cəmi 1-dir. Nəticə "
              "dəyərləri (values) qarışdırır və q ilə eyni formadadır: (B, nh, T, hs); (T, T) çəki matrisi deyil.",
        "en": "every query is compared with every key, and the scores are scaled so that their spread does not grow "
              "with the head size; a query may not see future keys; each query's weights sum to 1. The output mixes "
              "the values and has q's shape (B, nh, T, hs), not the (T, T) weights.",
    },
    "hint_day17_attention_formula": {
        "az": "q·kᵀ / √hs; gələcək mövqelər (j > i) softmax-dan əvvəl −∞ edilir; softmax açarlar üzrə (son ölçü) "
              "götürülür və nəticə v ilə vurulur.",
        "en": "q·kᵀ / √hs; the future positions (j > i) are set to −∞ before the softmax; the softmax runs over the "
              "keys (the last dimension) and its result is multiplied by v.",
    },
    "hint_day17_param_count": {
        "az": "modelin hər parametr tensorunu sayın: iki embedding, sonra hər blokda diqqət və MLP (çəkilər və "
              "bias-lar) və iki LayerNorm (hər birində bir çəki və bir bias), sonda isə yekun LayerNorm. lm_head token "
              "embedding-i ilə bağlıdır: onu iki dəfə saymayın.",
        "en": "count every parameter tensor of the model: the two embeddings, then per block the attention and the "
              "MLP (weights and biases) and two LayerNorms (a weight and a bias each), and the final LayerNorm at the "
              "end. lm_head is tied to the token embedding: do not count it twice.",
    },
    "hint_day17_param_count_formula": {
        "az": "V·C + block_size·C + n_layer·(12·C² + 13·C) + 2·C. Bir blokda: qkv 3C² + 3C, proyeksiya C² + C, fc 4C² "
              "+ 4C, onun proyeksiyası 4C² + C, iki LayerNorm 4C.",
        "en": "V·C + block_size·C + n_layer·(12·C² + 13·C) + 2·C. Per block: qkv 3C² + 3C, projection C² + C, fc 4C² "
              "+ 4C, its projection 4C² + C, two LayerNorms 4C.",
    },
}
