"""Messages of Day 24 (optimizer and learning-rate schedule): hints of its exercises."""

MESSAGES = {
    "hint_day24_warmup_lr": {
        "az": "isinmə (warmup) xəttidir: 0-cı addımda 0, warmup_steps addımında max_lr. Yəni "
              "max_lr * step / warmup_steps (step + 1 yox).",
        "en": "warmup is a straight line: 0 at step 0, max_lr at step warmup_steps. That is "
              "max_lr * step / warmup_steps (not step + 1).",
    },
    "hint_day24_cosine_lr": {
        "az": "progress=0-da max_lr, progress=1-də min_lr olmalıdır. 0.5 * (1 + cos(pi * progress)) 1-dən 0-a "
              "enir; onu (max_lr - min_lr) ilə vurub min_lr əlavə edin.",
        "en": "it must be max_lr at progress=0 and min_lr at progress=1. 0.5 * (1 + cos(pi * progress)) goes from 1 "
              "to 0; multiply it by (max_lr - min_lr) and add min_lr.",
    },
    "hint_day24_lr_at": {
        "az": "step < warmup_steps olanda xətti isinmə: max_lr * step / warmup_steps. Sonra kosinus: "
              "progress = (step - warmup_steps) / (total_steps - warmup_steps) və "
              "max_lr * 0.5 * (1 + cos(pi * progress)); total_steps addımında 0 olur.",
        "en": "while step < warmup_steps, linear warmup: max_lr * step / warmup_steps. Then the cosine: "
              "progress = (step - warmup_steps) / (total_steps - warmup_steps) and "
              "max_lr * 0.5 * (1 + cos(pi * progress)); it reaches 0 at total_steps.",
    },
    "hint_day24_decay_split": {
        "az": "qaydanı adlara görə yox, formaya görə qurun: p.dim() >= 2 (matrislər, embedding-lər) — weight decay "
              "alır; p.dim() < 2 (bias-lar, LayerNorm/BatchNorm çəkiləri) — almır. model.named_parameters() "
              "sırasını saxlayın.",
        "en": "build the rule on shapes, not names: p.dim() >= 2 (matrices, embeddings) gets weight decay; "
              "p.dim() < 2 (biases, LayerNorm/BatchNorm weights) does not. Keep the order of "
              "model.named_parameters().",
    },
}
