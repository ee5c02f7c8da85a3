"""The GPU check of Day 26: emulate the 4 GB card and the T4 on any CUDA GPU, measure, compare, write JSON.

Every run trains the real course model (seed config) for a few optimizer steps through ``course_lib.train``'s
``train_step`` (via ``course_lib.bench.measure``), in a fresh process whose memory is capped with
``torch.cuda.set_per_process_memory_fraction`` (the cap is per process) to the card's size minus the CUDA context,
which a real card loses first. Then the whole technique table of
``course_lib.bench`` runs under the 4 GiB cap. Results, the targets and the memory model's predictions go to
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
from course_lib.device import GIB, detect  # noqa: E402
from course_lib.messages import t  # noqa: E402
from course_lib.metrics import flops_per_token, peak_tflops  # noqa: E402
from course_lib.model import seed_config  # noqa: E402

DEFAULT_JSON = ROOT / "assets" / "bench" / "gpu_check.json"
SEED_PEAK_TARGET_GIB = 3.0
RUN_TIMEOUT_S, TABLE_TIMEOUT_S = 150, 270  # make gpu-check must finish within 8 minutes
# (name, memory cap in GiB, micro-batch, accumulation, precision, activation checkpointing)
RUNS = [
    ("gpu4gb_seed_fp16", 4, 4, 4, "fp16", False),
    ("gpu4gb_seed_bf16", 4, 4, 4, "bf16", False),
    ("gpu4gb_mb8_fp16", 4, 8, 2, "fp16", False),
    ("gpu4gb_mb8_ckpt_fp16", 4, 8, 2, "fp16", True),
    ("t4_fp16", 15, 16, 1, "fp16", False),
]


def cap_memory(card_gib: float, context: int) -> int:
    """Emulate a card of ``card_gib`` GiB on GPU 0: its allocator gets the card minus the CUDA context; → the cap."""
    total = torch.cuda.get_device_properties(0).total_memory
    cap = min(total, int(card_gib * GIB) - context)  # on a real card the context comes out of the same memory
    torch.cuda.set_per_process_memory_fraction(cap / total, 0)
    return cap


def context_bytes() -> int:
    """Device memory in use that PyTorch's allocator does not hold: the CUDA context (and anything else running)."""
    torch.zeros(1, device="cuda")  # create the context
    free, total = torch.cuda.mem_get_info(0)
    return total - free - torch.cuda.memory_reserved(0)


def child(spec: dict) -> dict:
    """One capped measurement (run in its own process): a training run or the technique table."""
    context = context_bytes()
    cap = cap_memory(spec["cap_gib"], context)
    config = seed_config()
    if spec["kind"] == "table":
        rows = bench.run_all(config, spec["micro_batch"], spec["grad_accum"], spec["precision"], steps=spec["steps"],
                             warmup=1, include_compile=True)
        return dict(spec, context_bytes=context, allocator_cap_bytes=cap, rows=rows)
    result = dict(spec, context_bytes=context, allocator_cap_bytes=cap)
    predicted = memory.predict(config, spec["micro_batch"], spec["precision"], spec["checkpointing"],
                               grad_accum=spec["grad_accum"])
    result["predicted_peak_bytes"] = predicted["peak"]
    try:
        figures = bench.measure(config, spec["micro_batch"], precision=spec["precision"],
                                grad_accum=spec["grad_accum"], checkpointing=spec["checkpointing"],
                                steps=spec["steps"], warmup=2)
    except torch.OutOfMemoryError as error:
        return result | dict(fits=False, error=str(error).splitlines()[0])
    n_params = figures["params"]
    peak = peak_tflops(torch.cuda.get_device_name(0), spec["precision"])
    flops = flops_per_token(n_params, config["n_layer"], config["n_embd"], config["block_size"])
    return result | dict(fits=True, peak_bytes=figures["memory_bytes"], reserved_bytes=figures["reserved_bytes"],
                         ms_per_step=figures["ms_per_step"], tokens_per_s=figures["tokens_per_s"],
                         mfu=figures["tokens_per_s"] * flops / (peak * 1e12) if peak else None,
                         prediction_error=predicted["peak"] / figures["memory_bytes"] - 1)


def in_subprocess(spec: dict, timeout: int) -> dict:
    """``child(spec)`` in a fresh Python process (a memory cap cannot be lifted inside one); a failure is recorded."""
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


def _print_run(run: dict) -> None:
    if not run["fits"]:
        print(t("day26_gpu_run_oom", name=run["name"], error=run["error"]))
        return
    mfu = "n/a" if run["mfu"] is None else f"{run['mfu']:.1%}"
    print(t("day26_gpu_run", name=run["name"], fit="✅", peak_gib=run["peak_bytes"] / GIB,
            predicted_gib=run["predicted_peak_bytes"] / GIB, tokens_per_s=run["tokens_per_s"], mfu=mfu))


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
    for name, cap, micro_batch, accum, precision, ckpt in RUNS:
        if precision == "bf16" and not info.bf16:
            continue
        spec = dict(kind="run", name=name, cap_gib=cap, micro_batch=micro_batch, grad_accum=accum,
                    precision=precision, checkpointing=ckpt, steps=args.steps)
        runs[name] = in_subprocess(spec, timeout=RUN_TIMEOUT_S)
        _print_run(runs[name])
    table = in_subprocess(dict(kind="table", name="table", cap_gib=4, micro_batch=4, grad_accum=4, precision="fp16",
                               steps=3), timeout=TABLE_TIMEOUT_S)
    met = targets(runs)
    for name, ok in met.items():
        print(t("day26_gpu_target", ok="✅" if ok else "❌", name=t(f"day26_target_{name}")))
    results = dict(
        device=info.name, capability=list(info.capability), total_memory=info.total_memory, torch=torch.__version__,
        cuda=torch.version.cuda, date=datetime.datetime.now().isoformat(timespec="seconds"), config=seed_config(),
        cuda_context_bytes=min((r["context_bytes"] for r in runs.values() if "context_bytes" in r), default=None),
        runs=list(runs.values()),
        table=dict(cap_gib=table["cap_gib"], micro_batch=table["micro_batch"], grad_accum=table["grad_accum"],
                   precision=table["precision"], rows=table.get("rows", []), error=table.get("error")),
        targets=met, elapsed_s=round(time.perf_counter() - started, 1),
    )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(t("day26_gpu_written", path=args.json))
    failed = [name for name, ok in met.items() if not ok]
    if failed:
        print(t("day26_gpu_failed", n=len(failed), names=", ".join(failed)), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
