"""Day 26 self-checks: typical mistakes fail on the expected property (references and stubs: tests/test_checks.py)."""

import math

import pytest
from test_checks import assert_fails_with_nudge

from course_lib.checks import EXERCISES, solution
from course_lib.checks.day26 import GUIDE_TABLE


def _layer(B, T, C, H, precision, korthikanti=False, t_by_t=False, half_residual=False):
    N, a = B * T, 4 if precision == "fp32" else 2
    if korthikanti:  # 34·s·b·h bytes at 2-byte precision, scaled
        return 17 * a * N * C
    r = a if half_residual else 4
    total = 2 * r * N * C + 16 * N + 2 * a * N * C + 8 * a * N * C + 4 * a * N * C + 4 * N * H
    return total + (a * B * H * T * T if t_by_t else 0)


def _backoff(micro, accum, n, keep_accum=False):
    for _ in range(n):
        micro //= 2
        accum = accum if keep_accum else accum * 2  # doubling loses a sequence when the micro-batch is odd
    return micro, accum, micro * accum


def _adam8(shapes, threshold=True, absmax=True, qmap=False):
    total = 2048 if qmap else 0
    for s in shapes:
        n = math.prod(s)
        small = threshold and n < 4096
        total += 8 * n if small else 2 * n + (8 * math.ceil(n / 256) if absmax else 0)
    return total


MISTAKES = [
    ("day26.layer_bytes", lambda *a: _layer(*a, korthikanti=True), "values"),
    ("day26.layer_bytes", lambda *a: _layer(*a, t_by_t=True), "values"),
    ("day26.layer_bytes", lambda *a: _layer(*a, half_residual=True), "values"),
    ("day26.layer_bytes", lambda *a: float(_layer(*a)) + 0.5, "values"),
    ("day26.technique", lambda name: ("yes", "yes"), "values"),
    ("day26.technique", lambda name: GUIDE_TABLE[name][::-1], "values"),
    ("day26.technique", lambda name: tuple(v == "yes" for v in GUIDE_TABLE[name]), "type"),
    ("day26.oom_backoff", lambda *a: _backoff(*a, keep_accum=True), "values"),
    ("day26.oom_backoff", _backoff, "values"),
    ("day26.oom_backoff", lambda *a: _backoff(*a)[:2], "shape"),
    ("day26.adam8bit_bytes", lambda s: _adam8(s, threshold=False), "values"),
    ("day26.adam8bit_bytes", lambda s: _adam8(s, absmax=False), "values"),
    ("day26.adam8bit_bytes", lambda s: _adam8(s, qmap=True), "values"),
    ("day26.adam8bit_bytes", lambda s: sum(2 * math.prod(x) for x in s), "values"),
]


@pytest.mark.parametrize("exercise_id, wrong, failed", MISTAKES)
def test_typical_mistakes_fail(exercise_id, wrong, failed):
    assert_fails_with_nudge(exercise_id, wrong, failed)


def test_the_reference_layer_matches_the_hand_formula():
    reference = EXERCISES["day26.layer_bytes"].reference
    assert reference(2, 4, 8, 2, "fp32") == _layer(2, 4, 8, 2, "fp32")
    assert reference(4, 256, 768, 12, "fp16") == _layer(4, 256, 768, 12, "fp16")


def test_the_technique_solution_shows_the_table_it_looks_up(capsys):
    # the reference is `return GUIDE_TABLE[name]`: its solution is only useful with the table printed above it
    solution("day26.technique")
    out = capsys.readouterr().out
    assert "GUIDE_TABLE = {" in out and out.index("GUIDE_TABLE = {") < out.index("def technique_effect")
    assert all(f'"{name}": {answer!r}'.replace("'", '"') in out for name, answer in GUIDE_TABLE.items())
