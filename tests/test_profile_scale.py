"""Every profile at its real size, on the CPU (issue 10, items 7 and 14).

Day 23's initial-loss claim at the real widths (one seeded forward at micro-batch 1 per model size); the memory
model's prediction against the emulated cards; every lesson's training runs against its time budget on the target
device (``course_lib.budget``: FLOPs ÷ peak × MFU); the lessons free their earlier models before they train; and no
notebook is sized for the ``tiny`` profile only.
"""

import ast
import gc
import math
import re
import sys
import weakref
from dataclasses import replace
from pathlib import Path

import matplotlib.pyplot as plt
import pytest
import torch

import course_lib.device
import course_lib.model
from course_lib import bench, budget, memory
from course_lib.budget import (
    CELL_SECONDS,
    GPU_MFU,
    LESSON_SHARE,
    Run,
    lesson_plan,
    run_flops,
    run_seconds,
    trainer_evals,
)
from course_lib.device import GIB
from course_lib.metrics import PEAK_TFLOPS
from course_lib.model import GPTModel
from course_lib.profiles import PROFILES

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "notebooks" / "src"
sys.path.insert(0, str(ROOT / "tools"))
import build_notebooks  # noqa: E402

GPU_PROFILES = ("gpu4gb", "t4")
OWN_DAYS = ("day23", "day24", "day25")  # their step counts come from course_lib.budget.lesson_plan
TOLERANCE = 0.1  # Day 23 §1: |initial loss − (ln V + σ²/2)| < 0.1
EMULATED_CARDS = getattr(course_lib.device, "EMULATED_CARDS", None)  # item 11: what a "4 GB" card and a T4 report


def source(day: str) -> str:
    """The bilingual source of a day's notebook."""
    return next(SRC.glob(f"{day}_*.py")).read_text(encoding="utf-8")


def expected_initial_loss(vocab_size: int, n_embd: int) -> float:
    """Day 23 §1: ln V + σ²/2, σ = 0.02·√C the std of a logit after the final LayerNorm."""
    return math.log(vocab_size) + (0.02**2 * n_embd) / 2


# --- Day 23: the initial loss at the real widths ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def initial_losses() -> dict[str, tuple[float, float]]:
    """{profile: (initial loss, std of the logits)}: one seeded forward of random tokens at micro-batch 1 per size."""
    by_size, results = {}, {}
    for name, profile in PROFILES.items():
        size = (profile.vocab_size, *profile.model_kwargs().values())  # gpu4gb and t4 share one model
        if size not in by_size:
            torch.manual_seed(0)
            model = GPTModel(vocab_size=profile.vocab_size, **profile.model_kwargs())
            generator = torch.Generator().manual_seed(0)
            ids = torch.randint(profile.vocab_size, (1, profile.block_size + 1), generator=generator)
            with torch.no_grad():
                logits, loss = model(ids[:, :-1], ids[:, 1:])  # (1, T, V)
            by_size[size] = (loss.item(), logits.std().item())
        results[name] = by_size[size]
    return results


@pytest.mark.parametrize("name", list(PROFILES))
def test_initial_loss_is_ln_v_plus_half_the_logit_variance(name, initial_losses):
    profile = PROFILES[name]
    loss, logit_std = initial_losses[name]
    assert logit_std == pytest.approx(0.02 * math.sqrt(profile.n_embd), rel=0.05)
    assert abs(loss - expected_initial_loss(profile.vocab_size, profile.n_embd)) < TOLERANCE


@pytest.mark.parametrize("name", GPU_PROFILES)
def test_the_plain_ln_v_claim_fails_at_the_real_width(name, initial_losses):
    """The old check |loss − ln V| < 0.1 printed False at C = 768: the correction alone is 0.0002 · 768 = 0.15."""
    profile = PROFILES[name]
    assert abs(initial_losses[name][0] - math.log(profile.vocab_size)) > TOLERANCE


def test_day23_checks_the_corrected_formula():
    text = source("day23")
    assert "sigma = 0.02 * math.sqrt(C)" in text and "expected = math.log(V) + sigma**2 / 2" in text
    assert f"abs(loss.item() - expected) < {TOLERANCE}" in text
    assert "10.37" not in text  # the seed model's ln 32000, printed from V and C instead
    assert "move along the gradient" not in text


# --- memory against the emulated cards -------------------------------------------------------------------------------

