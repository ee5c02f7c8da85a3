"""Generation: greedy at temperature 0, top-k / top-p keep only the allowed tokens, the context is cropped."""

import math

import pytest
import torch
from torch import nn

from course_lib import generate as generate_module
from course_lib.errors import CourseError
from course_lib.generate import (
    apply_repetition_penalty,
    apply_temperature,
    generate,
    sample_next,
    tokens_per_second,
    top_k_filter,
    top_p_filter,
)
from course_lib.model import GPTModel

INF = float("inf")


class Recorder(nn.Module):
    """A stand-in model: fixed next-token logits, and a record of how long each input was."""

    def __init__(self, logits: torch.Tensor, block_size: int = 4):
        super().__init__()
        self.config = {"block_size": block_size}
        self.next_logits = logits  # (V,)
        self.lengths = []

    def forward(self, idx, targets=None):
        self.lengths.append(idx.shape[1])
        return self.next_logits.expand(idx.shape[0], idx.shape[1], -1), None


def test_greedy_is_the_argmax_loop_and_restores_train_mode():
    torch.manual_seed(0)
    model = GPTModel(vocab_size=40, block_size=8, n_layer=1, n_head=2, n_embd=16).train()
    idx = torch.randint(0, 40, (2, 3))
    expected = idx.clone()
    with torch.no_grad():
        model.eval()
        for _ in range(12):  # longer than block_size: the crop matters
            logits, _ = model(expected[:, -8:])
            expected = torch.cat((expected, logits[:, -1].argmax(-1, keepdim=True)), dim=1)
        model.train()
    out = generate(model, idx, 12, temperature=0)
    assert out.shape == (2, 15)
    assert torch.equal(out, expected)
    assert model.training


def test_context_is_cropped_to_block_size():
    model = Recorder(torch.zeros(5), block_size=4)
    out = generate(model, torch.zeros(1, 6, dtype=torch.long), 3)
    assert out.shape == (1, 9)
    assert model.lengths == [4, 4, 4]


def test_top_k_and_top_p_keep_only_the_allowed_tokens():
    logits = torch.log(torch.tensor([[0.5, 0.3, 0.15, 0.05]]))  # probabilities 0.5, 0.3, 0.15, 0.05
    g = torch.Generator().manual_seed(0)
    top2 = {sample_next(logits, top_k=2, generator=g).item() for _ in range(300)}
    nucleus = {sample_next(logits, top_p=0.7, generator=g).item() for _ in range(300)}  # 0.5 + 0.3 ≥ 0.7
    everything = {sample_next(logits, generator=g).item() for _ in range(300)}
    assert top2 == {0, 1}
    assert nucleus == {0, 1}
    assert everything == {0, 1, 2, 3}
    assert sample_next(logits, top_p=1e-9).item() == 0  # the most likely token always stays
    assert sample_next(logits, top_k=1, generator=g).item() == 0


def test_sampling_repeats_with_a_seeded_generator():
    model = Recorder(torch.zeros(50))
    first = generate(model, torch.zeros(3, 1, dtype=torch.long), 10, generator=torch.Generator().manual_seed(1))
    second = generate(model, torch.zeros(3, 1, dtype=torch.long), 10, generator=torch.Generator().manual_seed(1))
    assert torch.equal(first, second)
    assert len(set(first[:, 1:].flatten().tolist())) > 5  # uniform logits: really sampled, not greedy


def test_temperature_divides_the_logits():
    logits = torch.tensor([[2.0, 1.0, -1.0]])
    assert torch.equal(apply_temperature(logits, 0.5), torch.tensor([[4.0, 2.0, -2.0]]))
    sharp, flat = apply_temperature(logits, 0.5).softmax(-1), apply_temperature(logits, 2.0).softmax(-1)
    assert sharp.max() > logits.softmax(-1).max() > flat.max()


