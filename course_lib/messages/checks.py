"""Messages of the self-check framework."""

MESSAGES = {
    "check_ok": {"az": "✅ {id}: düzgündür!", "en": "✅ {id}: correct!"},
    "check_failed": {"az": "❌ {id}:", "en": "❌ {id}:"},
    "check_not_callable": {
        "az": "funksiya gözlənilirdi, amma {got} verildi.",
        "en": "expected a function, got {got}.",
    },
    "check_not_done": {
        "az": "hələ yazılmayıb (NotImplementedError). `raise NotImplementedError` sətrini öz kodunuzla əvəz edin.",
        "en": "not done yet (NotImplementedError). Replace `raise NotImplementedError` with your code.",
    },
    "check_raised": {
        "az": "funksiyanız xəta verdi: {error}: {detail}",
        "en": "your function raised {error}: {detail}",
    },
    "check_type": {
        "az": "nəticənin tipi uyğun deyil (sizinki: {got}; giriş: {case}). İpucu: {hint}",
        "en": "the result has the wrong type (yours: {got}; input: {case}). Hint: {hint}",
    },
    "check_shape": {
        "az": "nəticənin forması (shape) uyğun deyil (sizinki: {got}; giriş: {case}). İpucu: {hint}",
        "en": "the result has the wrong shape (yours: {got}; input: {case}). Hint: {hint}",
    },
    "check_dtype": {
        "az": "nəticənin dtype-ı uyğun deyil (sizinki: {got}; giriş: {case}). İpucu: {hint}",
        "en": "the result has the wrong dtype (yours: {got}; input: {case}). Hint: {hint}",
    },
    "check_values": {
        "az": "forma düzgündür, amma qiymətlər səhvdir (giriş: {case}). İpucu: {hint}",
        "en": "the form is right but the values are wrong (input: {case}). Hint: {hint}",
    },
}
