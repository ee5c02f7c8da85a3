"""CPU training: one gradient tensor, not three, for the (V, C) matrix that lm_head shares with the token embedding.

Plain autograd gives a weight used in two places two gradients and adds them into a third new tensor. For the tied
matrix of the course GPT these are the head's gradient (a (V, C) matmul output), the embedding's (a (V, C) tensor
of zeros with the B·T rows added in) and their (V, C) sum. After ``use_tied_gradient(model)`` the head's backward
keeps its gradient and the embedding's backward (the last node of the graph, so always after the head's) adds its
B·T rows into it in place and hands it on: the same sum in one (V, C) tensor.

Why it pays on a CPU: for the seed model a (V, C) fp32 tensor is 32000 × 768 × 4 B = 98.3 MB. glibc's malloc serves
a request above 32 MiB with fresh pages from the kernel (mmap) and gives them back on free, and the first write to
each fresh 4 KiB page is a page fault: 98.3 MB / 4 KiB = 24 000 faults per tensor, 72 000 → 24 000 per step
(``tools/bench_model.py`` counts them). A GPU's caching allocator reuses its blocks, so there, as under autocast,
without gradients, for a frozen embedding and under torch.compile, the plain path runs.

``course_lib/model.py`` stays plain, as in the textbook; the training code calls ``use_tied_gradient`` on the model
it trains (``tests/test_model.py`` checks that losses and gradients equal the plain model's).
"""

from functools import partial

import torch
import torch.nn.functional as F
from torch import nn


class TiedGradient:
    """The state one forward shares: the head's (V, C) gradient until the embedding's backward adds its rows."""

    def __init__(self):
        self.grad: torch.Tensor | None = None


class _Link:
    """The TiedGradient of the model forward in progress; None outside one and on the plain path."""

    def __init__(self):
        self.tied: TiedGradient | None = None


def wanted(idx: torch.Tensor, weight: torch.Tensor) -> bool:
    """Whether a forward takes the one-gradient path: training the shared matrix on CPU in fp32, not compiled."""
    return (idx.device.type == "cpu" and torch.is_grad_enabled() and weight.requires_grad
            and not torch.is_autocast_enabled("cpu") and not torch.compiler.is_compiling())


class _TiedEmbedding(torch.autograd.Function):
    """tok = W[idx], whose backward adds its rows into the head's gradient: W receives one gradient."""

    @staticmethod
    def forward(ctx, idx, weight, tied):
        ctx.save_for_backward(idx)
        ctx.tied, ctx.weight_shape = tied, weight.shape
        return F.embedding(idx, weight)  # (B, T, C)

    @staticmethod
    def backward(ctx, grad_tok):
        (idx,) = ctx.saved_tensors
        grad, ctx.tied.grad = ctx.tied.grad, None
        if grad is None:  # the logits had no gradient
            grad = grad_tok.new_zeros(ctx.weight_shape)
        grad.index_add_(0, idx.reshape(-1), grad_tok.reshape(-1, grad_tok.size(-1)))  # (V, C) += B·T rows
        return None, grad, None


class _TiedHead(torch.autograd.Function):
    """logits = x Wᵀ, whose weight gradient goes to the embedding's backward instead of to W directly."""

    @staticmethod
    def forward(ctx, x, weight, tied):
        ctx.save_for_backward(x, weight)
        ctx.tied = tied
        return F.linear(x, weight)  # (B, T, V)

    @staticmethod
    def backward(ctx, grad_logits):
        x, weight = ctx.saved_tensors
        # (V, B·T) @ (B·T, C): a new (V, C) tensor, the step's only one
        ctx.tied.grad = grad_logits.reshape(-1, weight.size(0)).t() @ x.reshape(-1, x.size(-1))
        return (grad_logits @ weight if ctx.needs_input_grad[0] else None), None, None  # (B, T, C)


def _begin(link: _Link, model: nn.Module, args: tuple) -> None:
    link.tied = TiedGradient()  # a model forward starts; the embedding decides whether it takes the one-gradient path


def _end(link: _Link, model: nn.Module, args: tuple, output) -> None:
    link.tied = None  # also after an exception: a later direct call of lm_head takes the plain path


def _embedding_forward(module: nn.Embedding, link: _Link, idx: torch.Tensor) -> torch.Tensor:
    if link.tied is not None and not wanted(idx, module.weight):  # decided here, inside any autocast that
        link.tied = None  # accelerate's forward wrapper enters; the head then takes the plain path too
    if link.tied is None:
        return nn.Embedding.forward(module, idx)
    return _TiedEmbedding.apply(idx, module.weight, link.tied)  # (B, T, C)


def _head_forward(module: nn.Linear, link: _Link, x: torch.Tensor) -> torch.Tensor:
    if link.tied is None:
        return nn.Linear.forward(module, x)
    return _TiedHead.apply(x, module.weight, link.tied)  # (B, T, V)


def uses_tied_gradient(model: nn.Module) -> bool:
    """Whether ``use_tied_gradient`` has been applied to ``model``."""
    return getattr(model.tok_emb.forward, "func", None) is _embedding_forward


def use_tied_gradient(model: nn.Module) -> nn.Module:
    """Give the matrix shared by ``model.tok_emb`` and ``model.lm_head`` one gradient tensor in CPU training; → model.

    Applying it twice changes nothing; a model whose head is not tied (or has a bias) is returned as it is.
    """
    emb, head = model.tok_emb, model.lm_head
    if uses_tied_gradient(model) or head.weight is not emb.weight or head.bias is not None:
        return model
    link = _Link()
    emb.forward = partial(_embedding_forward, emb, link)
    head.forward = partial(_head_forward, head, link)
    model.register_forward_pre_hook(partial(_begin, link))
    model.register_forward_hook(partial(_end, link), always_call=True)
    return model
