"""Text generation: the model predicts one token at a time, and we append it and ask again."""

import torch
from torch import nn


def sample_next(logits: torch.Tensor, temperature: float = 1.0, top_k: int | None = None, top_p: float | None = None,
                generator: torch.Generator | None = None) -> torch.Tensor:
    """Next-token ids (B, 1) from last-position logits (B, V): greedy at temperature 0, else top-k/top-p sampling."""
    if temperature == 0:
        return logits.argmax(dim=-1, keepdim=True)  # (B, 1)
    logits = logits / temperature  # < 1 sharpens, > 1 flattens the distribution
    if top_k is not None:
        kth = torch.topk(logits, min(top_k, logits.size(-1))).values[:, [-1]]  # (B, 1) k-th largest logit
        logits = logits.masked_fill(logits < kth, float("-inf"))
    if top_p is not None:
        sorted_logits, order = torch.sort(logits, descending=True)  # (B, V) each
        sorted_probs = sorted_logits.softmax(dim=-1)
        mass_before = sorted_probs.cumsum(dim=-1) - sorted_probs  # probability of the tokens ranked above
        sorted_logits = sorted_logits.masked_fill(mass_before > top_p, float("-inf"))  # the top one always stays
        logits = torch.full_like(logits, float("-inf")).scatter(-1, order, sorted_logits)  # back to vocab order
    probs = logits.softmax(dim=-1)  # (B, V)
    return torch.multinomial(probs, num_samples=1, generator=generator)  # (B, 1)


@torch.no_grad()
def generate(model: nn.Module, idx: torch.Tensor, max_new_tokens: int, temperature: float = 1.0,
             top_k: int | None = None, top_p: float | None = None,
             generator: torch.Generator | None = None) -> torch.Tensor:
    """Token ids (B, T) → (B, T + max_new_tokens); the model sees at most its last block_size tokens."""
    block_size = model.config["block_size"]
    was_training = model.training
    model.eval()  # no dropout while generating
    for _ in range(max_new_tokens):
        context = idx[:, -block_size:]  # (B, ≤ block_size): crop, the position embeddings end there
        logits, _ = model(context)  # (B, T', V)
        next_id = sample_next(logits[:, -1, :], temperature, top_k, top_p, generator)  # (B, 1)
        idx = torch.cat((idx, next_id), dim=1)  # (B, T + 1)
    model.train(was_training)
    return idx
