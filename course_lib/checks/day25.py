"""Day 25 exercises: accumulation steps for a target batch, the applied gradient, optimizer and scheduler steps."""

import math

import torch

from course_lib.checks.core import Exercise, register


def grad_accum_for(target_batch: int, micro_batch: int, n_gpus: int) -> int:
    """Reference: the fewest accumulation steps with micro_batch × steps × n_gpus ≥ target_batch."""
    return max(1, math.ceil(target_batch / (micro_batch * n_gpus)))


def applied_gradient(micro_grads: list[torch.Tensor], max_norm: float) -> torch.Tensor:
    """Reference: the gradient the optimizer applies: the mean of the micro-batch gradients, clipped once."""
    grad = torch.stack(micro_grads).sum(0) / len(micro_grads)  # accelerator.backward divides each by the steps
    norm = grad.norm()
    return grad * min(1.0, max_norm / (norm.item() + 1e-6))  # clip_grad_norm_'s formula, once, on the whole sum


def optimizer_and_scheduler_steps(n_micro: int, grad_accum: int) -> tuple[int, int]:
    """Reference: (optimizer steps, scheduler steps) that ``n_micro`` micro-batches make with accumulation."""
    steps = n_micro // grad_accum  # an unfinished accumulation at the end makes no step
    return steps, steps


def _accum_cases() -> list[tuple]:
    return [(16, 4, 1), (16, 4, 2), (512, 4, 1), (100, 8, 1), (64, 16, 4), (8, 16, 1), (480, 12, 8)]


def _grad_cases() -> list[tuple]:
    return [
        ([torch.randn(5) for _ in range(4)], 0.5),  # clipping active on the sum and on partial sums
        ([torch.randn(8) * 3 for _ in range(2)], 1.0),
        ([torch.randn(3) * 0.01 for _ in range(4)], 1.0),  # small: no clipping at all
        ([torch.randn(6) for _ in range(1)], 0.3),  # no accumulation
        ([torch.randn(4, 3) for _ in range(8)], 0.7),
    ]


def _step_cases() -> list[tuple]:
    return [(16, 4), (8, 1), (10, 4), (3, 4), (1000, 16), (7, 7)]


register(Exercise("day25.grad_accum_for", grad_accum_for, _accum_cases, "hint_day25_grad_accum_for",
                  "hint_day25_grad_accum_for_formula"))
register(Exercise("day25.applied_gradient", applied_gradient, _grad_cases, "hint_day25_applied_gradient",
                  "hint_day25_applied_gradient_formula", rtol=1e-4, atol=1e-6))
register(Exercise("day25.optimizer_steps", optimizer_and_scheduler_steps, _step_cases, "hint_day25_optimizer_steps",
                  "hint_day25_optimizer_steps_formula"))
