"""Day 28: checkpoints that survive a crash and resume a run exactly where it stopped.

A checkpoint is a folder ``<out_dir>/checkpoints/step_0000100/`` written by ``accelerator.save_state`` (model,
optimizer, scheduler, grad scaler, RNG states) plus ``course_meta.json`` beside them: the step, the configuration
(model + tokenizer + profile), the run's own state and a SHA-256 of every file. The folder is written under a
temporary name and renamed only when complete, so a crash mid-save never touches the last good checkpoint.
"""

import hashlib
import json
import logging
import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import torch
from accelerate import Accelerator
from accelerate.utils import SAFE_WEIGHTS_NAME, SCALER_NAME
from safetensors.torch import load_model as load_safetensors

from course_lib.device import device_type
from course_lib.errors import CourseError
from course_lib.messages import t
from course_lib.model import GPTModel

CHECKPOINTS = "checkpoints"
META = "course_meta.json"
PREFIX = "step_"
TMP_PREFIX = ".tmp_"  # a save in progress (or killed); never read, removed by the next save
COMPARED = ("model", "tokenizer")  # config sections that must match to resume; the profile may change


def checkpoints_dir(out_dir: str | os.PathLike) -> Path:
    """The folder that holds a run's checkpoints."""
    return Path(out_dir) / CHECKPOINTS


