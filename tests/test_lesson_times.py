"""The lessons say what they cost: every stated time agrees with assets/bench/lesson_times_cpu.json.

``make bench-lessons`` (tools/bench_lessons.py) runs every notebook in course order on the `cpu` profile, full
length, one CPU thread (a Colab CPU runtime), and records each cell's time. The notebooks state, in both
languages, the time their code runs in the header ("Estimated time") and, in the markdown before every long cell,
after "⏱". A stated time agrees with a measured one when it is within AGREE_SECONDS or AGREE_SHARE of it.
"""

import json
import re

import nbformat
import pytest

from course_lib.budget import CELL_SECONDS, lesson_plan, run_seconds
from course_lib.paths import ASSETS, ROOT
from course_lib.profiles import get_profile

TIMES = ASSETS / "bench" / "lesson_times_cpu.json"
NAMES = sorted(p.stem for p in (ROOT / "notebooks" / "src").glob("day*.py"))
LONG_SECONDS = 30  # a cell this long states its time up front and shows a progress bar with an ETA
AGREE_SECONDS, AGREE_SHARE = 10, 0.25
UNITS = {"s": 1, "saniyə": 1, "min": 60, "dəqiqə": 60}
HEADER = {"en": r"\*\*Estimated time:\*\* (\d+) minutes \(running its code: ~([\d.]+) (s|min) on the `cpu` profile",
          "az": r"\*\*Təxmini vaxt:\*\* (\d+) dəqiqə \(kodun icrası: `cpu` profilində, bir CPU nüvəsində ~([\d.]+) "
                r"(saniyə|dəqiqə)\)"}
CELL = r"⏱[^~]*~([\d.]+) (s|min|saniyə|dəqiqə)\b"


def measured() -> dict:
    return json.loads(TIMES.read_text(encoding="utf-8"))


def agrees(stated_seconds: float, measured_seconds: float) -> bool:
    """Whether a stated time is close enough to the measured one (see the module's docstring)."""
    return abs(stated_seconds - measured_seconds) <= max(AGREE_SECONDS, AGREE_SHARE * measured_seconds)


def notebook(lang: str, name: str) -> nbformat.NotebookNode:
    return nbformat.read(ROOT / "notebooks" / lang / f"{name}.ipynb", as_version=4)


def markdown_before_code_cells(nb) -> list[tuple[str, str]]:
    """(code, the nearest markdown cell above it) for every code cell, in order."""
    pairs, markdown = [], ""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            markdown = cell.source
        else:
            pairs.append((cell.source, markdown))
    return pairs


def test_agrees_accepts_a_rounded_time_and_rejects_a_wrong_one():
    assert agrees(120, 108) and agrees(10, 4.6) and agrees(90, 75)
    assert not agrees(60, 110) and not agrees(300, 212) and not agrees(30, 4.6)


def test_the_results_cover_every_notebook_at_full_length_and_say_where_they_were_made():
    results = measured()
    assert sorted(results["notebooks"]) == NAMES
    assert results["profile"] == "cpu" and "full length" in results["what"]
    assert {"device", "threads", "torch", "date"} <= set(results["provenance"])
    assert results["provenance"]["threads"] == 1  # a Colab CPU runtime: 2 vCPUs = 1 core
    assert results["long_seconds"] <= LONG_SECONDS  # every cell the tests below need is listed


@pytest.mark.parametrize("lang", ["az", "en"])
@pytest.mark.parametrize("name", NAMES)
def test_the_header_states_the_measured_time_of_the_notebooks_code(name, lang):
    entry = measured()["notebooks"][name]
    header = notebook(lang, name).cells[0].source.replace("\n", " ")
    match = re.search(HEADER[lang], header)
    assert match, f"{name} ({lang}): the header does not state its code's time on the `cpu` profile"
    minutes, value, unit = int(match[1]), float(match[2]), match[3]
    assert agrees(value * UNITS[unit], entry["cells_seconds"]), (name, lang, value, unit, entry["cells_seconds"])
    assert entry["cells_seconds"] <= minutes * 60 / 4, "the code would take more than a quarter of the lesson"


@pytest.mark.parametrize("lang", ["az", "en"])
@pytest.mark.parametrize("name", NAMES)
def test_every_long_cell_says_its_time_up_front_and_shows_a_progress_bar(name, lang):
    pairs = markdown_before_code_cells(notebook(lang, name))
    english = [code for code, _ in markdown_before_code_cells(notebook("en", name))]  # az comments differ
    for cell in measured()["notebooks"][name]["long_cells"]:
        markdown = pairs[cell["code_cell"]][1]
        where = f"{name} ({lang}) code cell {cell['code_cell']}"
        first_line = english[cell["code_cell"]].splitlines()[0]  # the code cell is still the one measured
        assert first_line == cell["first_line"], f"{where}: changed since measured: make bench-lessons"
        assert cell["seconds"] <= CELL_SECONDS, f"{where}: {cell['seconds']} s is over the per-cell budget"
        if cell["seconds"] < LONG_SECONDS:
            continue
        assert cell["progress_bar"], f"{where}: {cell['seconds']} s without a progress bar"
        match = re.search(CELL, markdown)
        assert match, f"{where}: {cell['seconds']} s, but the text above it does not say so (⏱)"
        assert agrees(float(match[1]) * UNITS[match[2]], cell["seconds"]), (where, match[0], cell["seconds"])


@pytest.mark.parametrize("lang", ["az", "en"])
@pytest.mark.parametrize("name", NAMES)
def test_every_stated_cell_time_belongs_to_a_measured_long_cell(name, lang):
    # a ⏱ left above cells that became short (or moved) would state a time nobody measured
    long = {cell["code_cell"] for cell in measured()["notebooks"][name]["long_cells"]}
    below: dict[str, set[int]] = {}  # a markdown cell with ⏱ → the code cells under it, up to the next markdown
    for index, (_, markdown) in enumerate(markdown_before_code_cells(notebook(lang, name))):
        if "⏱" in markdown:
            below.setdefault(markdown, set()).add(index)
    for cells in below.values():
        assert cells & long, f"{name} ({lang}): ⏱ above code cells {sorted(cells)}, none of them measured long"


# The lesson cells that are one run of course_lib.budget.lesson_plan, by the first line of their code
PLANNED_CELLS = {("day23_training_loop", 'run = plan["train"]'): "train",
                 ("day24_optimizer_scheduler", 'n_steps, lr_batch = plan["learning_rates"].steps, '
                                               'plan["learning_rates"].micro_batch'): "learning_rates",
                 ("day25_accelerate_fp16", "torch.manual_seed(0)"): "trainer"}


@pytest.mark.parametrize(("name", "first_line"), sorted(PLANNED_CELLS))
def test_the_budgets_cpu_prediction_holds_for_the_measured_cells(name, first_line):
    # the per-cell budget (≤ CELL_SECONDS on the target device) is a FLOPs model; on the `cpu` profile it can be
    # checked against the measured cell: it must not promise less time than the cell takes
    profile = get_profile("cpu", smoke=False)
    run = lesson_plan(name[:5], profile)[PLANNED_CELLS[name, first_line]]
    (cell,) = [c for c in measured()["notebooks"][name]["long_cells"] if c["first_line"] == first_line]
    predicted = run_seconds(run, profile)
    assert 0.5 * predicted <= cell["seconds"] <= 1.25 * predicted, (cell["seconds"], predicted)
