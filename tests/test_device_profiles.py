"""Device and profile choice with mocked hardware: T4 → fp16, RTX 2050 → gpu4gb + bf16, CPU → cpu/tiny."""

import importlib
from types import SimpleNamespace

import pytest
import torch

from course_lib import device, profiles
from course_lib.device import GIB, DeviceInfo
from course_lib.errors import CourseError
from course_lib.memory import CUDA_CONTEXT_BYTES
from course_lib.messages import set_language

T4 = DeviceInfo("cuda", "Tesla T4", (7, 5), device.EMULATED_CARDS["t4"], int(14 * GIB))
RTX2050 = DeviceInfo("cuda", "NVIDIA GeForce RTX 2050", (8, 6), 4 * GIB, int(3.5 * GIB))
CPU = DeviceInfo("cpu", "Some CPU")


@pytest.fixture(autouse=True)
def _no_forced_precision_or_cap(monkeypatch):
    for name in ("COURSE_PRECISION", "COURSE_MEMORY_CAP_GIB"):  # set by `make gpu-notebooks-fp16`, not here
        monkeypatch.delenv(name, raising=False)


def fake_cuda(monkeypatch, name, cc, total):
    """Make torch believe a CUDA GPU is present (bf16 'supported' as torch says on a T4)."""
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "is_bf16_supported", lambda *a, **k: True)
    monkeypatch.setattr(torch.cuda, "get_device_properties",
                        lambda i: SimpleNamespace(name=name, major=cc[0], minor=cc[1], total_memory=total))
    monkeypatch.setattr(torch.cuda, "mem_get_info", lambda i=0: (total - GIB // 2, total))


def test_t4_detected_as_fp16_even_though_torch_says_bf16(monkeypatch):
    fake_cuda(monkeypatch, "Tesla T4", (7, 5), device.EMULATED_CARDS["t4"])
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


@pytest.mark.parametrize("name", ["NVIDIA GeForce GTX 1650", "NVIDIA GeForce GTX 1660 Ti", "NVIDIA GeForce MX450"])
def test_turing_cards_without_tensor_cores_say_so_and_still_train_in_fp16(name):
    # Day 04's table: the cc 7.5 GTX 16xx and MX cards have no tensor cores; fp16 there halves the activations
    card = DeviceInfo("cuda", name, (7, 5), 4 * GIB, 3 * GIB)
    assert not card.fp16_tensor_cores and device.best_precision(card) == "fp16"
    set_language("en")
    assert "fp16 tensor cores: no" in device.describe(card)


def test_describe_says_tf32_is_off_for_matmuls_until_asked():
    ampere = DeviceInfo("cuda", "NVIDIA GeForce RTX 3060", (8, 6), 12 * GIB, 11 * GIB)
    set_language("en")
    text = device.describe(ampere)
    assert "fp16 tensor cores: yes" in text and 'set_float32_matmul_precision("high")' in text


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


# --- COURSE_PRECISION: one precision forced over the profile's (CI runs the GradScaler path on a bf16 GPU) -----------

@pytest.mark.parametrize("value, expected", [("fp16", "fp16"), (" BF16 ", "bf16"), ("fp32", "fp32"), ("", "bf16")])
def test_precision_override_replaces_the_resolved_precision(monkeypatch, value, expected):
    monkeypatch.setenv("COURSE_PRECISION", value)
    p = profiles.get_profile("gpu4gb", RTX2050)  # RTX 2050 resolves "half" to bf16
    assert (p.name, p.precision, p.micro_batch) == ("gpu4gb", expected, 4)


def test_fp16_forced_on_a_cpu_stays_fp16_and_accelerate_says_it_runs_fp32(monkeypatch, capsys):
    from course_lib.train import make_accelerator

    monkeypatch.setenv("COURSE_PRECISION", "fp16")
    set_language("en")
    p = profiles.get_profile("tiny", CPU)
    assert p.precision == "fp16"
    accelerator = make_accelerator(p.precision)
    assert accelerator.scaler is None and "training runs in fp32" in capsys.readouterr().out


@pytest.mark.parametrize("lang, word", [("az", "Mümkün dəqiqliklər"), ("en", "Valid precisions")])
def test_unknown_precision_is_refused_in_the_learners_language(monkeypatch, lang, word):
    monkeypatch.setenv("COURSE_PRECISION", "half")
    set_language(lang)
    with pytest.raises(CourseError) as err:
        profiles.get_profile("t4", T4)
    assert err.value.key == "precision_unknown"
    assert word in str(err.value) and "'half'" in str(err.value) and "COURSE_PRECISION" in str(err.value)
    assert all(name in str(err.value) for name in profiles.PRECISIONS)


# --- the emulated cards and the memory cap ---------------------------------------------------------------------------

def test_emulated_cards_are_what_the_cards_report():
    assert device.EMULATED_CARDS["gpu4gb"] == int(3.8 * GIB)  # a "4 GB" card reports ~3.8 GiB, not 4
    assert device.EMULATED_CARDS["t4"] == int(14.7 * GIB)  # a "16 GB" T4 reports ~14.7 GiB, not 15 or 16
    for name, card in device.EMULATED_CARDS.items():  # the profile a learner with that card gets
        info = DeviceInfo("cuda", name, (7, 5), card, card)
        assert profiles.auto_name(info) == name


def test_memory_cap_takes_the_context_off_the_emulated_card():
    card, total = device.EMULATED_CARDS["gpu4gb"], 80 * GIB
    measured = 600 * 2**20
    cap = device.memory_cap(card, measured, total)
    assert cap.cap_bytes == card - CUDA_CONTEXT_BYTES and cap.fraction == pytest.approx(cap.cap_bytes / total)
    assert cap.card_bytes == card and cap.context_bytes == measured  # this GPU's own context: recorded only
    # neither a small context (measured before the kernels load) nor an H200's 1.3 GiB is the emulated card's
    assert device.memory_cap(card, 1300 * 2**20, total).cap_bytes == card - CUDA_CONTEXT_BYTES
    # a real card smaller than the emulated one: the whole card, never a fraction above 1
    assert device.memory_cap(device.EMULATED_CARDS["t4"], measured, 8 * GIB).fraction == 1.0
    with pytest.raises(ValueError):
        device.memory_cap(300 * 2**20, measured, total)


def test_cap_cuda_memory_sets_the_fraction_of_the_real_card(monkeypatch):
    calls = []
    monkeypatch.setattr(device, "cuda_context_bytes", lambda i=0: (700 * 2**20, 140 * GIB))
    monkeypatch.setattr(torch.cuda, "set_per_process_memory_fraction", lambda f, i=None: calls.append((f, i)))
    cap = device.cap_cuda_memory(device.EMULATED_CARDS["t4"])
    assert cap.cap_bytes == device.EMULATED_CARDS["t4"] - CUDA_CONTEXT_BYTES and cap.context_bytes == 700 * 2**20
    assert calls == [(cap.fraction, 0)] and isinstance(cap.fraction, float)  # torch refuses anything but a float
    assert calls[0][0] * 140 * GIB == pytest.approx(cap.cap_bytes)


@pytest.mark.parametrize("lang", ["az", "en"])
@pytest.mark.parametrize("value", ["4GB", "0", "-1", "nan", "inf"])
def test_a_bad_memory_cap_is_refused(monkeypatch, value, lang):
    setup = importlib.import_module("course_lib.setup")  # the package's `setup` is the function

    monkeypatch.setenv("COURSE_MEMORY_CAP_GIB", value)
    set_language(lang)
    with pytest.raises(CourseError) as err:
        setup.memory_cap_request()
    assert err.value.key == "memory_cap_invalid" and f"'{value}'" in str(err.value) and "3.8" in str(err.value)


def test_setup_caps_the_kernel_on_cuda_and_says_it_ignores_the_cap_on_a_cpu(monkeypatch, capsys):
    setup = importlib.import_module("course_lib.setup")  # the package's `setup` is the function

    asked = []
    monkeypatch.setattr(setup, "cap_cuda_memory",
                        lambda card: asked.append(card) or device.memory_cap(card, 500 * 2**20, 140 * GIB))
    set_language("en")
    setup.apply_memory_cap(T4)  # not set: nothing happens
    assert asked == [] and capsys.readouterr().out == ""
    monkeypatch.setenv("COURSE_MEMORY_CAP_GIB", "3.8")
    setup.apply_memory_cap(T4)
    assert asked == [int(3.8 * GIB)]
    assert "emulating a 3.80 GiB card" in capsys.readouterr().out
    monkeypatch.setenv("COURSE_PROFILE", "cpu")
    setup.setup("en")  # this machine: no CUDA
    out = capsys.readouterr().out
    assert "COURSE_MEMORY_CAP_GIB=3.8 is ignored" in out and asked == [int(3.8 * GIB)]
