"""Messages of reading a Hugging Face dataset (the train command's --dataset, Days 21–22)."""

MESSAGES = {
    "corpus_dataset_offline": {
        "az": "'{name}' datasetinə çatmaq olmur: internet bağlantısı yoxdur (və ya HF_HUB_OFFLINE təyin olunub). "
              "Colab-da bağlantını yoxlayın; internetsiz kompüterdə faylı əvvəlcədən yükləyib yerli yolu verin "
              "(save_to_disk qovluğu, .jsonl/.parquet/.csv/.txt faylı) və ya --corpus ilə öz mətn fayllarınızı verin.",
        "en": "Cannot reach the dataset '{name}': there is no internet connection (or HF_HUB_OFFLINE is set). On "
              "Colab check the connection; on a computer without internet download it beforehand and give the local "
              "path (a save_to_disk folder, a .jsonl/.parquet/.csv/.txt file), or your own text files with --corpus.",
    },
    "corpus_dataset_unknown": {
        "az": "'{name}' adlı dataset tapılmadı. Adı Hugging Face-dəki kimi yazın, məsələn, wikimedia/wikipedia "
              "(--dataset-config 20231101.az ilə), və ya mövcud olan yerli yolu göstərin.",
        "en": "No dataset called '{name}' was found. Write the name as on Hugging Face, e.g. wikimedia/wikipedia "
              "(with --dataset-config 20231101.az), or give a local path that exists.",
    },
    "corpus_dataset_bad": {
        "az": "'{name}' datasetini belə oxumaq olmur (konfiqurasiya {config}, hissə {split}): {detail}. "
              "--dataset-config və --split qiymətlərini yoxlayın.",
        "en": "The dataset '{name}' cannot be read like this (config {config}, split {split}): {detail}. "
              "Check --dataset-config and --split.",
    },
    "train_help_dataset": {
        "az": "Hugging Face dataseti (məsələn, wikimedia/wikipedia) və ya yerli save_to_disk qovluğu / "
              ".jsonl/.parquet/.csv faylı; --corpus əvəzinə",
        "en": "a Hugging Face dataset (e.g. wikimedia/wikipedia) or a local save_to_disk folder / "
              ".jsonl/.parquet/.csv file; instead of --corpus",
    },
    "train_help_dataset_config": {"az": "datasetin konfiqurasiyası, məsələn, 20231101.az",
                                  "en": "the dataset's configuration, e.g. 20231101.az"},
    "train_help_split": {"az": "datasetin hissəsi (split)", "en": "the dataset's split"},
    "train_help_text_column": {"az": "mətnin olduğu sütun", "en": "the column that holds the text"},
    "train_help_max_docs": {"az": "ən çox neçə sənəd oxunsun (standart: ~20 milyon simvola qədər)",
                            "en": "read at most this many documents (default: up to ~20 million characters)"},
    "train_arg_corpus_and_dataset": {"az": "--corpus və --dataset birlikdə verilə bilməz: birini seçin",
                                     "en": "--corpus and --dataset do not go together: pick one"},
}
