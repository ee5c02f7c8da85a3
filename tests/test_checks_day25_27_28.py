"""Day 25, 27 and 28 exercises: the library functions are the references, typical mistakes fail as expected."""

import math

import pytest
import torch
from test_checks import assert_fails_with_nudge

from course_lib.checkpoint import list_checkpoints, save_checkpoint
from course_lib.checks.day25 import applied_gradient, optimizer_and_scheduler_steps
from course_lib.checks.day28 import checkpoints_to_keep
from course_lib.model import GPTModel
from course_lib.train import make_accelerator, train_step

# --- Day 25 ---------------------------------------------------------------------------------------------------------

def clip(grad, max_norm):
    return grad * min(1.0, max_norm / (grad.norm().item() + 1e-6))


def divided_twice(micro_grads, max_norm):
    n = len(micro_grads)
    return clip(sum(g / n for g in micro_grads) / n, max_norm)  # the HF guide's `loss / accum` on top of accelerate


def clipped_every_micro_step(micro_grads, max_norm):
    grad = torch.zeros_like(micro_grads[0])
    for g in micro_grads:  # the seed: clip_grad_norm_ on the partial sum after every backward
        grad = clip(grad + g / len(micro_grads), max_norm)
    return grad


def summed_not_averaged(micro_grads, max_norm):
    return clip(sum(micro_grads), max_norm)


def never_clipped(micro_grads, max_norm):
    return sum(micro_grads) / len(micro_grads)


