"""Day 23 and 24 exercises: the library functions are the references, typical mistakes fail on the right property."""

import math

import pytest
import torch
import torch.nn.functional as F
from test_checks import assert_fails_with_nudge

from course_lib.checks import EXERCISES, check, day23, day24
from course_lib.model import GPTModel
from course_lib.schedule import lr_at, make_scheduler, param_groups


def test_library_functions_are_the_references():
    assert EXERCISES["day24.lr_at"].reference is lr_at
    torch.manual_seed(0)
    model = GPTModel(vocab_size=30, block_size=8, n_layer=1, n_head=2, n_embd=16)
    x, y = torch.randint(30, (3, 8)), torch.randint(30, (3, 8))
    logits, loss = model(x, y)
    assert torch.allclose(day23.cross_entropy(logits, y), loss)
    # the split by names is param_groups' split, and the tied lm_head weight is listed once
    decay, no_decay = day24.decay_split(model)
    groups = param_groups(model)
    assert [len(decay), len(no_decay)] == [len(g["params"]) for g in groups]
    assert "tok_emb.weight" in decay and "lm_head.weight" not in decay + no_decay
    assert "ln_f.weight" in no_decay and "blocks.0.attn.qkv.bias" in no_decay


def test_day24_pieces_make_lr_at_and_the_transformers_schedule():
    max_lr, warmup, total = 6e-4, 100, 5000
    for step in range(warmup + 1):
        assert math.isclose(day24.warmup_lr(step, max_lr, warmup), max_lr * step / warmup, rel_tol=1e-12)
    for step in range(warmup, total + 1, 7):
        progress = (step - warmup) / (total - warmup)
        assert math.isclose(day24.cosine_lr(progress, max_lr, 0.0), lr_at(step, max_lr, warmup, total),
                            rel_tol=1e-9, abs_tol=1e-15)
    optimizer = torch.optim.AdamW([torch.nn.Parameter(torch.zeros(1))], lr=max_lr)
    scheduler = make_scheduler(optimizer, warmup, total)
    for step in range(total + 1):
        assert math.isclose(scheduler.get_last_lr()[0], lr_at(step, max_lr, warmup, total), abs_tol=1e-12)
        optimizer.step()
        scheduler.step()


# --- Day 23 mistakes ---------------------------------------------------------------------------------------------

def summed(logits, targets):
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1), reduction="sum")


def per_token(logits, targets):
    return F.cross_entropy(logits.transpose(1, 2), targets, reduction="none")


def without_log(logits, targets):
    probs = logits.softmax(-1).gather(-1, targets.unsqueeze(-1))
    return -probs.mean()


def by_hand(logits, targets):
    return -logits.log_softmax(-1).gather(-1, targets.unsqueeze(-1)).mean()


