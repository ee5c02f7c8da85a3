"""Messages of Day 23 (the first training loop): hints of its exercises."""

MESSAGES = {
    "hint_day23_initial_loss": {
        "az": "təlimdən əvvəl model hər tokenə təxminən eyni ehtimal verir: p = 1/V. Cross-entropy düzgün tokenin "
              "ehtimalının mənfi natural loqarifmidir: -ln(p). math.log natural loqarifmdir (log2 və log10 deyil).",
        "en": "before training the model gives every token about the same probability: p = 1/V. Cross-entropy is "
              "minus the natural logarithm of the right token's probability: -ln(p). math.log is the natural "
              "logarithm (not log2 or log10).",
    },
    "hint_day23_cross_entropy": {
        "az": "logits-i (B*T, V), targets-i (B*T,) formasına gətirin (reshape) və F.cross_entropy çağırın; o, "
              "özü log_softmax edir və bütün B*T mövqe üzrə orta götürür. Nəticə skalyar tensordur (.item() yox).",
        "en": "reshape the logits to (B*T, V) and the targets to (B*T,) and call F.cross_entropy; it applies "
              "log_softmax itself and averages over all B*T positions. The result is a scalar tensor (no .item()).",
    },
    "hint_day23_train_steps": {
        "az": "hər (x, y) üçün: _, loss = model(x, y); loss.backward(); optimizer.step(); optimizer.zero_grad(). "
              "zero_grad olmasa, qradiyentlər addımdan addıma toplanır. Siyahıya loss.item() (Python ədədi) əlavə "
              "edin, tensoru yox.",
        "en": "for each (x, y): _, loss = model(x, y); loss.backward(); optimizer.step(); optimizer.zero_grad(). "
              "Without zero_grad the gradients add up from step to step. Append loss.item() (a Python number) to "
              "the list, not the tensor.",
    },
}
