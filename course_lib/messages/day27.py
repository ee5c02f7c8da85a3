"""Messages of Day 27 (validation, perplexity, overfitting)."""

MESSAGES = {
    "hint_day27_perplexity": {
        "az": "itki natural loqarifmlərin orta qiymətidir; perplexity isə loqarifmi geri çevirir: model sanki neçə "
              "bərabər ehtimallı token arasında tərəddüd edir? Tensor qaytarın.",
        "en": "the loss is an average of natural logarithms; perplexity undoes the logarithm: among how many equally "
              "likely tokens is the model hesitating? Return a tensor.",
    },
    "hint_day27_perplexity_formula": {
        "az": "perplexity = e^itki (torch.exp), 2^itki yox.",
        "en": "perplexity = e^loss (torch.exp), not 2^loss.",
    },
    "hint_day27_is_overfitting": {
        "az": "overfitting validasiyanın yaxşılaşmasının dayandığı, təlimin isə hələ də yaxşılaşdığı vaxtdır. Əyrilər "
              "arasındakı fərq özü-özlüyündə overfitting deyil; hər ikisi artırsa, bu, dağılan (diverging) "
              "təlimdir.",
        "en": "overfitting is when validation stops improving while training still improves. A gap between the curves "
              "is not overfitting by itself; both rising means the run diverges.",
    },
    "hint_day27_is_overfitting_formula": {
        "az": "validasiya itkisinin minimumunu tapın. Overfitting: son validasiya itkisi o minimumdan yuxarıdır, "
              "təlim itkisi isə o andan bəri azalıb.",
        "en": "find the minimum of the validation loss. Overfitting: the last validation loss is above that minimum "
              "while the training loss has fallen since then.",
    },
    "hint_day27_eval_loss": {
        "az": "qiymətləndirmə hər dəfə eyni ədədi verməli və qradiyent üçün yaddaş sərf etməməlidir. Batch-lərin "
              "itkilərinin orta qiymətini float kimi qaytarın və modeli tapdığınız rejimdə qoyun.",
        "en": "an evaluation must give the same number every time and spend no memory on gradients. Return the mean "
              "of the batches' losses as a float and leave the model in the mode you found it in.",
    },
    "hint_day27_eval_loss_formula": {
        "az": "model.eval() dropout-u söndürür (yoxsa hər dəfə başqa nəticə çıxır), torch.no_grad() qradiyent qrafını "
              "qurmur. Sonda modeli əvvəlki rejiminə qaytarın: model.train(əvvəlki model.training).",
        "en": "model.eval() turns dropout off (otherwise every call gives another result), torch.no_grad() builds no "
              "gradient graph. At the end put the model back into its previous mode: model.train(the earlier "
              "model.training).",
    },
}
