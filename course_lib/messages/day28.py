"""Messages of Day 28 (checkpoints and resuming)."""

MESSAGES = {
    "hint_day28_checkpoint_items": {
        "az": "davam etmək üçün növbəti addımı hesablamağa lazım olan hər şey: çəkilər, optimizer-in momentləri, "
              "scheduler-in mövqeyi, təsadüfi ədəd generatorlarının vəziyyəti, addım nömrəsi (məlumatın mövqeyi "
              "ondan çıxır) və konfiqurasiya. GradScaler yalnız fp16-da var. Addımın sonunda qradiyentlər "
              "sıfırlanıb, aktivasiyalar yoxdur. Siyahını sıralayın.",
        "en": "everything needed to compute the next step: the weights, the optimizer's moments, the scheduler's "
              "position, the states of the random number generators, the step number (the data position follows "
              "from it) and the configuration. A GradScaler exists only in fp16. At the end of a step the "
              "gradients are zeroed and there are no activations. Sort the list.",
    },
    "hint_day28_checkpoints_to_keep": {
        "az": "ən yeni keep_last addımı və validasiya itkisi ən kiçik olan addımı saxlayın (bərabərlikdə daha "
              "əvvəlkini); None itkisi olanlar 'ən yaxşı' sayılmır. Addımlar sıralanmamış gələ bilər. "
              "Sıralanmış siyahı qaytarın.",
        "en": "keep the newest keep_last steps and the step with the lowest validation loss (the earlier one on a "
              "tie); a None loss never counts as best. The steps may come unsorted. Return a sorted list.",
    },
    "hint_day28_save_order": {
        "az": "köhnə checkpoint yeni tam hazır olana qədər toxunulmaz qalmalıdır: əvvəlcə müvəqqəti qovluğa "
              "yazılır, fayllar diskə (fsync) çatdırılır, meta ən sonda yazılır, sonra ad dəyişdirilir (rename), "
              "köhnələr ən sonda silinir.",
        "en": "the old checkpoint must stay untouched until the new one is complete: write into a temporary "
              "folder, make the files durable (fsync), write the meta last, then rename, and delete old ones at "
              "the very end.",
    },
}
