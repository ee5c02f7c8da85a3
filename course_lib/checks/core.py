"""The self-check framework: run seeded cases against a reference, report the first wrong property."""

import copy
import math
from collections.abc import Callable
from dataclasses import dataclass

import torch

from course_lib.messages import t


@dataclass(frozen=True)
class Exercise:
    """One exercise: the reference solution, its seeded cases and the hint shown for wrong values."""

    id: str
    reference: Callable
    cases: Callable[[], list[tuple]]  # each case is a tuple of positional arguments
    hint: str  # catalogue key: what to think about when the values are wrong
    rtol: float = 1e-4
    atol: float = 1e-6


@dataclass(frozen=True)
class CheckResult:
    """The outcome of a check: ``ok`` and, if not, the first property that failed."""

    ok: bool
    failed: str | None = None  # "not_callable", "not_done", "raised", "type", "shape", "dtype", "values"

    def __bool__(self) -> bool:
        return self.ok

    def _ipython_display_(self) -> None:  # the check already printed its verdict
        pass


EXERCISES: dict[str, Exercise] = {}


def register(exercise: Exercise) -> Exercise:
    """Add an exercise to the registry (ids are unique)."""
    if exercise.id in EXERCISES:
        raise RuntimeError(f"exercise {exercise.id!r} registered twice")
    EXERCISES[exercise.id] = exercise
    return exercise


def _describe(value) -> str:
    if isinstance(value, torch.Tensor):
        return f"Tensor{tuple(value.shape)} {str(value.dtype).replace('torch.', '')}"
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


def compare(got, want, rtol: float, atol: float) -> str | None:
    """The first property in which ``got`` differs from ``want`` (type → shape → dtype → values), or None."""
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
    if isinstance(want, bool) or isinstance(want, str):
        if type(got) is not type(want):
            return "type"
        return None if got == want else "values"
    if isinstance(want, (int, float)):
        if isinstance(got, bool) or not isinstance(got, (int, float)):
            return "type"
        return None if math.isclose(got, want, rel_tol=rtol, abs_tol=atol) else "values"
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


def check(exercise_id: str, fn) -> CheckResult:
    """Check the learner's ``fn`` for exercise ``exercise_id``; print one verdict line and a hint."""
    exercise = EXERCISES[exercise_id]
    result = _run(exercise, fn)
    if result.ok:
        print(t("check_ok", id=exercise_id))
    return result


def _fail(exercise_id: str, failed: str, **values) -> CheckResult:
    print(t("check_failed", id=exercise_id) + " " + t(f"check_{failed}", **values))
    return CheckResult(False, failed)


def _run(exercise: Exercise, fn) -> CheckResult:
    if not callable(fn):
        return _fail(exercise.id, "not_callable", got=type(fn).__name__)
    torch.manual_seed(0)
    cases = exercise.cases()
    for case in cases:
        try:
            got = fn(*copy.deepcopy(case))
        except NotImplementedError:
            return _fail(exercise.id, "not_done")
        except Exception as error:  # the learner sees the error's name and text, not a traceback
            return _fail(exercise.id, "raised", error=type(error).__name__, detail=str(error)[:200])
        want = exercise.reference(*copy.deepcopy(case))
        failed = compare(got, want, exercise.rtol, exercise.atol)
        if failed:
            return _fail(exercise.id, failed, got=_describe(got), case=_describe_case(case), hint=t(exercise.hint))
    return CheckResult(True)
