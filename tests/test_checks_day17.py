"""Day 17 self-checks: typical mistakes fail on the expected property (references and stubs: tests/test_checks.py)."""

import math

import pytest
import torch
import torch.nn.functional as F
from test_checks import assert_fails_with_nudge

from course_lib.checks import check
from course_lib.memory import gpt_param_count


def _attention(q, k, v, causal=True, scale=True, weights_only=False):
    att = q @ k.transpose(-2, -1)
    if scale:
        att = att / math.sqrt(k.size(-1))
    if causal:
        T = q.size(-2)
        att = att.masked_fill(~torch.ones(T, T, dtype=torch.bool).tril(), float("-inf"))
    att = F.softmax(att, dim=-1)
    return att if weights_only else att @ v


def _split(x, n_head, transpose=True):
    B, T, C = x.shape
    if transpose:
        return x.view(B, T, n_head, C // n_head)
    return x.view(B, n_head, T, C // n_head)


def _params(vocab_size, block_size, n_layer, n_embd, position=True, head=False, biases=True, norms=True):
    C = n_embd
    block = 12 * C * C + (9 * C if biases else 0) + (4 * C if norms else 0)
    return (vocab_size * C + (block_size * C if position else 0) + n_layer * block + (2 * C if norms else 0)
            + (vocab_size * C if head else 0))


MISTAKES = [
    ("day17.causal_mask", lambda n: torch.ones(n, n, dtype=torch.bool).triu(), "values"),
    ("day17.causal_mask", lambda n: torch.ones(n, n, dtype=torch.bool).tril(-1), "values"),
    ("day17.causal_mask", lambda n: torch.ones(n, n).tril(), "dtype"),
    ("day17.causal_mask", lambda n: torch.ones(n, n, dtype=torch.bool), "values"),
    ("day17.causal_mask", lambda n: torch.ones(n, dtype=torch.bool), "shape"),
    ("day17.split_heads", _split, "shape"),
    ("day17.split_heads", lambda x, h: _split(x, h, transpose=False), "values"),
    ("day17.causal_attention", lambda q, k, v: _attention(q, k, v, causal=False), "values"),
    ("day17.causal_attention", lambda q, k, v: _attention(q, k, v, scale=False), "values"),
    ("day17.causal_attention", lambda q, k, v: _attention(q, k, v, weights_only=True), "shape"),
    ("day17.causal_attention", lambda q, k, v: _attention(q, k, v).transpose(1, 2), "shape"),
    ("day17.causal_attention", lambda q, k, v: F.scaled_dot_product_attention(q, k, v), "values"),
    ("day17.param_count", lambda *a: _params(*a, position=False), "values"),
    ("day17.param_count", lambda *a: _params(*a, head=True), "values"),
    ("day17.param_count", lambda *a: _params(*a, biases=False), "values"),
    ("day17.param_count", lambda *a: _params(*a, norms=False), "values"),
    ("day17.param_count", lambda *a: str(_params(*a)), "type"),
]


@pytest.mark.parametrize("exercise_id, wrong, failed", MISTAKES)
def test_typical_mistakes_fail(exercise_id, wrong, failed):
    assert_fails_with_nudge(exercise_id, wrong, failed)


def test_correct_alternatives_pass():
    assert check("day17.causal_attention", _attention).ok
    assert check("day17.split_heads", lambda x, h: _split(x, h).transpose(1, 2)).ok
    assert check("day17.param_count", _params).ok
    assert _params(32000, 256, 12, 768) == gpt_param_count(32000, 256, 12, 768)
