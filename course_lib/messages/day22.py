"""Messages of Day 22 (token files, train/val split, batches)."""

MESSAGES = {
    "day22_ids_uint16": {
        "az": "Token id-si {max_id} uint16-ya sığmır (ən çox 65535). Lüğəti 65536 tokendən kiçik olan "
              "tokenizator istifadə edin.",
        "en": "Token id {max_id} does not fit uint16 (at most 65535). Use a tokenizer with fewer than 65536 tokens.",
    },
    "day22_block_too_big": {
        "az": "{what} cəmi {n_tokens} tokendir, block_size={block_size} isə ən azı {need} token tələb edir "
              "(giriş + bir token sürüşmüş hədəf). block_size-ı kiçildin və ya korpusu böyüdün.",
        "en": "{what} has only {n_tokens} tokens, but block_size={block_size} needs at least {need} (the input "
              "plus the target shifted by one token). Use a smaller block_size or a bigger corpus.",
    },
    "day22_what_data": {"az": "Məlumat", "en": "The data"},
    "day22_what_train": {"az": "Təlim hissəsi (train)", "en": "The training split"},
    "day22_what_val": {"az": "Validasiya hissəsi (val)", "en": "The validation split"},
    "day22_ready": {
        "az": "Tokenizator və token faylları: {path} ({state}; lüğət {vocab_size}, train {train_tokens} / "
              "val {val_tokens} token). Necə qurulduğunu Gün 21 (tokenizator) və Gün 22 (token faylları) izah edir.",
        "en": "Tokenizer and token files: {path} ({state}; vocabulary {vocab_size}, train {train_tokens} / "
              "val {val_tokens} tokens). Day 21 (tokenizer) and Day 22 (token files) explain how they are made.",
    },
    "day22_state_built": {"az": "indi quruldu", "en": "built now"},
    "day22_state_found": {"az": "artıq hazır idi", "en": "already there"},
    "hint_day22_split_train_val": {
        "az": "train mətnin əvvəli, val isə sonudur: qarışdırmaq olmaz, heç nə itməməli və ya təkrarlanmamalıdır. val "
              "tokenlərin val_fraction qədər hissəsini alır; sərhədi necə yuvarlaqlaşdırmaq sizin seçiminizdir — "
              "yoxlama o yan-bu yana bir tokenlik fərqi qəbul edir.",
        "en": "train is the beginning of the text and val its end: no shuffling, nothing lost, nothing repeated. val "
              "gets val_fraction of the tokens; how you round the cut is up to you — the check accepts a cut one "
              "token either way.",
    },
    "hint_day22_split_train_val_formula": {
        "az": "sərhəd = ⌊len(ids) · (1 − val_fraction)⌋ (kursun seçimi; bir token çox və ya az da qəbul olunur). "
              "train — sərhəddən əvvəlki tokenlər, val — sərhəddən sona qədər olanlar.",
        "en": "cut = ⌊len(ids) · (1 − val_fraction)⌋ (the course's choice; one token more or less is accepted too). "
              "train = the tokens before the cut, val = the tokens from the cut to the end.",
    },
    "hint_day22_make_batch": {
        "az": "hər hədəf öz giriş tokenindən sonra gələn tokendir: y x-in pəncərələrinin eynisidir, sadəcə bir token "
              "sağa sürüşdürülüb. Hər offset üçün bir sətir; x də, y də (B, T) formasında int64 token id-ləridir.",
        "en": "every target is the token that follows its input token: y holds the same windows as x, moved one token "
              "to the right. One row per offset; x and y are both (B, T) int64 token ids.",
    },
    "hint_day22_make_batch_formula": {
        "az": "i offseti üçün x = data[i : i+T], y = data[i+1 : i+T+1] (T = block_size). Sətirləri (B, T) formasında "
              "bir-birinin üstünə yığın (stack) və int64-ə (long) çevirin.",
        "en": "for offset i: x = data[i : i+T] and y = data[i+1 : i+T+1] (T = block_size). Stack the rows into (B, T) "
              "and convert them to int64 (long).",
    },
    "hint_day22_chunk_tokens": {
        "az": "parçalar hər block_size tokendən bir başlayır və block_size-dan bir token uzundur ki, həm x-i, həm də "
              "sürüşmüş y-i saxlasın: qonşu parçalar bir tokeni bölüşür. Yalnız tam parçalar sayılır; hər sətirdə bir "
              "parça, int64.",
        "en": "chunks start every block_size tokens and are one token longer than block_size, so that each holds x "
              "and its shifted y: neighbours share one token. Only whole chunks count; one chunk per row, int64.",
    },
    "hint_day22_chunk_tokens_formula": {
        "az": "N = ⌊(len(data) − 1) / block_size⌋ parça; n-ci parça = data[n·T : n·T + T + 1], T = block_size. "
              "Parçaları bir-birinin üstünə yığın (stack) və int64-ə çevirin.",
        "en": "N = ⌊(len(data) − 1) / block_size⌋ chunks; chunk n = data[n·T : n·T + T + 1] with T = block_size. "
              "Stack them and convert to int64.",
    },
}
