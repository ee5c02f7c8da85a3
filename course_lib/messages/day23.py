"""Messages of Day 23 (the first training loop): hints of its exercises."""

MESSAGES = {
    "hint_day23_initial_loss": {
        "az": "təlimdən əvvəl model ehtimalı bütün lüğətə bərabər paylayır. İtki düzgün tokenin cross-entropy-sidir "
              "və natural loqarifmlə ölçülür.",
        "en": "before training the model spreads its probability evenly over the whole vocabulary. The loss is the "
              "cross-entropy of the right token, measured with the natural logarithm.",
    },
    "hint_day23_initial_loss_formula": {
        "az": "hər tokenin ehtimalı p = 1/V, deməli itki −ln(1/V) = ln V. math.log natural loqarifmdir (log2 və log10 "
              "deyil).",
        "en": "every token has probability p = 1/V, so the loss is −ln(1/V) = ln V. math.log is the natural logarithm "
              "(not log2 or log10).",
    },
    "hint_day23_cross_entropy": {
        "az": "itki batch-dəki bütün ardıcıllıqların bütün mövqeləri üzrə orta qiymətdir. PyTorch-un cross-entropy "
              "funksiyası hər hədəf üçün V logit-lik bir sətir gözləyir və backward-ın işlədə biləcəyi skalyar tensor "
              "qaytarır.",
        "en": "the loss is the mean over every position of every sequence in the batch. PyTorch's cross-entropy "
              "expects one row of V logits per target and returns a scalar tensor that backward can use.",
    },
    "hint_day23_cross_entropy_formula": {
        "az": "logits-i (B·T, V), targets-i (B·T,) formasına salın (reshape) və F.cross_entropy çağırın: o, mövqelər "
              "üzrə −log softmax(logits)[hədəf] orta qiymətini hesablayır. Tensoru qaytarın (.item() yox).",
        "en": "reshape the logits to (B·T, V) and the targets to (B·T,) and call F.cross_entropy: the mean over "
              "positions of −log softmax(logits)[target]. Return the tensor (no .item()).",
    },
    "hint_day23_train_steps": {
        "az": "hər batch bir tam addımdır: itkini və onun qradiyentlərini hesablayın, çəkiləri yeniləyin və növbəti "
              "batch-dən əvvəl qradiyentləri təmizləyin. Hər itkini adi Python ədədi kimi yadda saxlayın.",
        "en": "every batch is one full step: compute the loss and its gradients, update the weights, and clear the "
              "gradients before the next batch. Record every loss as a plain Python number.",
    },
    "hint_day23_train_steps_formula": {
        "az": "hər (x, y) üçün bu ardıcıllıqla: forward (model logits və itkini qaytarır), itkidən backward, "
              "optimallaşdırıcı addımı, qradiyentlərin sıfırlanması (zero_grad; yoxsa addımdan addıma toplanırlar). "
              "Siyahıya itkinin .item()-ini əlavə edin.",
        "en": "for each (x, y), in this order: forward (the model returns the logits and the loss), backward from the "
              "loss, an optimizer step, zeroing the gradients (zero_grad; otherwise they add up from step to step). "
              "Append the loss's .item() to the list.",
    },
}
