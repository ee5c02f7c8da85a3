"""Day 27: the loss over a whole held-out split, and bits per character — a score that any tokenizer can be held to.

``estimate_loss`` (train.py) samples a few random windows, enough to follow a run. To compare two models, or a BPE
model with a character model, every held-out token is scored once: the split is cut into windows of
``block_size + 1`` tokens that overlap by one, so each token after the first is a target exactly once.
"""

import math

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


@torch.no_grad()
def heldout_loss(model: nn.Module, tokens, block_size: int, batch_size: int | None = None) -> float:
    """Mean cross-entropy (nats per token) of ``model`` over every token of ``tokens`` after the first."""
    device = next(model.parameters()).device
    batch_size = batch_size or max(1, 8192 // block_size)  # windows per forward pass: ~8k tokens
    ids = torch.from_numpy(np.asarray(tokens, dtype=np.int64))
    n_full = (len(ids) - 1) // block_size
    windows = []  # of block_size + 1 tokens, each overlapping the next by one, batch_size at a time
    if n_full:
        windows += ids[: n_full * block_size + 1].unfold(0, block_size + 1, block_size).split(batch_size)
    tail = ids[n_full * block_size :]  # the last, shorter window
    if len(tail) > 1:
        windows.append(tail[None])
    was_training = model.training
    model.eval()
    total, count = 0.0, 0
    for group in windows:  # (B, block_size + 1) each
        group = group.to(device)
        logits = model(group[:, :-1])[0]  # (B, T, V)
        total += F.cross_entropy(logits.flatten(0, 1).float(), group[:, 1:].flatten(), reduction="sum").item()
        count += group[:, 1:].numel()
    model.train(was_training)
    return total / count


def bits_per_char(loss: float, n_tokens: int, n_chars: int) -> float:
    """Bits per character of a text of ``n_chars`` characters in ``n_tokens`` tokens at ``loss`` nats per token."""
    return loss * n_tokens / n_chars / math.log(2)
