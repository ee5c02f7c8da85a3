"""Where things are: the repository's assets, the folder of prepared data, and the folder of training runs."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]  # the repository (on Colab: the clone made by the set-up cell)
ASSETS = ROOT / "assets"
DATA_ENV = "COURSE_DATA_DIR"
RUNS_ENV = "COURSE_RUNS_DIR"  # e.g. a Google Drive folder on Colab, so checkpoints outlive the runtime
DRIVE_MOUNT = "/content/drive"
DRIVE_RUNS = "MyDrive/llm_50gun/runs"


def data_dir() -> Path:
    """Folder for tokenizers, token files and runs: $COURSE_DATA_DIR, else ``data/`` in the repository."""
    path = Path(os.environ.get(DATA_ENV) or ROOT / "data")
    path.mkdir(parents=True, exist_ok=True)
    return path


def runs_dir() -> Path:
    """Folder of training runs (checkpoints, metrics): $COURSE_RUNS_DIR, else ``runs/`` in the data folder."""
    path = Path(os.environ.get(RUNS_ENV) or data_dir() / "runs")
    path.mkdir(parents=True, exist_ok=True)
    return path


def shown(path: str | Path) -> str:
    """``path`` as printed to a learner: relative to the repository when inside it (``data/…``), else whole.

    On Colab the whole path: the notebook's working folder there is /content, not the repository.
    """
    path = Path(path).resolve()
    if "google.colab" in sys.modules or not path.is_relative_to(ROOT):
        return str(path)
    return str(path.relative_to(ROOT))


def use_google_drive(folder: str = DRIVE_RUNS) -> Path:
    """On Colab: mount Google Drive and keep training runs there ($COURSE_RUNS_DIR); token files stay local."""
    from course_lib.messages import t

    if "google.colab" not in sys.modules:
        print(t("drive_not_colab", runs=shown(runs_dir())))
        return runs_dir()
    from google.colab import drive

    drive.mount(DRIVE_MOUNT)
    os.environ[RUNS_ENV] = str(Path(DRIVE_MOUNT) / folder)  # the train command and Day 29 read it
    path = runs_dir()
    print(t("drive_runs", path=path, data=shown(data_dir())))
    return path
