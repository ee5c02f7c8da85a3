"""Days 26–29 at the real profiles, read from the notebook sources (nothing trains here): evaluation on the learner's
device, few checkpoint saves on Day 28, Day 29 closing the Trainer it starts."""

import ast
from dataclasses import replace
from pathlib import Path

import pytest

from course_lib import budget
from course_lib.profiles import PROFILES

SRC = Path(__file__).resolve().parents[1] / "notebooks" / "src"
DAYS = sorted(SRC.glob("day2[6-9]_*.py"))


def module(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def calls_of(tree: ast.AST, name: str) -> list[ast.Call]:
    """Every call of ``name(...)`` or ``something.name(...)``."""
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call)
            and (getattr(node.func, "id", None) == name or getattr(node.func, "attr", None) == name)]


@pytest.mark.parametrize("function, device_position", [("estimate_loss", 5), ("load_model", 1)])
def test_evaluation_runs_on_the_learners_device(function, device_position):
    """Their default is where the model is (or was saved): a 100M model left on the CPU takes ~16 min on Colab."""
    found = 0
    for path in DAYS:
        for call in calls_of(module(path), function):
            found += 1
            named = any(keyword.arg == "device" for keyword in call.keywords)
            assert named or len(call.args) > device_position, f"{path.name}:{call.lineno}: {function} without device"
    assert found


def saves(start: int, stop: int, eval_interval: int) -> int:
    """Checkpoints a Trainer writes going from step ``start`` to ``stop``: every eval_interval steps and at the end."""
    return sum(1 for step in range(start + 1, stop + 1) if step % eval_interval == 0 or step == stop)


def assigned(day: str, names: set[str], profile) -> dict:
    """The values a lesson's top-level assignments to ``names`` take at ``profile`` (run in the source's order)."""
    nodes = [node for node in module(SRC / f"{day}.py").body if isinstance(node, ast.Assign)
             and {getattr(target, "id", None) for target in node.targets} & names]
    namespace = dict(profile=profile, replace=replace, lesson_steps=budget.lesson_steps,
                     LESSON_EVAL_ITERS=budget.LESSON_EVAL_ITERS)
    exec(compile(ast.Module(body=nodes, type_ignores=[]), day, "exec"), namespace)
    return namespace


def day28_plan(profile) -> tuple[int, int]:
    """Day 28's N and the eval/save interval of its runs, computed by the lesson's own assignments."""
    values = assigned("day28_checkpoints", {"n", "run_profile"}, profile)
    return values["n"], values["run_profile"].eval_interval


@pytest.mark.parametrize("smoke", [True, False])
@pytest.mark.parametrize("name", list(PROFILES))
def test_day28_saves_a_few_checkpoints_per_run(name, smoke):
    profile = PROFILES[name].shortened() if smoke else PROFILES[name]
    n, interval = day28_plan(profile)
    runs = {"first N": saves(0, n, interval), "whole 2N": saves(0, 2 * n, interval),
            "resumed N → 2N": saves(n, 2 * n, interval)}
    assert all(count <= 4 for count in runs.values()), runs  # one 100M checkpoint with AdamW: ~1.2 GB
    assert runs["whole 2N"] > 2  # §3 shows keep_last = 2 pruning an older checkpoint
    total = sum(runs.values()) + 1  # + the explicit save of §2
    if name in ("gpu4gb", "t4"):
        assert total <= 10, runs


def test_day29_closes_the_trainer_it_starts():
    tree = module(SRC / "day29_generation.py")
    started = [node for node in ast.walk(tree) if isinstance(node, ast.Assign) and calls_of(node.value, "main")]
    assert started, "train.main's Trainer must be kept to be closed"
    for node in started:
        name = node.targets[0].id
        assert any(getattr(call.func.value, "id", None) == name for call in calls_of(tree, "close")), name


@pytest.mark.parametrize("name", ["cpu", "gpu4gb", "t4"])
def test_day27_and_day29_training_cells_fit_a_cell_budget(name):
    """Each Trainer cell of Days 27 and 29 (full length, not smoke) within budget.CELL_SECONDS on the target device."""
    profile = PROFILES[name]
    half = "fp32" if name == "cpu" else "fp16"  # the T4 and a GTX/RTX 20xx train in fp16
    day27 = assigned("day27_validation", {"steps", "eval_iters", "run_profile"}, profile)
    run_profile = day27["run_profile"]
    run = budget.Run(day27["steps"], profile.micro_batch, profile.grad_accum, half,
                     evals=budget.trainer_evals(day27["steps"], run_profile.eval_interval),
                     eval_iters=run_profile.eval_iters)
    assert budget.run_seconds(run, profile) <= budget.CELL_SECONDS  # one cell per run ("full", "small")
    steps = assigned("day29_generation", {"short_steps"}, profile)["short_steps"]
    short = budget.Run(steps, profile.micro_batch, profile.grad_accum, half,
                       evals=budget.trainer_evals(steps, profile.eval_interval), eval_iters=profile.eval_iters)
    assert budget.run_seconds(short, profile) <= budget.CELL_SECONDS
