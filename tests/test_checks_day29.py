"""Day 29 self-checks: typical mistakes fail on the expected property (references and stubs: tests/test_checks.py)."""

import pytest
import torch
from test_checks import assert_fails_with_nudge

from course_lib.checks import check


def _keep(logits, keep):
    return logits.masked_fill(~keep, float("-inf"))


def _top_k(logits, k, extra=0, largest=True):
    order = logits.argsort(dim=-1, descending=largest)[:, :k + extra]
    return _keep(logits, torch.zeros_like(logits, dtype=torch.bool).scatter(-1, order, True))


def _top_p(logits, p, keep_crossing=True, restore_order=True):
    sorted_logits, order = logits.sort(dim=-1, descending=True)
    cumulative = sorted_logits.softmax(dim=-1).cumsum(dim=-1)
    keep = (cumulative - sorted_logits.softmax(dim=-1) < p) if keep_crossing else (cumulative < p)
    keep[:, 0] = True
    sorted_logits = _keep(sorted_logits, keep)
    return torch.empty_like(logits).scatter(-1, order, sorted_logits) if restore_order else sorted_logits


def test_hand_written_helpers_pass():  # the wrong answers below differ from these in one place only
    assert check("day29.top_k", _top_k).ok
    assert check("day29.top_p", _top_p).ok


MISTAKES = [
    ("day29.temperature", lambda logits, temp: logits * temp, "values"),
    ("day29.temperature", lambda logits, temp: (logits / temp).softmax(dim=-1), "values"),
    ("day29.temperature", lambda logits, temp: logits - temp, "values"),
    ("day29.temperature", lambda logits, temp: (logits / temp)[:, -1], "shape"),
    ("day29.top_k", lambda logits, k: _top_k(logits, k, extra=1), "values"),
    ("day29.top_k", lambda logits, k: _top_k(logits, k, largest=False), "values"),
    ("day29.top_k", lambda logits, k: torch.topk(logits, k).values, "shape"),
    ("day29.top_k", lambda logits, k: logits.masked_fill(logits < torch.topk(logits, k).values[:, [-1]], 0.0),
     "values"),
    ("day29.top_p", lambda logits, p: _top_p(logits, p, keep_crossing=False), "values"),
    ("day29.top_p", lambda logits, p: _top_p(logits, p, restore_order=False), "values"),
    ("day29.top_p", lambda logits, p: _top_p(logits, p).softmax(dim=-1), "values"),
    ("day29.cache_bytes", lambda L, B, T, C, nbytes: L * B * T * C * nbytes, "values"),
    ("day29.cache_bytes", lambda L, B, T, C, nbytes: 2 * L * B * T * C, "values"),
    ("day29.cache_bytes", lambda L, B, T, C, nbytes: 2 * B * T * C * nbytes, "values"),
    ("day29.cache_bytes", lambda L, B, T, C, nbytes: str(2 * L * B * T * C * nbytes), "type"),
]


@pytest.mark.parametrize("exercise_id, wrong, failed", MISTAKES)
def test_typical_mistakes_fail(exercise_id, wrong, failed):
    assert_fails_with_nudge(exercise_id, wrong, failed)
