"""Messages of Day 21 (the corpus and the BPE tokenizer)."""

MESSAGES = {
    "day21_corpus_missing": {
        "az": "Korpus tapılmadı: '{path}' yoxdur. Yolu yoxlayın (mətn faylı və ya *.txt faylları olan qovluq).",
        "en": "Corpus not found: '{path}' does not exist. Check the path (a text file or a folder of *.txt files).",
    },
    "day21_corpus_no_txt": {
        "az": "'{path}' qovluğunda (alt qovluqlar daxil) heç bir *.txt faylı yoxdur.",
        "en": "The folder '{path}' (subfolders included) holds no *.txt file.",
    },
    "day21_corpus_not_utf8": {
        "az": "'{file}' faylı UTF-8 deyil (xəta {position} nömrəli baytdadır). Faylı UTF-8 kodlaşdırması ilə yenidən "
              "saxlayın (məs. redaktorda \"Save with encoding → UTF-8\").",
        "en": "The file '{file}' is not UTF-8 (error at byte {position}). Save it again with the UTF-8 encoding "
              "(e.g. your editor's \"Save with encoding → UTF-8\").",
    },
    "day21_corpus_empty": {
        "az": "Korpus boşdur: '{source}' içində mətn yoxdur. Tokenizator və model üçün mətn lazımdır.",
        "en": "The corpus is empty: '{source}' holds no text. The tokenizer and the model need text.",
    },
    "day21_corpus_no_column": {
        "az": "'{name}' məlumat dəstində '{column}' sütunu yoxdur. Mövcud sütunlar: {columns}. "
              "text_column= arqumentini dəyişin.",
        "en": "The dataset '{name}' has no column '{column}'. Its columns: {columns}. Change the text_column= "
              "argument.",
    },
    "day21_vocab_too_small": {
        "az": "Lüğət ölçüsü {vocab_size} çox kiçikdir: bayt səviyyəli BPE-nin 256 baytı və {n_special} xüsusi "
              "tokeni var, deməli, ən azı {minimum} lazımdır.",
        "en": "A vocabulary of {vocab_size} is too small: byte-level BPE has 256 bytes and {n_special} special "
              "token(s), so it needs at least {minimum}.",
    },
    "day21_vocab_uint16": {
        "az": "Lüğət ölçüsü {vocab_size} uint16-ya sığmır: uint16 yalnız 0…65535 ədədlərini saxlayır, yəni ən çox "
              "{maximum} token. Daha kiçik lüğət seçin.",
        "en": "A vocabulary of {vocab_size} does not fit uint16: uint16 holds only 0…65535, that is at most "
              "{maximum} tokens. Choose a smaller vocabulary.",
    },
    "day21_vocab_too_large": {
        "az": "Bu korpus {requested} tokenlik lüğət üçün kifayət etmir: öyrənmə {achieved} tokendə dayandı "
              "(birləşdiriləcək, ən azı {min_frequency} dəfə rast gələn cüt qalmadı). vocab_size={achieved} və ya "
              "daha kiçik seçin, ya da korpusu böyüdün.",
        "en": "This corpus cannot support a vocabulary of {requested}: training stopped at {achieved} tokens (no "
              "pair seen at least {min_frequency} times was left to merge). Use vocab_size={achieved} or less, "
              "or a bigger corpus.",
    },
    "day21_tokenizer_missing": {
        "az": "Tokenizator faylı tapılmadı: '{path}'. Əvvəlcə tokenizatoru öyrədib saxlayın (Gün 21).",
        "en": "Tokenizer file not found: '{path}'. Train and save a tokenizer first (Day 21).",
    },
    "day21_vocab_mismatch": {
        "az": "Tokenizatorun lüğəti {tokenizer} tokendir, modelinki isə {model}. Onlar eyni olmalıdır: modeli "
              "vocab_size={tokenizer} ilə yaradın (və ya eyni tokenizatoru istifadə edin).",
        "en": "The tokenizer has {tokenizer} tokens but the model's vocabulary is {model}. They must be equal: "
              "build the model with vocab_size={tokenizer} (or use the matching tokenizer).",
    },
    "hint_day21_pair_counts": {
        "az": "yanaşı duran hər iki id-yə baxın: siyahıda sonuncudan başqa hər id-nin sağında qonşusu var və eyni "
              "cüt bir neçə dəfə təkrarlana bilər. Cütləri ilk göründükləri sırada saxlayın: 3-cü tapşırıq "
              "bərabərlikdə məhz bu sıraya baxır.",
        "en": "look at every two neighbouring ids: every id but the last has a neighbour on its right, and the "
              "same pair may come several times. Keep the pairs in the order they first appear: exercise 3 breaks "
              "ties by that order.",
    },
    "hint_day21_pair_counts_formula": {
        "az": "i = 0 … n-2 üzrə gedin və (ids[i], ids[i+1]) cütünün sayını 1 artırın (ilk dəfə 0-dan başlayaraq). "
              "Lüğət (dict) açarları ilk əlavə olunduqları sırada saxlayır; set isə heç bir sıra saxlamır.",
        "en": "go through i = 0 … n-2 and add 1 to the count of (ids[i], ids[i+1]), starting from 0 the first time. A "
              "dict keeps its keys in the order they were first added; a set keeps no order at all.",
    },
    "hint_day21_merge_pair": {
        "az": "birləşmələr üst-üstə düşmür: cüt əvəz olunan kimi onun ikinci elementi də istifadə olunmuş sayılır. "
              "Siyahının son elementinə və təkrarlanan elementlərə, məsələn [1, 1, 1]-dəki (1, 1) cütünə diqqət edin.",
        "en": "merges never overlap: once a pair is replaced, its second item is used up too. Watch the last item of "
              "the list and repeated items, like the pair (1, 1) in [1, 1, 1].",
    },
    "hint_day21_merge_pair_formula": {
        "az": "soldan sağa gedin: cüt burada başlayırsa, new_id yazın və iki addım irəliləyin; əks halda elementi "
              "olduğu kimi saxlayıb bir addım irəliləyin. Siyahının sonunda tək qalan elementi unutmayın.",
        "en": "walk left to right: where the pair starts, write new_id and step two; otherwise keep the item and step "
              "one. Do not forget a single item left at the end of the list.",
    },
    "hint_day21_merge_step": {
        "az": "cütləri sayın, ən tez-tez rast gəlinənini seçin (bərabərlikdə — ilk görünəni), onu new_id ilə "
              "birləşdirin və (yeni siyahı, cüt) qaytarın. İşin çoxunu yuxarıdakı iki funksiyanız görür.",
        "en": "count the pairs, take the most frequent one (on a tie, the one seen first), merge it into new_id and "
              "return (new list, pair). Your two functions above do most of the work.",
    },
    "hint_day21_merge_step_formula": {
        "az": "cüt = sayı ən böyük olan açar. Lüğətə tətbiq edilən max bərabərlik halında lüğətdə birinci gələn "
              "açarı, yəni ilk görünən cütü qaytarır. Sonra 2-ci tapşırığın funksiyası ilə bu cütü new_id ilə əvəz "
              "edin və (yeni siyahı, cüt) qaytarın.",
        "en": "pair = the key with the largest count. max over a dict returns, on a tie, the key that comes first in "
              "the dict, that is the pair seen first. Then replace that pair by new_id with exercise 2's function and "
              "return (new list, pair).",
    },
}
