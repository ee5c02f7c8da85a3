"""What the lessons say agrees with what their stored outputs and the measured results in assets/ show.

A learner reads the stored outputs before running anything: a sentence that the output beside it contradicts
teaches the wrong thing. Each test names the sentence it guards.
"""

import json
import re

import nbformat
import pytest

from course_lib.metrics import REFERENCE_RUN, read_metrics
from course_lib.paths import ASSETS, ROOT

SCHEDULE = ASSETS / "bench" / "schedule_cpu.json"
LEARNING = ASSETS / "bench" / "learning_cpu.json"


def output_text(lang: str, name: str, marker: str) -> str:
    """The stored text output of the code cell of notebook ``name`` whose source contains ``marker``."""
    nb = nbformat.read(ROOT / "notebooks" / lang / f"{name}.ipynb", as_version=4)
    (cell,) = [c for c in nb.cells if c.cell_type == "code" and marker in c.source]
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")


def numbers(text: str) -> list[float]:
    return [float(x) for x in re.findall(r"-?\d+\.\d+", text)]


@pytest.mark.parametrize("lang", ["az", "en"])
def test_day24_short_run_shows_the_constant_rate_ahead_as_the_text_says(lang):
    # "in a short run ... here the constant LR is usually ahead" (§6)
    text = output_text(lang, "day24_optimizer_scheduler", "scheduled, used_lrs = run(")
    constant, cosine = numbers(text.splitlines()[-1])[-2:]
    assert constant < cosine, text


def test_day24_whole_run_shows_the_schedule_ahead_as_the_text_says():
    # "the schedule pays off in a run long enough ..." (§6.1): the stored full-length runs
    results = json.loads(SCHEDULE.read_text(encoding="utf-8"))
    assert results["cosine"][-1]["step"] == results["constant"][-1]["step"] == results["steps"]
    assert results["cosine"][-1]["val"] < results["constant"][-1]["val"]
    reference = [r for r in read_metrics(REFERENCE_RUN) if "val_loss" in r]
    assert [p["val"] for p in results["cosine"]] == [r["val_loss"] for r in reference]  # it is the reference run


def test_day24_sweep_is_a_bowl_with_the_profiles_rate_near_its_flat_bottom():
    # "the profile's rate and twice it are a few hundredths apart, while a quarter of it or four times it cost a
    # lot ... the best is twice the profile's rate" (§3.1)
    val = {p["factor"]: p["val"] for p in json.loads(SCHEDULE.read_text(encoding="utf-8"))["sweep"]}
    best = min(val.values())
    assert val[2] == best and abs(val[1] - val[2]) < 0.05
    assert val[0.25] - best > 0.2 and val[4] - best > 0.2


@pytest.mark.parametrize("lang", ["az", "en"])
def test_day27_reference_run_shows_val_falling_to_the_end(lang):
    # "val falling to the end ... no overfitting" (§5.1)
    text = output_text(lang, "day27_validation", "curves(REFERENCE_RUN")
    assert text.rstrip().endswith("True"), text


@pytest.mark.parametrize("lang", ["az", "en"])
def test_day21_measures_the_largest_vocabulary_the_corpus_supports_as_the_text_says(lang):
    # "about 30,000 tokens can be built (measured below)" (§4)
    text = output_text(lang, "day21_tokenizer", "train_tokenizer(corpus_text, size)")
    (line,) = [line for line in text.splitlines() if line.startswith("shakespeare/")]
    achieved = int(re.search(r"vocab_size=(\d+) ", line.split(":", 1)[1]).group(1))
    assert 28_000 < achieved < 32_000, line


def test_day24_whole_run_constant_rate_memorises_more():
    # "the constant-rate run ends with a lower train loss ... yet does worse on the works it never saw" (§6.1)
    results = json.loads(SCHEDULE.read_text(encoding="utf-8"))
    constant, cosine = results["constant"][-1], results["cosine"][-1]
    assert constant["train"] < cosine["train"] and constant["val"] > cosine["val"]
    assert all(a["val"] >= b["val"] for a, b in zip(results["constant"], results["cosine"]))  # "keeps ahead"
