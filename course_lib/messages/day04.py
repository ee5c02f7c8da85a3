"""Messages of Day 04 (GPU, CUDA, precisions, memory budget)."""

MESSAGES = {
    "hint_day04_weight_bytes": {
        "az": "fp32 hər ədəd üçün 4 bayt, fp16 və bf16 2 bayt, int8 1 bayt tutur.",
        "en": "fp32 takes 4 bytes per number, fp16 and bf16 take 2, int8 takes 1.",
    },
    "hint_day04_adamw_bytes": {
        "az": "çəkilər, qradiyentlər və AdamW-nin iki momenti (m və v) — hamısı fp32-də saxlanılır, fp16 "
              "təlimdə də.",
        "en": "weights, gradients and AdamW's two moments (m and v) are all kept in fp32, in fp16 training too.",
    },
    "hint_day04_pick_dtype": {
        "az": "bf16 yalnız compute capability ≥ 8.0 (Ampere) olanda doğmadır; T4 (7.5) bf16-nı yalnız "
              "emulyasiya edir. fp16 tensor nüvələri tələb edir (≥ 7.0). Onlar yoxdursa və ya GPU yoxdursa "
              "(None) — fp32.",
        "en": "bf16 is native only from compute capability 8.0 (Ampere); a T4 (7.5) only emulates it. fp16 needs "
              "tensor cores (≥ 7.0). Without them, or without a GPU (None), fp32.",
    },
    "hint_day04_effective_batch": {
        "az": "bir optimizer addımına neçə ardıcıllıq (nümunə) töhfə verir? Hər GPU öz mikro-batch-ini "
              "emal edir.",
        "en": "how many sequences contribute to one optimizer step? Every GPU processes its own micro-batch.",
    },
    "day04_matmul_skip": {
        "az": "GPU yoxdur: yalnız CPU ölçüldü; qrafikdə GPU xətləri (fp32, fp16, bf16) olmayacaq.",
        "en": "No GPU: only the CPU was timed; the plot has no GPU lines (fp32, fp16, bf16).",
    },
}
