"""Day 22 exercises: the train/val split, a batch with the one-token shift, the seed's fixed chunks."""

import torch

from course_lib import data
from course_lib.checks.core import Exercise, register


def _tokens(n: int, vocab: int = 1000) -> torch.Tensor:
    return torch.randint(vocab, (n,))


def _split_cases() -> list[tuple]:
    return [(torch.arange(100), 0.1), (torch.arange(7), 0.25), (_tokens(1001), 0.05), (_tokens(64), 0.5)]


def _batch_cases() -> list[tuple]:
    return [
        (torch.arange(50), torch.tensor([0, 10, 40]), 8),
        (_tokens(200), torch.tensor([3]), 16),
        (_tokens(100), torch.tensor([0, 1, 2, 98 - 4]), 4),
        (_tokens(33), torch.tensor([32 - 5, 0]), 5),
    ]


def _chunk_cases() -> list[tuple]:
    return [(torch.arange(17), 4), (torch.arange(16), 4), (_tokens(101), 10), (_tokens(9), 8), (_tokens(50), 3)]


register(Exercise("day22.split_train_val", data.split_train_val, _split_cases, "hint_day22_split_train_val"))
register(Exercise("day22.make_batch", data.batch_at, _batch_cases, "hint_day22_make_batch"))
register(Exercise("day22.chunk_tokens", data.chunk_tokens, _chunk_cases, "hint_day22_chunk_tokens"))
