"""Day 04 exercises: bytes per parameter, the dtype a GPU should train in, effective batch size."""

from course_lib import memory
from course_lib.checks.core import Exercise, register
from course_lib.device import DeviceInfo, best_precision


def weight_bytes(n_params: int, dtype: str) -> int:
    """Reference: bytes of ``n_params`` weights stored in ``dtype``."""
    return memory.weight_bytes(n_params, dtype)


def adamw_bytes(n_params: int) -> int:
    """Reference: bytes of weights, gradients and AdamW states (mixed precision too)."""
    return memory.adamw_training_bytes(n_params)


def pick_dtype(capability: tuple[int, int] | None) -> str:
    """Reference: "bf16" from compute capability 8.0, "fp16" from 7.0, else "fp32" (None: no GPU)."""
    if capability is None:
        return best_precision(DeviceInfo("cpu", "cpu"))
    return best_precision(DeviceInfo("cuda", "gpu", capability))


def effective_batch(micro_batch: int, accumulation_steps: int, n_gpus: int) -> int:
    """Reference: sequences that contribute to one optimizer step."""
    return micro_batch * accumulation_steps * n_gpus


def weight_bytes_solution(n_params: int, dtype: str) -> int:
    """Bytes of ``n_params`` weights in ``dtype``: the bytes of one number times the count."""
    bytes_per_number = {"fp32": 4, "fp16": 2, "bf16": 2, "int8": 1}  # 32, 16, 16 and 8 bits
    return n_params * bytes_per_number[dtype]


def adamw_bytes_solution(n_params: int) -> int:
    """Bytes of weights, gradients and AdamW's two moments, all fp32 (in mixed precision too)."""
    weights, gradients, moments = 4, 4, 2 * 4
    return n_params * (weights + gradients + moments)


def pick_dtype_solution(capability: tuple[int, int] | None) -> str:
    """The precision to train in for a GPU of compute ``capability`` (None: no GPU)."""
    if capability is None:  # no GPU
        return "fp32"
    if capability >= (8, 0):  # Ampere and newer compute bf16 in hardware
        return "bf16"
    if capability >= (7, 0):  # Volta, Turing: fp16 tensor cores (GTX 16xx/MX: none, but half the activations)
        return "fp16"
    return "fp32"


register(Exercise(
    "day04.weight_bytes", weight_bytes,
    lambda: [(1, "fp32"), (110_000_000, "fp16"), (7, "bf16"), (1000, "int8"), (3, "fp32")],
    "hint_day04_weight_bytes", "hint_day04_weight_bytes_formula", weight_bytes_solution,
))
register(Exercise(
    "day04.adamw_bytes", adamw_bytes, lambda: [(1,), (124_000_000,), (10,)], "hint_day04_adamw_bytes",
    "hint_day04_adamw_bytes_formula", adamw_bytes_solution,
))
register(Exercise(
    "day04.pick_dtype", pick_dtype, lambda: [((8, 6),), ((7, 5),), (None,), ((9, 0),), ((6, 1),), ((8, 0),)],
    "hint_day04_pick_dtype", "hint_day04_pick_dtype_formula", pick_dtype_solution,
))
register(Exercise(
    "day04.effective_batch", effective_batch, lambda: [(4, 4, 1), (16, 1, 1), (2, 8, 2), (1, 1, 4)],
    "hint_day04_effective_batch", "hint_day04_effective_batch_formula",
))
