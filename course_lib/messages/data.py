"""Messages of the token-id checks: every id a model reads must be below its vocabulary size."""

MESSAGES = {
    "data_ids_file": {
        "az": "{file} faylında {max_id} id-li token var, lüğət isə cəmi {vocab_size} tokendir (id-lər 0…{last}). "
              "Bu token faylları başqa tokenizatorla yazılıb və ya zədələnib. GPU-da belə bir id təlimi "
              "'device-side assert' xətası ilə dayandırardı. {folder} qovluğunu silin və yenidən işə salın: "
              "prepare() onu təzədən quracaq.",
        "en": "{file} holds token id {max_id}, but the vocabulary has only {vocab_size} tokens (ids 0…{last}). "
              "These token files were written by another tokenizer or are damaged. On a GPU such an id would "
              "stop training with a 'device-side assert'. Delete the folder {folder} and run again: prepare() "
              "builds it anew.",
    },
    "data_ids_model": {
        "az": "'{split}' tokenlərində ən böyük id {max_id}, model isə vocab_size={vocab_size} ilə qurulub "
              "(id-lər 0…{last}). GPU-da bu, 'device-side assert' xətasıdır: CUDA konteksti pozulur və Jupyter "
              "kernel-ini yenidən başlatmaq lazım gəlir. Modeli məlumatın lüğəti ilə qurun: "
              "GPTModel(vocab_size=prepared.vocab_size, …).",
        "en": "The '{split}' tokens reach id {max_id}, but the model was built with vocab_size={vocab_size} "
              "(ids 0…{last}). On a GPU that is a 'device-side assert': the CUDA context breaks and the Jupyter "
              "kernel must be restarted. Build the model with the data's vocabulary: "
              "GPTModel(vocab_size=prepared.vocab_size, …).",
    },
}
