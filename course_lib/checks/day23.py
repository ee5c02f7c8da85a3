"""Day 23 exercises: the loss at initialisation, cross-entropy over (B, T, V) logits, and the plain training loop."""

import math

import torch
import torch.nn.functional as F

from course_lib.checks.core import Exercise, register
from course_lib.model import GPTModel


def initial_loss(vocab_size: int) -> float:
    """Reference: the cross-entropy of a uniform guess over ``vocab_size`` tokens, ln(V)."""
    return math.log(vocab_size)


def cross_entropy(logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """Reference: mean cross-entropy of (B, T, V) logits against (B, T) targets, a scalar tensor."""
    B, T, V = logits.shape
    return F.cross_entropy(logits.reshape(B * T, V), targets.reshape(B * T))


def train_steps(model: torch.nn.Module, optimizer: torch.optim.Optimizer, batches: list) -> list[float]:
    """Reference: one ``plain_step`` per (x, y) batch; the losses as Python floats."""
    from course_lib.train import plain_step  # imported here: course_lib.train loads accelerate (seconds)

    return [plain_step(model, optimizer, x, y) for x, y in batches]


def train_steps_solution(model: torch.nn.Module, optimizer: torch.optim.Optimizer, batches: list) -> list[float]:
    """The plain training loop: forward, backward, update, zero the gradients; one loss per batch."""
    losses = []
    for x, y in batches:
        _, loss = model(x, y)  # forward: the logits and the mean loss
        loss.backward()  # the gradients, into every parameter's .grad
        optimizer.step()  # the update
        optimizer.zero_grad()  # otherwise the next backward adds to these gradients
        losses.append(loss.item())  # a Python float, not a tensor that keeps the graph alive
    return losses


def _logits_cases() -> list[tuple]:
    return [
        (torch.randn(2, 5, 7) * 3, torch.randint(7, (2, 5))),
        (torch.randn(1, 1, 3), torch.tensor([[2]])),
        (torch.randn(4, 8, 50), torch.randint(50, (4, 8))),
        (torch.zeros(2, 3, 10), torch.randint(10, (2, 3))),
    ]


def _loop_case(optimizer: str, vocab: int, n_layer: int, n_batches: int) -> tuple:
    """A seeded small GPT, its optimizer and a few batches of random tokens."""
    model = GPTModel(vocab_size=vocab, block_size=8, n_layer=n_layer, n_head=2, n_embd=16)
    if optimizer == "sgd":
        opt = torch.optim.SGD(model.parameters(), lr=0.5)
    else:
        opt = torch.optim.AdamW(model.parameters(), lr=1e-2)
    batches = [(torch.randint(vocab, (2, 8)), torch.randint(vocab, (2, 8))) for _ in range(n_batches)]
    return model, opt, batches


def _loop_cases() -> list[tuple]:
    return [_loop_case("adamw", 32, 1, 4), _loop_case("sgd", 20, 1, 4), _loop_case("adamw", 50, 2, 5)]


register(Exercise(
    "day23.initial_loss", initial_loss, lambda: [(512,), (4096,), (32000,), (2,), (50257,)],
    "hint_day23_initial_loss", "hint_day23_initial_loss_formula",
))
register(Exercise("day23.cross_entropy", cross_entropy, _logits_cases, "hint_day23_cross_entropy",
                  "hint_day23_cross_entropy_formula"))
register(Exercise("day23.train_steps", train_steps, _loop_cases, "hint_day23_train_steps",
                  "hint_day23_train_steps_formula", train_steps_solution, rtol=1e-4, atol=1e-5))
