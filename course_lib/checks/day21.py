"""Day 21 exercises: count neighbouring pairs, merge one pair, one whole BPE step."""

import random

from course_lib import tokenizer
from course_lib.checks.core import Exercise, register


def _ids(n: int, alphabet: int, seed: int) -> list[int]:
    rng = random.Random(seed)
    return [rng.randrange(alphabet) for _ in range(n)]


def _text_ids(text: str) -> list[int]:
    return list(text.encode("utf-8"))


def _pair_cases() -> list[tuple]:
    return [(_text_ids("aaabdaaabac"),), (_text_ids("salam, dünya!"),), ([7],), ([],), (_ids(60, 5, 1),)]


def _merge_cases() -> list[tuple]:
    return [
        (_text_ids("aaabdaaabac"), (97, 97), 256),
        ([1, 1, 1, 1, 1], (1, 1), 9),
        ([3, 4, 3, 4, 5], (3, 4), 300),
        ([5, 6, 7], (6, 7), 8),
        (_ids(80, 4, 2), (2, 3), 4),
        ([1, 2], (2, 1), 3),
    ]


def _step_cases() -> list[tuple]:
    return [
        (_text_ids("aaabdaaabac"), 256),
        (_text_ids("bir iki bir iki üç"), 256),
        ([1, 2, 3, 1, 2, 3, 3, 3], 4),
        ([5, 6, 7, 8], 9),
        (_ids(100, 6, 3), 6),
    ]


register(Exercise("day21.pair_counts", tokenizer.pair_counts, _pair_cases, "hint_day21_pair_counts",
                  "hint_day21_pair_counts_formula"))
register(Exercise("day21.merge_pair", tokenizer.merge_pair, _merge_cases, "hint_day21_merge_pair",
                  "hint_day21_merge_pair_formula"))
register(Exercise("day21.merge_step", tokenizer.merge_step, _step_cases, "hint_day21_merge_step",
                  "hint_day21_merge_step_formula"))
