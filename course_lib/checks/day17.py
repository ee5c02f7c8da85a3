"""Day 17 exercises: the causal mask, splitting heads, causal attention and the GPT parameter count."""

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


def _qkv(B: int, nh: int, T: int, hs: int) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    return tuple(torch.randn(B, nh, T, hs) for _ in range(3))


register(Exercise("day17.causal_mask", causal_mask, lambda: [(1,), (4,), (7,), (16,)], "hint_day17_causal_mask"))
register(Exercise(
    "day17.split_heads", split_heads,
    lambda: [(torch.randn(2, 5, 12), 3), (torch.randn(1, 4, 8), 2), (torch.randn(3, 6, 16), 4)],
    "hint_day17_split_heads",
))
register(Exercise(
    "day17.causal_attention", causal_attention,
    lambda: [_qkv(1, 1, 5, 4), _qkv(2, 3, 7, 8), _qkv(1, 2, 16, 16)],
    "hint_day17_attention", rtol=1e-4, atol=1e-5,
))
register(Exercise(
    "day17.param_count", param_count,
    lambda: [(32000, 256, 12, 768), (512, 64, 2, 64), (4096, 128, 4, 128), (100, 10, 1, 8)],
    "hint_day17_param_count",
))
