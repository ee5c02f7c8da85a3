"""Messages of Day 27 (validation, perplexity, overfitting)."""

MESSAGES = {
    "hint_day27_perplexity": {
        "az": "itki natural loqarifmlə (ln) hesablanmış cross-entropy-dir, ona görə perplexity = e^itki "
              "(torch.exp), 2^itki deyil. Tensor qaytarın.",
        "en": "the loss is a cross-entropy in natural log (ln), so perplexity = e^loss (torch.exp), not 2^loss. "
              "Return a tensor.",
    },
    "hint_day27_is_overfitting": {
        "az": "validasiya itkisinin minimumunu tapın. Overfitting: son validasiya itkisi o minimumdan yuxarıdır, "
              "təlim itkisi isə o andan bəri azalıb. Val-ın train-dən yuxarı olması özü-özlüyündə overfitting "
              "deyil; ikisi birlikdə artırsa, bu, dağılan (diverging) təlimdir.",
        "en": "find the minimum of the validation loss. Overfitting: the last validation loss is above that "
              "minimum while the training loss has fallen since then. Val above train is not overfitting by "
              "itself; both rising means the run diverges.",
    },
    "hint_day27_eval_loss": {
        "az": "model.eval() dropout-u söndürür (yoxsa hər dəfə başqa nəticə çıxır), torch.no_grad() qradiyent "
              "qrafını qurmur. Batch-lərin itkilərinin ortasını float kimi qaytarın və modeli əvvəlki rejiminə "
              "(model.train(...)) qaytarın.",
        "en": "model.eval() turns dropout off (otherwise every call gives another result), torch.no_grad() builds "
              "no gradient graph. Return the mean of the batches' losses as a float and put the model back into "
              "its previous mode (model.train(...)).",
    },
}
