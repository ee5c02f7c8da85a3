"""The GPU check of Day 26: emulate the 4 GB card and the T4 on any CUDA GPU, measure, compare, write JSON.

Every run trains the real course model (seed config) for a few optimizer steps through ``course_lib.train``'s
``train_step`` (via ``course_lib.bench.measure``) in a fresh process, because a memory cap holds for the whole
process. In it, one uncapped warm-up step of the same run first loads the kernels and allocates the cuBLAS and
attention workspaces; then ``course_lib.device.cap_cuda_memory`` caps PyTorch's allocator at the emulated card's
reported size (``EMULATED_CARDS``: 3.8 GiB for a "4 GB" card, 14.7 GiB for a T4) minus the CUDA context, which a real
card loses first, and the measured run starts. A T4 (sm75) has no flash or cuDNN attention, so its runs go without
them. Every run records peak allocated and peak reserved memory against the cap. Then the whole technique table of
``course_lib.bench`` runs on the emulated 4 GB card. Results, the targets and the memory model's predictions go to
assets/bench/gpu_check.json, which the Day 26 notebook shows.

Usage: ``python tools/gpu_check.py [--steps N] [--json PATH]`` (``make gpu-check`` runs it).
"""

import argparse
import datetime
import json
import subprocess
import sys
import time
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from course_lib import bench, memory  # noqa: E402
from course_lib.device import EMULATED_CARDS, GIB, DeviceInfo, cap_cuda_memory, detect  # noqa: E402
from course_lib.messages import t  # noqa: E402
from course_lib.metrics import flops_per_token, peak_tflops  # noqa: E402
from course_lib.model import seed_config  # noqa: E402

DEFAULT_JSON = ROOT / "assets" / "bench" / "gpu_check.json"
SEED_PEAK_TARGET_GIB = 3.0
# (name, emulated card, micro-batch, accumulation, precision, activation checkpointing)
RUNS = [
    ("gpu4gb_seed_fp16", "gpu4gb", 4, 4, "fp16", False),
    ("gpu4gb_seed_bf16", "gpu4gb", 4, 4, "bf16", False),
    ("gpu4gb_mb8_fp16", "gpu4gb", 8, 2, "fp16", False),
    ("gpu4gb_mb8_ckpt_fp16", "gpu4gb", 8, 2, "fp16", True),
    ("t4_fp16", "t4", 16, 1, "fp16", False),
]
TABLE = dict(kind="table", name="table", card="gpu4gb", micro_batch=4, grad_accum=4, precision="fp16",
             checkpointing=False, steps=3)
SDPA_MISSING = {"t4": ("flash", "cudnn")}  # attention kernels sm75 does not have (mem-efficient and math remain)
# Each child process is stopped at its limit and recorded as failed, so the whole check ends within BUDGET_S;
# the workflow's gpu_check step allows that plus start-up. Expected (estimated, not yet measured): a run well under
# a minute, the table (~25 rows and a torch.compile of the model) 3–5 minutes.
RUN_TIMEOUT_S, TABLE_TIMEOUT_S = 100, 400
BUDGET_S = len(RUNS) * RUN_TIMEOUT_S + TABLE_TIMEOUT_S


def plan(info: DeviceInfo, steps: int) -> list[dict]:
    """The runs this GPU can make, as child specs (bf16 only where it is native)."""
    return [dict(kind="run", name=name, card=card, card_bytes=EMULATED_CARDS[card], cap_gib=EMULATED_CARDS[card] / GIB,
                 micro_batch=micro_batch, grad_accum=accum, precision=precision, checkpointing=ckpt, steps=steps)
            for name, card, micro_batch, accum, precision, ckpt in RUNS if precision != "bf16" or info.bf16]


def emulate_attention(card: str) -> list[str]:
    """Switch off the SDPA backends the emulated card lacks (for this process); → their names."""
    missing = list(SDPA_MISSING.get(card, ()))
    for backend in missing:
        getattr(torch.backends.cuda, f"enable_{backend}_sdp")(False)
    return missing


def run_record(spec: dict, figures: dict, mfu: float | None) -> dict:
    """One measured run as stored in the JSON: peak allocated and peak reserved against the cap, speed, prediction.

    ``spec`` holds the run's settings, ``allocator_cap_bytes`` and ``predicted_peak_bytes``; ``figures`` is
    ``bench.measure``'s result. The run fits when its peak reserved memory stayed within the cap.
    """
    cap, reserved, peak = spec["allocator_cap_bytes"], figures["reserved_bytes"], figures["memory_bytes"]
    return dict(spec, fits=reserved <= cap, peak_bytes=peak, reserved_bytes=reserved, headroom_bytes=cap - reserved,
                ms_per_step=figures["ms_per_step"], tokens_per_s=figures["tokens_per_s"], mfu=mfu,
                prediction_error=spec["predicted_peak_bytes"] / peak - 1)


