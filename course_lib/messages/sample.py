"""Messages of the sample command (Day 29 outside the notebooks)."""

MESSAGES = {
    "sample_help": {
        "az": "Təlim edilmiş modeldən mətn: run qovluğunun (və ya checkpoint-in) modelini və tokenizatorunu yükləyir, "
              "başlanğıc mətni (prompt) davam etdirir.",
        "en": "Text from a trained model: loads the model and tokenizer of a run folder (or a checkpoint) and "
              "continues the prompt.",
    },
    "sample_help_checkpoint": {
        "az": "run qovluğu (--out-dir; ən yaxşı checkpoint götürülür) və ya bir checkpoint qovluğu",
        "en": "a run folder (--out-dir; its best checkpoint is used) or one checkpoint folder",
    },
    "sample_help_prompt": {"az": "modelin davam etdirəcəyi mətn (standart: boş — sənədin əvvəli)",
                           "en": "the text the model continues (default: empty — the start of a document)"},
    "sample_help_max_new_tokens": {"az": "neçə yeni token yaradılsın", "en": "how many new tokens to write"},
    "sample_help_temperature": {"az": "temperatur: 0 — həmişə ən ehtimallı token, 1 — modelin öz paylanması",
                                "en": "temperature: 0 — always the most likely token, 1 — the model's own "
                                      "distribution"},
    "sample_help_top_k": {"az": "yalnız ən ehtimallı k token arasından seç", "en": "sample only among the k most "
                          "likely tokens"},
    "sample_arg_temperature": {
        "az": "'{value}' olmaz: temperatur 0 və ya müsbət ədəd olmalıdır, məsələn, 0.8",
        "en": "'{value}' will not do: the temperature must be 0 or a positive number, e.g. 0.8",
    },
    "sample_no_checkpoint": {
        "az": "{path} qovluğunda checkpoint tapılmadı. Təlim əmrinin --out-dir qovluğunu və ya "
              "checkpoints/step_… qovluğunu verin (əvvəlcə: python -m course_lib.train --out-dir …).",
        "en": "No checkpoint found in {path}. Give the train command's --out-dir folder or a checkpoints/step_… "
              "folder (first: python -m course_lib.train --out-dir …).",
    },
    "sample_no_tokenizer": {
        "az": "Bu modelin tokenizatoru tapılmadı: nə {run}/tokenizer.json, nə də {data} içində eyni SHA-256 ilə "
              "tokenizer.json var. Modelin öyrədildiyi korpusdan token fayllarını yenidən hazırlayın "
              "(python -m course_lib.train … eyni --corpus ilə).",
        "en": "This model's tokenizer was not found: neither {run}/tokenizer.json nor a tokenizer.json with the same "
              "SHA-256 under {data}. Prepare the token files again from the corpus the model was trained on "
              "(python -m course_lib.train … with the same --corpus).",
    },
    "sample_loaded": {
        "az": "Model: {path} (addım {step}), cihaz: {device}",
        "en": "Model: {path} (step {step}), device: {device}",
    },
}
