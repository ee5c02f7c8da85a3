"""Day 28 exercises: what a checkpoint must hold, which checkpoints to keep, the order of an atomic save."""

from course_lib.checks.core import Exercise, register

# what resuming exactly needs; "grad_scaler" only where the loss is scaled (fp16)
REQUIRED = ("model", "optimizer", "scheduler", "rng", "step", "config")
SAVE_ORDER = ("write_tmp", "fsync", "write_meta", "rename", "prune")


def checkpoint_items(candidates: list[str], precision: str) -> list[str]:
    """Reference: the candidates a checkpoint must hold to resume exactly, sorted."""
    needed = set(REQUIRED) | ({"grad_scaler"} if precision == "fp16" else set())
    return sorted(c for c in set(candidates) if c in needed)


def checkpoints_to_keep(steps: list[int], val_losses: list[float | None], keep_last: int) -> list[int]:
    """Reference: the newest ``keep_last`` steps and the step of the lowest validation loss (earliest on a tie)."""
    order = sorted(range(len(steps)), key=steps.__getitem__)
    keep = {steps[i] for i in order[-keep_last:]} if keep_last > 0 else set()
    scored = [(val_losses[i], steps[i]) for i in order if val_losses[i] is not None]
    if scored:
        keep.add(min(scored)[1])
    return sorted(keep)


def save_order(operations: list[str]) -> list[str]:
    """Reference: the operations of an atomic save in a safe order."""
    return sorted(operations, key=SAVE_ORDER.index)


def checkpoint_items_solution(candidates: list[str], precision: str) -> list[str]:
    """What resuming exactly needs, sorted; the GradScaler only where fp16 scales the loss."""
    needed = {"model", "optimizer", "scheduler", "rng", "step", "config"}
    if precision == "fp16":
        needed.add("grad_scaler")
    return sorted(set(candidates) & needed)


def save_order_solution(operations: list[str]) -> list[str]:
    """The operations in a safe order: the old checkpoint stays usable until the new one is complete."""
    safe = ["write_tmp", "fsync", "write_meta", "rename", "prune"]
    return sorted(operations, key=safe.index)


_EXTRA = ["gradients", "activations", "logits", "val_batches"]


def _item_cases() -> list[tuple]:
    everything = [*REQUIRED, "grad_scaler", *_EXTRA]
    return [
        (everything, "fp32"),
        (everything[::-1], "fp16"),
        (everything, "bf16"),
        (["gradients", "model", "grad_scaler", "rng", "step"], "fp16"),
        (["optimizer", "activations", "scheduler", "config"], "fp32"),
    ]


def _keep_cases() -> list[tuple]:
    return [
        ([100, 200, 300, 400], [3.0, 1.0, 2.0, 2.5], 2),  # the best is old: kept too
        ([100, 200, 300], [3.0, 2.0, 1.0], 2),  # the best is the newest
        ([250, 50, 150], [2.0, 1.5, 1.8], 1),  # not in order
        ([10, 20, 30, 40], [None, None, None, None], 2),  # no validation loss: only the newest
        ([10, 20, 30, 40, 50], [2.0, 1.0, 1.0, 3.0, 2.5], 1),  # a tie: the earlier one
        ([10, 20, 30], [1.0, 2.0, 3.0], 3),
    ]


def _order_cases() -> list[tuple]:
    return [
        (list(SAVE_ORDER[::-1]),),  # not the safe order itself: the input of a failing case is shown
        (["rename", "write_tmp", "prune", "write_meta", "fsync"],),
        (["prune", "rename", "write_tmp"],),
        (["write_meta", "rename", "fsync", "write_tmp"],),
    ]


register(Exercise("day28.checkpoint_items", checkpoint_items, _item_cases, "hint_day28_checkpoint_items",
                  "hint_day28_checkpoint_items_formula", checkpoint_items_solution))
register(Exercise("day28.checkpoints_to_keep", checkpoints_to_keep, _keep_cases, "hint_day28_checkpoints_to_keep",
                  "hint_day28_checkpoints_to_keep_formula"))
register(Exercise("day28.save_order", save_order, _order_cases, "hint_day28_save_order",
                  "hint_day28_save_order_formula", save_order_solution))