def child(spec: dict) -> dict:
    """One capped measurement (run in its own process): a training run or the technique table."""
    spec = dict(spec, sdpa_disabled=emulate_attention(spec["card"]))
    config = seed_config()
    settings = dict(precision=spec["precision"], grad_accum=spec["grad_accum"], checkpointing=spec["checkpointing"])
    predicted = memory.predict(config, spec["micro_batch"], spec["precision"], spec["checkpointing"],
                               grad_accum=spec["grad_accum"])["peak"]
    spec["predicted_peak_bytes"] = predicted
    try:  # one uncapped step of the same run loads its kernels and allocates the cuBLAS and attention workspaces
        bench.measure(config, spec["micro_batch"], **settings, steps=1, warmup=0)
    except torch.OutOfMemoryError as error:  # the real GPU is smaller than the card emulated
        return dict(spec, fits=False, error=str(error).splitlines()[0])
    cap = cap_cuda_memory(EMULATED_CARDS[spec["card"]])
    spec |= dict(context_bytes=cap.context_bytes, allocator_cap_bytes=cap.cap_bytes)
    if spec["kind"] == "table":
        rows = bench.run_all(config, spec["micro_batch"], spec["grad_accum"], spec["precision"], steps=spec["steps"],
                             warmup=1, include_compile=True)
        return dict(spec, rows=rows)
    try:
        figures = bench.measure(config, spec["micro_batch"], **settings, steps=spec["steps"], warmup=2)
    except torch.OutOfMemoryError as error:
        return dict(spec, fits=False, error=str(error).splitlines()[0])
    peak = peak_tflops(torch.cuda.get_device_name(0), spec["precision"])
    flops = flops_per_token(figures["params"], config["n_layer"], config["n_embd"], config["block_size"])
    mfu = figures["tokens_per_s"] * flops / (peak * 1e12) if peak else None
    return run_record(spec, figures, mfu)


def in_subprocess(spec: dict, timeout: int) -> dict:
    """``child(spec)`` in a fresh Python process (the cap holds for a whole process); a failure is recorded."""
    try:
        done = subprocess.run([sys.executable, __file__, "--child", json.dumps(spec)], capture_output=True, text=True,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        return dict(spec, fits=False, error=f"timed out after {timeout} s")
    if done.returncode:
        return dict(spec, fits=False, error=done.stderr.strip()[-2000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def targets(runs: dict[str, dict]) -> dict[str, bool]:
    """The Day 26 targets, met or not."""
    seed, ckpt, t4 = runs["gpu4gb_seed_fp16"], runs["gpu4gb_mb8_ckpt_fp16"], runs["t4_fp16"]
    return {
        "seed_fits": bool(seed["fits"] and seed["peak_bytes"] <= SEED_PEAK_TARGET_GIB * GIB),
        "mb8_ckpt_fits": ckpt["fits"],
        "t4_fits": t4["fits"],
    }


def record(info: DeviceInfo, runs: dict[str, dict], table: dict, met: dict[str, bool], elapsed_s: float) -> dict:
    """Everything gpu_check.json holds: the machine, the emulated cards, every run, the table and the targets."""
    return dict(
        device=info.name, capability=list(info.capability), total_memory=info.total_memory, torch=torch.__version__,
        cuda=torch.version.cuda, date=datetime.datetime.now().isoformat(timespec="seconds"), config=seed_config(),
        emulated_cards=EMULATED_CARDS, budget_s=BUDGET_S,
        cuda_context_bytes=min((r["context_bytes"] for r in runs.values() if "context_bytes" in r), default=None),
        runs=list(runs.values()),
        table={k: table.get(k) for k in ("card", "cap_gib", "allocator_cap_bytes", "micro_batch", "grad_accum",
                                         "precision", "error")} | dict(rows=table.get("rows", [])),
        targets=met, elapsed_s=round(elapsed_s, 1),
    )


def _print_run(run: dict) -> None:
    if "peak_bytes" not in run:
        print(t("day26_gpu_run_oom", name=run["name"], error=run["error"]))
        return
    mfu = "n/a" if run["mfu"] is None else f"{run['mfu']:.1%}"
    print(t("day26_gpu_run", name=run["name"], fit="✅" if run["fits"] else "❌", peak_gib=run["peak_bytes"] / GIB,
            predicted_gib=run["predicted_peak_bytes"] / GIB, tokens_per_s=run["tokens_per_s"], mfu=mfu))
    print(t("gpu_check_memory", allocated=run["peak_bytes"] / GIB, reserved=run["reserved_bytes"] / GIB,
            cap=run["allocator_cap_bytes"] / GIB, card=run["card_bytes"] / GIB, headroom=run["headroom_bytes"] / GIB))


def main(argv: list[str] | None = None) -> int:
    """Run every capped measurement, print them, write the JSON; → exit status (1 if a target is not met)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=5, help="timed optimizer steps per run")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not torch.cuda.is_available():
        print(t("day26_no_cuda"), file=sys.stderr)
        return 1
    if args.child:
        print(json.dumps(child(json.loads(args.child))))
        return 0
    info = detect()
    started = time.perf_counter()
    runs = {}
    for spec in plan(info, args.steps):
        runs[spec["name"]] = in_subprocess(spec, timeout=RUN_TIMEOUT_S)
        _print_run(runs[spec["name"]])
    table = in_subprocess(dict(TABLE, card_bytes=EMULATED_CARDS[TABLE["card"]],
                               cap_gib=EMULATED_CARDS[TABLE["card"]] / GIB), timeout=TABLE_TIMEOUT_S)
    met = targets(runs)
    for name, ok in met.items():
        print(t("day26_gpu_target", ok="✅" if ok else "❌", name=t(f"day26_target_{name}")))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    results = record(info, runs, table, met, time.perf_counter() - started)
    args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(t("day26_gpu_written", path=args.json))
    failed = [name for name, ok in met.items() if not ok]
    if failed:
        print(t("day26_gpu_failed", n=len(failed), names=", ".join(failed)), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
