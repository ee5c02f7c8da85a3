"""Day 26: every technique of the single-GPU efficiency guide, measured on this machine — speed and memory.

One row per setting: ms per optimizer step, tokens/s and memory. Memory on CUDA is
``torch.cuda.max_memory_allocated`` over the timed steps (after ``reset_peak_memory_stats``); on CPU, which has
no such counter, it is the bytes autograd saves for backward in one micro-batch (``saved_tensors_hooks``) plus
weights, gradients and optimizer states — said in every row's ``memory_kind``. A technique this machine cannot
run gets a row with ``status`` "skipped" and the reason; nothing is filled in by hand.
"""

import datetime
import gc
import importlib.util
import math
import platform
import re
import statistics
import time
from collections.abc import Callable, Iterable

import numpy as np
import torch
from tqdm.auto import tqdm

from course_lib.data import chunk_loader, get_batch
from course_lib.device import GIB, DeviceInfo, detect
from course_lib.messages import t
from course_lib.model import GPTModel
from course_lib.schedule import make_optimizer, param_groups
from course_lib.tied_grad import use_tied_gradient
from course_lib.train import make_accelerator, train_step

CUDA_PEAK, CPU_SAVED = "cuda_max_memory_allocated", "cpu_saved_tensors+state"
LORA_TARGETS = ["qkv", "proj", "fc"]  # every Linear of the blocks (attention and MLP)
LR = 6e-4
MIB = 2**20
# A column of a text table: (header, key in the row, divisor, format spec); divisor None shows the value as it is.
Column = tuple[str, str, float | None, str]
TABLE_COLUMNS: tuple[Column, ...] = (
    ("technique", "technique", None, ""), ("setting", "setting", None, ""), ("status", "status", None, ""),
    ("ms_per_step", "ms_per_step", 1, ",.1f"), ("tokens_per_s", "tokens_per_s", 1, ",.0f"),
    ("memory_MiB", "memory_bytes", MIB, ",.1f"), ("note", "note", None, ""),
)
GPU_RUN_COLUMNS: tuple[Column, ...] = (  # the runs of tools/gpu_check.py's JSON
    ("name", "name", None, ""), ("cap_GiB", "cap_gib", 1, ".2f"), ("micro_batch", "micro_batch", None, ""),
    ("grad_accum", "grad_accum", None, ""), ("precision", "precision", None, ""),
    ("checkpointing", "checkpointing", None, ""), ("fits", "fits", None, ""), ("peak_GiB", "peak_bytes", GIB, ".3f"),
    ("reserved_GiB", "reserved_bytes", GIB, ".3f"), ("predicted_GiB", "predicted_peak_bytes", GIB, ".3f"),
    ("tokens_per_s", "tokens_per_s", 1, ",.0f"), ("mfu", "mfu", 1, ".1%"),
)


def provenance() -> dict:
    """Where and when a measurement is made: this machine's device, torch threads and version, date and time."""
    return {"device": detect().name, "threads": torch.get_num_threads(), "torch": torch.__version__,
            "date": datetime.datetime.now().isoformat(timespec="seconds")}


# --- measuring memory ------------------------------------------------------------------------------------------------

def tensor_bytes(tensors: Iterable[torch.Tensor]) -> int:
    """Bytes of the distinct storages behind ``tensors`` (views and tied weights counted once)."""
    storages = {}
    for x in tensors:
        storage = x.untyped_storage()
        storages[storage.data_ptr()] = storage.nbytes()
    return sum(storages.values())


def saved_tensor_bytes(forward: Callable, exclude: Iterable[torch.Tensor] = ()):
    """Run ``forward()`` and count the bytes autograd saves for backward → (its result, bytes).

    Storages of ``exclude`` (the parameters: a matmul saves its weight, which is no extra memory) are left out.
    """
    excluded = {x.untyped_storage().data_ptr() for x in exclude}
    saved: dict[int, int] = {}

    def pack(x: torch.Tensor) -> torch.Tensor:
        storage = x.untyped_storage()
        if storage.data_ptr() not in excluded:
            saved[storage.data_ptr()] = storage.nbytes()
        return x

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda x: x):
        result = forward()
    return result, sum(saved.values())


def optimizer_bytes(optimizer: torch.optim.Optimizer) -> int:
    """Bytes of an optimizer's state tensors (0-d step counters left out)."""
    return tensor_bytes(v for state in optimizer.state.values() for v in state.values()
                        if isinstance(v, torch.Tensor) and v.dim() > 0)


# --- one measurement -------------------------------------------------------------------------------------------------

