"""The self-check framework: run seeded cases against a reference, report the first wrong property.

Hints come in stages, as in Kaggle's learntools: every failure names the failing property and gives a nudge (what
to think about: no code, no formula); from the ``STRONGER_HINT_AFTER``-th failure of the same exercise on, a
stronger hint (the formula in words or math) follows; the code only on request: ``check(id, solution=True)``.
"""

import ast
import copy
import inspect
import math
import numbers
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import torch

from course_lib.messages import t

STRONGER_HINT_AFTER = 3  # failed tries of one exercise before the stronger hint is shown
COUNTED = ("raised", "type", "shape", "dtype", "values", "order")  # real tries; a stub or a non-function is not one


@dataclass(frozen=True)
class Exercise:
    """One exercise: the reference, its seeded cases, two staged hints and the code ``solution`` shows."""

    id: str
    reference: Callable
    cases: Callable[[], list[tuple]]  # each case is a tuple of positional arguments
    hint: str  # catalogue key of the nudge every failure shows: what to think about, no code and no formula
    formula: str  # catalogue key of the stronger hint after repeated failures: the formula in words or math
    solution: Callable | None = None  # the function whose code the solution shows; None: the reference
    judge: Callable | None = None  # judge(got, want, case) → the failed property or None; None: compare()
    rtol: float = 1e-4
    atol: float = 1e-6


@dataclass(frozen=True)
class CheckResult:
    """The outcome of a check: ``ok``, the first property that failed and the message printed."""

    ok: bool
    failed: str | None = None  # "not_callable", "not_done", "raised", "type", "shape", "dtype", "values", "order"
    message: str = ""

    def __bool__(self) -> bool:
        return self.ok

    def _ipython_display_(self) -> None:  # the check already printed its verdict
        pass


EXERCISES: dict[str, Exercise] = {}
FAILURES: dict[str, int] = {}  # failed tries per exercise in this session (reset when it passes)


def register(exercise: Exercise) -> Exercise:
    """Add an exercise to the registry (ids are unique)."""
    if exercise.id in EXERCISES:
        raise RuntimeError(f"exercise {exercise.id!r} registered twice")
    EXERCISES[exercise.id] = exercise
    return exercise


def _describe(value) -> str:
    """A value by its form, never by its numbers: tensors by shape and dtype, short tuples and lists item by item."""
    if isinstance(value, torch.Tensor):
        return f"Tensor{tuple(value.shape)} {str(value.dtype).replace('torch.', '')}"
    if isinstance(value, (tuple, list)):
        if len(value) > 4:
            return f"{type(value).__name__}[{len(value)}]"
        items = ", ".join(_describe(item) for item in value)
        return f"({items})" if isinstance(value, tuple) else f"[{items}]"
    return type(value).__name__


def _describe_case(case: tuple) -> str:
    """The arguments of a case, short: tensors by shape and dtype, small values as written, others by type."""

    def one(value) -> str:
        if isinstance(value, torch.Tensor):
            return _describe(value)
        text = repr(value)
        if isinstance(value, (bool, int, float, str, tuple, list, type(None))) and len(text) <= 60:
            return text
        return type(value).__name__

    return ", ".join(one(value) for value in case)


def _is_bool(value) -> bool:
    return isinstance(value, (bool, np.bool_))


