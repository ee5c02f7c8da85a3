"""tools/gpu_check.py without a GPU: the runs it plans, the cap it sets after a warm-up, a T4's attention backends
and the JSON it writes (CUDA, the cap and bench.measure are stand-ins here; make gpu-check runs the real thing)."""

import json
import sys
from pathlib import Path

import pytest
import torch

from course_lib import bench
from course_lib.device import EMULATED_CARDS, GIB, DeviceInfo, memory_cap
from course_lib.memory import CUDA_CONTEXT_BYTES
from course_lib.messages import set_language

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import gpu_check  # noqa: E402

H200 = DeviceInfo("cuda", "NVIDIA H200", (9, 0), 140 * GIB, 139 * GIB)
T4 = DeviceInfo("cuda", "Tesla T4", (7, 5), EMULATED_CARDS["t4"], EMULATED_CARDS["t4"])
CONTEXT = 520 * 2**20
SDPA = ("flash", "cudnn", "mem_efficient", "math")


@pytest.fixture(autouse=True)
def _restore_attention_backends():
    saved = {name: getattr(torch.backends.cuda, f"{name}_sdp_enabled")() for name in SDPA}
    yield
    for name, enabled in saved.items():
        getattr(torch.backends.cuda, f"enable_{name}_sdp")(enabled)


def test_runs_emulate_the_cards_as_they_report_their_memory():
    runs = gpu_check.plan(H200, steps=3)
    assert [r["name"] for r in runs] == [name for name, *_ in gpu_check.RUNS]
    for run in runs:
        assert run["card_bytes"] == EMULATED_CARDS[run["card"]] and run["steps"] == 3
        assert run["card_bytes"] <= (3.8 if run["card"] == "gpu4gb" else 14.7) * GIB  # not 4 or 15 GiB
    assert {r["card"] for r in runs if r["name"].startswith("t4")} == {"t4"}
    assert "gpu4gb_seed_bf16" not in [r["name"] for r in gpu_check.plan(T4, steps=3)]  # bf16 only where native


def test_a_t4_runs_without_flash_and_cudnn_attention():
    assert gpu_check.emulate_attention("gpu4gb") == []
    assert torch.backends.cuda.flash_sdp_enabled() and torch.backends.cuda.cudnn_sdp_enabled()
    assert gpu_check.emulate_attention("t4") == ["flash", "cudnn"]  # sm75 has neither
    assert not torch.backends.cuda.flash_sdp_enabled() and not torch.backends.cuda.cudnn_sdp_enabled()
    assert torch.backends.cuda.mem_efficient_sdp_enabled() and torch.backends.cuda.math_sdp_enabled()


def fake_gpu(monkeypatch, reserved_gib=2.5, oom_after_cap=False):
    """bench.measure and the cap as stand-ins that log their order; → the log."""
    log = []

    def measure(config, micro_batch, **kwargs):
        capped = "cap" in log
        log.append(("measure", kwargs["steps"], kwargs["warmup"], capped))
        if oom_after_cap and capped:
            raise torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 1.00 GiB\nmore")
        return dict(ms_per_step=100.0, tokens_per_s=40960.0, memory_bytes=int(2.2 * GIB),
                    reserved_bytes=int(reserved_gib * GIB), memory_kind=bench.CUDA_PEAK, params=1, trainable_params=1)

    def cap_cuda_memory(card):
        log.append("cap")
        return memory_cap(card, CONTEXT, H200.total_memory)

    monkeypatch.setattr(bench, "measure", measure)
    monkeypatch.setattr(bench, "run_all", lambda *a, **k: log.append("table") or [dict(technique="batch_size")])
    monkeypatch.setattr(gpu_check, "cap_cuda_memory", cap_cuda_memory)
    monkeypatch.setattr(torch.cuda, "get_device_name", lambda i=0: H200.name)
    return log


def test_the_cap_is_set_after_a_warm_up_step_and_the_run_is_measured_under_it(monkeypatch):
    log = fake_gpu(monkeypatch)
    spec = gpu_check.plan(H200, steps=5)[0]
    run = gpu_check.child(spec)
    # the warm-up (uncapped, 1 step) loads kernels and workspaces; then the cap; then the measured run under it
    assert log == [("measure", 1, 0, False), "cap", ("measure", 5, 2, True)]
    cap = EMULATED_CARDS["gpu4gb"] - CUDA_CONTEXT_BYTES  # the emulated card's context, not this GPU's
    assert run["allocator_cap_bytes"] == cap and run["context_bytes"] == CONTEXT
    assert run["peak_bytes"] == int(2.2 * GIB) and run["reserved_bytes"] == int(2.5 * GIB)
    assert run["headroom_bytes"] == cap - int(2.5 * GIB) and run["fits"] is True
    assert run["predicted_peak_bytes"] > 0 and run["sdpa_disabled"] == []
    json.dumps(run)  # the child hands it over as JSON


def test_a_peak_reserved_above_the_cap_does_not_fit(monkeypatch):
    fake_gpu(monkeypatch, reserved_gib=3.5)  # more than 3.8 GiB − the context
    run = gpu_check.child(gpu_check.plan(H200, steps=1)[0])
    assert run["fits"] is False and run["headroom_bytes"] < 0


def test_an_oom_under_the_cap_is_recorded_with_the_cap(monkeypatch):
    fake_gpu(monkeypatch, oom_after_cap=True)
    t4_run = [r for r in gpu_check.plan(H200, steps=1) if r["card"] == "t4"][0]
    run = gpu_check.child(t4_run)
    assert run["fits"] is False and run["error"] == "CUDA out of memory. Tried to allocate 1.00 GiB"
    assert run["allocator_cap_bytes"] == EMULATED_CARDS["t4"] - CUDA_CONTEXT_BYTES and "peak_bytes" not in run
    assert run["sdpa_disabled"] == ["flash", "cudnn"]


def test_the_json_records_every_run_against_its_cap(monkeypatch, tmp_path, capsys):
    log = fake_gpu(monkeypatch)
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(gpu_check, "detect", lambda: H200)
    monkeypatch.setattr(gpu_check, "in_subprocess", lambda spec, timeout: gpu_check.child(spec))
    set_language("en")
    out = tmp_path / "gpu_check.json"
    assert gpu_check.main(["--steps", "2", "--json", str(out)]) == 0
    saved = json.loads(out.read_text(encoding="utf-8"))
    assert saved["emulated_cards"] == EMULATED_CARDS and saved["budget_s"] == gpu_check.BUDGET_S
    assert saved["cuda_context_bytes"] == CONTEXT and saved["targets"] == dict.fromkeys(saved["targets"], True)
    assert [r["name"] for r in saved["runs"]] == [name for name, *_ in gpu_check.RUNS]
    for run in saved["runs"]:
        assert {"peak_bytes", "reserved_bytes", "allocator_cap_bytes", "headroom_bytes", "fits"} <= set(run)
        assert run["allocator_cap_bytes"] == EMULATED_CARDS[run["card"]] - CUDA_CONTEXT_BYTES
    assert saved["table"]["rows"] == [dict(technique="batch_size")] and log.count("table") == 1
    assert saved["table"]["allocator_cap_bytes"] == EMULATED_CARDS["gpu4gb"] - CUDA_CONTEXT_BYTES
    assert "peak reserved 2.50 GiB, cap 3.41 GiB (3.80 GiB card)" in capsys.readouterr().out
