"""Day 22 exercises: the train/val split, a batch with the one-token shift, the seed's fixed chunks."""

import torch

from course_lib import data
from course_lib.checks.core import Exercise, register


def split_judge(got, want: tuple[torch.Tensor, torch.Tensor], case: tuple) -> str | None:
    """The split is right if train + val is the text in order and the cut is within one token of the reference's.

    The exercise leaves the rounding of len(ids) · (1 - val_fraction) to the learner: int(), round() and
    len - int(len · val_fraction) all give a cut at most one token away from the reference's int().
    """
    ids = case[0]
    if not isinstance(got, (tuple, list)) or not all(isinstance(part, torch.Tensor) for part in got):
        return "type"
    if len(got) != 2 or any(part.dim() != 1 for part in got):
        return "shape"
    train, val = got
    if train.dtype != ids.dtype or val.dtype != ids.dtype:
        return "dtype"
    if abs(len(train) - len(want[0])) > 1 or len(train) + len(val) != len(ids):
        return "shape"
    return None if torch.equal(torch.cat([train, val]), ids) else "values"


def make_batch_solution(data: torch.Tensor, offsets: torch.Tensor, block_size: int) -> tuple[torch.Tensor, ...]:
    """One row per offset: x the window at the offset, y the same window one token to the right."""
    x = torch.stack([data[i : i + block_size] for i in offsets])  # (B, T)
    y = torch.stack([data[i + 1 : i + block_size + 1] for i in offsets])  # (B, T): the token after each x token
    return x.long(), y.long()


def chunk_tokens_solution(data: torch.Tensor, block_size: int) -> torch.Tensor:
    """Whole chunks of block_size + 1 tokens, one starting every block_size tokens."""
    n_chunks = (len(data) - 1) // block_size  # every chunk needs block_size tokens and the one after them
    chunks = [data[n * block_size : n * block_size + block_size + 1] for n in range(n_chunks)]
    return torch.stack(chunks).long()  # (n_chunks, block_size + 1)


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


register(Exercise("day22.split_train_val", data.split_train_val, _split_cases, "hint_day22_split_train_val",
                  "hint_day22_split_train_val_formula", judge=split_judge))
register(Exercise("day22.make_batch", data.batch_at, _batch_cases, "hint_day22_make_batch",
                  "hint_day22_make_batch_formula", make_batch_solution))
register(Exercise("day22.chunk_tokens", data.chunk_tokens, _chunk_cases, "hint_day22_chunk_tokens",
                  "hint_day22_chunk_tokens_formula", chunk_tokens_solution))
