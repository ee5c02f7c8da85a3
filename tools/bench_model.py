"""Time one training step of the course GPT against transformers' GPT2LMHeadModel of the same size.

Both models get the same config (tied head, dropouts 0, SDPA attention), the same fused AdamW and the
same batch-1 fp32 input. The course model is measured as the course trains it: with ``use_tied_gradient``
(``course_lib/tied_grad.py``, one gradient tensor for the tied matrix), which the training code applies on CPU.
The steps alternate between the models (warm-up first) and the median counts.
Memory: on CPU the bytes of the tensors autograd saves for backward plus weights, gradients and AdamW
states; on CUDA the peak of torch.cuda.max_memory_allocated during one step of each model. Where the OS counts
them (Linux, macOS), the minor page faults of each timed step too: every fresh page of a new tensor costs one.

Usage: ``python tools/bench_model.py [--config seed|tiny] [--steps N] [--device cpu] [--json PATH]``.
"""

import argparse
import datetime
import json
import statistics
import sys
import time
from pathlib import Path

try:
    import resource
except ImportError:  # Windows: no page-fault counter
    resource = None

import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from course_lib.bench import saved_tensor_bytes, tensor_bytes  # noqa: E402
from course_lib.device import detect  # noqa: E402
from course_lib.messages import t  # noqa: E402
from course_lib.model import GPTModel, seed_config  # noqa: E402
from course_lib.profiles import PROFILES  # noqa: E402
from course_lib.tied_grad import use_tied_gradient  # noqa: E402

MIB = 2**20
OPTIMIZER = dict(lr=6e-4, betas=(0.9, 0.95), weight_decay=0.1)


def config_for(name: str) -> dict:
    """Model size of the named config: "seed" (vocab 32000, block 256, 12/12/768) or "tiny" (the CI profile)."""
    if name == "seed":
        return seed_config()
    tiny = PROFILES["tiny"]
    return dict(vocab_size=tiny.vocab_size, **tiny.model_kwargs())


def build_models(config: dict, device: torch.device) -> dict[str, torch.nn.Module]:
    """The course model as the course trains it and a GPT2LMHeadModel of the same sizes, dropouts 0, SDPA, tied head."""
    from transformers import GPT2Config, GPT2LMHeadModel

    hf_config = GPT2Config(
        vocab_size=config["vocab_size"], n_positions=config["block_size"], n_embd=config["n_embd"],
        n_layer=config["n_layer"], n_head=config["n_head"], resid_pdrop=0.0, embd_pdrop=0.0, attn_pdrop=0.0,
        tie_word_embeddings=True, use_cache=False, bos_token_id=0, eos_token_id=0,
        attn_implementation="sdpa",
    )
    reference = GPT2LMHeadModel(hf_config)
    reference.loss_type = "ForCausalLM"  # its default loss, named so that transformers does not warn
    course = use_tied_gradient(GPTModel(**config).to(device).train())  # as the training code applies it
    return {"course": course, "transformers": reference.to(device).train()}


def make_step(name: str, model: torch.nn.Module, idx: torch.Tensor, targets: torch.Tensor):
    """A function running one training step of ``model``: forward, backward, AdamW step, zero_grad."""
    optimizer = torch.optim.AdamW(model.parameters(), **OPTIMIZER, fused=True)
    if name == "course":
        forward = lambda: model(idx, targets)[1]
    else:  # transformers shifts the labels itself: labels are the inputs
        forward = lambda: model(input_ids=idx, labels=idx).loss

    def step() -> None:
        forward().backward()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)

    step.forward = forward
    step.optimizer = optimizer
    return step


