"""Where things are: the repository's assets and the folder where prepared data and runs go."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]  # the repository (on Colab: the clone made by the set-up cell)
ASSETS = ROOT / "assets"
DATA_ENV = "COURSE_DATA_DIR"


def data_dir() -> Path:
    """Folder for tokenizers, token files and runs: $COURSE_DATA_DIR, else ``data/`` in the repository."""
    path = Path(os.environ.get(DATA_ENV) or ROOT / "data")
    path.mkdir(parents=True, exist_ok=True)
    return path


def shown(path: str | Path) -> str:
    """``path`` as printed to a learner: relative to the repository when inside it (``data/…``), else whole."""
    path = Path(path).resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
