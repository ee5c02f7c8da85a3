"""Messages of Day 29 (generation: sampling settings, the KV cache and their self-checks)."""

MESSAGES = {
    "day29_cache_full": {
        "az": "KV keşi ən çox block_size={block_size} mövqe saxlayır (modeldə bu qədər mövqe embedding-i var), bu "
              "mətn isə {needed} mövqe tələb edir. Prompt + yeni tokenlər block_size-a sığmalıdır. Daha uzun mətn "
              "üçün keşsiz generasiya edin (use_cache=False): orada kontekst son block_size tokenə qədər "
              "qısaldılır.",
        "en": "The KV cache holds at most block_size={block_size} positions (the model has that many position "
              "embeddings), but this text needs {needed}. The prompt + the new tokens must fit in block_size. For "
              "longer text generate without the cache (use_cache=False): there the context is cropped to the last "
              "block_size tokens.",
    },
    "day29_bad_temperature": {
        "az": "temperature={value} olmaz: 0-dan böyük olmalıdır (0 — greedy, yəni argmax; onu sample_next özü edir).",
        "en": "temperature={value} is not allowed: it must be above 0 (0 means greedy, the argmax, which sample_next "
              "does itself).",
    },
    "day29_bad_top_k": {
        "az": "top_k={value} olmaz: ən azı 1 token saxlanmalıdır (top_k ≥ 1).",
        "en": "top_k={value} is not allowed: at least 1 token must stay (top_k ≥ 1).",
    },
    "day29_bad_top_p": {
        "az": "top_p={value} olmaz: 0 < top_p ≤ 1 olmalıdır (1 — bütün tokenlər qalır).",
        "en": "top_p={value} is not allowed: it must satisfy 0 < top_p ≤ 1 (1 keeps every token).",
    },
    "day29_bad_penalty": {
        "az": "repetition_penalty={value} olmaz: ≥ 1 olmalıdır (1 — cərimə yoxdur, 1.1–1.3 adi seçimdir).",
        "en": "repetition_penalty={value} is not allowed: it must be ≥ 1 (1 means no penalty, 1.1–1.3 is usual).",
    },
    "hint_day29_temperature": {
        "az": "T < 1 temperaturu paylanmanı kəskinləşdirməli, T > 1 yastılaşdırmalı, T = 1 isə heç nəyi "
              "dəyişməməlidir. Logit-ləri (softmax-dan əvvəlki qiymətləri) qaytarın; forma (B, V) olaraq qalır.",
        "en": "a temperature T below 1 must sharpen the distribution, above 1 flatten it, and T = 1 change nothing. "
              "Return logits (before the softmax); the shape stays (B, V).",
    },
    "hint_day29_temperature_formula": {
        "az": "logit-ləri temperatura bölün: logits / T.",
        "en": "divide the logits by the temperature: logits / T.",
    },
    "hint_day29_top_k": {
        "az": "hər sətirdə ən böyük k logit qalır, qalanları −∞ olur ki, softmax onlara 0 ehtimal versin. Ən "
              "kiçikləri yox, ən böyükləri; k+1 yox, düz k ədəd. Forma (B, V) qalır.",
        "en": "in every row the k largest logits stay and the rest become −∞, so that softmax gives them probability "
              "0. The largest, not the smallest; exactly k, not k+1. The shape stays (B, V).",
    },
    "hint_day29_top_k_formula": {
        "az": "torch.topk hər sətirdə ən böyük k dəyəri və onların indekslərini verir; −∞ ilə doldurulmuş tensorda "
              "həmin indekslərə bu dəyərləri yazın (scatter).",
        "en": "torch.topk gives the k largest values of each row and their indices; write those values at those "
              "indices into a tensor filled with −∞ (scatter).",
    },
    "hint_day29_top_p": {
        "az": "ehtimalları cəmi p-yə çatan ən kiçik, ən ehtimallı tokenlər dəstini saxlayın: cəmi p-ni keçən token də "
              "qalır; qalanları −∞ olur. Logit-lər lüğətdəki sırasında qalır.",
        "en": "keep the smallest set of most likely tokens whose probabilities reach p: the token that crosses p "
              "stays too; all others become −∞. The logits stay in vocabulary order.",
    },
    "hint_day29_top_p_formula": {
        "az": "ehtimalları azalan sıraya düzün (softmax, sort) və cumsum götürün. Özündən əvvəlkilərin cəmi < p olan "
              "hər token saxlanır, qalanları −∞. Sonra ilkin sıraya qaytarın (scatter).",
        "en": "sort the probabilities in descending order (softmax, sort) and take the cumsum. Keep every token whose "
              "predecessors sum to < p, the rest become −∞. Then put them back in vocabulary order (scatter).",
    },
    "hint_day29_cache_bytes": {
        "az": "hər qat batch-in hər ardıcıllığı üçün indiyədək gələn bütün tokenlərin açar və dəyərlərini saxlayır; "
              "bütün başlıqlar birlikdə C genişliyindədir.",
        "en": "every layer caches the keys and values of every token so far, for each sequence of the batch; all the "
              "heads together are C wide.",
    },
    "hint_day29_cache_bytes_formula": {
        "az": "hər qatda açarlar və dəyərlər (2 tensor), hər biri (B, nh, T, hs), nh · hs = C: 2 · n_layer · B · T · "
              "C · bayt. Başlıq sayı lazım deyil.",
        "en": "every layer keeps keys and values (2 tensors), each (B, nh, T, hs), and nh · hs = C: 2 · n_layer · B · "
              "T · C · bytes. The number of heads is not needed.",
    },
}