def test_top_k_keeps_exactly_the_k_largest_in_place():
    logits = torch.tensor([[0.1, 3.0, -2.0, 1.5, 0.7], [5.0, 4.0, 3.0, 2.0, 1.0]])
    kept = torch.tensor([[-INF, 3.0, -INF, 1.5, -INF], [5.0, 4.0, -INF, -INF, -INF]])
    assert torch.equal(top_k_filter(logits, 2), kept)
    assert torch.equal(top_k_filter(logits, 99), logits)
    tied = torch.zeros(1, 6)
    assert torch.isfinite(top_k_filter(tied, 3)).sum() == 3  # ties: still exactly k tokens


def test_top_p_keeps_the_token_that_crosses_p():
    logits = torch.log(torch.tensor([[0.05, 0.5, 0.15, 0.3]]))  # sorted: 0.5, 0.3, 0.15, 0.05
    finite = lambda p: torch.isfinite(top_p_filter(logits, p))[0].tolist()
    assert finite(0.4) == [False, True, False, False]  # 0.5 alone crosses 0.4
    assert finite(0.6) == [False, True, False, True]  # 0.5 + 0.3 crosses 0.6
    assert finite(0.9) == [False, True, True, True]
    assert finite(1.0) == [True, True, True, True]
    assert torch.equal(top_p_filter(logits, 0.6)[0, [1, 3]], logits[0, [1, 3]])  # kept logits are unchanged


def test_repetition_penalty_lowers_only_the_tokens_already_seen():
    logits = torch.tensor([[2.0, -1.0, 0.5, 3.0]])
    idx = torch.tensor([[0, 1, 1]])  # token 1 twice: penalised once, like the others
    out = apply_repetition_penalty(logits, idx, 2.0)
    assert torch.equal(out, torch.tensor([[1.0, -2.0, 0.5, 3.0]]))
    assert torch.equal(apply_repetition_penalty(logits, idx, 1.0), logits)


def test_repetition_penalty_breaks_a_greedy_loop():
    torch.manual_seed(0)
    model = GPTModel(vocab_size=20, block_size=64, n_layer=1, n_head=1, n_embd=8)
    idx = torch.zeros(1, 1, dtype=torch.long)
    plain = generate(model, idx, 40, temperature=0)
    penalised = generate(model, idx, 40, temperature=0, repetition_penalty=1.5)
    distinct = lambda out: len(set(out[0].tolist()))
    assert distinct(penalised) > distinct(plain)


@pytest.mark.parametrize("call, key", [
    (lambda x: apply_temperature(x, -1.0), "day29_bad_temperature"),
    (lambda x: apply_temperature(x, math.nan), "day29_bad_temperature"),
    (lambda x: sample_next(x, temperature=-0.5), "day29_bad_temperature"),
    (lambda x: top_k_filter(x, 0), "day29_bad_top_k"),
    (lambda x: top_p_filter(x, 0.0), "day29_bad_top_p"),
    (lambda x: top_p_filter(x, 1.5), "day29_bad_top_p"),
    (lambda x: apply_repetition_penalty(x, torch.zeros(1, 1, dtype=torch.long), 0.5), "day29_bad_penalty"),
])
def test_bad_settings_are_course_errors(call, key):
    with pytest.raises(CourseError) as info:
        call(torch.zeros(1, 4))
    assert info.value.key == key


def test_tokens_per_second_counts_every_row_and_takes_the_best_run(monkeypatch):
    torch.manual_seed(0)
    model = GPTModel(vocab_size=30, block_size=32, n_layer=1, n_head=2, n_embd=16)
    clock = iter([0.0, 2.0, 10.0, 10.5, 20.0, 21.0])  # timed runs of 2 s, 0.5 s and 1 s (the warm-up is not timed)
    monkeypatch.setattr(generate_module.time, "perf_counter", lambda: next(clock))
    assert tokens_per_second(model, torch.zeros(2, 1, dtype=torch.long), 20, use_cache=True, repeats=3) == 2 * 20 / 0.5
