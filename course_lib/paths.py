"""Where things are: the repository's assets, the folder of prepared data, and the folder of training runs."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]  # the repository (on Colab: the clone made by the set-up cell)
ASSETS = ROOT / "assets"
DATA_ENV = "COURSE_DATA_DIR"
RUNS_ENV = "COURSE_RUNS_DIR"  # e.g. a Google Drive folder on Colab, so checkpoints outlive the runtime


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
