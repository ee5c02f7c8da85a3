"""Day 26 on CUDA (run by `make gpu-check`, skipped elsewhere): fp16 memory, 8-bit AdamW, the bench rows — and
tools/gpu_check.py refusing to run without CUDA."""

import gc
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from course_lib import bench, memory
from course_lib.model import GPTModel
from course_lib.profiles import PROFILES

ROOT = Path(__file__).resolve().parents[1]
CUDA = torch.cuda.is_available()
TINY = PROFILES["tiny"]
TINY_CONFIG = dict(vocab_size=TINY.vocab_size, **TINY.model_kwargs())


@pytest.mark.skipif(CUDA, reason="checks the refusal on a machine without CUDA")
def test_gpu_check_fails_clearly_without_cuda():
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "gpu_check.py")], capture_output=True, text=True)
    assert done.returncode == 1
    assert "CUDA" in done.stderr and "make gpu-check" in done.stderr
    assert done.stdout == ""  # nothing measured, nothing written


@pytest.mark.skipif(CUDA, reason="checks the failure path on a machine without CUDA")
def test_a_failed_run_is_recorded_and_the_targets_say_not_met():
    sys.path.insert(0, str(ROOT / "tools"))
    import gpu_check

    spec = dict(kind="run", name="gpu4gb_seed_fp16", cap_gib=4, micro_batch=4, grad_accum=4, precision="fp16",
                checkpointing=False, steps=1)
    run = gpu_check.in_subprocess(spec, timeout=120)  # the child refuses: no CUDA here
    assert run["fits"] is False and "CUDA" in run["error"]
    runs = {name: dict(run, name=name) for name in ("gpu4gb_seed_fp16", "gpu4gb_mb8_ckpt_fp16", "t4_fp16")}
    assert gpu_check.targets(runs) == {"seed_fits": False, "mb8_ckpt_fits": False, "t4_fits": False}


def test_a_row_that_fails_does_not_stop_the_table(monkeypatch):
    def measure(config, micro_batch, **kwargs):
        if kwargs.get("attention") == "explicit":
            raise RuntimeError("this backend cannot do that")
        return dict(ms_per_step=1.0, tokens_per_s=1.0, memory_bytes=1, memory_kind=bench.CPU_SAVED,
                    trainable_params=1, params=1)

    monkeypatch.setattr(bench, "measure", measure)
    rows = bench.run_all(TINY_CONFIG, 2)
    failed = [r for r in rows if r["status"] == "error"]
    assert [(r["technique"], r["setting"]) for r in failed] == [("attention", "explicit")]
    assert "RuntimeError: this backend cannot do that" in failed[0]["note"]
    assert rows[-1]["technique"] == "attention" and len(rows) > 10


def warm_up_workspaces() -> None:
    """Make cuBLAS and cuBLASLt allocate their per-process workspaces (4–32 MiB each, by GPU) before a measurement."""
    layer = torch.nn.Linear(64, 64).cuda()
    for half in (True, False):
        with torch.autocast("cuda", dtype=torch.float16, enabled=half):
            layer(torch.randn(8, 64, device="cuda")).sum().backward()
    torch.cuda.synchronize()


@pytest.mark.gpu
@pytest.mark.skipif(not CUDA, reason="needs a CUDA GPU")
@pytest.mark.parametrize("attention", ["sdpa", "explicit"])
@pytest.mark.parametrize("precision", ["fp32", "fp16"])
def test_fp16_autocast_saved_activations_match_the_memory_model(precision, attention):
    config = dict(vocab_size=4096, block_size=128, n_layer=2, n_head=4, n_embd=256, attention=attention)
    torch.manual_seed(0)
    model = GPTModel(**config).cuda().train()
    idx = torch.randint(4096, (4, 128), device="cuda")
    targets = torch.randint(4096, (4, 128), device="cuda")
    warm_up_workspaces()
    torch.cuda.synchronize()
    before = torch.cuda.memory_allocated()
    with torch.autocast("cuda", dtype=torch.float16, enabled=precision == "fp16"):
        loss = model(idx, targets)[1]  # the logits are dropped: what stays allocated is what backward needs
    torch.cuda.synchronize()
    alive = torch.cuda.memory_allocated() - before
    predicted = memory.saved_activation_bytes(4, 128, 2, 256, 4096, precision, n_head=4, attention=attention,
                                              device_type="cuda")
    assert abs(alive - predicted) <= 0.05 * predicted, (alive, predicted)
    loss.backward()


@pytest.mark.gpu
@pytest.mark.skipif(not CUDA, reason="needs a CUDA GPU")
def test_8bit_adamw_steps_and_keeps_the_predicted_state():
    pytest.importorskip("bitsandbytes")
    config = dict(vocab_size=4096, block_size=64, n_layer=2, n_head=4, n_embd=256)
    model = GPTModel(**config).cuda()
    optimizer = bench.build_optimizer(model, "adamw8bit")
    before = [p.detach().clone() for p in model.parameters()]
    model(torch.randint(4096, (2, 64), device="cuda"), torch.randint(4096, (2, 64), device="cuda"))[1].backward()
    optimizer.step()
    assert all(not torch.equal(a, p) for a, p in zip(before, model.parameters()))
    assert bench.optimizer_bytes(optimizer) == memory.optimizer_state_bytes(memory.param_shapes(**config), "adamw8bit")


@pytest.mark.gpu
@pytest.mark.skipif(not CUDA, reason="needs a CUDA GPU")
def test_bench_rows_on_cuda():
    rows = bench.run_all(TINY_CONFIG, TINY.micro_batch, 1, "fp16", steps=1, warmup=1)
    by = {(r["technique"], r["setting"]): r for r in rows}
    bitsandbytes = importlib.util.find_spec("bitsandbytes") is not None
    if not bitsandbytes:  # an optional package: its row says it is missing
        assert by[("optimizer", "AdamW 8-bit")]["status"] == "skipped" and by[("optimizer", "AdamW 8-bit")]["note"]
    for key in [("mixed_precision", "fp16"), ("optimizer", "AdamW fused"), ("empty_cache_steps", "1"),
                ("data_preloading", "DataLoader, 2 workers")] + [("optimizer", "AdamW 8-bit")] * bitsandbytes:
        assert by[key]["status"] == "measured", key
        assert by[key]["memory_kind"] == bench.CUDA_PEAK and by[key]["memory_bytes"] > 0
    assert by[("deepspeed_zero", "ZeRO-2 + offload")]["status"] == "skipped"
    ckpt = by[("gradient_checkpointing", "on")]["memory_bytes"]
    assert ckpt < by[("gradient_checkpointing", "off")]["memory_bytes"]


@pytest.mark.gpu
@pytest.mark.skipif(not CUDA, reason="needs a CUDA GPU")
def test_peak_prediction_of_a_small_run_is_close():
    config = dict(vocab_size=8192, block_size=128, n_layer=4, n_head=4, n_embd=256)
    warm_up_workspaces()  # the model leaves out cuBLAS's workspaces: 68 MiB on an H200, a fifth of this small run
    gc.collect()
    torch.cuda.empty_cache()
    already = torch.cuda.memory_allocated()
    figures = bench.measure(config, 8, precision="fp16", grad_accum=2, steps=2, warmup=1)
    predicted = memory.predict(config, 8, "fp16", grad_accum=2)["peak"]
    run = figures["memory_bytes"] - already
    assert abs(predicted / run - 1) < 0.2, (predicted, run, already)
