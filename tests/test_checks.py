"""The self-check framework: references pass, stubs are 'not done', wrong answers fail with the right hint."""

import pytest
import torch

from course_lib.checks import EXERCISES, Exercise, check
from course_lib.checks.core import compare
from course_lib.messages import set_language, t


def stub(*args):
    raise NotImplementedError


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_reference_passes_and_stub_is_not_done(exercise_id, capsys):
    exercise = EXERCISES[exercise_id]
    assert check(exercise_id, exercise.reference).ok
    assert "✅" in capsys.readouterr().out
    result = check(exercise_id, stub)
    assert (result.ok, result.failed) == (False, "not_done")
    out = capsys.readouterr().out
    assert "NotImplementedError" in out and "Traceback" not in out


def test_not_callable_and_raising_functions_are_explained(capsys):
    assert check("day04.weight_bytes", 42).failed == "not_callable"
    result = check("day04.weight_bytes", lambda n, dtype: {"fp32": 4}[dtype] * n)
    assert result.failed == "raised"
    out = capsys.readouterr().out
    assert "KeyError" in out and "Traceback" not in out


def test_wrong_values_get_the_hint_but_never_the_answer(capsys):
    set_language("en")
    result = check("day04.weight_bytes", lambda n, dtype: n * 4)  # forgets that fp16 is 2 bytes
    out = capsys.readouterr().out
    assert result.failed == "values"
    assert t("hint_day04_weight_bytes") in out
    assert "220000000" not in out and "220,000,000" not in out  # 110M × 2 bytes, the expected answer
    assert "(input: 110000000, 'fp16')" in out  # the first case the learner gets wrong, so they can try it


@pytest.mark.parametrize("exercise_id, wrong, failed", [
    ("day04.weight_bytes", lambda n, dtype: str(n * 4), "type"),
    ("day04.adamw_bytes", lambda n: n * 8, "values"),  # "fp16 halves the memory"
    ("day04.adamw_bytes", lambda n: n * 4, "values"),  # forgets gradients and optimizer states
    ("day04.pick_dtype", lambda cc: "bf16" if cc and cc >= (7, 0) else "fp32", "values"),  # trusts T4's emulated bf16
    ("day04.pick_dtype", lambda cc: "fp16" if cc else "fp32", "values"),  # never bf16
    ("day04.pick_dtype", lambda cc: "bf16" if cc and cc >= (8, 0) else "fp16", "values"),  # fp16 on a CPU
    ("day04.pick_dtype", lambda cc: "bf16" if cc and cc >= (8, 0) else "fp16" if cc else "fp32", "values"),  # Pascal
    ("day04.effective_batch", lambda mb, acc, gpus: mb * acc, "values"),  # forgets the GPUs
    ("day04.effective_batch", lambda mb, acc, gpus: mb + acc, "values"),
])
def test_typical_wrong_answers_fail(exercise_id, wrong, failed):
    assert check(exercise_id, wrong).failed == failed


def test_compare_reports_the_first_wrong_property():
    want = torch.zeros(2, 3)
    assert compare([0.0], want, 1e-4, 1e-6) == "type"
    assert compare(torch.zeros(3, 2), want, 1e-4, 1e-6) == "shape"
    assert compare(torch.zeros(2, 3, dtype=torch.float64), want, 1e-4, 1e-6) == "dtype"
    assert compare(torch.ones(2, 3), want, 1e-4, 1e-6) == "values"
    assert compare(torch.zeros(2, 3), want, 1e-4, 1e-6) is None
    assert compare(True, 1, 1e-4, 1e-6) == "type"
    assert compare((1, 2), (1, 2, 3), 1e-4, 1e-6) == "shape"
    assert compare("fp16", "fp16", 1e-4, 1e-6) is None


def test_learner_cannot_change_the_reference_cases():
    def mutating(x):
        x.add_(1)  # modifies its input in place
        return x

    ex = Exercise("test.mutation", lambda x: x + 0, lambda: [(torch.zeros(2),)], "hint_day04_weight_bytes")
    from course_lib.checks.core import _run

    assert _run(ex, mutating).failed == "values"  # reference saw the untouched input
