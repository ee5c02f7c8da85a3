"""Numbers of a training run: peak TFLOPS and MFU, memory (and its bar chart), the metrics.jsonl a run writes, and
the course's reference run (assets/runs/cpu) to compare a learner's run with."""

import itertools
import json
import re
from pathlib import Path

import torch
from matplotlib.figure import Figure

from course_lib.device import GIB
from course_lib.heldout import bits_per_char
from course_lib.messages import t
from course_lib.paths import ASSETS

METRICS, LOSS_PLOT = "metrics.jsonl", "loss.png"
REFERENCE_RUN = ASSETS / "runs" / "cpu"  # tools/reference_run.py (make reference-run)

# Dense peak TFLOPS (no sparsity) per precision, from the vendors' data sheets; fp16/bf16 = tensor cores with fp32
# accumulation, fp32 = plain CUDA cores (no TF32). Matched as whole words in the device name, first match wins.
PEAK_TFLOPS = {
    "RTX 2050": {"fp16": 12.1, "bf16": 12.1, "fp32": 6.1},  # laptop GA107, 16 SMs at ~1.48 GHz boost
    "T4": {"fp16": 65.0, "fp32": 8.1},
    "P100": {"fp16": 18.7, "fp32": 9.3},
    "V100": {"fp16": 125.0, "fp32": 15.7},
    "L4": {"fp16": 121.0, "bf16": 121.0, "fp32": 30.3},
    "A10G": {"fp16": 70.0, "bf16": 70.0, "fp32": 31.2},
    "A100": {"fp16": 312.0, "bf16": 312.0, "fp32": 19.5},
    "H100 PCIe": {"fp16": 756.0, "bf16": 756.0, "fp32": 51.0},
    "H100": {"fp16": 989.0, "bf16": 989.0, "fp32": 67.0},  # SXM
    "H200": {"fp16": 989.0, "bf16": 989.0, "fp32": 67.0},
}


# --- performance numbers --------------------------------------------------------------------------------------------

def peak_tflops(device_name: str, precision: str) -> float | None:
    """The device's peak TFLOPS at ``precision`` from PEAK_TFLOPS, or None (CPU, unknown GPU): MFU is then n/a."""
    for name, peaks in PEAK_TFLOPS.items():
        if re.search(rf"\b{re.escape(name)}\b", device_name):
            return peaks.get(precision)
    return None


def flops_per_token(n_params: int, n_layer: int, n_embd: int, block_size: int) -> int:
    """Training FLOPs per token: 6·N (forward 2N + backward 4N) + 12·L·C·T for attention (PaLM, appendix B)."""
    return 6 * n_params + 12 * n_layer * n_embd * block_size


def memory_gib(device: torch.device) -> tuple[float | None, float | None]:
    """Peak memory on a CUDA device since the last reset, in GiB: (allocated by tensors, reserved by the cache).

    Reserved is what the card really lost: the caching allocator keeps freed blocks for reuse. (None, None) elsewhere.
    """
    if device.type != "cuda":
        return None, None
    return torch.cuda.max_memory_allocated(device) / GIB, torch.cuda.max_memory_reserved(device) / GIB


def reset_peak_memory(device: torch.device) -> None:
    """Start the peak counters of ``memory_gib`` again (a new run, or a new micro-batch after out-of-memory)."""
    if device.type == "cuda":
        torch.cuda.reset_peak_memory_stats(device)


# --- metrics --------------------------------------------------------------------------------------------------------

def read_metrics(out_dir: str | Path) -> list[dict]:
    """The records of metrics.jsonl (one per optimizer step), or [] when there is none."""
    path = Path(out_dir) / METRICS
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def plot_metrics(out_dir: str | Path) -> Path:
    """Draw loss.png from metrics.jsonl: the training loss of every step and the validation loss of each evaluation."""
    records = read_metrics(out_dir)
    fig = Figure(figsize=(7, 4))  # no pyplot: works with any backend, inside or outside a notebook
    ax = fig.subplots()
    ax.plot([r["step"] for r in records], [r["loss"] for r in records], lw=1, label=t("train_plot_train"))
    evaluated = [r for r in records if "val_loss" in r]
    ax.plot([r["step"] for r in evaluated], [r["val_loss"] for r in evaluated], "o-", label=t("train_plot_val"))
    ax.set(title=t("train_plot_title"), xlabel=t("train_plot_step"), ylabel=t("train_plot_loss"))
    ax.grid(alpha=0.3)
    ax.legend()
    path = Path(out_dir) / LOSS_PLOT
    fig.savefig(path, dpi=100, bbox_inches="tight")
    return path


def memory_bars(ax, cases: dict[str, dict[str, int]], parts: dict[str, str], limits: dict[str, float]) -> None:
    """Draw each case's memory as one bar of stacked ``parts`` (key → label) in GiB, with a line per ``limits`` GiB."""
    bottom = [0.0] * len(cases)
    for part, label in parts.items():
        values = [budget[part] / GIB for budget in cases.values()]
        ax.bar(list(cases), values, bottom=bottom, label=label)
        bottom = [b + v for b, v in zip(bottom, values)]
    styles = itertools.cycle([("red", "--"), ("orange", ":"), ("gray", "-.")])  # every limit gets a line
    for (label, gib), (color, style) in zip(limits.items(), styles):
        ax.axhline(gib, color=color, linestyle=style, label=label)
    ax.set_ylabel("GiB")


# --- the reference run ----------------------------------------------------------------------------------------------

def reference_info(run: str | Path = REFERENCE_RUN) -> dict:
    """The reference run's info.json: device, torch, date, wall time, held-out loss and bits per character."""
    return json.loads((Path(run) / "info.json").read_text(encoding="utf-8"))


def reference_line(run: str | Path = REFERENCE_RUN) -> str:
    """One line on the reference run: what trained it, where, when, how long, and its held-out score."""
    info = reference_info(run)
    command = re.sub(r" --lang \w+", "", info["command"])  # the language of its messages changes no result
    return t("reference_line", command=command, steps=info["steps"], device=info["device"],
             threads=info["threads"], torch=info["torch"], date=info["date"][:10], minutes=info["wall_seconds"] / 60,
             loss=info["heldout_loss"], bpc=info["heldout_bits_per_char"])


def plot_reference(ax, run: str | Path = REFERENCE_RUN) -> None:
    """Draw the reference run on ``ax`` in tokenizer-free units: bits per character against characters seen.

    Losses per token of two vocabularies cannot be compared; per character they can (``heldout.bits_per_char``,
    with the run's characters per token measured on its held-out text).
    """
    info, records = reference_info(run), read_metrics(run)
    chars_per_token = info["data"]["val_chars"] / info["data"]["val_tokens"]
    per_step = info["profile"]["block_size"] * records[0]["micro_batch"] * records[0]["grad_accum"] * chars_per_token

    def bpc(loss):
        return bits_per_char(loss, info["data"]["val_tokens"], info["data"]["val_chars"])

    ax.plot([r["step"] * per_step / 1e6 for r in records], [bpc(r["loss"]) for r in records], color="gray",
            alpha=0.35, lw=0.8, label=t("reference_plot_train"))
    evaluated = [r for r in records if "val_loss" in r]
    ax.plot([r["step"] * per_step / 1e6 for r in evaluated], [bpc(r["val_loss"]) for r in evaluated], "s--",
            color="gray", label=t("reference_plot_val"))
    ax.set(xlabel=t("reference_plot_chars"), ylabel=t("reference_plot_bpc"))
