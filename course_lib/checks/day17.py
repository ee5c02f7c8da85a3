"""Day 17 exercises: the causal mask, splitting heads, causal attention and the GPT parameter count."""

import math

import torch
import torch.nn.functional as F

from course_lib import memory
from course_lib.checks.core import Exercise, register


def causal_mask(size: int) -> torch.Tensor:
    """Reference: (size, size) bool, True where query i may attend to key j ≤ i."""
    return torch.ones(size, size, dtype=torch.bool).tril()


def split_heads(x: torch.Tensor, n_head: int) -> torch.Tensor:
    """Reference: (B, T, C) → (B, n_head, T, C // n_head)."""
    B, T, C = x.shape
    return x.view(B, T, n_head, C // n_head).transpose(1, 2)


def causal_attention(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    """Reference: causal scaled dot-product attention of (B, nh, T, hs) tensors, same shape out."""
    return F.scaled_dot_product_attention(q, k, v, is_causal=True)


def param_count(vocab_size: int, block_size: int, n_layer: int, n_embd: int) -> int:
    """Reference: parameters of the course GPT with the head tied to the token embedding."""
    return memory.gpt_param_count(vocab_size, block_size, n_layer, n_embd, tied=True)


def causal_attention_solution(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    """Causal attention written out: scaled scores, the mask, softmax over the keys, a weighted sum of the values."""
    T, hs = q.size(-2), q.size(-1)
    att = q @ k.transpose(-2, -1) / math.sqrt(hs)  # (B, nh, T, T): every query against every key
    future = ~torch.ones(T, T, dtype=torch.bool, device=q.device).tril()  # True where key j > query i
    att = att.masked_fill(future, float("-inf")).softmax(dim=-1)  # each row sums to 1
    return att @ v  # (B, nh, T, hs)


def param_count_solution(vocab_size: int, block_size: int, n_layer: int, n_embd: int) -> int:
    """Parameters of the course GPT, counted tensor by tensor (the head is tied to the token embedding)."""
    C = n_embd
    embeddings = vocab_size * C + block_size * C  # tokens and positions; the tied head adds nothing
    attention = (C * 3 * C + 3 * C) + (C * C + C)  # qkv and the output projection, with biases
    mlp = (C * 4 * C + 4 * C) + (4 * C * C + C)  # fc and its projection, with biases
    norms = 2 * 2 * C  # two LayerNorms per block: a weight and a bias each
    return embeddings + n_layer * (attention + mlp + norms) + 2 * C  # + the final LayerNorm


def _qkv(B: int, nh: int, T: int, hs: int) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    return tuple(torch.randn(B, nh, T, hs) for _ in range(3))


register(Exercise("day17.causal_mask", causal_mask, lambda: [(1,), (4,), (7,), (16,)], "hint_day17_causal_mask",
                  "hint_day17_causal_mask_formula"))
register(Exercise(
    "day17.split_heads", split_heads,
    lambda: [(torch.randn(2, 5, 12), 3), (torch.randn(1, 4, 8), 2), (torch.randn(3, 6, 16), 4)],
    "hint_day17_split_heads", "hint_day17_split_heads_formula",
))
register(Exercise(
    "day17.causal_attention", causal_attention,
    lambda: [_qkv(1, 1, 5, 4), _qkv(2, 3, 7, 8), _qkv(1, 2, 16, 16)],
    "hint_day17_attention", "hint_day17_attention_formula", causal_attention_solution, rtol=1e-4, atol=1e-5,
))
register(Exercise(
    "day17.param_count", param_count,
    lambda: [(32000, 256, 12, 768), (512, 64, 2, 64), (4096, 128, 4, 128), (100, 10, 1, 8)],
    "hint_day17_param_count", "hint_day17_param_count_formula", param_count_solution,
))