def compare(got, want, rtol: float, atol: float) -> str | None:
    """The first property in which ``got`` differs from ``want`` (type → shape → dtype → values → order), or None.

    Any integral number (numpy's too) stands for an int, any real number for a float; a bool is neither.
    Dicts must hold the same items in the same order (Python dicts keep the order of insertion).
    """
    if isinstance(want, torch.Tensor):
        if not isinstance(got, torch.Tensor):
            return "type"
        if got.shape != want.shape:
            return "shape"
        if got.dtype != want.dtype:
            return "dtype"
        if want.dtype == torch.bool or not want.is_floating_point():
            return None if torch.equal(got.cpu(), want.cpu()) else "values"
        return None if torch.allclose(got.cpu(), want.cpu(), rtol=rtol, atol=atol, equal_nan=True) else "values"
    if _is_bool(want):
        if not _is_bool(got):
            return "type"
        return None if bool(got) == bool(want) else "values"
    if isinstance(want, str):
        if not isinstance(got, str):
            return "type"
        return None if got == want else "values"
    if isinstance(want, numbers.Real):
        if _is_bool(got) or not isinstance(got, numbers.Real):
            return "type"
        if isinstance(want, numbers.Integral):  # counts and sizes: exact
            return None if got == want else "values"
        return None if math.isclose(got, want, rel_tol=rtol, abs_tol=atol) else "values"
    if isinstance(want, Mapping):
        if not isinstance(got, Mapping):
            return "type"
        if set(got) != set(want):
            return "values"
        for key in want:
            failed = compare(got[key], want[key], rtol, atol)
            if failed:
                return failed
        return None if list(got) == list(want) else "order"
    if isinstance(want, (tuple, list)):
        if not isinstance(got, (tuple, list)):
            return "type"
        if len(got) != len(want):
            return "shape"
        for g, w in zip(got, want):
            failed = compare(g, w, rtol, atol)
            if failed:
                return failed
        return None
    return None if got == want else "values"


def check(exercise_id: str, fn: Callable | None = None, *, solution: bool = False) -> CheckResult | None:
    """Check the learner's ``fn`` for exercise ``exercise_id`` and print the verdict; ``solution=True``: the code."""
    if solution:
        return _print_solution(exercise_id)
    exercise = EXERCISES[exercise_id]
    result = _run(exercise, fn)
    if result.ok:
        FAILURES.pop(exercise_id, None)
        print(result.message)
    return result


def solution(exercise_id: str) -> None:
    """Print the course's code for exercise ``exercise_id``, the same as ``check(exercise_id, solution=True)``."""
    _print_solution(exercise_id)


def _print_solution(exercise_id: str) -> None:
    """Print the solution's source (the reference's where the exercise has no separate solution)."""
    exercise = EXERCISES[exercise_id]
    code = exercise.solution or exercise.reference
    print(t("check_solution", id=exercise_id, name=f"{code.__module__}.{code.__qualname__}"))
    for table in _tables_read_by(code):
        print(table + "\n\n")
    print(textwrap.dedent(inspect.getsource(code)).rstrip())


def _tables_read_by(code: Callable) -> list[str]:
    """Source of the module-level UPPER_CASE assignments ``code`` reads (a table it looks up), in module order."""
    source = inspect.getsource(inspect.getmodule(code))
    names = {name for name in code.__code__.co_names if name.isupper()}
    return [ast.get_source_segment(source, node) for node in ast.parse(source).body
            if isinstance(node, ast.Assign) and any(getattr(target, "id", None) in names for target in node.targets)]


def _fail(exercise: Exercise, failed: str, **values) -> CheckResult:
    lines = [t("check_failed", id=exercise.id) + " " + t(f"check_{failed}", **values)]
    if failed in COUNTED:
        tries = FAILURES[exercise.id] = FAILURES.get(exercise.id, 0) + 1
        lines.append(t("check_hint", hint=t(exercise.hint)))
        if tries >= STRONGER_HINT_AFTER:
            lines.append(t("check_formula", hint=t(exercise.formula), tries=tries))
            lines.append(t("check_ask_solution", id=exercise.id))
    message = "\n".join(lines)
    print(message)
    return CheckResult(False, failed, message)


def _run(exercise: Exercise, fn) -> CheckResult:
    if not callable(fn):
        return _fail(exercise, "not_callable", got=type(fn).__name__)
    torch.manual_seed(0)
    cases = exercise.cases()
    for case in cases:
        try:
            got = fn(*copy.deepcopy(case))
        except NotImplementedError:
            return _fail(exercise, "not_done")
        except Exception as error:  # the learner sees the error's name and text, not a traceback
            return _fail(exercise, "raised", error=type(error).__name__, detail=str(error)[:200])
        want = exercise.reference(*copy.deepcopy(case))
        if exercise.judge:
            failed = exercise.judge(got, want, case)
        else:
            failed = compare(got, want, exercise.rtol, exercise.atol)
        if failed:
            return _fail(exercise, failed, got=_describe(got), case=_describe_case(case))
    return CheckResult(True, None, t("check_ok", id=exercise.id))
