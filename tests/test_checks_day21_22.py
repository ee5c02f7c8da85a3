"""Day 21 and 22 exercises: the library functions are the references, typical mistakes fail on the right property."""

import torch

from course_lib.checks import EXERCISES, check
from course_lib.data import batch_at, chunk_tokens, split_train_val
from course_lib.tokenizer import merge_pair, merge_step, pair_counts

IDS = ["day21.pair_counts", "day21.merge_pair", "day21.merge_step",
       "day22.split_train_val", "day22.make_batch", "day22.chunk_tokens"]


def test_library_functions_are_the_references():
    refs = [pair_counts, merge_pair, merge_step, split_train_val, batch_at, chunk_tokens]
    assert [EXERCISES[id].reference for id in IDS] == refs


def every_other_pair(ids):
    counts = {}
    for pair in zip(ids[::2], ids[1::2]):
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


def test_day21_mistakes():
    assert check("day21.pair_counts", every_other_pair).failed == "values"
    assert check("day21.merge_pair", merge_overlapping).failed == "shape"
    assert check("day21.merge_pair", merge_losing_the_tail).failed == "shape"
    assert check("day21.merge_step", merge_rarest).failed == "shape"
    assert check("day21.merge_step", merge_last_on_tie).failed == "values"


def val_first(ids, val_fraction):
    cut = int(len(ids) * val_fraction)
    return ids[cut:], ids[:cut]


def rounded_cut(ids, val_fraction):
    cut = round(len(ids) * (1 - val_fraction))
    return ids[:cut], ids[cut:]


def batch_without_shift(data, offsets, block_size):
    x = torch.stack([data[i:i + block_size] for i in offsets])
    return x, x.clone()


def batch_int32(data, offsets, block_size):
    x, y = batch_at(data, offsets, block_size)
    return x.int(), y.int()


def chunks_without_overlap(data, block_size):
    n = len(data) // (block_size + 1)
    return data[: n * (block_size + 1)].view(n, block_size + 1).long()


def test_day22_mistakes():
    assert check("day22.split_train_val", val_first).failed == "values"
    assert check("day22.split_train_val", rounded_cut).failed == "shape"
    assert check("day22.make_batch", batch_without_shift).failed == "values"
    assert check("day22.make_batch", batch_int32).failed == "dtype"
    assert check("day22.make_batch", lambda data, offsets, block_size: data[:block_size]).failed == "type"
    assert check("day22.chunk_tokens", chunks_without_overlap).failed == "shape"
