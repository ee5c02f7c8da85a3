"""Messages of Day 28 (checkpoints and resuming)."""

MESSAGES = {
    "hint_day28_checkpoint_items": {
        "az": "checkpoint növbəti addımın, təlim heç dayanmamış kimi, eynilə hesablanması üçün lazım olan hər şeyi "
              "saxlayır; onsuz da yenidən qurulan və ya addımın sonunda sıfır olan heç nəyi saxlamır. Adları "
              "sıralanmış şəkildə qaytarın.",
        "en": "a checkpoint holds everything the next step needs to come out exactly as if the run had never stopped, "
              "and nothing that is rebuilt anyway or is zero at the end of a step. Return the names sorted.",
    },
    "hint_day28_checkpoint_items_formula": {
        "az": "çəkilər, optimallaşdırıcının momentləri, scheduler-in mövqeyi, təsadüfi ədəd generatorlarının "
              "vəziyyəti, addım nömrəsi (məlumatın mövqeyi ondan çıxır) və konfiqurasiya. GradScaler yalnız fp16-da "
              "var. Addımın sonunda qradiyentlər sıfırlanıb, aktivasiyalar yoxdur.",
        "en": "the weights, the optimizer's moments, the scheduler's position, the states of the random number "
              "generators, the step number (the data position follows from it) and the configuration. A GradScaler "
              "exists only in fp16. At the end of a step the gradients are zeroed and there are no activations.",
    },
    "hint_day28_checkpoints_to_keep": {
        "az": "checkpoint-i saxlamağın iki səbəbi var: o, ən yenilərdəndir və ya indiyədək ən yaxşı validasiya itkisi "
              "ondadır (itkisi olmayan heç vaxt ən yaxşı sayılmır). Addımlar sıralanmamış gələ bilər; sıralanmış "
              "siyahı qaytarın.",
        "en": "there are two reasons to keep a checkpoint: it is among the newest, or it has the best validation loss "
              "so far (one without a loss never counts as best). The steps may come unsorted; return a sorted list.",
    },
    "hint_day28_checkpoints_to_keep_formula": {
        "az": "saxlanılanlar = ən böyük keep_last addım ∪ (validasiya itkisi ən kiçik olan addım; bərabərlikdə daha "
              "əvvəlki, None itkilər nəzərə alınmır); nəticə sıralanmış siyahıdır.",
        "en": "kept = the keep_last largest steps ∪ (the step with the lowest validation loss; the earlier one on a "
              "tie, None losses skipped); the result is a sorted list.",
    },
    "hint_day28_save_order": {
        "az": "köhnə checkpoint yenisi tam hazır olub diskə etibarlı şəkildə yazılana qədər yararlı qalmalıdır: yenisi "
              "ən sonda dərc olunur, köhnələr isə yalnız ondan sonra silinir.",
        "en": "the old checkpoint must stay usable until the new one is complete and safely on disk: the new one is "
              "published last, and the old ones are deleted only after that.",
    },
    "hint_day28_save_order_formula": {
        "az": "write_tmp → fsync → write_meta → rename → prune: müvəqqəti qovluğa yazın, faylları diskə çatdırın "
              "(fsync), meta faylını ən sonda yazın, adını dəyişin (dərc), sonra köhnələri silin.",
        "en": "write_tmp → fsync → write_meta → rename → prune: write into a temporary folder, make the files durable "
              "(fsync), write the meta last, rename (publish), then delete the old ones.",
    },
}