@pytest.mark.skipif(EMULATED_CARDS is None, reason="course_lib.device.EMULATED_CARDS (issue 10, item 11) is missing")
@pytest.mark.parametrize("name", GPU_PROFILES)
def test_every_run_fits_the_emulated_card(name):
    """The train command and every lesson run at the profile: predicted peak + CUDA context ≤ the card's total."""
    profile = PROFILES[name]
    config = dict(vocab_size=profile.vocab_size, **profile.model_kwargs())  # the largest vocabulary a run gets
    runs = {"train command": Run(profile.max_steps, profile.micro_batch, profile.grad_accum, profile.precision)}
    runs |= {f"{day} {cell}": run for day in OWN_DAYS for cell, run in lesson_plan(day, profile).items()}
    for label, run in runs.items():
        precision = "fp32" if run.precision == "fp32" else "fp16"  # "half": bf16 and fp16 take the same bytes
        card = memory.predict(config, run.micro_batch, precision, grad_accum=run.grad_accum)["card"]
        assert card <= EMULATED_CARDS[name], f"{label}: {card / GIB:.2f} GiB > {EMULATED_CARDS[name] / GIB:.2f} GiB"


# --- time against the budget -----------------------------------------------------------------------------------------

def stated_minutes(day: str) -> int:
    """The notebook's own "Estimated time" in minutes."""
    return int(re.search(r"\*\*Estimated time:\*\* (\d+) minutes", source(day)).group(1))


def test_budget_arithmetic():
    """FLOPs = steps × tokens × (6N + 12·L·C·T), an evaluation forward a third of that; a T4: 8.1 TFLOPS in fp32."""
    profile = PROFILES["t4"]
    n = memory.gpt_param_count(profile.vocab_size, profile.block_size, profile.n_layer, profile.n_embd)
    per_token = 6 * n + 12 * profile.n_layer * profile.n_embd * profile.block_size
    run = Run(10, 16, evals=1, eval_iters=3)
    tokens = 16 * profile.block_size
    assert run_flops(run, profile) == pytest.approx(10 * tokens * per_token + 2 * 3 * tokens * per_token / 3)
    assert run_seconds(run, profile) == pytest.approx(run_flops(run, profile) / (8.1e12 * GPU_MFU))
    half = Run(10, 16, precision="half")
    t4_half = PEAK_TFLOPS["T4"]["fp16"] * 1e12 * GPU_MFU
    assert run_seconds(half, profile) == pytest.approx(run_flops(half, profile) / t4_half)


def test_the_old_day23_run_took_over_an_hour_on_a_t4():
    """What §4 ran before: the t4 profile's max_steps then (5000) in fp32 — the budget must be able to say no."""
    profile = PROFILES["t4"]
    old = Run(5000, profile.micro_batch, evals=2, eval_iters=profile.eval_iters)
    assert run_seconds(old, profile) > 3600


@pytest.mark.parametrize("name", list(PROFILES))
@pytest.mark.parametrize("day", OWN_DAYS)
def test_lesson_runs_fit_the_time_budget(day, name):
    """Every cell ≤ CELL_SECONDS on the profile's target device; the notebook's runs ≤ a share of its stated time."""
    profile = PROFILES[name]
    seconds = {cell: run_seconds(run, profile) for cell, run in lesson_plan(day, profile).items()}
    assert seconds
    assert max(seconds.values()) <= CELL_SECONDS, seconds
    assert sum(seconds.values()) <= LESSON_SHARE * stated_minutes(day) * 60, seconds


@pytest.mark.parametrize("day", OWN_DAYS)
def test_lessons_take_their_steps_from_the_budget(day):
    text = source(day)
    assert f'lesson_plan("{day}", profile)' in text
    read = set(re.findall(r"""plan\[["'](\w+)["']\]""", text))
    assert read and read <= set(lesson_plan(day, PROFILES["t4"])), read


# --- Days 26–29 (their own step counts, read from their sources) -----------------------------------------------------

def assigned(day: str, names: tuple[str, ...], profile) -> dict:
    """The values a lesson's own top-level assignments give ``names`` at ``profile`` (nothing else of it runs)."""
    def targets(node: ast.Assign) -> set:
        found = set()
        for target in node.targets:
            found |= {getattr(t, "id", None) for t in getattr(target, "elts", [target])}
        return found
    body = [node for node in ast.parse(source(day)).body if isinstance(node, ast.Assign) and targets(node) & set(names)]
    namespace = dict(vars(budget), profile=profile, replace=replace)  # the lessons take their counts from budget
    exec(compile(ast.Module(body=body, type_ignores=[]), day, "exec"), namespace)
    return {name: namespace[name] for name in names}


def trainer_run(profile, steps: int, run_profile=None) -> Run:
    """A Trainer run of ``steps`` steps (evaluating as ``run_profile`` says)."""
    run_profile = run_profile or profile
    return Run(steps, profile.micro_batch, profile.grad_accum, profile.precision,
               evals=trainer_evals(steps, run_profile.eval_interval), eval_iters=run_profile.eval_iters)


