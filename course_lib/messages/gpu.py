"""Messages of the GPU tooling: the precision override, the memory cap of an emulated card, tools/gpu_check.py."""

MESSAGES = {
    "precision_unknown": {
        "az": "'{value}' adlı dəqiqlik yoxdur. Mümkün dəqiqliklər: {valid}. ${env} dəyişənini yoxlayın və ya onu "
              "silin: onda dəqiqliyi profil və GPU özləri seçir.",
        "en": "There is no precision called '{value}'. Valid precisions: {valid}. Check ${env}, or unset it: the "
              "profile and the GPU then choose the precision.",
    },
    "memory_cap_invalid": {
        "az": "${env}='{value}' yaddaş limiti deyil: GiB ilə müsbət ədəd yazın, məsələn, {env}=3.8 (4 GB-lıq kart).",
        "en": "${env}='{value}' is not a memory cap: give a positive number of GiB, e.g. {env}=3.8 (a 4 GB card).",
    },
    "memory_cap_no_cuda": {
        "az": "${env}={value} nəzərə alınmır: bu maşında CUDA GPU yoxdur.",
        "en": "${env}={value} is ignored: this machine has no CUDA GPU.",
    },
    "memory_cap_set": {
        "az": "GPU yaddaşı məhdudlaşdırılıb: {card:.2f} GiB-lıq kart təqlid olunur. CUDA konteksti üçün "
              "{context:.0f} MiB çıxılır, PyTorch ən çox {cap:.2f} GiB ayıra bilər.",
        "en": "GPU memory is capped: emulating a {card:.2f} GiB card. {context:.0f} MiB go to the CUDA context, "
              "PyTorch may reserve at most {cap:.2f} GiB.",
    },
    "gpu_check_memory": {
        "az": "    pik yaddaş: ayrılmış {allocated:.2f} GiB, rezervləşdirilmiş {reserved:.2f} GiB; limit {cap:.2f} GiB "
              "({card:.2f} GiB-lıq kart), boş qalan {headroom:.2f} GiB",
        "en": "    memory: peak allocated {allocated:.2f} GiB, peak reserved {reserved:.2f} GiB, cap {cap:.2f} GiB "
              "({card:.2f} GiB card), headroom {headroom:.2f} GiB",
    },
}
