"""course_lib.bench at the tiny config on CPU: a row for every technique, GPU-only ones skipped, honest memory."""

import pytest
import torch

from course_lib import bench, memory
from course_lib.device import GIB, DeviceInfo
from course_lib.messages import set_language, t
from course_lib.profiles import PROFILES

TINY = PROFILES["tiny"]
CONFIG = dict(vocab_size=TINY.vocab_size, **TINY.model_kwargs())
CPU = DeviceInfo("cpu", "test CPU")
TECHNIQUES = {"batch_size", "gradient_accumulation", "gradient_checkpointing", "mixed_precision", "empty_cache_steps",
              "optimizer", "data_preloading", "deepspeed_zero", "torch_compile", "peft_lora", "attention"}


@pytest.fixture(scope="module")
def rows():
    if torch.cuda.is_available():
        pytest.skip("the CPU rows are tested on CPU; tests/test_gpu_efficiency.py covers CUDA")
    return bench.run_all(CONFIG, TINY.micro_batch, TINY.grad_accum, "fp32", steps=1, warmup=1, info=CPU)


def _row(rows, technique, setting):
    return next(r for r in rows if r["technique"] == technique and r["setting"] == setting)


def test_every_technique_of_the_guide_has_a_row(rows):
    assert {r["technique"] for r in rows} == TECHNIQUES
    for r in rows:
        assert set(r) == {"technique", "setting", "ms_per_step", "tokens_per_s", "memory_bytes", "memory_kind",
                          "measured_on", "status", "note"}
        assert r["measured_on"] == "test CPU"


def test_gpu_only_rows_are_skipped_with_a_reason(rows):
    for technique, setting in [("mixed_precision", "fp16"), ("mixed_precision", "tf32"), ("empty_cache_steps", "1"),
                               ("optimizer", "AdamW 8-bit"), ("deepspeed_zero", "ZeRO-2 + offload"),
                               ("torch_compile", "inductor")]:
        row = _row(rows, technique, setting)
        assert row["status"] == "skipped" and row["note"], (technique, setting)
        assert row["ms_per_step"] is None and row["memory_bytes"] is None  # nothing made up


def test_measured_rows_have_cpu_figures(rows):
    measured = [r for r in rows if r["status"] == "measured"]
    assert len(measured) >= 15
    for r in measured:
        assert r["ms_per_step"] > 0 and r["tokens_per_s"] > 0 and r["memory_bytes"] > 0
        assert r["memory_kind"] == bench.CPU_SAVED


def test_memory_moves_the_way_each_technique_says(rows):
    base = _row(rows, "gradient_checkpointing", "off")["memory_bytes"]
    assert _row(rows, "gradient_checkpointing", "on")["memory_bytes"] < base
    assert _row(rows, "mixed_precision", "bf16")["memory_bytes"] < _row(rows, "mixed_precision", "fp32")["memory_bytes"]
    assert _row(rows, "attention", "explicit")["memory_bytes"] > _row(rows, "attention", "sdpa")["memory_bytes"]
    accumulated = _row(rows, "gradient_accumulation", f"{TINY.micro_batch} × 4")
    assert accumulated["memory_bytes"] == base and accumulated["note"]
    assert _row(rows, "gradient_accumulation", f"{TINY.micro_batch * 4} × 1")["memory_bytes"] > base
    assert _row(rows, "optimizer", "Adafactor")["memory_bytes"] < _row(rows, "optimizer", "AdamW foreach")[
        "memory_bytes"]
    lora = _row(rows, "peft_lora", "r=8")
    assert lora["memory_bytes"] < base and "/" in lora["note"]


