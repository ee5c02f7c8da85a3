"""Device and profile choice with mocked hardware: T4 → fp16, RTX 2050 → gpu4gb + bf16, CPU → cpu/tiny."""

from types import SimpleNamespace

import pytest
import torch

from course_lib import device, profiles
from course_lib.device import GIB, DeviceInfo
from course_lib.errors import CourseError
from course_lib.messages import set_language

T4 = DeviceInfo("cuda", "Tesla T4", (7, 5), int(15.6 * GIB), int(15 * GIB))
RTX2050 = DeviceInfo("cuda", "NVIDIA GeForce RTX 2050", (8, 6), 4 * GIB, int(3.5 * GIB))
CPU = DeviceInfo("cpu", "Some CPU")


def fake_cuda(monkeypatch, name, cc, total):
    """Make torch believe a CUDA GPU is present (bf16 'supported' as torch says on a T4)."""
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "is_bf16_supported", lambda *a, **k: True)
    monkeypatch.setattr(torch.cuda, "get_device_properties",
                        lambda i: SimpleNamespace(name=name, major=cc[0], minor=cc[1], total_memory=total))
    monkeypatch.setattr(torch.cuda, "mem_get_info", lambda i=0: (total - GIB // 2, total))


def test_t4_detected_as_fp16_even_though_torch_says_bf16(monkeypatch):
    fake_cuda(monkeypatch, "Tesla T4", (7, 5), int(15.6 * GIB))
    info = device.detect()
    assert (info.type, info.capability) == ("cuda", (7, 5))
    assert info.fp16_tensor_cores and not info.bf16 and not info.tf32
    assert device.best_precision(info) == "fp16"
    p = profiles.get_profile("auto", info)
    assert (p.name, p.precision) == ("t4", "fp16")


def test_rtx2050_gets_gpu4gb_with_bf16(monkeypatch):
    fake_cuda(monkeypatch, "NVIDIA GeForce RTX 2050", (8, 6), 4 * GIB)
    p = profiles.get_profile(None, device.detect())
    assert (p.name, p.precision, p.micro_batch, p.grad_accum) == ("gpu4gb", "bf16", 4, 4)
    assert p.effective_batch == 16


def test_cpu_gets_cpu_profile_in_fp32():
    assert profiles.get_profile("auto", CPU).name == "cpu"
    assert profiles.get_profile("auto", CPU).precision == "fp32"
    # a GPU profile forced on a CPU machine runs in fp32 (accelerate would ignore fp16 there anyway)
    assert profiles.get_profile("t4", CPU).precision == "fp32"


def test_pre_volta_gpu_trains_in_fp32():
    old = DeviceInfo("cuda", "GTX 1060", (6, 1), 6 * GIB, 5 * GIB)
    assert not old.fp16_tensor_cores and not old.bf16
    assert device.best_precision(old) == "fp32"  # no tensor cores: fp16 would not be faster
    assert profiles.get_profile("gpu4gb", old).precision == "fp32"


def test_environment_variable_overrides_and_smoke_shortens(monkeypatch):
    monkeypatch.setenv("COURSE_PROFILE", "tiny")
    assert profiles.get_profile(info=T4).name == "tiny"
    monkeypatch.setenv("COURSE_SMOKE", "1")
    p = profiles.get_profile(info=T4)
    assert p.smoke and p.max_steps == profiles.SMOKE_STEPS and p.warmup_steps < p.max_steps
    assert profiles.get_profile("gpu4gb", RTX2050, smoke=True).n_layer == 12  # smoke keeps the model size


@pytest.mark.parametrize("lang, word", [("az", "Mümkün profillər"), ("en", "Valid profiles")])
def test_unknown_profile_lists_valid_names(lang, word):
    set_language(lang)
    with pytest.raises(CourseError) as err:
        profiles.get_profile("gpu8gb", CPU)
    assert word in str(err.value) and all(name in str(err.value) for name in profiles.CHOICES)
    assert err.value.key == "profile_unknown"


def test_profile_table_matches_the_design():
    tiny, gpu4gb = profiles.PROFILES["tiny"], profiles.PROFILES["gpu4gb"]
    assert (tiny.n_layer, tiny.n_head, tiny.n_embd, tiny.block_size) == (2, 2, 64, 64)
    assert (gpu4gb.n_layer, gpu4gb.n_head, gpu4gb.n_embd, gpu4gb.block_size, gpu4gb.vocab_size) == (
        12, 12, 768, 256, 32000)
    for p in profiles.PROFILES.values():
        assert p.n_embd % p.n_head == 0 and p.warmup_steps < p.max_steps


def test_describe_mentions_emulated_bf16_correctly():
    set_language("en")
    text = device.describe(T4)
    assert "7.5" in text and "bf16 (native): no" in text and "fp16" in text
    assert "Best training precision: bf16" in device.describe(RTX2050)
