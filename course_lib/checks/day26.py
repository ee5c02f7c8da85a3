"""Day 26 exercises: one layer's activation bytes, what each technique saves, the OOM back-off, 8-bit Adam states."""

import math

from course_lib import memory
from course_lib.checks.core import Exercise, register

# The guide's table: does the technique speed training up, does it save memory ("maybe": it depends)
GUIDE_TABLE = {
    "batch_size": ("yes", "yes"),
    "gradient_accumulation": ("no", "yes"),
    "gradient_checkpointing": ("no", "yes"),
    "mixed_precision": ("yes", "maybe"),
    "empty_cache_steps": ("no", "yes"),
    "optimizer": ("yes", "yes"),
    "data_preloading": ("yes", "no"),
    "deepspeed_zero": ("no", "yes"),
    "torch_compile": ("yes", "no"),
    "peft": ("no", "yes"),
}


def layer_bytes(micro_batch: int, block_size: int, n_embd: int, n_head: int, precision: str) -> int:
    """Reference: bytes one SDPA block of the course GPT saves for backward."""
    return memory.layer_activation_bytes(micro_batch, block_size, n_embd, n_head, precision, "sdpa")


def technique_effect(name: str) -> tuple[str, str]:
    """Reference: (speeds up?, saves memory?) of a technique, as in the guide's table."""
    return GUIDE_TABLE[name]


def oom_backoff(micro_batch: int, grad_accum: int, n_ooms: int) -> tuple[int, int, int]:
    """Reference: the Trainer's answer to ``n_ooms`` out-of-memory errors → (micro-batch, accumulation, effective)."""
    for _ in range(n_ooms):
        new = micro_batch // 2
        grad_accum = max(1, micro_batch * grad_accum // new)
        micro_batch = new
    return micro_batch, grad_accum, micro_batch * grad_accum


def adam8bit_bytes(shapes: list[tuple[int, ...]]) -> int:
    """Reference: bitsandbytes 8-bit AdamW state bytes for these parameter shapes (shared qmaps left out)."""
    total = 0
    for shape in shapes:
        n = math.prod(shape)
        total += 2 * n + 8 * math.ceil(n / memory.BNB_BLOCK) if n >= memory.BNB_MIN_8BIT_SIZE else 8 * n
    return total


def layer_bytes_solution(micro_batch: int, block_size: int, n_embd: int, n_head: int, precision: str) -> int:
    """What one SDPA block saves for backward, piece by piece (a: bytes of a matmul input or output)."""
    N, C = micro_batch * block_size, n_embd  # tokens in the micro-batch, channels
    a = 2 if precision in ("fp16", "bf16") else 4
    residual = 2 * 4 * N * C + 2 * 2 * 4 * N  # the two LayerNorm inputs (fp32) and their mean and rstd
    linear_inputs = 2 * a * N * C  # the LayerNorm outputs that go into qkv and fc
    attention = 4 * a * N * C + 4 * N * n_head  # q, k, v and the heads' output; SDPA's fp32 logsumexp
    mlp = 2 * a * 4 * N * C  # fc output and GELU output, 4C wide
    return residual + linear_inputs + attention + mlp


def adam8bit_bytes_solution(shapes: list[tuple[int, ...]]) -> int:
    """8-bit AdamW state bytes: 8-bit moments with a block absmax for big tensors, fp32 moments for small ones."""
    total = 0
    for shape in shapes:
        n = math.prod(shape)  # values in the tensor
        if n >= 4096:  # two uint8 moments + one fp32 absmax per 256 values for each of them
            total += 2 * n + 2 * 4 * math.ceil(n / 256)
        else:  # two fp32 moments
            total += 2 * 4 * n
    return total


register(Exercise(
    "day26.layer_bytes", layer_bytes,
    lambda: [(4, 256, 768, 12, "fp16"), (2, 4, 8, 2, "fp32"), (8, 64, 64, 2, "bf16"), (1, 128, 128, 4, "fp32")],
    "hint_day26_layer_bytes", "hint_day26_layer_bytes_formula", layer_bytes_solution,
))
register(Exercise("day26.technique", technique_effect, lambda: [(name,) for name in GUIDE_TABLE],
                  "hint_day26_technique", "hint_day26_technique_formula"))
register(Exercise(
    "day26.oom_backoff", oom_backoff,
    lambda: [(4, 4, 1), (16, 1, 3), (5, 3, 1), (6, 1, 1), (8, 2, 0)],
    "hint_day26_oom_backoff", "hint_day26_oom_backoff_formula",
))
register(Exercise(
    "day26.adam8bit_bytes", adam8bit_bytes,
    lambda: [([(32000, 768)],), ([(768,), (3 * 768, 768)],), ([(100, 10), (5000,)],), ([(4096,), (4095,)],)],
    "hint_day26_adam8bit", "hint_day26_adam8bit_formula", adam8bit_bytes_solution,
))