def build_optimizer(model: torch.nn.Module, name: str) -> torch.optim.Optimizer:
    """"adamw" (the course's: fused on CUDA, foreach elsewhere), "adamw_foreach", "adamw_fused", "adafactor"
    (transformers) or "adamw8bit" (bitsandbytes, imported only here)."""
    if name == "adamw":
        return make_optimizer(model, LR)
    if name in ("adamw_foreach", "adamw_fused"):
        return torch.optim.AdamW(param_groups(model), lr=LR, betas=(0.9, 0.95), **{name.split("_")[1]: True})
    if name == "adafactor":
        from transformers.optimization import Adafactor

        return Adafactor(param_groups(model), lr=LR, scale_parameter=False, relative_step=False)
    if name == "adamw8bit":
        import bitsandbytes as bnb

        return bnb.optim.AdamW8bit(param_groups(model), lr=LR, betas=(0.9, 0.95))
    raise ValueError(f"unknown optimizer {name!r}")


def add_lora(model: torch.nn.Module, rank: int = 8) -> torch.nn.Module:
    """The model with LoRA adapters (peft) on every block Linear; the original weights frozen."""
    from peft import LoraConfig, get_peft_model

    return get_peft_model(model, LoraConfig(r=rank, lora_alpha=2 * rank, target_modules=LORA_TARGETS))


def _batches(tokens, micro_batch: int, block_size: int, device: torch.device, loader: str, seed: int):
    """``next_batch()`` giving (x, y) on ``device``: random windows (get_batch) or a DataLoader over chunks."""
    if loader == "get_batch":
        generator = torch.Generator().manual_seed(seed)
        return lambda: get_batch(tokens, micro_batch, block_size, device, generator)
    workers = int(loader.split("_")[1])  # "loader_0" or "loader_2"
    pin = device.type == "cuda"
    dataloader = chunk_loader(tokens, block_size, micro_batch, num_workers=workers, pin_memory=pin,
                              generator=torch.Generator().manual_seed(seed))

    def batches():
        while True:
            for (chunk,) in dataloader:  # (micro_batch, T + 1)
                if len(chunk) == micro_batch:
                    yield chunk[:, :-1].to(device, non_blocking=pin), chunk[:, 1:].to(device, non_blocking=pin)

    iterator = batches()
    return lambda: next(iterator)


def measure(config: dict, micro_batch: int, *, precision: str = "fp32", grad_accum: int = 1,
            checkpointing: bool = False, attention: str = "sdpa", optimizer: str = "adamw", loader: str = "get_batch",
            compile: bool = False, lora: bool = False, tf32: bool = False, empty_cache: bool = False,
            tokens=None, steps: int = 3, warmup: int = 1, seed: int = 0) -> dict:
    """Train the course GPT ``config`` for ``warmup`` + ``steps`` optimizer steps with ``train_step``; → figures.

    Returns ms_per_step (median), tokens_per_s, memory_bytes and memory_kind, and (CPU) saved_bytes and
    state_bytes, (CUDA) reserved_bytes, and the trainable and total parameter counts.
    """
    _release_memory()  # the previous row's model and optimizer must not count against this one
    torch.manual_seed(seed)
    model = GPTModel(**{**config, "attention": attention}).train()
    use_tied_gradient(model)  # as the Trainer does: CPU fp32 rows measure what a learner's run uses
    model.gradient_checkpointing = checkpointing
    if lora:
        model = add_lora(model)
    accelerator = make_accelerator(precision, grad_accum)
    device = accelerator.device
    model.to(device)
    opt = build_optimizer(model, optimizer)
    scheduler = torch.optim.lr_scheduler.LambdaLR(opt, lambda step: 1.0)
    if compile:
        model = torch.compile(model)
    model, opt, scheduler = accelerator.prepare(model, opt, scheduler)
    if tokens is None:  # random token ids are enough to measure speed and memory
        tokens = np.random.default_rng(seed).integers(0, config["vocab_size"], 64 * config["block_size"] * micro_batch,
                                                      dtype=np.uint16)
    next_batch = _batches(tokens, micro_batch, config["block_size"], device, loader, seed)
    matmul_tf32 = torch.backends.cuda.matmul.allow_tf32
    torch.backends.cuda.matmul.allow_tf32 = tf32
    try:
        for _ in range(warmup):
            train_step(accelerator, model, opt, scheduler, next_batch)
        if device.type == "cuda":
            torch.cuda.synchronize(device)
            torch.cuda.reset_peak_memory_stats(device)
        times = []
        for _ in range(steps):
            start = time.perf_counter()
            train_step(accelerator, model, opt, scheduler, next_batch)  # returns loss.item(): waits for the GPU
            times.append(time.perf_counter() - start)
            if empty_cache:
                torch.cuda.empty_cache()
    finally:
        torch.backends.cuda.matmul.allow_tf32 = matmul_tf32
    seconds = statistics.median(times)
    params = list(model.parameters())
    trainable = [p for p in params if p.requires_grad]
    result = dict(ms_per_step=1000 * seconds, tokens_per_s=micro_batch * grad_accum * config["block_size"] / seconds,
                  trainable_params=sum(p.numel() for p in trainable), params=sum(p.numel() for p in params))
    if device.type == "cuda":
        result |= dict(memory_bytes=torch.cuda.max_memory_allocated(device), memory_kind=CUDA_PEAK,
                       reserved_bytes=torch.cuda.max_memory_reserved(device))
    else:
        x, y = next_batch()
        with accelerator.autocast():
            _, saved = saved_tensor_bytes(lambda: model(x, y), params)
        state = tensor_bytes(params) + tensor_bytes(trainable) + optimizer_bytes(opt)  # a gradient per trainable
        result |= dict(memory_bytes=saved + state, memory_kind=CPU_SAVED, saved_bytes=saved, state_bytes=state)
    accelerator.free_memory(model, opt, scheduler)  # accelerate keeps references to what it prepared
    return result


