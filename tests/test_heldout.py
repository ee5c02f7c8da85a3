"""Held-out loss over a whole split (every token scored once) and bits per character."""

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from course_lib.heldout import bits_per_char, heldout_loss
from course_lib.model import GPTModel

BLOCK = 8


@pytest.fixture(scope="module")
def model():
    torch.manual_seed(0)
    return GPTModel(vocab_size=50, block_size=BLOCK, n_layer=1, n_head=2, n_embd=16)


def brute_force(model, tokens):
    """Every target once: window k predicts tokens k·BLOCK+1 … (k+1)·BLOCK from the tokens before, one by one."""
    ids = torch.tensor(tokens, dtype=torch.long)
    losses = []
    for start in range(0, len(ids) - 1, BLOCK):
        window = ids[start : start + BLOCK + 1]
        logits = model(window[None, :-1])[0][0]  # (T, V)
        losses += F.cross_entropy(logits, window[1:], reduction="none").tolist()
    return sum(losses) / len(losses), len(losses)


@pytest.mark.parametrize("n", [BLOCK * 5 + 1, BLOCK * 5 + 4, BLOCK + 1, 3])
def test_every_token_after_the_first_is_scored_once(model, n):
    tokens = np.random.default_rng(n).integers(0, 50, n).astype(np.uint16)
    expected, count = brute_force(model.eval(), tokens)
    assert count == n - 1
    assert heldout_loss(model, tokens, BLOCK, batch_size=2) == pytest.approx(expected, rel=1e-5)


def test_it_restores_training_mode(model):
    model.train()
    heldout_loss(model, np.arange(20, dtype=np.uint16), BLOCK)
    assert model.training


def test_bits_per_char_counts_the_tokens_and_the_characters():
    assert bits_per_char(math.log(2), 100, 100) == pytest.approx(1.0)
    assert bits_per_char(math.log(2), 100, 400) == pytest.approx(0.25)  # 4 characters per token
