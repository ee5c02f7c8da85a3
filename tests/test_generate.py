"""Generation: greedy at temperature 0, top-k / top-p keep only the allowed tokens, the context is cropped."""

import torch
from torch import nn

from course_lib.generate import generate, sample_next
from course_lib.model import GPTModel


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