def forgets_zero_grad(model, optimizer, batches):
    losses = []
    for x, y in batches:
        _, loss = model(x, y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


def never_steps(model, optimizer, batches):
    losses = []
    for x, y in batches:
        _, loss = model(x, y)
        loss.backward()
        optimizer.zero_grad()
        losses.append(loss.item())
    return losses


def zero_grad_before_step(model, optimizer, batches):
    losses = []
    for x, y in batches:
        _, loss = model(x, y)
        loss.backward()
        optimizer.zero_grad()
        optimizer.step()
        losses.append(loss.item())
    return losses


def keeps_tensors(model, optimizer, batches):
    losses = []
    for x, y in batches:
        _, loss = model(x, y)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        losses.append(loss)
    return losses


def zero_grad_first(model, optimizer, batches):  # the other common order: just as right
    losses = []
    for x, y in batches:
        optimizer.zero_grad()
        _, loss = model(x, y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


# --- Day 24 mistakes ---------------------------------------------------------------------------------------------

def cos_only(progress, max_lr, min_lr):
    return min_lr + (max_lr - min_lr) * math.cos(math.pi * progress)


def wrong_end(progress, max_lr, min_lr):  # rises from min_lr to max_lr
    return min_lr + (max_lr - min_lr) * 0.5 * (1 - math.cos(math.pi * progress))


def linear(progress, max_lr, min_lr):  # right at 0, 0.5 and 1, wrong in between
    return max_lr - (max_lr - min_lr) * progress


def forgets_min_lr(progress, max_lr, min_lr):
    return max_lr * 0.5 * (1 + math.cos(math.pi * progress))


def no_warmup(step, max_lr, warmup, total):
    return max_lr * 0.5 * (1 + math.cos(math.pi * step / total))


def cosine_over_the_whole_run(step, max_lr, warmup, total):
    if step < warmup:
        return max_lr * step / warmup
    return max_lr * 0.5 * (1 + math.cos(math.pi * step / total))


def cosine_up(step, max_lr, warmup, total):
    if step < warmup:
        return max_lr * step / warmup
    return max_lr * 0.5 * (1 - math.cos(math.pi * (step - warmup) / (total - warmup)))


def constant_after_warmup(step, max_lr, warmup, total):
    return max_lr * step / warmup if step < warmup else max_lr


def decays_everything(model):
    return [name for name, _ in model.named_parameters()], []


def by_name_bias(model):  # LayerNorm/BatchNorm weights are 1-D too, and would be decayed
    names = [name for name, _ in model.named_parameters()]
    return [n for n in names if not n.endswith("bias")], [n for n in names if n.endswith("bias")]


def swapped(model):
    decay, no_decay = day24.decay_split(model)
    return no_decay, decay


def tensors_not_names(model):
    return [p for p in model.parameters() if p.dim() >= 2], [p for p in model.parameters() if p.dim() < 2]


def sorted_names(model):
    decay, no_decay = day24.decay_split(model)
    return sorted(decay), sorted(no_decay)


def with_tied_head(model):  # named_parameters(remove_duplicate=False) lists the tied lm_head twice
    named = list(model.named_parameters(remove_duplicate=False))
    return [n for n, p in named if p.dim() >= 2], [n for n, p in named if p.dim() < 2]


MISTAKES = [
    ("day23.initial_loss", lambda v: 1 / v, "values"),  # the probability, not the loss
    ("day23.initial_loss", lambda v: math.log(1 / v), "values"),  # the sign
    ("day23.initial_loss", lambda v: math.log2(v), "values"),  # bits, not nats
    ("day23.initial_loss", lambda v: v / math.log(v), "values"),  # divided by ln(V)
    ("day23.initial_loss", lambda v: torch.tensor(v).log(), "type"),
    ("day23.cross_entropy", summed, "values"),
    ("day23.cross_entropy", per_token, "shape"),
    ("day23.cross_entropy", without_log, "values"),
    ("day23.cross_entropy", lambda logits, targets: summed(logits, targets).item(), "type"),
    ("day23.train_steps", forgets_zero_grad, "values"),
    ("day23.train_steps", never_steps, "values"),
    ("day23.train_steps", zero_grad_before_step, "values"),
    ("day23.train_steps", keeps_tensors, "type"),
    ("day23.train_steps", lambda model, optimizer, batches: [0.0], "shape"),
    ("day24.warmup_lr", lambda step, max_lr, warmup: max_lr * (step + 1) / warmup, "values"),
    ("day24.warmup_lr", lambda step, max_lr, warmup: max_lr, "values"),  # no warmup
    ("day24.warmup_lr", lambda step, max_lr, warmup: max_lr * step // warmup, "values"),
    ("day24.warmup_lr", lambda step, max_lr, warmup: str(max_lr * step / warmup), "type"),
    ("day24.cosine_lr", cos_only, "values"),
    ("day24.cosine_lr", wrong_end, "values"),
    ("day24.cosine_lr", linear, "values"),
    ("day24.cosine_lr", forgets_min_lr, "values"),
    ("day24.lr_at", no_warmup, "values"),
    ("day24.lr_at", cosine_over_the_whole_run, "values"),
    ("day24.lr_at", cosine_up, "values"),
    ("day24.lr_at", constant_after_warmup, "values"),
    ("day24.decay_split", decays_everything, "shape"),
    ("day24.decay_split", by_name_bias, "shape"),
    ("day24.decay_split", swapped, "shape"),
    ("day24.decay_split", tensors_not_names, "type"),
    ("day24.decay_split", sorted_names, "values"),
    ("day24.decay_split", with_tied_head, "shape"),
]


@pytest.mark.parametrize("exercise_id, wrong, failed", MISTAKES)
def test_typical_mistakes_fail(exercise_id, wrong, failed):
    assert_fails_with_nudge(exercise_id, wrong, failed)


def test_correct_alternatives_pass():
    assert check("day23.initial_loss", lambda v: -math.log(1 / v))  # the same thing written another way
    assert check("day23.cross_entropy", by_hand)  # written out with log_softmax + gather is right too
    assert check("day23.train_steps", zero_grad_first)
    assert check("day24.lr_at", lambda step, max_lr, warmup, total: lr_at(step, max_lr, warmup, total))