def test_cpu_memory_is_the_memory_model_exactly():
    figures = bench.measure(CONFIG, 4, precision="bf16", steps=1, warmup=0)
    predicted = memory.saved_activation_bytes(4, TINY.block_size, TINY.n_layer, TINY.n_embd, TINY.vocab_size, "bf16",
                                              n_head=TINY.n_head, device_type="cpu")
    assert figures["saved_bytes"] == predicted
    n = memory.gpt_param_count(TINY.vocab_size, TINY.block_size, TINY.n_layer, TINY.n_embd)
    assert figures["state_bytes"] == 16 * n  # weights + gradients + AdamW moments
    assert figures["memory_bytes"] == figures["saved_bytes"] + figures["state_bytes"]


def test_helpers_count_storages_once():
    x = torch.zeros(10)
    assert bench.tensor_bytes([x, x[:5], x.view(2, 5)]) == 40
    w = torch.nn.Parameter(torch.randn(3, 3))
    _, saved = bench.saved_tensor_bytes(lambda: (torch.randn(2, 3, requires_grad=True) @ w).sum(), [w])
    assert saved == 2 * 3 * 4  # the input is saved, the weight is a parameter


def _skipped(technique, setting):
    return dict(technique=technique, setting=setting, ms_per_step=None, tokens_per_s=None, memory_bytes=None,
                memory_kind=None, measured_on="test CPU", status="skipped", note="needs CUDA")


def test_an_empty_table_says_so():
    assert bench.table_text([]) == t("day26_table_empty")  # e.g. gpu_check.json when the table's process died
    assert bench.rows_text([], bench.GPU_RUN_COLUMNS, empty="day26_runs_empty") == t("day26_runs_empty")


def test_a_table_with_nothing_measured_shows_every_row_and_says_why():
    rows = [_skipped("mixed_precision", "fp16"), _skipped("optimizer", "AdamW 8-bit")]
    lines = bench.table_text(rows).splitlines()
    assert lines[0].split() == [t(f"col_{header}") for header, *_ in bench.TABLE_COLUMNS]
    assert t("day26_tech_mixed_precision") in lines[1] and lines[1].count("—") == 3  # no figure made up
    assert lines[-1] == t("day26_table_none_measured")


def test_the_table_speaks_the_learners_language_headers_status_and_settings_included():
    rows = [_skipped("gradient_checkpointing", "on"), _skipped("batch_size", "micro-batch 4"),
            _skipped("data_preloading", "DataLoader, 2 workers") | dict(status="measured", ms_per_step=1.0)]
    set_language("az")
    text = bench.table_text(rows)
    assert text.splitlines()[0].split()[:3] == ["texnika", "ayar", "nəticə"]
    assert "açıq" in text and "mikro-batch 4" in text and "DataLoader, 2 işçi proses" in text and "ölçülüb" in text
    english = ("technique", "setting", "status", "measured", "skipped", " on ", "micro-batch", "workers")
    assert not [word for word in english if word in text], text


def test_measured_figures_are_shown_in_their_units():
    row = _skipped("batch_size", "micro-batch 4") | dict(status="measured", ms_per_step=12.34, tokens_per_s=5000.4,
                                                         memory_bytes=3 * bench.MIB, note="")
    text = bench.table_text([row])
    assert "12.3" in text and "5,000" in text and "3.0" in text and t("day26_table_none_measured") not in text


def test_a_gpu_run_that_failed_shows_dashes():
    failed = dict(name="t4_fp16", cap_gib=14.7, micro_batch=16, grad_accum=1, precision="fp16", checkpointing=False,
                  fits=False, error="timed out after 100 s")  # what gpu_check records: no peak, no prediction
    fitted = failed | dict(fits=True, peak_bytes=2 * GIB, reserved_bytes=GIB * 5 // 2, predicted_peak_bytes=2 * GIB,
                           tokens_per_s=1234.5, mfu=0.25)
    lines = bench.rows_text([failed, fitted], bench.GPU_RUN_COLUMNS).splitlines()
    assert lines[1].split()[-6:] == [t("no"), "—", "—", "—", "—", "—"]
    assert lines[2].split()[-6:] == [t("yes"), "2.000", "2.500", "2.000", "1,234", "25.0%"]
