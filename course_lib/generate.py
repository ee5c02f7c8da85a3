"""Text generation (Day 29): the model predicts one token at a time, and we append it and ask again.

Each step turns the last position's logits (B, V) into a next token: a repetition penalty, then greedy (argmax)
or sampling after temperature, top-k and top-p (nucleus) filtering. With ``use_cache=True`` the model keeps the
keys and values of the tokens it has seen (``model.KVCache``) and each step feeds it only the new token.
"""

import time

import torch
from torch import nn

from course_lib.errors import CourseError


def apply_temperature(logits: torch.Tensor, temperature: float) -> torch.Tensor:
    """Logits divided by ``temperature`` (> 0): below 1 sharpens, above 1 flattens the softmax."""
    if not temperature > 0:
        raise CourseError("day29_bad_temperature", value=temperature)
    return logits / temperature


def top_k_filter(logits: torch.Tensor, k: int) -> torch.Tensor:
    """(B, V) logits with -inf everywhere but the ``k`` largest of each row."""
    if k < 1:
        raise CourseError("day29_bad_top_k", value=k)
    top = torch.topk(logits, min(k, logits.size(-1)))  # values and indices, (B, k) each
    return torch.full_like(logits, float("-inf")).scatter(-1, top.indices, top.values)


def top_p_filter(logits: torch.Tensor, p: float) -> torch.Tensor:
    """(B, V) logits with -inf outside the nucleus: the fewest most likely tokens whose probabilities sum to ≥ p."""
    if not 0 < p <= 1:
        raise CourseError("day29_bad_top_p", value=p)
    sorted_logits, order = torch.sort(logits, descending=True)  # (B, V) each
    sorted_probs = sorted_logits.softmax(dim=-1)
    mass_before = sorted_probs.cumsum(dim=-1) - sorted_probs  # probability of the tokens ranked above each one
    drop = mass_before >= p  # the token that crosses p stays, the ones after it go; the first always stays
    sorted_logits = sorted_logits.masked_fill(drop, float("-inf"))
    return torch.empty_like(logits).scatter(-1, order, sorted_logits)  # back to vocabulary order


def apply_repetition_penalty(logits: torch.Tensor, idx: torch.Tensor, penalty: float) -> torch.Tensor:
    """(B, V) logits with the tokens already in ``idx`` (B, T) made less likely: > 0 divided, < 0 multiplied."""
    if not penalty >= 1:
        raise CourseError("day29_bad_penalty", value=penalty)
    seen = logits.gather(-1, idx)  # (B, T): the logit of every token in the text so far
    seen = torch.where(seen > 0, seen / penalty, seen * penalty)  # CTRL (Keskar et al., 2019)
    return logits.scatter(-1, idx, seen)


def sample_next(logits: torch.Tensor, temperature: float = 1.0, top_k: int | None = None, top_p: float | None = None,
                generator: torch.Generator | None = None) -> torch.Tensor:
    """Next-token ids (B, 1) from last-position logits (B, V): greedy at temperature 0, else top-k/top-p sampling."""
    if temperature == 0:
        return logits.argmax(dim=-1, keepdim=True)  # (B, 1)
    logits = apply_temperature(logits, temperature)
    if top_k is not None:
        logits = top_k_filter(logits, top_k)
    if top_p is not None:
        logits = top_p_filter(logits, top_p)
    probs = logits.softmax(dim=-1)  # (B, V), 0 where the filters put -inf
    return torch.multinomial(probs, num_samples=1, generator=generator)  # (B, 1)


@torch.no_grad()
def generate(model: nn.Module, idx: torch.Tensor, max_new_tokens: int, temperature: float = 1.0,
             top_k: int | None = None, top_p: float | None = None, generator: torch.Generator | None = None,
             repetition_penalty: float = 1.0, use_cache: bool = False) -> torch.Tensor:
    """Token ids (B, T) → (B, T + max_new_tokens).

    Without the cache every step feeds the whole text again, cropped to its last block_size tokens. With
    ``use_cache=True`` the prompt is fed once and then one token per step; the text must then fit in block_size
    (the position embeddings end there), else a CourseError explains it.
    """
    block_size = model.config["block_size"]
    cache = None
    if use_cache:
        needed = idx.size(1) + max_new_tokens - 1  # the last new token is never fed back
        if needed > block_size:
            raise CourseError("day29_cache_full", needed=needed, block_size=block_size)
        cache = model.new_cache()
    was_training = model.training
    model.eval()  # no dropout while generating
    for _ in range(max_new_tokens):
        if cache is None:
            logits, _ = model(idx[:, -block_size:])  # (B, T', V): the whole (cropped) context, every step
        else:
            logits, _ = model(idx[:, cache.pos:], cache=cache)  # (B, T_new, V): the prompt once, then 1 token
        logits = logits[:, -1, :]  # (B, V): only the last position predicts the next token
        if repetition_penalty != 1.0:
            logits = apply_repetition_penalty(logits, idx, repetition_penalty)
        next_id = sample_next(logits, temperature, top_k, top_p, generator)  # (B, 1)
        idx = torch.cat((idx, next_id), dim=1)  # (B, T + 1)
    model.train(was_training)
    return idx


def tokens_per_second(model: nn.Module, idx: torch.Tensor, max_new_tokens: int, use_cache: bool,
                      repeats: int = 5) -> float:
    """Generated tokens per second (greedy, every row of ``idx`` counted): the best of ``repeats`` after a warm-up."""
    generate(model, idx, max_new_tokens, temperature=0, use_cache=use_cache)  # warm-up: allocations, kernel choice
    times = []
    for _ in range(repeats):
        if idx.device.type == "cuda":
            torch.cuda.synchronize(idx.device)
        start = time.perf_counter()
        generate(model, idx, max_new_tokens, temperature=0, use_cache=use_cache)
        if idx.device.type == "cuda":
            torch.cuda.synchronize(idx.device)
        times.append(time.perf_counter() - start)
    return idx.size(0) * max_new_tokens / min(times)
