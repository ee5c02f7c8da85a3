"""Day 27 exercises: perplexity from the loss, overfitting read from curves, a loss estimated in eval mode."""

import math

import torch
from torch import nn

from course_lib.checks.core import Exercise, register
from course_lib.model import GPTModel


def perplexity(loss: torch.Tensor) -> torch.Tensor:
    """Reference: e^loss (the loss is a natural-log cross-entropy)."""
    return torch.exp(loss)


def is_overfitting(train_losses: list[float], val_losses: list[float]) -> bool:
    """Reference: the last val loss is above its minimum while the train loss kept falling since that minimum."""
    best = min(range(len(val_losses)), key=val_losses.__getitem__)
    return val_losses[-1] > val_losses[best] and train_losses[-1] < train_losses[best]


@torch.no_grad()
def eval_loss(model: nn.Module, batches: list[tuple[torch.Tensor, torch.Tensor]]) -> float:
    """Reference: the mean loss of ``batches`` in eval mode without gradients; the model's mode is restored."""
    was_training = model.training
    model.eval()
    losses = [model(x, y)[1].item() for x, y in batches]
    model.train(was_training)
    return sum(losses) / len(losses)


def _loss_cases() -> list[tuple]:
    return [(torch.tensor(0.0),), (torch.tensor(math.log(512)),), (torch.tensor([2.0, 3.5, 4.1]),),
            (torch.rand(4) * 6,)]


def _curve_cases() -> list[tuple]:
    return [
        ([5.0, 4.0, 3.0, 2.0, 1.5], [5.1, 4.5, 4.4, 4.6, 4.9]),  # val turns up, train falls: yes
        ([5.0, 4.0, 3.5, 3.2, 3.0], [5.2, 4.3, 3.9, 3.7, 3.6]),  # both fall, val above train: no
        ([3.0, 3.5, 4.5, 6.0], [3.2, 3.7, 4.8, 6.5]),  # both rise: the run diverges, not overfitting
        ([4.0, 3.0, 2.0], [4.1, 3.5, 3.6]),  # yes
        ([4.0, 3.0, 2.0], [4.1, 3.5, 3.5]),  # flat at the minimum: no
        ([6.0, 5.0, 4.0, 3.0], [6.1, 5.5, 5.0, 5.2]),  # yes
    ]


def _model(dropout: float, seed: int) -> GPTModel:
    torch.manual_seed(seed)
    return GPTModel(vocab_size=32, block_size=8, n_layer=1, n_head=2, n_embd=16, dropout=dropout).train()


def _batches(n: int, seed: int) -> list[tuple[torch.Tensor, torch.Tensor]]:
    generator = torch.Generator().manual_seed(seed)
    return [tuple(torch.randint(32, (2, 2, 8), generator=generator)) for _ in range(n)]


def _eval_cases() -> list[tuple]:
    return [(_model(0.5, 0), _batches(3, 1)), (_model(0.3, 1), _batches(1, 2)), (_model(0.0, 2), _batches(4, 3))]


register(Exercise("day27.perplexity", perplexity, _loss_cases, "hint_day27_perplexity",
                  "hint_day27_perplexity_formula"))
register(Exercise("day27.is_overfitting", is_overfitting, _curve_cases, "hint_day27_is_overfitting",
                  "hint_day27_is_overfitting_formula"))
register(Exercise("day27.eval_loss", eval_loss, _eval_cases, "hint_day27_eval_loss", "hint_day27_eval_loss_formula",
                  rtol=1e-5, atol=1e-6))
