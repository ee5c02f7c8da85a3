"""The sample command: a trained run's model and tokenizer continue a prompt; wrong input gets one clear message."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from course_lib.checkpoint import META, best_checkpoint, latest_checkpoint
from course_lib.errors import CourseError
from course_lib.sample import main as sample
from course_lib.sample import run_checkpoint
from course_lib.train import main as train

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """A tiny run of 4 steps, made by the train command (its own data folder)."""
    root = tmp_path_factory.mktemp("sample")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COURSE_DATA_DIR", str(root / "data"))
        train(["--profile", "tiny", "--max-steps", "4", "--out-dir", str(root / "run"), "--lang", "en"])
    return root


def test_run_checkpoint_takes_the_best_else_the_newest_and_none_without_one(run, tmp_path):
    folder = run / "run"
    assert run_checkpoint(folder) == best_checkpoint(folder) is not None
    newest_only = tmp_path / "newest_only" / "checkpoints"
    copy = shutil.copytree(latest_checkpoint(folder), newest_only / latest_checkpoint(folder).name)
    meta = json.loads((copy / META).read_text(encoding="utf-8"))
    (copy / META).write_text(json.dumps({**meta, "val_loss": None}), encoding="utf-8")  # saved without evaluating
    assert best_checkpoint(newest_only.parent) is None
    assert run_checkpoint(newest_only.parent) == latest_checkpoint(newest_only.parent)
    assert run_checkpoint(tmp_path / "missing") is None and run_checkpoint(tmp_path) is None


def test_the_run_folder_continues_a_prompt(run, monkeypatch, capsys):
    monkeypatch.setenv("COURSE_DATA_DIR", str(run / "data"))
    assert (run / "run" / "tokenizer.json").is_file()  # the train command made the run folder self-contained
    text = sample(["--checkpoint", str(run / "run"), "--prompt", "ROMEO:", "--max-new-tokens", "20", "--seed", "3"])
    out = capsys.readouterr()
    assert text.startswith("ROMEO:") and len(text) > len("ROMEO:") and out.out.strip() == text.strip()
    assert "step_0000004" in out.err and "addım 4" in out.err
    again = sample(["--checkpoint", str(latest_checkpoint(run / "run")), "--prompt", "ROMEO:",
                    "--max-new-tokens", "20", "--seed", "3"])
    assert again == text  # a checkpoint folder works too, and the seed repeats the text
    greedy = sample(["--checkpoint", str(run / "run"), "--max-new-tokens", "5", "--temperature", "0"])
    assert greedy == sample(["--checkpoint", str(run / "run"), "--max-new-tokens", "5", "--temperature", "0",
                             "--seed", "9"])  # temperature 0: no randomness


def test_the_tokenizer_is_found_in_the_data_folder_by_its_hash(run, tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_DATA_DIR", str(run / "data"))
    copy = tmp_path / "copy"
    shutil.copytree(run / "run", copy)
    (copy / "tokenizer.json").unlink()  # e.g. a run made by the notebooks' Trainer
    assert sample(["--checkpoint", str(copy), "--max-new-tokens", "3"])
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path / "empty"))
    with pytest.raises(CourseError) as raised:
        sample(["--checkpoint", str(copy), "--max-new-tokens", "3"])
    assert raised.value.key == "sample_no_tokenizer"


def test_a_missing_or_damaged_checkpoint_is_one_clear_error(run, tmp_path):
    with pytest.raises(CourseError) as raised:
        sample(["--checkpoint", str(tmp_path / "nowhere")])
    assert raised.value.key == "sample_no_checkpoint"
    damaged = tmp_path / "damaged"
    shutil.copytree(run / "run", damaged)
    (latest_checkpoint(damaged) / "model.safetensors").write_bytes(b"not a model")
    with pytest.raises(CourseError) as raised:
        sample(["--checkpoint", str(latest_checkpoint(damaged))])
    assert raised.value.key == "train_ckpt_corrupt"


@pytest.mark.parametrize("args, words", [
    (["--max-new-tokens", "0"], ["'0'", "müsbət tam ədəd"]),
    (["--temperature", "-1"], ["'-1'", "temperatur"]),
    (["--top-k", "x"], ["'x'", "müsbət tam ədəd"]),
    ([], ["--checkpoint", "mütləqdir"]),
])
def test_wrong_arguments_exit_with_status_two(args, words, run, capsys):
    checkpoint = [] if not args else ["--checkpoint", str(run / "run")]
    with pytest.raises(SystemExit) as raised:
        sample([*checkpoint, *args])
    assert raised.value.code == 2
    err = capsys.readouterr().err
    assert "səhv arqument" in err and all(word in err for word in words), err


def test_the_command_exits_with_status_one_and_a_message(tmp_path):
    result = subprocess.run([sys.executable, "-m", "course_lib.sample", "--checkpoint", str(tmp_path), "--lang", "en"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120,
                            env={"PATH": "/usr/bin:/bin", "OMP_NUM_THREADS": "1"})
    assert result.returncode == 1 and "No checkpoint found" in result.stderr and "Traceback" not in result.stderr
