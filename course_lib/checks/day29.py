"""Day 29 exercises: temperature, top-k and top-p filtering of next-token logits, the KV cache's memory."""

import torch

from course_lib import generate, model
from course_lib.checks.core import Exercise, register


def _logits(B: int, V: int, scale: float = 2.0) -> torch.Tensor:
    return torch.randn(B, V) * scale


def _temperature_cases() -> list[tuple]:
    return [(_logits(2, 10), 0.5), (_logits(1, 50), 2.0), (_logits(3, 7), 1.0), (_logits(2, 100), 0.8)]


def _top_k_cases() -> list[tuple]:
    return [(_logits(2, 10), 3), (_logits(1, 50), 1), (_logits(3, 7), 7), (_logits(2, 100), 10)]


def _top_p_cases() -> list[tuple]:
    return [(_logits(2, 10), 0.5), (_logits(1, 50), 0.9), (_logits(3, 7), 0.3), (_logits(2, 100, scale=5.0), 0.75)]


def _cache_cases() -> list[tuple]:
    return [(12, 1, 256, 768, 2), (2, 8, 64, 64, 4), (4, 16, 128, 128, 4), (1, 3, 10, 8, 1)]


register(Exercise("day29.temperature", generate.apply_temperature, _temperature_cases, "hint_day29_temperature",
                  "hint_day29_temperature_formula"))
register(Exercise("day29.top_k", generate.top_k_filter, _top_k_cases, "hint_day29_top_k",
                  "hint_day29_top_k_formula"))
register(Exercise("day29.top_p", generate.top_p_filter, _top_p_cases, "hint_day29_top_p",
                  "hint_day29_top_p_formula"))
register(Exercise("day29.cache_bytes", model.kv_cache_bytes, _cache_cases, "hint_day29_cache_bytes",
                  "hint_day29_cache_bytes_formula"))