def _release_memory() -> None:
    """Collect the reference cycles a finished row leaves behind and hand its cached GPU memory back."""
    gc.collect()
    if torch.cuda.is_available():
        torch.cuda.empty_cache()
        torch.cuda.reset_peak_memory_stats()


# --- the table -------------------------------------------------------------------------------------------------------

def _skip_reason(setting: dict, info: DeviceInfo, include_compile: bool) -> str | None:
    """Why this machine cannot measure ``setting`` (a catalogue key), or None."""
    cuda = info.type == "cuda"
    if setting.get("precision") == "fp16" and not cuda:
        return "day26_skip_fp16"
    if setting.get("precision") == "bf16" and cuda and not info.bf16:
        return "day26_skip_bf16"
    if setting.get("tf32") and not info.tf32:
        return "day26_skip_tf32"
    if setting.get("empty_cache") and not cuda:
        return "day26_skip_cuda"
    if setting.get("optimizer") == "adamw8bit" and not cuda:
        return "day26_skip_cuda"
    if setting.get("optimizer") == "adamw8bit" and importlib.util.find_spec("bitsandbytes") is None:
        return "day26_skip_bnb"
    if setting.get("deepspeed"):
        return "day26_skip_deepspeed"
    if setting.get("compile"):
        if platform.system() == "Windows":
            return "day26_skip_compile_windows"
        if cuda and info.capability < (7, 0):
            return "day26_skip_compile_old_gpu"
        if not include_compile:
            return "day26_skip_compile_slow"
    return None


