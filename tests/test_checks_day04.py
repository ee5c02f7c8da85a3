"""Day 04 self-checks: typical mistakes fail with the right property and hint (references: tests/test_checks.py)."""

import numpy as np
import pytest
from test_checks import assert_fails_with_nudge

from course_lib.checks import check

MISTAKES = [
    ("day04.weight_bytes", lambda n, dtype: str(n * 4), "type"),
    ("day04.weight_bytes", lambda n, dtype: n * (4 if dtype == "fp32" else 2), "values"),  # int8 is 1 byte
    ("day04.adamw_bytes", lambda n: n * 8, "values"),  # "fp16 halves the memory"
    ("day04.adamw_bytes", lambda n: n * 4, "values"),  # forgets gradients and optimizer states
    ("day04.pick_dtype", lambda cc: "bf16" if cc and cc >= (7, 0) else "fp32", "values"),  # trusts T4's emulated bf16
    ("day04.pick_dtype", lambda cc: "fp16" if cc else "fp32", "values"),  # never bf16
    ("day04.pick_dtype", lambda cc: "bf16" if cc and cc >= (8, 0) else "fp16", "values"),  # fp16 on a CPU
    ("day04.pick_dtype", lambda cc: "bf16" if cc and cc >= (8, 0) else "fp16" if cc else "fp32", "values"),  # Pascal
    ("day04.effective_batch", lambda mb, acc, gpus: mb * acc, "values"),  # forgets the GPUs
    ("day04.effective_batch", lambda mb, acc, gpus: mb + acc, "values"),
]


@pytest.mark.parametrize("exercise_id, wrong, failed", MISTAKES)
def test_day04_mistakes(exercise_id, wrong, failed):
    assert_fails_with_nudge(exercise_id, wrong, failed)


def test_correct_alternatives_pass():
    assert check("day04.weight_bytes", lambda n, dtype: n * {"fp32": 32, "fp16": 16, "bf16": 16, "int8": 8}[dtype] // 8)
    assert check("day04.adamw_bytes", lambda n: np.int64(n) * 16)  # numpy integers are integers
    assert check("day04.effective_batch", lambda mb, acc, gpus: float(mb * acc * gpus))  # a whole float is the same