def cells_of_days_26_to_29(day: str, profile) -> dict[str, Run | list[Run]]:
    """The training cells of Days 26–29 at ``profile``, as their sources compute them today."""
    if day == "day26":
        values = assigned(day, ("steps", "warmup"), profile)
        rows = bench.technique_settings(profile.micro_batch, profile.grad_accum, profile.precision)
        table = [Run(values["steps"] + values["warmup"], kwargs.get("micro_batch", profile.micro_batch),
                     kwargs.get("grad_accum", 1), "fp32" if kwargs["precision"] == "fp32" else "half")
                 for _technique, _setting, kwargs in rows]
        return {"technique table": table}
    if day == "day27":
        values = assigned(day, ("steps", "eval_iters", "run_profile"), profile)
        run = trainer_run(profile, values["steps"], values["run_profile"])
        return {"whole corpus": run, "small data": run}
    if day == "day28":
        values = assigned(day, ("n", "run_profile"), profile)
        n, run_profile = values["n"], values["run_profile"]
        return {"first N": trainer_run(profile, n, run_profile), "whole 2N": trainer_run(profile, 2 * n, run_profile),
                "resumed N → 2N": trainer_run(profile, n, run_profile)}
    short = assigned(day, ("short_steps",), profile)["short_steps"]
    return {"short run": trainer_run(profile, short)}


@pytest.mark.parametrize("day", ["day26", "day27", "day28", "day29"])
@pytest.mark.parametrize("name", list(PROFILES))
def test_days_26_to_29_fit_the_time_budget(day, name):
    profile = PROFILES[name]
    cells = cells_of_days_26_to_29(day, profile)
    seconds = {cell: sum(run_seconds(run, profile) for run in (runs if isinstance(runs, list) else [runs]))
               for cell, runs in cells.items()}
    assert max(seconds.values()) <= CELL_SECONDS, seconds
    assert sum(seconds.values()) <= LESSON_SHARE * stated_minutes(day) * 60, seconds


# --- what the notebooks assume ---------------------------------------------------------------------------------------

def calls(tree: ast.AST) -> set[str]:
    """Names of the functions and methods a tree calls."""
    return {getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            for node in ast.walk(tree) if isinstance(node, ast.Call)}


def test_every_training_notebook_is_budgeted():
    """A notebook that trains or evaluates is one of the days the tests above budget."""
    budgeted = set(OWN_DAYS) | {"day26", "day27", "day28", "day29"}
    for path in sorted(SRC.glob("day*.py")):
        day = path.name.split("_")[0]
        trains = {"plain_step", "train_step", "Trainer", "estimate_loss"} & calls(ast.parse(path.read_text("utf-8")))
        assert not trains or day in budgeted, f"{path.name} trains ({sorted(trains)}) with no budget"


@pytest.mark.parametrize("path", sorted(SRC.glob("day*.py")), ids=lambda path: path.name)
def test_no_notebook_assumes_the_tiny_profile(path):
    """No code names the tiny profile (a comparison with profile.name may), or loops over a profile's whole run."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and node.value == "tiny":
            assert isinstance(parents[node], ast.Compare), f"{path.name}:{node.lineno}: the tiny profile by name"
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "range":
            names = {ast.unparse(arg) for arg in node.args}
            assert "profile.max_steps" not in names, f"{path.name}:{node.lineno}: a lesson loop of profile.max_steps"


# --- the lessons free what they no longer need -----------------------------------------------------------------------

BEFORE_TRAINING = {"day23": "bar = tqdm(range(run.steps)", "day24": "def run("}  # the cell that starts the runs


@pytest.mark.parametrize("day", BEFORE_TRAINING)
def test_earlier_models_are_freed_before_the_training_runs(day, monkeypatch):
    """The en notebook's cells up to its training run (tiny smoke): no earlier model's parameters are still alive.

    On a 4 GB card a 100M model with AdamW fits once, not twice: Day 23 kept a second model, both optimizers and
    the (B, T, V) logits alive, so a 32k vocabulary overflowed the card in §3. A weak reference to every parameter
    of every GPTModel the cells build shows what survives (a leftover ``loss`` keeps its graph's parameters too).
    """
    monkeypatch.setenv("COURSE_PROFILE", "tiny")
    monkeypatch.setenv("COURSE_SMOKE", "1")
    plt.switch_backend("Agg")
    alive = []

    class Tracked(course_lib.model.GPTModel):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            alive.extend(weakref.ref(p) for p in self.parameters())

    monkeypatch.setattr(course_lib.model, "GPTModel", Tracked)
    notebook = build_notebooks.build(next(SRC.glob(f"{day}_*.py")))["en"]
    namespace = {}
    try:
        for cell in notebook.cells:
            if cell.cell_type != "code":
                continue
            if BEFORE_TRAINING[day] in cell.source:
                break
            exec(compile(cell.source, day, "exec"), namespace)
        else:
            pytest.fail(f"no cell of {day} contains {BEFORE_TRAINING[day]!r}")
        gc.collect()
        assert alive
        assert not [ref for ref in alive if ref() is not None], "parameters of an earlier model are still alive"
    finally:
        namespace.clear()
        plt.close("all")
