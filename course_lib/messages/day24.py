"""Messages of Day 24 (optimizer and learning-rate schedule): hints of its exercises."""

MESSAGES = {
    "hint_day24_warmup_lr": {
        "az": "isinmə (warmup) düz xəttdir: 0-cı addımda 0, warmup_steps addımında max_lr; hər addımda eyni qədər "
              "artır.",
        "en": "warmup is a straight line: 0 at step 0, max_lr at step warmup_steps, rising by the same amount every "
              "step.",
    },
    "hint_day24_warmup_lr_formula": {
        "az": "öyrənmə sürəti = max_lr · step / warmup_steps (step + 1 yox: 0-cı addımda öyrənmə sürəti 0-dır).",
        "en": "learning rate = max_lr · step / warmup_steps (not step + 1: the learning rate at step 0 is 0).",
    },
    "hint_day24_cosine_lr": {
        "az": "yarım kosinus dalğası: progress 0-da max_lr, progress 1-də min_lr, progress 0.5-də onların düz ortası; "
              "hər iki ucda əyri yastılaşır.",
        "en": "half a cosine wave: max_lr at progress 0, min_lr at progress 1, exactly halfway between them at "
              "progress 0.5; the curve is flat at both ends.",
    },
    "hint_day24_cosine_lr_formula": {
        "az": "öyrənmə sürəti = min_lr + (max_lr − min_lr) · ½ · (1 + cos(π · progress)); ½ · (1 + cos(π · progress)) "
              "1-dən 0-a enir.",
        "en": "learning rate = min_lr + (max_lr − min_lr) · ½ · (1 + cos(π · progress)); ½ · (1 + cos(π · progress)) "
              "goes from 1 down to 0.",
    },
    "hint_day24_lr_at": {
        "az": "iki hissə: ilk warmup_steps addım ərzində isinmə xətti, sonra qalan addımlar boyu max_lr-dən min_lr-ə "
              "(burada standart olaraq 0) yarım kosinus dalğası. Kosinusun irəliləyişi 0-cı addımdan yox, isinmənin "
              "sonundan sayılır.",
        "en": "two pieces: the warmup line during the first warmup_steps steps, then half a cosine wave from max_lr "
              "down to min_lr (0 here by default) over the remaining steps. The cosine's progress counts from the end "
              "of the warmup, not from step 0.",
    },
    "hint_day24_lr_at_formula": {
        "az": "step < warmup_steps olanda: max_lr · step / warmup_steps. Sonra progress = (step − warmup_steps) / "
              "(total_steps − warmup_steps) və min_lr + (max_lr − min_lr) · ½ · (1 + cos(π · progress)); total_steps "
              "addımında min_lr-ə çatır.",
        "en": "while step < warmup_steps: max_lr · step / warmup_steps. Then progress = (step − warmup_steps) / "
              "(total_steps − warmup_steps) and min_lr + (max_lr − min_lr) · ½ · (1 + cos(π · progress)); it reaches "
              "min_lr at total_steps.",
    },
    "hint_day24_decay_split": {
        "az": "weight decay çəkiləri 0-a doğru çəkir: o, xüsusiyyətləri qarışdıran matrislərə (və embedding-lərə) "
              "aiddir, bias-lara və normalizasiya qatlarının çəkilərinə yox. Parametrin adına görə yox, formasına "
              "görə qərar verin; adları qaytarın və modeldəki sıranı saxlayın.",
        "en": "weight decay pulls weights towards 0: it belongs to the matrices that mix features (and to the "
              "embeddings), not to biases or the weights of normalisation layers. Decide by a parameter's shape, not "
              "by its name; return names, in the model's order.",
    },
    "hint_day24_decay_split_formula": {
        "az": "decay: 2 və daha çox ölçülü parametrlər (p.dim() ≥ 2); decay-siz: qalanları (bias-lar, "
              "LayerNorm/BatchNorm çəkiləri). model.named_parameters()-i sıra ilə gəzin: bağlı (tied) çəki orada "
              "yalnız bir dəfə görünür.",
        "en": "decay: the parameters with 2 or more dimensions (p.dim() ≥ 2); no decay: the rest (biases, "
              "LayerNorm/BatchNorm weights). Go through model.named_parameters() in order: a tied weight comes once "
              "there.",
    },
}
