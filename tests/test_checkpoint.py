"""Checkpoints: a round trip restores everything, damage and foreign configurations are refused, old ones pruned."""

import json

import pytest
import torch

from course_lib.checkpoint import (
    best_checkpoint,
    latest_checkpoint,
    list_checkpoints,
    load_checkpoint,
    load_model,
    read_meta,
    save_checkpoint,
)
from course_lib.errors import CourseError
from course_lib.messages import set_language
from course_lib.model import GPTModel
from course_lib.schedule import make_optimizer, make_scheduler
from course_lib.train import make_accelerator

CONFIG = dict(vocab_size=32, block_size=8, n_layer=1, n_head=2, n_embd=16)


def prepared(seed=0):
    """A tiny model, AdamW and schedule prepared by a fresh Accelerator, after one update (so AdamW has state)."""
    torch.manual_seed(seed)
    model = GPTModel(**CONFIG)
    accelerator = make_accelerator("fp32")
    optimizer = make_optimizer(model, 1e-2)
    scheduler = make_scheduler(optimizer, 2, 10)
    model, optimizer, scheduler = accelerator.prepare(model, optimizer, scheduler)
    x = torch.randint(0, 32, (2, 8))
    accelerator.backward(model(x, x)[1])
    optimizer.step()
    scheduler.step()
    optimizer.zero_grad()
    return accelerator, model, optimizer, scheduler


def config_of(model, sha="abc"):
    return {"model": dict(model.config), "tokenizer": {"vocab_size": 32, "sha256": sha}, "profile": {"name": "t"}}


def test_round_trip_restores_model_optimizer_scheduler_and_rng(tmp_path):
    accelerator, model, optimizer, scheduler = prepared()
    path = save_checkpoint(accelerator, tmp_path, 7, config_of(model), {"seed": 3}, val_loss=2.5)
    weights = {k: v.clone() for k, v in model.state_dict().items()}
    moments = optimizer.state_dict()["state"][0]["exp_avg"].clone()
    after_save = torch.rand(3)

    accelerator, model, optimizer, scheduler = prepared(seed=1)  # other weights, other optimizer state
    meta = load_checkpoint(accelerator, path, config_of(model))
    assert (meta["step"], meta["state"], meta["val_loss"]) == (7, {"seed": 3}, 2.5)
    assert all(torch.equal(v, weights[k]) for k, v in model.state_dict().items())
    assert model.lm_head.weight is model.tok_emb.weight  # still tied after loading
    assert torch.equal(optimizer.state_dict()["state"][0]["exp_avg"], moments)
    assert scheduler.scheduler.last_epoch == 1
    assert torch.equal(torch.rand(3), after_save)  # the RNG continues where it was at the save

    loaded = load_model(path, torch.device("cpu"))  # a torch.device works as well as a string
    assert not loaded.training and loaded.lm_head.weight is loaded.tok_emb.weight
    assert all(torch.equal(v, weights[k]) for k, v in loaded.state_dict().items())


def test_damaged_checkpoints_are_refused_with_a_clear_message(tmp_path):
    accelerator, model, _, _ = prepared()
    path = save_checkpoint(accelerator, tmp_path, 1, config_of(model))
    weights = path / "model.safetensors"
    data = bytearray(weights.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one flipped byte
    weights.write_bytes(bytes(data))
    with pytest.raises(CourseError) as raised:
        load_checkpoint(accelerator, path, config_of(model))
    assert raised.value.key == "train_ckpt_corrupt"
    assert str(path) in str(raised.value) and "model.safetensors" in str(raised.value)
    set_language("en")
    with pytest.raises(CourseError, match="SHA-256 of model.safetensors does not match"):
        read_meta(path)

    weights.unlink()
    with pytest.raises(CourseError, match="the file model.safetensors is missing"):
        read_meta(path)
    (path / "course_meta.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(CourseError, match="course_meta.json is missing or unreadable"):
        read_meta(path)


def test_a_checkpoint_of_another_model_or_tokenizer_is_refused(tmp_path):
    accelerator, model, _, _ = prepared()
    path = save_checkpoint(accelerator, tmp_path, 1, config_of(model))
    other_tokenizer = config_of(model, sha="def")
    with pytest.raises(CourseError) as raised:
        load_checkpoint(accelerator, path, other_tokenizer)
    assert raised.value.key == "train_ckpt_mismatch" and raised.value.values["field"] == "tokenizer.sha256"
    wider = config_of(model)
    wider["model"]["n_embd"] = 32
    set_language("en")
    with pytest.raises(CourseError, match="model.n_embd is 16 there but 32 now"):
        load_checkpoint(accelerator, path, wider)
    other_profile = config_of(model) | {"profile": {"name": "cpu"}}  # a new profile alone is fine
    assert load_checkpoint(accelerator, path, other_profile)["step"] == 1


def test_keeps_the_last_n_and_the_best_and_ignores_unfinished_saves(tmp_path):
    accelerator, model, _, _ = prepared()
    for step, val_loss in [(1, 3.0), (2, 1.0), (3, 2.0), (4, 2.5)]:
        save_checkpoint(accelerator, tmp_path, step, config_of(model), val_loss=val_loss, keep_last=2)
    assert [p.name for p in list_checkpoints(tmp_path)] == ["step_0000002", "step_0000003", "step_0000004"]
    assert best_checkpoint(tmp_path).name == "step_0000002"
    unfinished = tmp_path / "checkpoints" / ".tmp_step_0000005"
    unfinished.mkdir()
    (unfinished / "model.safetensors").write_bytes(b"half")
    assert latest_checkpoint(tmp_path).name == "step_0000004"
    save_checkpoint(accelerator, tmp_path, 4, config_of(model), val_loss=0.5, keep_last=2)  # the same step again
    assert not unfinished.exists()  # the next save clears what a killed one left
    assert [p.name for p in list_checkpoints(tmp_path)] == ["step_0000003", "step_0000004"]
    assert json.loads((tmp_path / "checkpoints" / "step_0000004" / "course_meta.json").read_text())["val_loss"] == 0.5
