"""GPU-only (run by `make gpu-check`, skipped on CPU): the Trainer in fp16 with a real GradScaler — two steps, save,
resume; and a bf16 checkpoint, which has no scaler.pt, resumed in fp16 with a fresh loss scale."""

from dataclasses import replace

import numpy as np
import pytest
import torch
from accelerate.utils import SCALER_NAME

from course_lib.checkpoint import read_meta
from course_lib.messages import set_language, t
from course_lib.model import GPTModel
from course_lib.profiles import PROFILES
from course_lib.train import Trainer

pytestmark = [pytest.mark.gpu, pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")]
VOCAB, BLOCK = 32, 8


def cuda_profile(precision: str):
    """A 1-layer model on 32 token ids in ``precision``, evaluated every 2 steps."""
    return replace(PROFILES["tiny"], n_layer=1, n_head=2, n_embd=16, block_size=BLOCK, vocab_size=VOCAB, micro_batch=4,
                   grad_accum=2, precision=precision, max_steps=8, warmup_steps=2, eval_interval=2, eval_iters=2)


@pytest.fixture(scope="module")
def data():
    tokens = np.random.default_rng(0).integers(0, VOCAB, 5000).astype(np.uint16)
    return {"train": tokens[:4000], "val": tokens[4000:]}


def trainer_for(profile, data, out_dir, seed=0, resume=False) -> Trainer:
    """A Trainer on a fresh model (initial weights from ``seed``)."""
    torch.manual_seed(seed)
    return Trainer(GPTModel(vocab_size=VOCAB, **profile.model_kwargs()), data, profile, out_dir, resume=resume)


def cpu_weights(trainer: Trainer) -> dict[str, torch.Tensor]:
    """A CPU copy of the trainer's weights."""
    return {name: value.detach().cpu().clone() for name, value in trainer.raw_model.state_dict().items()}


def test_fp16_trains_two_steps_saves_and_resumes_where_it_stopped(tmp_path, data):
    profile = cuda_profile("fp16")
    trainer = trainer_for(profile, data, tmp_path)
    assert trainer.accelerator.device.type == "cuda" and trainer.accelerator.scaler is not None  # a real GradScaler
    trainer.fit(2)
    assert trainer.step == 2
    path = trainer.save()
    scale, weights = trainer.accelerator.scaler.get_scale(), cpu_weights(trainer)
    trainer.close()
    assert (path / SCALER_NAME).is_file() and read_meta(path)["precision"] == "fp16"

    resumed = trainer_for(profile, data, tmp_path, seed=1, resume=True)  # other initial weights: all come from disk
    assert resumed.step == 2 and resumed.accelerator.scaler.get_scale() == scale
    assert all(torch.equal(value, weights[name]) for name, value in cpu_weights(resumed).items())
    resumed.fit(4)
    assert resumed.step == 4 and all(torch.isfinite(v).all() for v in cpu_weights(resumed).values())
    resumed.close()


@pytest.mark.skipif(torch.cuda.is_available() and not torch.cuda.is_bf16_supported(), reason="no bf16 on this GPU")
def test_a_bf16_checkpoint_resumes_in_fp16_with_a_fresh_loss_scale(tmp_path, data, capsys):
    trainer = trainer_for(cuda_profile("bf16"), data, tmp_path)
    assert trainer.accelerator.scaler is None
    trainer.fit(2)
    path, weights = trainer.save(), cpu_weights(trainer)
    trainer.close()
    assert not (path / SCALER_NAME).exists() and read_meta(path)["precision"] == "bf16"

    set_language("en")
    capsys.readouterr()
    resumed = trainer_for(cuda_profile("fp16"), data, tmp_path, seed=1, resume=True)
    out = capsys.readouterr().out
    scaler = resumed.accelerator.scaler
    assert t("train_ckpt_precision_changed", saved="bf16", now="fp16") in out
    assert t("train_ckpt_fresh_scale", scale=f"{scaler.get_scale():g}") in out
    assert resumed.step == 2 and all(torch.equal(v, weights[k]) for k, v in cpu_weights(resumed).items())
    resumed.fit(4)  # fp16 steps with the fresh scale: the GradScaler path
    assert resumed.step == 4
    last = resumed.save()
    resumed.close()
    assert (last / SCALER_NAME).is_file() and read_meta(last)["precision"] == "fp16"
