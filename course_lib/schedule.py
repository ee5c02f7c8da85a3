"""Day 24: AdamW with two parameter groups, and the learning rate's warmup + cosine schedule."""

import inspect
import math

import torch
from torch import nn


def lr_at(step: int, max_lr: float, warmup_steps: int, total_steps: int, min_lr: float = 0.0) -> float:
    """Learning rate of optimizer step ``step`` (0 ≤ step ≤ total_steps): linear warmup, then cosine down to min_lr."""
    if step < warmup_steps:
        return max_lr * step / max(1, warmup_steps)  # 0 → max_lr in warmup_steps steps
    progress = (step - warmup_steps) / max(1, total_steps - warmup_steps)  # 0 → 1 over the rest of the run
    cosine = 0.5 * (1.0 + math.cos(math.pi * progress))  # 1 → 0
    return min_lr + (max_lr - min_lr) * cosine


def param_groups(model: nn.Module, weight_decay: float = 0.1) -> list[dict]:
    """Two AdamW groups: weight decay for matrices and embeddings (≥ 2-D), none for biases and norm weights (1-D)."""
    params = [p for p in model.parameters() if p.requires_grad]  # a tied weight is listed once
    decay = [p for p in params if p.dim() >= 2]
    no_decay = [p for p in params if p.dim() < 2]
    return [{"params": decay, "weight_decay": weight_decay}, {"params": no_decay, "weight_decay": 0.0}]


def make_optimizer(model: nn.Module, lr: float, weight_decay: float = 0.1,
                   betas: tuple[float, float] = (0.9, 0.95)) -> torch.optim.AdamW:
    """AdamW over ``param_groups(model)``: the fused kernel on CUDA, the multi-tensor (foreach) one elsewhere."""
    device_type = next(model.parameters()).device.type
    fused = device_type == "cuda" and "fused" in inspect.signature(torch.optim.AdamW).parameters
    extra = {"fused": True} if fused else {"foreach": True}
    return torch.optim.AdamW(param_groups(model, weight_decay), lr=lr, betas=betas, **extra)


def make_scheduler(optimizer: torch.optim.Optimizer, warmup_steps: int, total_steps: int,
                   min_lr_ratio: float = 0.0) -> torch.optim.lr_scheduler.LambdaLR:
    """The transformers warmup + cosine schedule (``lr_at`` step by step); call ``step()`` once per optimizer step."""
    # transformers takes seconds to import, so only the function that needs it imports it
    from transformers import get_cosine_schedule_with_warmup, get_cosine_with_min_lr_schedule_with_warmup

    if min_lr_ratio:
        return get_cosine_with_min_lr_schedule_with_warmup(optimizer, warmup_steps, total_steps,
                                                           min_lr_rate=min_lr_ratio)
    return get_cosine_schedule_with_warmup(optimizer, warmup_steps, total_steps)
