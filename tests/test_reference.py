"""The reference run (tools/reference_run.py, assets/runs/cpu/) and the learning benchmark (tools/bench_learning.py)."""

import importlib.util
import json
import math

import pytest

from course_lib import sample
from course_lib.corpus import UDHR
from course_lib.messages import set_language
from course_lib.metrics import REFERENCE_RUN, reference_info, reference_line
from course_lib.paths import ASSETS, ROOT
from course_lib.profiles import PROFILES


def load_tool(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


reference_run, bench_learning = load_tool("reference_run"), load_tool("bench_learning")
RUN = ASSETS / "runs" / "cpu"
LEARNING = ASSETS / "bench" / "learning_cpu.json"


@pytest.fixture
def small_corpus(tmp_path, monkeypatch):
    """The two declarations cut into 20 documents (enough for whole ones to be held out), a private data folder."""
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path / "data"))
    folder = tmp_path / "corpus"
    folder.mkdir()
    paragraphs = "\n\n".join(p.read_text(encoding="utf-8") for p in UDHR.values()).split("\n\n")
    for i in range(20):
        (folder / f"{i:02d}.txt").write_text("\n\n".join(paragraphs[i::20]), encoding="utf-8")
    return folder


def test_a_short_reference_run_writes_everything_a_lesson_shows(tmp_path, small_corpus, capsys):
    out = tmp_path / "run"
    info = reference_run.run(out, "tiny", max_steps=4, corpus=small_corpus)
    names = {p.name for p in out.iterdir()}
    assert {"metrics.jsonl", "loss.png", "tokenizer.json", "info.json", "samples.txt", "checkpoints"} <= names
    (checkpoint,) = (out / "checkpoints").iterdir()
    assert {p.name for p in checkpoint.iterdir()} == {"model.safetensors", "course_meta.json"}
    assert info["steps"] == 4 and 0 < info["heldout_bits_per_char"] < 20 and info["wall_seconds"] > 0
    assert json.loads((out / "info.json").read_text(encoding="utf-8")) == info
    assert (out / "samples.txt").read_text(encoding="utf-8").count("--- prompt") == len(reference_run.PROMPTS)
    assert sample.main(["--checkpoint", str(out), "--prompt", "ROMEO:", "--max-new-tokens", "5"]).startswith("ROMEO:")


def test_the_committed_reference_run_is_a_whole_cpu_run_that_learned():
    info = json.loads((RUN / "info.json").read_text(encoding="utf-8"))
    cpu = PROFILES["cpu"]
    assert info["steps"] == cpu.max_steps and info["command"].endswith("--profile cpu --lang en")
    assert {"device", "torch", "date", "wall_seconds", "heldout_loss", "heldout_bits_per_char"} <= set(info)
    records = [json.loads(line) for line in (RUN / "metrics.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) == cpu.max_steps
    evaluated = [r for r in records if "val_loss" in r]
    vocab = info["data"]["vocab_size"]
    assert evaluated[-1]["val_loss"] < math.log(vocab) - 3 and evaluated[-1]["val_loss"] < evaluated[0]["val_loss"]
    assert info["heldout_loss"] == pytest.approx(evaluated[-1]["val_loss"], abs=0.15)  # estimate ≈ whole split
    assert info["heldout_bits_per_char"] == pytest.approx(
        info["heldout_loss"] * info["data"]["val_tokens"] / info["data"]["val_chars"] / math.log(2))


def test_day29_can_sample_from_the_committed_reference_model(capsys):
    text = sample.main(["--checkpoint", str(RUN), "--prompt", "ROMEO:", "--max-new-tokens", "20", "--lang", "en"])
    assert text.startswith("ROMEO:") and len(text) > len("ROMEO:") + 20


def test_the_learning_benchmark_scores_both_models_on_the_same_held_out_text(small_corpus):
    results = bench_learning.run(minutes=0.002, candidates=[(1, 2, 16, 64, 4, 3e-3)], course_steps=3,
                                 corpus=small_corpus, vocab_size=512)
    course, char = results["course"], results["char_tuning"][0]
    assert course["steps"] == 3 and course["config"]["vocab_size"] == 512
    assert char["config"]["vocab_size"] < 100 and char["steps"] >= 10
    assert results["held_out"]["documents"] == 2
    assert set(results["summary"]["bits_per_char"]) == {"course_0.002min", "char_0.002min", "course_end",
                                                        "char_same_time_as_course_end"}
    for value in results["summary"]["bits_per_char"].values():
        assert 0 < value < 20


def test_the_stored_learning_benchmark_backs_what_day27_says():
    results = json.loads(LEARNING.read_text(encoding="utf-8"))
    bits = results["summary"]["bits_per_char"]
    assert {"device", "threads", "torch", "date"} <= set(results)
    assert results["course"]["steps"] == PROFILES["cpu"].max_steps
    assert len(results["char_tuning"]) == len(bench_learning.CHAR_CANDIDATES)
    # the course's recipe (BPE) beats the best character-level GPT given the same minutes, at both times
    assert bits["course_4min"] < bits["char_4min"] and bits["course_end"] < bits["char_same_time_as_course_end"]


def test_the_schedule_benchmark_compares_a_constant_rate_and_sweeps(tmp_path, small_corpus, monkeypatch):
    bench_schedule = load_tool("bench_schedule")
    monkeypatch.setattr(bench_schedule, "train", lambda args, _train=bench_schedule.train: _train(
        [*args, "--corpus", str(small_corpus)]))
    results = bench_schedule.run("tiny", steps=14, sweep_steps=2, factors=(1, 2), reference=None)  # warmup 10
    assert [p["step"] for p in results["constant"]] == [p["step"] for p in results["cosine"]] == [14]
    assert [p["factor"] for p in results["sweep"]] == [1, 2] and results["sweep"][1]["lr"] == 2 * results["lr"]
    assert results["constant"][-1]["val"] != results["cosine"][-1]["val"]  # the schedules differ


@pytest.mark.parametrize(("lang", "words"), [("az", "İstinad təlimi"), ("en", "Reference run")])
def test_the_reference_line_shows_the_command_a_learner_types_and_the_runs_own_figures(lang, words):
    info = reference_info(REFERENCE_RUN)
    set_language(lang)
    line = reference_line()
    assert line.startswith(words)
    assert "python -m course_lib.train --profile cpu" in line and "--lang" not in line  # no "--lang en" in az text
    assert f"{info['heldout_bits_per_char']:.3f}" in line and info["date"][:10] in line
