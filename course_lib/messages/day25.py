"""Messages of Day 25 (accelerate: mixed precision and gradient accumulation)."""

MESSAGES = {
    "day25_unscale_skipped": {
        "az": "GPU yoxdur: orijinal dərsdəki kimi fp16 ilə hər mikro-addımda qradiyentin kəsilməsi (clipping) "
              "buraxıldı. fp16 GradScaler yalnız CUDA-da işləyir; CPU-da accelerate fp16-nı səssizcə fp32 ilə "
              "əvəz edir, ona görə də 'unscale_() has already been called' xətası burada yaranmır. GPU-da bu xana "
              "həmin xətanı tutub göstərir.",
        "en": "No GPU: skipped the seed's fp16 clip on every micro-step. The fp16 GradScaler only runs on CUDA; on "
              "CPU accelerate silently replaces fp16 by fp32, so the 'unscale_() has already been called' error "
              "cannot happen here. On a GPU this cell catches and shows that error.",
    },
    "day25_unscale_caught": {
        "az": "Mikro-addım {micro}: RuntimeError tutuldu — {error}",
        "en": "Micro-step {micro}: caught RuntimeError — {error}",
    },
    "day25_unscale_not_raised": {
        "az": "Gözlənilən xəta yaranmadı ({n} mikro-addım): bu accelerate versiyası unscale_-in təkrar "
              "çağırılmasının qarşısını alır.",
        "en": "The expected error did not happen ({n} micro-steps): this accelerate version guards unscale_.",
    },
    "day25_launch_single_gpu": {
        "az": "Bir GPU: --multi_gpu üçün ən azı 2 GPU lazımdır; bir GPU-da bu əmr `python -m course_lib.train` "
              "ilə eynidir. Əmr yalnız göstərildi, işə salınmadı.",
        "en": "One GPU: --multi_gpu needs at least 2 GPUs; on one GPU it equals `python -m course_lib.train`. "
              "The command is shown, not run.",
    },
    "day25_launch_smoke": {
        "az": "Qısa sınaq (smoke): əmr yalnız göstərildi — iki prosesi işə salmaq bu dəftərin vaxt büdcəsini aşır. "
              "Özünüz terminalda və ya COURSE_SMOKE=0 ilə işə salın.",
        "en": "Smoke run: the command is only shown — starting two processes exceeds this notebook's time budget. "
              "Run it yourself in a terminal, or with COURSE_SMOKE=0.",
    },
    "hint_day25_grad_accum_for": {
        "az": "optimallaşdırıcının bir addımı yığdığı bütün mikro-batch-lərin ardıcıllıqlarını görür, həm də hər "
              "GPU-da. Hədəfə çatan ən kiçik tam yığım sayını tapın.",
        "en": "one optimizer step sees the sequences of every micro-batch it accumulates, on every GPU. Find the "
              "smallest whole number of accumulation steps that reaches the target.",
    },
    "hint_day25_grad_accum_for_formula": {
        "az": "yığım = max(1, ⌈target_batch / (micro_batch · n_gpus)⌉): yuxarı yuvarlaqlaşdırın, ən azı 1.",
        "en": "accumulation = max(1, ⌈target_batch / (micro_batch · n_gpus)⌉): round up, at least 1.",
    },
    "hint_day25_applied_gradient": {
        "az": "accelerator.backward hər mikro-batch-in itkisini yığım addımlarının sayına artıq bölür — təkrar "
              "bölməyin. Qradiyenti yalnız bir dəfə kəsin (clip): hər mikro-batch-dən sonra yox, bütün cəm hazır "
              "olanda (sync_gradients).",
        "en": "accelerator.backward already divides each micro-batch's loss by the number of accumulation steps — do "
              "not divide again. Clip the gradient only once: not after every micro-batch, but when the whole sum is "
              "ready (sync_gradients).",
    },
    "hint_day25_applied_gradient_formula": {
        "az": "g = mikro-batch qradiyentlərinin orta qiyməti; sonra onu bir dəfə min(1, max_norm / (‖g‖ + 1e-6)) "
              "əmsalına vurun (clip_grad_norm_-un əmsalı).",
        "en": "g = the mean of the micro-batch gradients; then multiply it once by min(1, max_norm / (‖g‖ + 1e-6)) "
              "(clip_grad_norm_'s factor).",
    },
    "hint_day25_optimizer_steps": {
        "az": "hazırlanmış (prepared) optimallaşdırıcı və scheduler yalnız sync_gradients olanda addım atır: hər "
              "grad_accum mikro-batch-də bir dəfə. Sonda yarımçıq qalan yığım üçün addım atılmır. Nəticə tuple olsun.",
        "en": "the prepared optimizer and scheduler only step when sync_gradients is set: once every grad_accum "
              "micro-batches. An unfinished accumulation at the end makes no step. Return a tuple.",
    },
    "hint_day25_optimizer_steps_formula": {
        "az": "hər ikisi ⌊n_micro / grad_accum⌋-dir: hər tam yığıma bir addım. (optimallaşdırıcı addımları, "
              "scheduler addımları) qaytarın.",
        "en": "both are ⌊n_micro / grad_accum⌋: one step per complete accumulation. Return (optimizer steps, "
              "scheduler steps).",
    },
}
