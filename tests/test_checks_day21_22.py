"""Day 21 and 22 exercises: the library functions are the references, typical mistakes fail on the right property."""

import math

import pytest
import torch
from test_checks import assert_fails_with_nudge

from course_lib.checks import EXERCISES, check
from course_lib.checks.day22 import split_judge
from course_lib.data import batch_at, chunk_tokens, split_train_val
from course_lib.tokenizer import merge_pair, merge_step, pair_counts

IDS = ["day21.pair_counts", "day21.merge_pair", "day21.merge_step",
       "day22.split_train_val", "day22.make_batch", "day22.chunk_tokens"]


def test_library_functions_are_the_references():
    refs = [pair_counts, merge_pair, merge_step, split_train_val, batch_at, chunk_tokens]
    assert [EXERCISES[id].reference for id in IDS] == refs


# --- Day 21 ---------------------------------------------------------------------------------------------------------

def every_other_pair(ids):
    counts = {}
    for pair in zip(ids[::2], ids[1::2]):
        counts[pair] = counts.get(pair, 0) + 1
    return counts


def pair_counts_with_a_set(ids):
    """Right counts, but a set forgets the order in which the pairs first appeared."""
    pairs = list(zip(ids, ids[1:]))
    return {pair: pairs.count(pair) for pair in set(pairs)}


def pair_counts_wrapping_around(ids):
    counts = {}
    for pair in zip(ids, ids[1:] + ids[:1]):  # also counts (last, first)
        counts[pair] = counts.get(pair, 0) + 1
    return counts


def merge_overlapping(ids, pair, new_id):
    return [new_id if tuple(ids[i:i + 2]) == tuple(pair) else ids[i] for i in range(len(ids))]


def merge_losing_the_tail(ids, pair, new_id):
    out, i = [], 0
    while i + 1 < len(ids):
        if (ids[i], ids[i + 1]) == tuple(pair):
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out


def merge_rarest(ids, new_id):
    counts = pair_counts(ids)
    pair = min(counts, key=counts.get)
    return merge_pair(ids, pair, new_id), pair


def merge_last_on_tie(ids, new_id):
    counts = pair_counts(ids)
    best = max(counts.values())
    pair = [p for p, c in counts.items() if c == best][-1]
    return merge_pair(ids, pair, new_id), pair


def merge_step_with_a_set(ids, new_id):
    """Exercise 3 built on the set-based counts: on a tie it picks whichever pair the set lists first."""
    counts = pair_counts_with_a_set(ids)
    pair = max(counts, key=counts.get)
    return merge_pair(ids, pair, new_id), pair


def test_counts_from_a_set_are_right_but_break_the_tie_rule():
    ids = list("bir iki bir iki üç".encode())
    assert pair_counts_with_a_set(ids) == pair_counts(ids)  # equal as dicts: only the order differs
    assert merge_step_with_a_set(ids, 256)[1] != merge_step(ids, 256)[1]  # so exercise 3 merges another pair


# --- Day 22 ---------------------------------------------------------------------------------------------------------

def val_first(ids, val_fraction):
    cut = int(len(ids) * val_fraction)
    return ids[cut:], ids[:cut]


def fraction_for_train(ids, val_fraction):
    cut = int(len(ids) * val_fraction)  # val_fraction of the tokens go to train
    return ids[:cut], ids[cut:]


def shuffled_split(ids, val_fraction):
    cut = int(len(ids) * (1 - val_fraction))
    ids = ids[torch.randperm(len(ids))]
    return ids[:cut], ids[cut:]


def split_losing_a_token(ids, val_fraction):
    cut = int(len(ids) * (1 - val_fraction))
    return ids[:cut], ids[cut + 1:]


def split_as_lists(ids, val_fraction):
    cut = int(len(ids) * (1 - val_fraction))
    return ids[:cut].tolist(), ids[cut:].tolist()


def batch_without_shift(data, offsets, block_size):
    x = torch.stack([data[i:i + block_size] for i in offsets])
    return x, x.clone()


def batch_int32(data, offsets, block_size):
    x, y = batch_at(data, offsets, block_size)
    return x.int(), y.int()


def chunks_without_overlap(data, block_size):
    n = len(data) // (block_size + 1)
    return data[: n * (block_size + 1)].view(n, block_size + 1).long()


def chunks_without_room_for_y(data, block_size):
    return data.unfold(0, block_size, block_size).long()  # block_size tokens each: y has no last token


MISTAKES = [
    ("day21.pair_counts", every_other_pair, "values"),
    ("day21.pair_counts", pair_counts_with_a_set, "order"),
    ("day21.pair_counts", pair_counts_wrapping_around, "values"),
    ("day21.merge_pair", merge_overlapping, "shape"),
    ("day21.merge_pair", merge_losing_the_tail, "shape"),
    ("day21.merge_step", merge_rarest, "shape"),
    ("day21.merge_step", merge_last_on_tie, "values"),
    ("day21.merge_step", merge_step_with_a_set, "values"),
    ("day22.split_train_val", val_first, "values"),
    ("day22.split_train_val", fraction_for_train, "shape"),
    ("day22.split_train_val", shuffled_split, "values"),
    ("day22.split_train_val", split_losing_a_token, "shape"),
    ("day22.split_train_val", split_as_lists, "type"),
    ("day22.make_batch", batch_without_shift, "values"),
    ("day22.make_batch", batch_int32, "dtype"),
    ("day22.make_batch", lambda data, offsets, block_size: data[:block_size], "type"),
    ("day22.chunk_tokens", chunks_without_overlap, "shape"),
    ("day22.chunk_tokens", chunks_without_room_for_y, "shape"),
    ("day22.chunk_tokens", lambda data, block_size: chunk_tokens(data, block_size).int(), "dtype"),
]


@pytest.mark.parametrize("exercise_id, wrong, failed", MISTAKES)
def test_typical_mistakes_fail_with_the_nudge(exercise_id, wrong, failed):
    assert_fails_with_nudge(exercise_id, wrong, failed)


CUTS = {
    "int": lambda n, f: int(n * (1 - f)),
    "round": lambda n, f: round(n * (1 - f)),
    "ceil": lambda n, f: math.ceil(n * (1 - f)),
    "len - int": lambda n, f: n - int(n * f),
    "len - round": lambda n, f: n - round(n * f),
    "len - ceil": lambda n, f: n - math.ceil(n * f),
}


@pytest.mark.parametrize("rounding", sorted(CUTS))
def test_every_honest_rounding_of_the_split_passes(rounding):
    def split(ids, val_fraction):
        cut = CUTS[rounding](len(ids), val_fraction)
        return ids[:cut], ids[cut:]

    assert check("day22.split_train_val", split)


def test_the_cited_splits_are_judged_right():
    """len - int(len·f) on (7, 0.25) and round() on (1001, 0.05) were rejected before: one token off is fine."""
    cited = [(torch.arange(7), 0.25, 7 - int(7 * 0.25)), (torch.arange(1001), 0.05, round(1001 * 0.95))]
    for ids, fraction, cut in cited:
        want = split_train_val(ids, fraction)
        assert len(want[0]) != cut  # they do differ from the library's cut
        assert split_judge((ids[:cut], ids[cut:]), want, (ids, fraction)) is None
        assert split_judge((ids[:cut + 1], ids[cut + 1:]), want, (ids, fraction)) == "shape"  # two off is not
