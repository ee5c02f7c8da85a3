"""Day 24: lr_at is transformers' warmup + cosine step by step, and AdamW gets the right parameter groups."""

import pytest
import torch
from transformers import get_cosine_schedule_with_warmup, get_cosine_with_min_lr_schedule_with_warmup

from course_lib.model import GPTModel
from course_lib.schedule import lr_at, make_optimizer, make_scheduler, param_groups


def lrs_of(scheduler, steps):
    """The learning rate in force at optimizer steps 0 … steps (the scheduler steps once after each)."""
    optimizer = scheduler.optimizer
    values = []
    for _ in range(steps + 1):
        values.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return values


def sgd(lr):
    return torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=lr)


@pytest.mark.parametrize("warmup, total", [(10, 100), (0, 50), (1, 7), (30, 30)])
def test_lr_at_equals_transformers_cosine_with_warmup(warmup, total):
    expected = lrs_of(get_cosine_schedule_with_warmup(sgd(6e-4), warmup, total), total)
    assert [lr_at(s, 6e-4, warmup, total) for s in range(total + 1)] == pytest.approx(expected, rel=1e-12, abs=1e-15)


def test_lr_at_with_min_lr_equals_transformers_min_lr_schedule():
    expected = lrs_of(get_cosine_with_min_lr_schedule_with_warmup(sgd(1e-3), 5, 40, min_lr=1e-4), 40)
    assert [lr_at(s, 1e-3, 5, 40, min_lr=1e-4) for s in range(41)] == pytest.approx(expected, rel=1e-12)


def test_lr_at_shape():
    assert lr_at(0, 1.0, 10, 100) == 0.0
    assert lr_at(5, 1.0, 10, 100) == pytest.approx(0.5)
    assert lr_at(10, 1.0, 10, 100) == pytest.approx(1.0)
    assert lr_at(55, 1.0, 10, 100) == pytest.approx(0.5)  # halfway through the cosine
    assert lr_at(100, 1.0, 10, 100, min_lr=0.1) == pytest.approx(0.1)


def test_make_scheduler_follows_lr_at():
    optimizer = sgd(3e-3)
    got = lrs_of(make_scheduler(optimizer, 4, 20), 20)
    assert got == pytest.approx([lr_at(s, 3e-3, 4, 20) for s in range(21)], rel=1e-12, abs=1e-15)
    got = lrs_of(make_scheduler(sgd(3e-3), 4, 20, min_lr_ratio=0.1), 20)
    assert got == pytest.approx([lr_at(s, 3e-3, 4, 20, min_lr=3e-4) for s in range(21)], rel=1e-12)


def test_parameter_groups_split_matrices_from_biases_and_norms():
    model = GPTModel(vocab_size=50, block_size=8, n_layer=2, n_head=2, n_embd=16)
    decay, no_decay = param_groups(model, weight_decay=0.1)
    names = {id(p): name for name, p in model.named_parameters()}  # the tied head is listed once, as tok_emb
    decay_names = {names[id(p)] for p in decay["params"]}
    no_decay_names = {names[id(p)] for p in no_decay["params"]}
    assert (decay["weight_decay"], no_decay["weight_decay"]) == (0.1, 0.0)
    assert {"tok_emb.weight", "pos_emb.weight", "blocks.0.attn.qkv.weight", "blocks.1.mlp.proj.weight"} <= decay_names
    assert {"blocks.0.attn.qkv.bias", "blocks.0.ln_1.weight", "blocks.0.ln_1.bias", "ln_f.weight"} <= no_decay_names
    assert all(names[id(p)].endswith(".weight") and p.dim() == 2 for p in decay["params"])
    assert all(p.dim() == 1 for p in no_decay["params"])
    assert sum(p.numel() for g in (decay, no_decay) for p in g["params"]) == model.num_params()


def test_make_optimizer_is_adamw_with_two_groups():
    model = GPTModel(vocab_size=50, block_size=8, n_layer=1, n_head=2, n_embd=16)
    optimizer = make_optimizer(model, lr=1e-3)
    assert isinstance(optimizer, torch.optim.AdamW)
    assert [g["weight_decay"] for g in optimizer.param_groups] == [0.1, 0.0]
    assert optimizer.defaults["betas"] == (0.9, 0.95) and optimizer.defaults["lr"] == 1e-3
    assert optimizer.defaults["foreach"] is True  # CPU: the multi-tensor kernel (fused is for CUDA)
