"""Training on a Hugging Face dataset, offline: a save_to_disk folder, jsonl/parquet files, and clear errors."""

import json
import os
import subprocess
import sys
from pathlib import Path

import datasets
import pytest

from course_lib import corpus
from course_lib.errors import CourseError
from course_lib.metrics import read_metrics
from course_lib.train import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def paragraphs():
    """The Azerbaijani UDHR as documents, one per paragraph (what a small Wikipedia extract looks like)."""
    text = corpus.UDHR["az"].read_text(encoding="utf-8")
    return [p.strip() for p in text.split("\n\n") if p.strip()]


@pytest.fixture(scope="module")
def saved(tmp_path_factory, paragraphs):
    root = tmp_path_factory.mktemp("datasets")
    rows = {"title": [f"maddə {i}" for i in range(len(paragraphs))], "text": paragraphs}
    datasets.Dataset.from_dict(rows).save_to_disk(str(root / "single"))
    half = len(paragraphs) // 2
    datasets.DatasetDict({"train": datasets.Dataset.from_dict({"text": paragraphs[:half]}),
                          "test": datasets.Dataset.from_dict({"text": paragraphs[half:]})}).save_to_disk(
        str(root / "dict"))
    datasets.Dataset.from_dict(rows).to_parquet(str(root / "rows.parquet"))
    (root / "rows.jsonl").write_text("\n".join(json.dumps({"body": p}, ensure_ascii=False) for p in paragraphs),
                                     encoding="utf-8")
    return root


def test_a_save_to_disk_folder_and_its_splits(saved, paragraphs):
    assert corpus.load_hf_documents(str(saved / "single")) == paragraphs
    assert corpus.load_hf_documents(str(saved / "single"), max_docs=3) == paragraphs[:3]
    half = len(paragraphs) // 2
    assert corpus.load_hf_documents(str(saved / "dict"), split="test") == paragraphs[half:]
    with pytest.raises(CourseError) as raised:
        corpus.load_hf_documents(str(saved / "dict"), split="validation")
    assert raised.value.key == "corpus_dataset_bad" and "validation" in str(raised.value)


def test_parquet_and_jsonl_files_with_a_text_column(saved, paragraphs):
    assert corpus.load_hf_documents(str(saved / "rows.parquet"), max_docs=5) == paragraphs[:5]
    assert corpus.load_hf_documents(str(saved / "rows.jsonl"), text_column="body") == paragraphs
    with pytest.raises(CourseError) as raised:
        corpus.load_hf_documents(str(saved / "rows.jsonl"))
    assert raised.value.key == "day21_corpus_no_column" and "body" in str(raised.value)


def test_a_missing_local_path_never_asks_the_hub(tmp_path, monkeypatch):
    monkeypatch.setattr(datasets, "load_dataset", lambda *a, **k: pytest.fail("the Hub was asked"))
    for name in (str(tmp_path / "none.jsonl"), "./wiki_az", str(tmp_path / "folder")):
        with pytest.raises(CourseError) as raised:
            corpus.load_hf_documents(name)
        assert raised.value.key == "day21_corpus_missing"


@pytest.mark.parametrize("error, key", [(ConnectionError("Couldn't reach"), "corpus_dataset_offline"),
                                        (datasets.exceptions.DatasetNotFoundError("nope"), "corpus_dataset_unknown"),
                                        (ValueError("BuilderConfig '20231101.xx' not found"), "corpus_dataset_bad")])
def test_hub_failures_become_one_message(error, key, monkeypatch):
    def fail(*args, **kwargs):
        raise error
    monkeypatch.setattr(datasets, "load_dataset", fail)
    with pytest.raises(CourseError) as raised:
        corpus.load_hf_documents("wikimedia/wikipedia", "20231101.az")
    assert raised.value.key == key and "wikimedia/wikipedia" in str(raised.value)


def test_no_network_is_said_in_the_learners_language(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COURSE_", "HF_"))}
    env |= {"HF_HUB_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf"), "COURSE_DATA_DIR": str(tmp_path / "data"),
            "OMP_NUM_THREADS": "1"}
    result = subprocess.run([sys.executable, "-m", "course_lib.train", "--profile", "tiny", "--lang", "az",
                             "--dataset", "wikimedia/wikipedia", "--dataset-config", "20231101.az"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert "internet bağlantısı yoxdur" in result.stderr and "Traceback" not in result.stderr


def test_the_train_command_trains_on_a_dataset_folder(saved, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path / "data"))
    trainer = main(["--profile", "tiny", "--dataset", str(saved / "single"), "--max-steps", "2",
                    "--out-dir", str(tmp_path / "run"), "--lang", "en"])
    assert trainer.step == 2 and [r["step"] for r in read_metrics(tmp_path / "run")] == [1, 2]
    assert "A few lines written by the model:" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["--profile", "tiny", "--dataset", str(saved / "single"), "--corpus", str(corpus.DEFAULT_CORPUS)])
