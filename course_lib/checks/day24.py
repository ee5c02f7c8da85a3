"""Day 24 exercises: linear warmup, cosine decay, the whole warmup + cosine schedule, and who gets weight decay."""

import math

from torch import nn

from course_lib.checks.core import Exercise, register
from course_lib.model import GPTModel
from course_lib.schedule import lr_at, param_groups


def warmup_lr(step: int, max_lr: float, warmup_steps: int) -> float:
    """Reference: the learning rate of warmup step ``step`` (0 ≤ step ≤ warmup_steps), the rising part of lr_at."""
    return lr_at(step, max_lr, warmup_steps, warmup_steps + 1)


def cosine_lr(progress: float, max_lr: float, min_lr: float) -> float:
    """Reference: the cosine part of lr_at at ``progress`` ∈ [0, 1] of the decay, from max_lr down to min_lr."""
    return lr_at(progress, max_lr, 0, 1, min_lr)


def decay_split(model: nn.Module) -> tuple[list[str], list[str]]:
    """Reference: names of the parameters with weight decay and without, in named_parameters order (param_groups)."""
    decay, no_decay = (set(map(id, group["params"])) for group in param_groups(model))
    names = [(name, id(p)) for name, p in model.named_parameters()]
    return [n for n, i in names if i in decay], [n for n, i in names if i in no_decay]


def warmup_lr_solution(step: int, max_lr: float, warmup_steps: int) -> float:
    """A straight line from 0 at step 0 to max_lr at step warmup_steps."""
    return max_lr * step / warmup_steps


def cosine_lr_solution(progress: float, max_lr: float, min_lr: float) -> float:
    """Half a cosine wave from max_lr (progress 0) down to min_lr (progress 1)."""
    cosine = 0.5 * (1 + math.cos(math.pi * progress))  # 1 → 0
    return min_lr + (max_lr - min_lr) * cosine


def decay_split_solution(model: nn.Module) -> tuple[list[str], list[str]]:
    """Weight decay for matrices and embeddings (2-D and more), none for biases and norm weights (1-D)."""
    decay, no_decay = [], []
    for name, p in model.named_parameters():  # a tied weight is listed once
        (decay if p.dim() >= 2 else no_decay).append(name)
    return decay, no_decay


def _warmup_cases() -> list[tuple]:
    return [(0, 6e-4, 100), (1, 6e-4, 100), (50, 6e-4, 100), (99, 6e-4, 100), (100, 6e-4, 100), (3, 3e-3, 10),
            (7, 1e-3, 8)]


def _cosine_cases() -> list[tuple]:
    return [(0.0, 6e-4, 0.0), (0.25, 6e-4, 0.0), (0.5, 6e-4, 0.0), (0.9, 6e-4, 0.0), (1.0, 6e-4, 0.0),
            (0.5, 1e-3, 1e-4), (0.1, 3e-3, 3e-4), (1.0, 3e-3, 3e-4)]


def _lr_cases() -> list[tuple]:
    seed = [(s, 6e-4, 100, 5000) for s in (0, 1, 50, 99, 100, 101, 1000, 2550, 4999, 5000)]
    return seed + [(s, 3e-3, 10, 200) for s in (0, 5, 10, 60, 105, 150, 200)] + [(3, 1e-3, 0, 8)]


def _models() -> list[tuple]:
    mlp = nn.Sequential(nn.Embedding(10, 8), nn.Linear(8, 16), nn.GELU(), nn.LayerNorm(16),
                        nn.Linear(16, 4, bias=False))
    small_gpt = GPTModel(vocab_size=20, block_size=8, n_layer=2, n_head=2, n_embd=8)
    conv = nn.Sequential(nn.Conv1d(3, 4, 3), nn.BatchNorm1d(4), nn.Flatten(), nn.Linear(8, 2))
    return [(small_gpt,), (mlp,), (conv,)]


_LR = dict(rtol=1e-6, atol=1e-12)  # learning rates are ~1e-3: compare them relative to their size
register(Exercise("day24.warmup_lr", warmup_lr, _warmup_cases, "hint_day24_warmup_lr", "hint_day24_warmup_lr_formula",
                  warmup_lr_solution, **_LR))
register(Exercise("day24.cosine_lr", cosine_lr, _cosine_cases, "hint_day24_cosine_lr", "hint_day24_cosine_lr_formula",
                  cosine_lr_solution, **_LR))
register(Exercise("day24.lr_at", lr_at, _lr_cases, "hint_day24_lr_at", "hint_day24_lr_at_formula", **_LR))
register(Exercise("day24.decay_split", decay_split, _models, "hint_day24_decay_split",
                  "hint_day24_decay_split_formula", decay_split_solution))