def technique_settings(micro_batch: int, grad_accum: int, precision: str) -> list[tuple[str, str, dict]]:
    """(technique, setting, measure() arguments) for every row of the guide's table, around the given baseline."""
    accum = max(grad_accum, 4)
    batch_sizes = sorted({max(1, micro_batch // 2), micro_batch, 2 * micro_batch} | ({micro_batch - 1}
                                                                                    if micro_batch >= 8 else set()))
    rows = [("batch_size", f"micro-batch {b}", dict(micro_batch=b)) for b in batch_sizes]
    rows += [
        ("gradient_accumulation", f"{micro_batch} × {accum}", dict(grad_accum=accum)),
        ("gradient_accumulation", f"{micro_batch * accum} × 1", dict(micro_batch=micro_batch * accum)),
        ("gradient_checkpointing", "off", dict()),
        ("gradient_checkpointing", "on", dict(checkpointing=True)),
        ("mixed_precision", "fp32", dict(precision="fp32")),
        ("mixed_precision", "tf32", dict(precision="fp32", tf32=True)),
        ("mixed_precision", "fp16", dict(precision="fp16")),
        ("mixed_precision", "bf16", dict(precision="bf16")),
        ("empty_cache_steps", "1", dict(empty_cache=True)),
        ("optimizer", "AdamW foreach", dict(optimizer="adamw_foreach")),
        ("optimizer", "AdamW fused", dict(optimizer="adamw_fused")),
        ("optimizer", "Adafactor", dict(optimizer="adafactor")),
        ("optimizer", "AdamW 8-bit", dict(optimizer="adamw8bit")),
        ("data_preloading", "get_batch", dict(loader="get_batch")),
        ("data_preloading", "DataLoader, 0 workers", dict(loader="loader_0")),
        ("data_preloading", "DataLoader, 2 workers", dict(loader="loader_2")),
        ("deepspeed_zero", "ZeRO-2 + offload", dict(deepspeed=True)),
        ("torch_compile", "inductor", dict(compile=True)),
        ("peft_lora", "r=8", dict(lora=True)),
        ("attention", "sdpa", dict(attention="sdpa")),
        ("attention", "explicit", dict(attention="explicit")),
    ]
    return [(tech, setting, {"precision": precision} | kwargs) for tech, setting, kwargs in rows]


def run_all(config: dict, micro_batch: int, grad_accum: int = 1, precision: str = "fp32", *, tokens=None,
            steps: int = 3, warmup: int = 1, include_compile: bool = False, info: DeviceInfo | None = None,
            progress: bool = False) -> list[dict]:
    """Measure every setting of ``technique_settings``; → one row per setting (skipped ones say why).

    ``progress``: a progress bar of the rows, naming the one being measured (a GPU profile takes minutes).
    """
    info = info or detect()
    rows = []
    bar = tqdm(technique_settings(micro_batch, grad_accum, precision), desc=t("day26_table_progress"),
               disable=not progress)
    for technique, setting, kwargs in bar:
        row = dict(technique=technique, setting=setting, ms_per_step=None, tokens_per_s=None, memory_bytes=None,
                   memory_kind=None, measured_on=info.name, status="measured", note="")
        reason = _skip_reason(kwargs, info, include_compile)
        bar.set_postfix_str(f"{technique}: {setting}")
        if reason:
            rows.append(row | dict(status="skipped", note=t(reason)))
            continue
        kwargs = {k: v for k, v in kwargs.items() if k != "deepspeed"}
        try:
            figures = measure(config, **({"micro_batch": micro_batch} | kwargs), tokens=tokens, steps=steps,
                              warmup=warmup)
        except torch.OutOfMemoryError:
            rows.append(row | dict(status="oom", note=t("day26_row_oom")))
            continue
        except Exception as error:  # e.g. torch.compile failing on this machine: one row, not the whole table
            rows.append(row | dict(status="error", note=f"{type(error).__name__}: {str(error)[:200]}"))
            continue
        finally:
            _release_memory()
        row |= {k: figures[k] for k in ("ms_per_step", "tokens_per_s", "memory_bytes", "memory_kind")}
        if kwargs.get("lora"):
            row["note"] = t("day26_row_lora", trainable=figures["trainable_params"], total=figures["params"])
        elif kwargs.get("grad_accum", 1) > 1:
            row["note"] = t("day26_row_accum", n=kwargs["grad_accum"])
        rows.append(row)
    return rows


# --- showing it ------------------------------------------------------------------------------------------------------

def _cell(row: dict, key: str, divisor: float | None, spec: str) -> str:
    value = row.get(key)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"  # skipped, failed or not recorded: nothing made up
    if isinstance(value, bool):
        return t("yes" if value else "no")
    return format(value / divisor, spec) if divisor is not None else str(value)


def rows_text(rows: list[dict], columns: Iterable[Column], empty: str = "day26_table_empty") -> str:
    """``rows`` as a fixed-width text table ("—" where a row lacks a figure); the message ``empty`` with no rows."""
    if not rows:
        return t(empty)
    columns = list(columns)
    lines = [[t(f"col_{header}") for header, *_ in columns]] + [[_cell(row, *column[1:]) for column in columns]
                                                               for row in rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(columns))]
    numeric = [divisor is not None for _, _, divisor, _ in columns]
    return "\n".join("  ".join(text.rjust(width) if number else text.ljust(width)
                               for text, width, number in zip(line, widths, numeric)).rstrip() for line in lines)


def shown_setting(setting: str) -> str:
    """A row's setting in the learner's language: on/off, micro-batch n, DataLoader with n workers; else as it is."""
    if setting in ("on", "off"):
        return t(f"day26_setting_{setting}")
    if found := re.fullmatch(r"micro-batch (\d+)", setting):
        return t("day26_setting_micro_batch", n=found[1])
    if found := re.fullmatch(r"DataLoader, (\d+) workers", setting):
        return t("day26_setting_loader", n=found[1])
    return setting


def table_text(rows: list[dict]) -> str:
    """Day 26's technique table as text, names in the learner's language; it says so when no row was measured."""
    shown = [row | dict(technique=t(f"day26_tech_{row['technique']}"), setting=shown_setting(row["setting"]),
                        status=t(f"day26_status_{row['status']}")) for row in rows]
    text = rows_text(shown, TABLE_COLUMNS)
    if rows and not any(row["status"] == "measured" for row in rows):
        text += "\n" + t("day26_table_none_measured")
    return text
