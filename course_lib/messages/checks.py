"""Messages of the self-check framework: verdicts, the staged hints and the solution on request."""

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
        "az": "nəticənin tipi uyğun deyil (sizinki: {got}; giriş: {case}).",
        "en": "the result has the wrong type (yours: {got}; input: {case}).",
    },
    "check_shape": {
        "az": "nəticənin forması (shape) uyğun deyil (sizinki: {got}; giriş: {case}).",
        "en": "the result has the wrong shape (yours: {got}; input: {case}).",
    },
    "check_dtype": {
        "az": "nəticənin dtype-ı uyğun deyil (sizinki: {got}; giriş: {case}).",
        "en": "the result has the wrong dtype (yours: {got}; input: {case}).",
    },
    "check_values": {
        "az": "forma düzgündür, amma qiymətlər səhvdir (giriş: {case}).",
        "en": "the form is right but the values are wrong (input: {case}).",
    },
    "check_order": {
        "az": "elementlər düzgündür, amma sıra fərqlidir (giriş: {case}).",
        "en": "the items are right but in a different order (input: {case}).",
    },
    "check_hint": {"az": "   Məsləhət: {hint}", "en": "   Hint: {hint}"},
    "check_formula": {
        "az": "   Daha ətraflı məsləhət (cəhd: {tries}): {hint}",
        "en": "   A stronger hint (attempt {tries}): {hint}",
    },
    "check_ask_solution": {
        "az": "   Kursun həllini görmək üçün: check(\"{id}\", solution=True)",
        "en": "   To see the course's solution: check(\"{id}\", solution=True)",
    },
    "check_solution": {
        "az": "Kursun həlli — {id} ({name}):",
        "en": "The course's solution — {id} ({name}):",
    },
}