MISTAKES_DAY25 = [
    ("day25.grad_accum_for", lambda target, micro, gpus: math.ceil(target / micro), "values"),  # forgets the GPUs
    ("day25.grad_accum_for", lambda target, micro, gpus: target // (micro * gpus), "values"),  # rounds down
    ("day25.grad_accum_for", lambda target, micro, gpus: target / (micro * gpus), "values"),  # not whole steps
    ("day25.applied_gradient", divided_twice, "values"),
    ("day25.applied_gradient", clipped_every_micro_step, "values"),
    ("day25.applied_gradient", summed_not_averaged, "values"),
    ("day25.applied_gradient", never_clipped, "values"),
    ("day25.optimizer_steps", lambda n, accum: (n // accum, n), "values"),  # the scheduler steps per micro-batch
    ("day25.optimizer_steps", lambda n, accum: (n, n), "values"),  # no accumulation at all
    ("day25.optimizer_steps", lambda n, accum: (math.ceil(n / accum),) * 2, "values"),  # a half step counts
    ("day25.optimizer_steps", lambda n, accum: n // accum, "type"),
]


@pytest.mark.parametrize("exercise_id, wrong, failed", MISTAKES_DAY25)
def test_day25_mistakes(exercise_id, wrong, failed):
    assert_fails_with_nudge(exercise_id, wrong, failed)


def test_applied_gradient_is_what_train_step_applies():
    """The reference agrees with the library's accelerate step on a real model (the lesson's claim)."""
    torch.manual_seed(0)
    model = GPTModel(vocab_size=32, block_size=8, n_layer=1, n_head=2, n_embd=16)
    micro = [tuple(torch.randint(32, (2, 4, 8))) for _ in range(4)]
    per_micro = []
    for x, y in micro:  # each micro-batch's own mean-loss gradient, flattened
        model.zero_grad()
        model(x, y)[1].backward()
        per_micro.append(torch.cat([p.grad.flatten() for p in model.parameters()]))
    model.zero_grad(set_to_none=True)
    max_norm = torch.stack(per_micro).mean(0).norm().item() / 3  # clipping is active

    accelerator = make_accelerator("fp32", grad_accum=4)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.0)
    seen = []
    optimizer.register_step_pre_hook(
        lambda opt, args, kwargs: seen.append(torch.cat([p.grad.flatten() for p in model.parameters()])))
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: 1.0)
    prepared = accelerator.prepare(model, optimizer, scheduler)
    batches = iter(micro)
    train_step(accelerator, *prepared, lambda: next(batches), max_norm)
    assert len(seen) == 1
    torch.testing.assert_close(seen[0], applied_gradient(per_micro, max_norm), rtol=1e-4, atol=1e-7)
    assert (1, scheduler.last_epoch) == optimizer_and_scheduler_steps(4, 4)


# --- Day 27 ---------------------------------------------------------------------------------------------------------

def loss_in_train_mode(model, batches):
    return sum(model(x, y)[1].item() for x, y in batches) / len(batches)  # dropout stays on


def summed_loss(model, batches):
    model.eval()
    with torch.no_grad():
        return sum(model(x, y)[1].item() for x, y in batches)


def loss_as_tensor(model, batches):
    model.eval()
    with torch.no_grad():
        return torch.stack([model(x, y)[1] for x, y in batches]).mean()


MISTAKES_DAY27 = [
    ("day27.perplexity", lambda loss: 2 ** loss, "values"),
    ("day27.perplexity", lambda loss: torch.exp(loss).tolist(), "type"),
    ("day27.perplexity", lambda loss: loss.exp().log(), "values"),
    ("day27.is_overfitting", lambda train, val: val[-1] > train[-1], "values"),  # a gap is not overfitting
    ("day27.is_overfitting", lambda train, val: val[-1] > min(val), "values"),  # forgets the falling train loss
    ("day27.is_overfitting", lambda train, val: val[-1] > val[-2], "values"),
    ("day27.eval_loss", loss_in_train_mode, "values"),
    ("day27.eval_loss", summed_loss, "values"),
    ("day27.eval_loss", loss_as_tensor, "type"),
]


@pytest.mark.parametrize("exercise_id, wrong, failed", MISTAKES_DAY27)
def test_day27_mistakes(exercise_id, wrong, failed):
    assert_fails_with_nudge(exercise_id, wrong, failed)


# --- Day 28 ---------------------------------------------------------------------------------------------------------

NEEDED = {"model", "optimizer", "scheduler", "rng", "step", "config"}


def items(candidates, wanted):
    return sorted(set(candidates) & wanted)


def scaler_if_fp16(precision):
    return {"grad_scaler"} if precision == "fp16" else set()


def keep_later_best_on_tie(steps, val_losses, keep_last):
    scored = [(loss, -step) for step, loss in zip(steps, val_losses) if loss is not None]
    best = {-min(scored)[1]} if scored else set()
    return sorted(set(sorted(steps)[-keep_last:]) | best)


MISTAKES_DAY28 = [
    ("day28.checkpoint_items", lambda c, p: items(c, NEEDED | {"gradients"} | scaler_if_fp16(p)), "shape"),
    # forgets the random states: dropout and batches would differ after a resume
    ("day28.checkpoint_items", lambda c, p: items(c, NEEDED - {"rng"} | scaler_if_fp16(p)), "shape"),
    ("day28.checkpoint_items", lambda c, p: items(c, NEEDED), "shape"),  # forgets fp16's scaler
    ("day28.checkpoint_items", lambda c, p: items(c, NEEDED | {"grad_scaler"}), "shape"),  # a scaler in bf16 too
    ("day28.checkpoint_items", lambda c, p: [x for x in c if x in NEEDED | scaler_if_fp16(p)], "values"),  # unsorted
    ("day28.checkpoints_to_keep", lambda s, v, n: [max(s)], "shape"),  # only the last
    ("day28.checkpoints_to_keep", lambda s, v, n: sorted(s)[-n:], "shape"),  # the last N: the best is lost
    ("day28.checkpoints_to_keep", keep_later_best_on_tie, "values"),
    # deletes the old checkpoints before the new one is published
    ("day28.save_order", lambda ops: sorted(ops, key=["write_tmp", "fsync", "write_meta", "prune", "rename"].index),
     "values"),
    # publishes before the files are durable and complete
    ("day28.save_order", lambda ops: sorted(ops, key=["write_tmp", "rename", "fsync", "write_meta", "prune"].index),
     "values"),
    ("day28.save_order", lambda ops: sorted(ops), "values"),
]


@pytest.mark.parametrize("exercise_id, wrong, failed", MISTAKES_DAY28)
def test_day28_mistakes(exercise_id, wrong, failed):
    assert_fails_with_nudge(exercise_id, wrong, failed)


def test_checkpoints_to_keep_is_what_the_library_keeps(tmp_path):
    """The reference agrees with save_checkpoint's pruning (keep the last N and the best)."""
    torch.manual_seed(0)
    model = GPTModel(vocab_size=32, block_size=8, n_layer=1, n_head=2, n_embd=16)
    accelerator = make_accelerator("fp32")
    model = accelerator.prepare(model)
    config = {"model": dict(model.config), "tokenizer": {"vocab_size": 32}}
    steps, losses = [10, 20, 30, 40, 50], [3.0, 1.0, 2.0, 1.0, 2.5]
    for step, loss in zip(steps, losses):
        save_checkpoint(accelerator, tmp_path, step, config, val_loss=loss, keep_last=2)
    kept = [int(p.name.split("_")[1]) for p in list_checkpoints(tmp_path)]
    assert kept == checkpoints_to_keep(steps, losses, 2) == [20, 40, 50]