def file_sha256(path: Path) -> str:
    """SHA-256 of a file, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def _quiet(logger_name: str):
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _write_meta(folder: Path, meta: dict) -> None:
    """Hash every file already in ``folder`` and write the meta JSON last: its presence marks a complete save."""
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.name != META)
    for path in files:  # make the data durable before the rename publishes it
        with open(path, "rb") as f:
            os.fsync(f.fileno())
    meta = meta | {"files": {p.name: file_sha256(p) for p in files}}
    with open(folder / META, "w", encoding="utf-8") as f:
        json.dump(meta, f, indent=2)
        f.flush()
        os.fsync(f.fileno())
    _fsync_dir(folder)


def save_checkpoint(accelerator: Accelerator, out_dir: str | os.PathLike, step: int, config: dict,
                    state: dict | None = None, val_loss: float | None = None, keep_last: int = 2) -> Path:
    """Save everything ``accelerator.prepare`` knows, atomically; keep the newest ``keep_last`` and the best one."""
    root = checkpoints_dir(out_dir)
    final = root / f"{PREFIX}{step:07d}"
    tmp = root / f"{TMP_PREFIX}{final.name}"
    if accelerator.is_main_process:
        root.mkdir(parents=True, exist_ok=True)
        for stale in root.glob(f"{TMP_PREFIX}*"):  # left by a save that was killed
            shutil.rmtree(stale)
    accelerator.wait_for_everyone()
    with _quiet("accelerate.utils.other"):  # "Removed shared tensor lm_head.weight": the tied head is stored once
        accelerator.save_state(str(tmp))  # every process: the main one writes the weights, each its RNG state
    accelerator.wait_for_everyone()
    if accelerator.is_main_process:
        _write_meta(tmp, {"step": step, "val_loss": val_loss, "precision": precision_of(accelerator), "config": config,
                          "state": state or {}})
        if final.exists():  # the same step saved again: move the old one aside, it is deleted below
            final.rename(root / f"{TMP_PREFIX}old_{final.name}")
        os.replace(tmp, final)  # atomic: readers see the old folder set or the new one, never half a save
        _fsync_dir(root)
        shutil.rmtree(root / f"{TMP_PREFIX}old_{final.name}", ignore_errors=True)
        _prune(root, keep_last)
    accelerator.wait_for_everyone()
    return final


def _step_of(path: Path) -> int:
    return int(path.name[len(PREFIX):])


def list_checkpoints(out_dir: str | os.PathLike) -> list[Path]:
    """The finished checkpoint folders of a run, oldest first (temporary folders of unfinished saves excluded)."""
    root = checkpoints_dir(out_dir)
    if not root.is_dir():
        return []
    found = [p for p in root.iterdir() if p.is_dir() and p.name.startswith(PREFIX) and p.name[len(PREFIX):].isdigit()]
    return sorted(found, key=_step_of)


def _val_loss(path: Path) -> float | None:
    try:
        return json.loads((path / META).read_text(encoding="utf-8")).get("val_loss")
    except (OSError, ValueError):
        return None


def best_checkpoint(out_dir: str | os.PathLike) -> Path | None:
    """The checkpoint with the lowest validation loss, or None when no checkpoint has one."""
    scored = [(loss, _step_of(p), p) for p in list_checkpoints(out_dir) if (loss := _val_loss(p)) is not None]
    return min(scored)[2] if scored else None


def latest_checkpoint(out_dir: str | os.PathLike) -> Path | None:
    """The newest checkpoint folder of a run, or None."""
    found = list_checkpoints(out_dir)
    return found[-1] if found else None


def _prune(root: Path, keep_last: int) -> None:
    found = list_checkpoints(root.parent)
    keep = set(found[-keep_last:]) | {best_checkpoint(root.parent)}
    for path in found:
        if path not in keep:
            shutil.rmtree(path)


def read_meta(path: str | os.PathLike) -> dict:
    """The meta JSON of a checkpoint after checking every file against its SHA-256; CourseError if damaged."""
    path = Path(path)
    try:
        meta = json.loads((path / META).read_text(encoding="utf-8"))
        files = meta["files"]
    except (OSError, ValueError, KeyError, TypeError):
        raise CourseError("train_ckpt_corrupt", path=path, reason=t("train_ckpt_no_meta", name=META)) from None
    for name, digest in files.items():
        if not (path / name).is_file():
            raise CourseError("train_ckpt_corrupt", path=path, reason=t("train_ckpt_missing_file", name=name))
        if file_sha256(path / name) != digest:
            raise CourseError("train_ckpt_corrupt", path=path, reason=t("train_ckpt_checksum", name=name))
    return meta


def check_compatible(meta: dict, config: dict, path: str | os.PathLike) -> None:
    """Refuse (CourseError) a checkpoint whose model or tokenizer configuration differs from ``config``."""
    for section in COMPARED:
        saved, current = meta["config"].get(section, {}), config.get(section, {})
        for key in sorted(set(saved) | set(current)):
            if saved.get(key) != current.get(key):
                raise CourseError("train_ckpt_mismatch", path=path, field=f"{section}.{key}",
                                  saved=saved.get(key), current=current.get(key))


def precision_of(accelerator: Accelerator) -> str:
    """The precision an accelerator really trains in: "fp16" (with a GradScaler), "bf16" or "fp32"."""
    if accelerator.scaler is not None:
        return "fp16"
    return "bf16" if accelerator.native_amp and accelerator.mixed_precision == "bf16" else "fp32"


def restore_state(accelerator: Accelerator, path: str | os.PathLike, meta: dict) -> None:
    """``accelerator.load_state`` for a verified checkpoint (``meta`` from read_meta), across precisions.

    A checkpoint written without a GradScaler (fp32, bf16, a CPU) resumed in fp16 starts from a fresh loss scale;
    a change of precision is reported. A file that will not load becomes a CourseError.
    """
    saved, now = meta.get("precision", t("train_unknown")), precision_of(accelerator)
    if saved != now:
        accelerator.print(t("train_ckpt_precision_changed", saved=saved, now=now))
    scaler = accelerator.scaler
    fresh_scale = scaler is not None and not (Path(path) / SCALER_NAME).is_file()
    try:
        accelerator.scaler = None if fresh_scale else scaler  # load_state would look for the missing scaler.pt
        accelerator.load_state(str(path))
    except Exception as error:  # hashes right but does not load: not written by save_checkpoint
        raise CourseError("train_ckpt_corrupt", path=path, reason=f"{type(error).__name__}: {error}") from error
    finally:
        accelerator.scaler = scaler
    if fresh_scale:
        accelerator.print(t("train_ckpt_fresh_scale", scale=f"{scaler.get_scale():g}"))


def load_checkpoint(accelerator: Accelerator, path: str | os.PathLike, config: dict) -> dict:
    """Verify a checkpoint, check it fits ``config``, restore every prepared object from it; return its meta."""
    meta = read_meta(path)
    check_compatible(meta, config, path)
    restore_state(accelerator, path, meta)
    return meta


def load_model(path: str | os.PathLike, device: str | torch.device | None = None) -> GPTModel:
    """The GPTModel of a verified checkpoint on ``device`` (default: the course's GPU, else the CPU), in eval mode."""
    meta = read_meta(path)
    model = GPTModel(**meta["config"]["model"])
    load_safetensors(model, Path(path) / SAFE_WEIGHTS_NAME, device="cpu")  # re-ties the head stored once
    return model.to(device or device_type()).eval()  # one move: no second copy of the weights on the GPU
