"""Messages of Colab's optional Google Drive folder for training runs."""

MESSAGES = {
    "drive_not_colab": {
        "az": "Bu, Colab deyil: Google Drive lazım deyil, təlim nəticələri bu kompüterdə qalır: {runs}",
        "en": "This is not Colab: no Google Drive needed, runs stay on this computer: {runs}",
    },
    "drive_runs": {
        "az": "Təlim nəticələri (checkpoint-lər, metrics.jsonl) Google Drive-da saxlanılacaq: {path} — runtime (icra "
              "mühiti) bitəndə də itmir. Token faylları isə yerli diskdə qalır ({data}): onları yenidən "
              "yaratmaq bir neçə saniyə çəkir.",
        "en": "Runs (checkpoints, metrics.jsonl) will be kept on Google Drive: {path} — they outlive the runtime. "
              "Token files stay local ({data}): making them again takes seconds.",
    },
}
