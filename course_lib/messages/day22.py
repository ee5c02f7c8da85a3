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
        "az": "ilk (1 - val_fraction) hissə train, qalanı val olsun; sərhəd int(len(ids) * (1 - val_fraction)). "
              "Qarışdırmayın: mətnin ardıcıllığı qorunmalıdır.",
        "en": "the first (1 - val_fraction) goes to train, the rest to val; the cut is "
              "int(len(ids) * (1 - val_fraction)). Do not shuffle: the text must stay in order.",
    },
    "hint_day22_make_batch": {
        "az": "hər offset i üçün x = data[i : i+block_size], y isə bir token sağa sürüşmüş: "
              "data[i+1 : i+block_size+1]. Sətirləri torch.stack ilə birləşdirin, dtype int64 (long) olsun.",
        "en": "for each offset i, x = data[i : i+block_size] and y is shifted one token right: "
              "data[i+1 : i+block_size+1]. Stack the rows with torch.stack; the dtype is int64 (long).",
    },
    "hint_day22_chunk_tokens": {
        "az": "parçalar block_size addımı ilə başlayır və hər biri block_size+1 uzunluqdadır (x və y üçün); "
              "qonşu parçalar bir token paylaşır. Parça sayı (len(data) - 1) // block_size.",
        "en": "chunks start every block_size tokens and each is block_size+1 long (for x and y); neighbours share "
              "one token. There are (len(data) - 1) // block_size chunks.",
    },
}