def _sync(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def _minor_faults() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt if resource else 0


def time_interleaved(steps: dict, repetitions: int, warmup: int, device: torch.device):
    """Seconds and minor page faults of each step function, the functions alternating (the order flipping)."""
    names = list(steps)
    for _ in range(warmup):
        for name in names:
            steps[name]()
    times, faults = {name: [] for name in names}, {name: [] for name in names}
    for rep in range(repetitions):
        for name in names if rep % 2 == 0 else names[::-1]:
            _sync(device)
            faults_before, start = _minor_faults(), time.perf_counter()
            steps[name]()
            _sync(device)
            times[name].append(time.perf_counter() - start)
            faults[name].append(_minor_faults() - faults_before)
    return times, faults


def cpu_memory(model: torch.nn.Module, step) -> dict[str, int]:
    """Bytes of weights, gradients, AdamW states and the tensors autograd saves for backward in one step."""
    loss, activations = saved_tensor_bytes(step.forward, model.parameters())  # weights saved by a matmul: no extra
    loss.backward()
    step.optimizer.step()
    parts = {
        "params": tensor_bytes(model.parameters()),
        "grads": tensor_bytes(p.grad for p in model.parameters() if p.grad is not None),
        "optimizer": tensor_bytes(v for state in step.optimizer.state.values() for v in state.values()
                                  if isinstance(v, torch.Tensor)),
        "activations": activations,
    }
    step.optimizer.zero_grad(set_to_none=True)
    parts["total"] = sum(parts.values())
    return parts


def cuda_memory(model: torch.nn.Module, step, device: torch.device) -> dict[str, int]:
    """Peak bytes of one step of this model: its weights and AdamW states plus the step's peak growth."""
    resident = tensor_bytes(model.parameters()) + tensor_bytes(
        v for state in step.optimizer.state.values() for v in state.values() if isinstance(v, torch.Tensor))
    torch.cuda.synchronize(device)
    before = torch.cuda.memory_allocated(device)
    torch.cuda.reset_peak_memory_stats(device)
    step()
    torch.cuda.synchronize(device)
    return {"total": resident + torch.cuda.max_memory_allocated(device) - before}


def run(config_name: str = "seed", steps: int = 10, warmup: int = 2, device: str = "cpu", seed: int = 0) -> dict:
    """Benchmark both models and return the results (times in ms, memory in bytes)."""
    torch.manual_seed(seed)
    dev = torch.device(device)
    config = config_for(config_name)
    models = build_models(config, dev)
    idx = torch.randint(config["vocab_size"], (1, config["block_size"]), device=dev)
    targets = torch.randint(config["vocab_size"], (1, config["block_size"]), device=dev)
    step_fns = {name: make_step(name, m, idx, targets) for name, m in models.items()}
    times, faults = time_interleaved(step_fns, steps, warmup, dev)
    if dev.type == "cuda":
        memory = {name: cuda_memory(models[name], fn, dev) for name, fn in step_fns.items()}
    else:
        memory = {name: cpu_memory(models[name], fn) for name, fn in step_fns.items()}
    median_ms = {name: 1000 * statistics.median(ts) for name, ts in times.items()}
    import transformers

    return {
        "device": torch.cuda.get_device_name(dev) if dev.type == "cuda" else detect().name,
        "threads": torch.get_num_threads(),
        "torch": torch.__version__,
        "transformers": transformers.__version__,
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "config_name": config_name,
        "config": config,
        "params": {name: sum(p.numel() for p in m.parameters()) for name, m in models.items()},
        "optimizer": {**OPTIMIZER, "betas": list(OPTIMIZER["betas"]), "fused": True},
        "steps": steps,
        "warmup": warmup,
        "times_ms": {name: [1000 * s for s in ts] for name, ts in times.items()},
        "median_ms": median_ms,
        "ratio": median_ms["course"] / median_ms["transformers"],
        "median_page_faults": {name: statistics.median(f) for name, f in faults.items()} if resource else None,
        "memory_method": "cuda_max_memory_allocated" if dev.type == "cuda" else "saved_tensors_hooks",
        "memory_bytes": memory,
    }


def report(results: dict) -> None:
    """Print the times, the ratio and the memory of a benchmark run."""
    print(t("day17_bench_header", device=results["device"], config=results["config_name"], steps=results["steps"]))
    for name, ms in results["median_ms"].items():
        print(t("day17_bench_time", name=name, ms=ms))
    print(t("day17_bench_ratio", ratio=results["ratio"]))
    for name, count in (results["median_page_faults"] or {}).items():
        print(t("day17_bench_faults", name=name, faults=count))
    print(t("day17_bench_memory_header", method=results["memory_method"]))
    for name, parts in results["memory_bytes"].items():
        mib = {key: value / MIB for key, value in parts.items()}
        print(t("day17_bench_memory" if "activations" in parts else "day17_bench_peak", name=name, **mib))


def main(argv: list[str] | None = None) -> dict:
    """Parse the options, run the benchmark, print it and optionally write it as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", choices=("seed", "tiny"), default="seed")
    parser.add_argument("--steps", type=int, default=10, help="timed repetitions per model")
    parser.add_argument("--warmup", type=int, default=2, help="untimed steps per model first")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--json", type=Path, help="write the results to this file")
    args = parser.parse_args(argv)
    results = run(args.config, args.steps, args.warmup, args.device)
    report(results)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print(t("day17_bench_saved", path=args.json))
    return results


if __name__ == "__main__":
    main()
