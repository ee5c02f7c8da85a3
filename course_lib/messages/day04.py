"""Messages of Day 04 (GPU, CUDA, precisions, memory budget)."""

MESSAGES = {
    "hint_day04_weight_bytes": {
        "az": "ədədin formatı onun neçə bit tutduğunu göstərir (fp32 — 32 bit), bir bayt isə 8 bitdir. Bütün çəkilər "
              "eyni formatda saxlanılır.",
        "en": "a number's format tells how many bits it takes (fp32: 32 bits), and a byte is 8 bits. All the weights "
              "are stored in the same format.",
    },
    "hint_day04_weight_bytes_formula": {
        "az": "bayt = n_params × bir ədədin baytı: fp32 — 4, fp16 və bf16 — 2, int8 — 1.",
        "en": "bytes = n_params × the bytes of one number: fp32 4, fp16 and bf16 2, int8 1.",
    },
    "hint_day04_adamw_bytes": {
        "az": "təlim yalnız çəkiləri saxlamır: AdamW-nin addım atması üçün hər parametrə başqa nə lazımdır və qarışıq "
              "dəqiqlikli təlim bunları hansı dəqiqlikdə saxlayır?",
        "en": "training keeps more than the weights: what else does AdamW need for every parameter to take a step, "
              "and in which precision does mixed-precision training keep it?",
    },
    "hint_day04_adamw_bytes_formula": {
        "az": "çəkilər, qradiyentlər və AdamW-nin iki momenti (m və v) fp16/bf16 təlimdə də fp32-də saxlanılır: hər "
              "parametrə 4 + 4 + 4 + 4 = 16 bayt.",
        "en": "the weights, the gradients and AdamW's two moments (m and v) are kept in fp32, in fp16/bf16 training "
              "too: 4 + 4 + 4 + 4 = 16 bytes per parameter.",
    },
    "hint_day04_pick_dtype": {
        "az": "bf16 yalnız GPU onu aparat səviyyəsində hesablayanda, fp16 isə tensor nüvələrini gətirən GPU "
              "nəslindən başlayaraq sərfəlidir; heç biri yoxdursa və ya GPU ümumiyyətlə yoxdursa (None), təlim fp32-də "
              "aparılır. Hər imkan müəyyən GPU nəsli ilə meydana çıxıb: compute capability-yə baxın.",
        "en": "bf16 pays off only where the GPU computes it in hardware, fp16 from the GPU generation that brought "
              "tensor cores; with neither, or with no GPU at all (None), training runs in fp32. Each feature came "
              "with a GPU generation: look at the compute capability.",
    },
    "hint_day04_pick_dtype_formula": {
        "az": "compute capability ≥ 8.0 (Ampere və yenisi) → \"bf16\"; ≥ 7.0 (Volta, Turing: tensor nüvələri) → "
              "\"fp16\"; daha aşağı və ya None → \"fp32\". T4 (7.5) bf16-nı yalnız emulyasiya edir.",
        "en": "compute capability ≥ 8.0 (Ampere and newer) → \"bf16\"; ≥ 7.0 (Volta, Turing: tensor cores) → "
              "\"fp16\"; lower, or None → \"fp32\". A T4 (7.5) only emulates bf16.",
    },
    "hint_day04_effective_batch": {
        "az": "optimallaşdırıcının bir addımına neçə ardıcıllıq (nümunə) töhfə verir? Hər GPU öz mikro-batch-ini "
              "emal edir, Qradiyent Yığımı isə addımdan əvvəl bir neçə mikro-batch-in qradiyentlərini toplayır.",
        "en": "how many sequences contribute to one optimizer step? Every GPU processes its own micro-batch, and "
              "gradient accumulation adds up the gradients of several micro-batches before the step.",
    },
    "hint_day04_effective_batch_formula": {
        "az": "Effektiv Batch Size = micro_batch × accumulation_steps × n_gpus.",
        "en": "effective batch size = micro_batch × accumulation_steps × n_gpus.",
    },
    "day04_matmul_skip": {
        "az": "GPU yoxdur: yalnız CPU ölçüldü; qrafikdə GPU xətləri (fp32, fp16, bf16) olmayacaq.",
        "en": "No GPU: only the CPU was timed; the plot has no GPU lines (fp32, fp16, bf16).",
    },
}
