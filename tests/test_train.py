"""The training loop: accumulation, NaN and out-of-memory handling, and the `train` command end to end."""

import os
import subprocess
import sys
import time
import weakref
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import torch
from safetensors.torch import load_file

from course_lib.checkpoint import latest_checkpoint, read_meta
from course_lib.data import ensure_prepared, get_batch
from course_lib.errors import CourseError
from course_lib.metrics import flops_per_token, peak_tflops, read_metrics
from course_lib.model import GPTModel
from course_lib.profiles import get_profile
from course_lib.schedule import lr_at
from course_lib.train import Trainer, estimate_loss, main, make_accelerator, plain_step, train_step

ROOT = Path(__file__).resolve().parents[1]
VOCAB, BLOCK = 32, 8


def small_profile(**changes):
    """The tiny profile shrunk further: a 1-layer model on 32 random token ids, evaluated every 2 steps."""
    values = dict(n_layer=1, n_head=2, n_embd=16, block_size=BLOCK, vocab_size=VOCAB, micro_batch=4, grad_accum=2,
                  max_steps=20, warmup_steps=2, eval_interval=2, eval_iters=2)
    return replace(get_profile("tiny", smoke=False), **values | changes)


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(0)
    tokens = rng.integers(0, VOCAB, 5000).astype(np.uint16)
    return {"train": tokens[:4000], "val": tokens[4000:]}


def model_for(profile, cls=GPTModel, seed=0):
    torch.manual_seed(seed)
    return cls(vocab_size=VOCAB, **profile.model_kwargs())


# --- one step -------------------------------------------------------------------------------------------------------

class CapturingSGD(torch.optim.SGD):
    """SGD that keeps a copy of the gradients it was asked to apply, and counts its real steps."""

    def step(self, closure=None):
        self.seen = [p.grad.clone() for group in self.param_groups for p in group["params"]]
        self.steps = getattr(self, "steps", 0) + 1
        return super().step(closure)


def test_four_micro_batches_of_four_give_the_gradient_of_one_batch_of_sixteen(data):
    model = GPTModel(VOCAB, BLOCK, n_layer=1, n_head=2, n_embd=16)
    reference = GPTModel(VOCAB, BLOCK, n_layer=1, n_head=2, n_embd=16)
    reference.load_state_dict(model.state_dict())
    x, y = get_batch(data["train"], 16, BLOCK, generator=torch.Generator().manual_seed(3))
    _, full_loss = reference(x, y)
    full_loss.backward()
    full = [p.grad for p in reference.parameters()]
    full_norm = torch.cat([g.flatten() for g in full]).norm().item()

    accelerator = make_accelerator("fp32", grad_accum=4)
    optimizer = CapturingSGD(model.parameters(), lr=0.1)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: lr_at(step, 1.0, 2, 10))
    model, optimizer, scheduler = accelerator.prepare(model, optimizer, scheduler)
    micro = iter([(x[i:i + 4], y[i:i + 4]) for i in range(0, 16, 4)])
    max_norm = full_norm / 2  # clipping must see the whole summed gradient, once
    loss, grad_norm = train_step(accelerator, model, optimizer, scheduler, lambda: next(micro), max_norm)

    assert loss == pytest.approx(full_loss.item(), rel=1e-6)  # equal micro-batches: the mean of means
    assert grad_norm == pytest.approx(full_norm, rel=1e-5)
    assert optimizer.optimizer.steps == 1
    for got, want in zip(optimizer.optimizer.seen, full):
        torch.testing.assert_close(got, want * max_norm / (full_norm + 1e-6), rtol=1e-4, atol=1e-7)
    assert scheduler.scheduler.last_epoch == 1  # once per optimizer step, not once per micro-batch
    micro = iter([(x[i:i + 4], y[i:i + 4]) for i in range(0, 16, 4)])
    train_step(accelerator, model, optimizer, scheduler, lambda: next(micro))
    assert (optimizer.optimizer.steps, scheduler.scheduler.last_epoch) == (2, 2)
    assert optimizer.param_groups[0]["lr"] == pytest.approx(0.1 * lr_at(2, 1.0, 2, 10))


@pytest.mark.skipif(torch.cuda.is_available(), reason="fp16 runs on a CUDA GPU")
def test_fp16_on_cpu_is_reported(capsys):
    accelerator = make_accelerator("fp16")
    assert not accelerator.native_amp
    assert "fp32" in capsys.readouterr().out
    assert make_accelerator("fp32").mixed_precision == "no"  # a notebook may switch back in the same kernel


def test_plain_step_learns_a_fixed_batch(data):
    torch.manual_seed(0)
    model = GPTModel(VOCAB, BLOCK, n_layer=1, n_head=2, n_embd=16)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-2)
    x, y = get_batch(data["train"], 8, BLOCK, generator=torch.Generator().manual_seed(0))
    losses = [plain_step(model, optimizer, x, y) for _ in range(30)]
    assert losses[-1] < losses[0] - 1.0
    assert all(p.grad is None for p in model.parameters())


def test_estimate_loss_is_repeatable_in_eval_mode(data):
    model = GPTModel(VOCAB, BLOCK, n_layer=1, n_head=2, n_embd=16, dropout=0.5).train()
    first = estimate_loss(model, data, eval_iters=3, batch_size=4, block_size=BLOCK)
    assert first == estimate_loss(model, data, eval_iters=3, batch_size=4, block_size=BLOCK)  # no dropout, same batches
    assert model.training and all(p.grad is None for p in model.parameters())
    assert first["perplexity"] == pytest.approx(np.exp(first["val"]))
    assert abs(first["val"] - np.log(VOCAB)) < 0.5  # an untrained model guesses uniformly


def test_peak_table_and_flops():
    assert peak_tflops("Tesla T4", "fp16") == 65.0
    assert peak_tflops("NVIDIA H100 PCIe", "bf16") == 756.0
    assert peak_tflops("NVIDIA H100 80GB HBM3", "bf16") == 989.0
    assert peak_tflops("NVIDIA GeForce RTX 2050", "bf16") == pytest.approx(12.1)
    assert peak_tflops("NVIDIA L40S", "fp16") is None  # not an L4
    assert peak_tflops("AMD Ryzen 7 5800H", "fp32") is None
    assert flops_per_token(n_params=100, n_layer=2, n_embd=8, block_size=4) == 6 * 100 + 12 * 2 * 8 * 4


# --- the Trainer ----------------------------------------------------------------------------------------------------

class NaNAtCall(GPTModel):
    """Returns a NaN loss on its 5th training forward pass (the first micro-batch of step 3)."""

    calls = 0

    def forward(self, idx, targets=None):
        logits, loss = super().forward(idx, targets)
        if self.training:
            self.calls += 1
            if self.calls == 5:
                loss = loss * float("nan")
        return logits, loss


def test_nan_loss_stops_with_advice_and_keeps_the_last_checkpoint(tmp_path, data):
    profile = small_profile()
    trainer = Trainer(model_for(profile, NaNAtCall), data, profile, tmp_path)
    with pytest.raises(CourseError) as raised:
        trainer.fit(10)
    assert raised.value.key == "train_nan" and raised.value.values["step"] == 3
    good = tmp_path / "checkpoints" / "step_0000002"
    assert str(good) in str(raised.value) and "fp16" in str(raised.value)
    assert latest_checkpoint(tmp_path) == good and read_meta(good)["step"] == 2
    saved = load_file(good / "model.safetensors")
    current = trainer.raw_model.state_dict()
    assert all(torch.equal(saved[name], current[name]) for name in saved)  # no NaN update reached the weights
    assert [r["step"] for r in read_metrics(tmp_path)] == [1, 2]
    assert (tmp_path / "loss.png").is_file()


class OOMAbove(GPTModel):
    """Raises CUDA's out-of-memory error for training micro-batches larger than ``limit``."""

    limit = 2

    def forward(self, idx, targets=None):
        if self.training and idx.shape[0] > self.limit:
            raise torch.cuda.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")
        return super().forward(idx, targets)


def test_out_of_memory_halves_the_micro_batch_and_keeps_the_effective_batch(tmp_path, data, capsys):
    profile = small_profile(micro_batch=8, grad_accum=2)
    trainer = Trainer(model_for(profile, OOMAbove), data, profile, tmp_path / "oom")
    trainer.fit(3)
    out = capsys.readouterr().out
    assert "8 → 4" in out and "4 → 2" in out and "16" in out
    records = read_metrics(tmp_path / "oom")
    assert {(r["micro_batch"], r["grad_accum"]) for r in records} == {(2, 8)}

    direct = small_profile(micro_batch=2, grad_accum=8)  # what the run fell back to, from the start
    Trainer(model_for(direct), data, direct, tmp_path / "direct", schedule_steps=20).fit(3)
    direct_losses = [r["loss"] for r in read_metrics(tmp_path / "direct")]
    assert [r["loss"] for r in records] == pytest.approx(direct_losses, rel=1e-6)  # same batches, same updates


def test_out_of_memory_at_micro_batch_one_is_a_clear_error(tmp_path, data):
    profile = small_profile()
    model = model_for(profile, OOMAbove)
    model.limit = 0
    with pytest.raises(CourseError) as raised:
        Trainer(model, data, profile, tmp_path).fit(2)
    assert raised.value.key == "train_oom_fatal"


def test_a_used_out_dir_needs_resume(tmp_path, data):
    profile = small_profile()
    Trainer(model_for(profile), data, profile, tmp_path).fit(2)
    with pytest.raises(CourseError) as raised:
        Trainer(model_for(profile), data, profile, tmp_path)
    assert raised.value.key == "train_out_dir_used"
    resumed = Trainer(model_for(profile), data, profile, tmp_path, resume=True)
    assert resumed.step == 2


def test_close_frees_the_model_and_optimizer(tmp_path, data):
    profile = small_profile()
    model = model_for(profile)
    alive = weakref.ref(model)
    trainer = Trainer(model, data, profile, tmp_path)
    trainer.fit(1)
    del model
    trainer.close()
    assert alive() is None and trainer.model is None and trainer.optimizer is None
    assert latest_checkpoint(tmp_path) is not None  # what was saved stays on disk


# --- the command ----------------------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def course_data(tmp_path_factory):
    """One data folder for every command run of the session (the tiny tokenizer is trained once)."""
    return tmp_path_factory.getbasetemp() / "course_data"


def command_env(course_data, **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("COURSE_")}
    settings = {"COURSE_DATA_DIR": str(course_data), "COURSE_SMOKE": "0", "COURSE_LANG": "en",
                "OMP_NUM_THREADS": "1",  # tiny models gain nothing from more threads, and the machine is shared
                "CUDA_VISIBLE_DEVICES": ""}  # CPU: bit-identical kernels, and gloo for two processes
    return env | settings | extra


def train_command(course_data, *args, **env):
    """Start `python -m course_lib.train --profile tiny ARGS` in a fresh process."""
    return subprocess.Popen([sys.executable, "-m", "course_lib.train", "--profile", "tiny", "--lang", "en", *args],
                            cwd=ROOT, env=command_env(course_data, **env), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)


def finish(process, timeout=120):
    out, _ = process.communicate(timeout=timeout)
    assert process.returncode == 0, out
    return out


@pytest.mark.slow
def test_command_runs_and_resumes_bit_identically_in_a_fresh_process(tmp_path, course_data):
    out = finish(train_command(course_data, "--max-steps", "20", "--out-dir", str(tmp_path / "whole")))
    finish(train_command(course_data, "--max-steps", "10", "--out-dir", str(tmp_path / "split")))
    finish(train_command(course_data, "--resume", "--max-steps", "20", "--out-dir", str(tmp_path / "split")))

    records = read_metrics(tmp_path / "whole")
    assert [r["step"] for r in records] == list(range(1, 21))
    assert all({"loss", "lr", "tokens_per_s", "mfu", "mem_gib"} <= set(r) for r in records)
    assert records[-1]["val_loss"] < records[0]["loss"]
    assert (tmp_path / "whole" / "loss.png").stat().st_size > 1000
    assert latest_checkpoint(tmp_path / "whole").name == "step_0000020"
    assert "A few lines written by the model:" in out

    resumed = read_metrics(tmp_path / "split")
    assert [r["step"] for r in resumed] == list(range(1, 21))
    assert [r["loss"] for r in resumed] == [r["loss"] for r in records]  # bit-identical, not approximately
    assert [r["lr"] for r in resumed] == [r["lr"] for r in records]


@pytest.mark.slow
def test_sigkill_during_a_save_leaves_the_previous_checkpoint_loadable(tmp_path, course_data, monkeypatch):
    marker = tmp_path / "inside_save"
    hook = (  # the save of step 8 stops after accelerate wrote its files and before it is published
        "import os, sys, time\n"
        "import course_lib.checkpoint as c\n"
        "write = c._write_meta\n"
        "def slow(folder, meta):\n"
        "    if meta['step'] == 8:\n"
        f"        open({str(marker)!r}, 'w').close()\n"
        "        time.sleep(120)\n"
        "    write(folder, meta)\n"
        "c._write_meta = slow\n"
        "from course_lib.train import main\n"
        "main(sys.argv[1:])\n"
    )
    out_dir = tmp_path / "run"
    args = ["--profile", "tiny", "--max-steps", "8", "--out-dir", str(out_dir)]
    process = subprocess.Popen([sys.executable, "-c", hook, *args], cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env=command_env(course_data, COURSE_SMOKE="1"))
    try:
        for _ in range(1200):
            if marker.exists() or process.poll() is not None:
                break
            time.sleep(0.1)
        assert marker.exists(), "the run never reached the save of step 8"
    finally:
        process.kill()  # SIGKILL
        process.wait()
    assert (out_dir / "checkpoints" / ".tmp_step_0000008" / "model.safetensors").is_file()  # killed mid-save
    assert latest_checkpoint(out_dir).name == "step_0000004"
    assert read_meta(latest_checkpoint(out_dir))["step"] == 4

    monkeypatch.setenv("COURSE_DATA_DIR", str(course_data))
    trainer = main(["--profile", "tiny", "--max-steps", "6", "--out-dir", str(out_dir), "--resume"])  # continues
    assert trainer.step == 6
    assert not (out_dir / "checkpoints" / ".tmp_step_0000008").exists()


def launch(course_data, launcher, *args):
    """Run ``python -m course_lib.train --profile tiny ARGS`` in two CPU processes (gloo) under ``launcher``."""
    bin_dir = Path(sys.executable).parent
    starts = {"torchrun": [str(bin_dir / "torchrun"), "--standalone", "--nproc_per_node", "2"],
              "accelerate": [str(bin_dir / "accelerate"), "launch", "--multi_gpu", "--num_processes", "2",
                             "--num_machines", "1", "--mixed_precision", "no", "--dynamo_backend", "no"]}
    command = [*starts[launcher], "-m", "course_lib.train", "--profile", "tiny", "--lang", "en", *args]
    result = subprocess.run(command, cwd=ROOT, env=command_env(course_data), capture_output=True, text=True,
                            timeout=180)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.mark.slow
def test_two_processes_train_what_one_process_with_the_whole_batch_trains(tmp_path, course_data, monkeypatch):
    run = tmp_path / "two"
    out = launch(course_data, "torchrun", "--max-steps", "3", "--schedule-steps", "6", "--out-dir", str(run))
    assert "2 process(es)" in out and out.count("A few lines written by the model:") == 1  # the main process prints
    out = launch(course_data, "accelerate", "--resume", "--max-steps", "6", "--out-dir", str(run))
    assert "step 3" in out  # resumed, under the other launcher
    names = {p.name for p in latest_checkpoint(run).iterdir()}
    assert {"random_states_0.pkl", "random_states_1.pkl", "model.safetensors", "course_meta.json"} <= names
    assert sorted(p.name for p in (run / "checkpoints").iterdir()) == ["step_0000003", "step_0000006"]
    two = read_metrics(run)
    assert [r["step"] for r in two] == [1, 2, 3, 4, 5, 6]  # one metrics file, written by the main process
    assert [p.name for p in run.rglob("metrics*")] == ["metrics.jsonl"]  # and no second one beside it

    monkeypatch.setenv("COURSE_DATA_DIR", str(course_data))  # the same token files, in this process
    tiny = get_profile("tiny", smoke=False)
    prepared = ensure_prepared(tiny)
    one = replace(tiny, micro_batch=2 * tiny.micro_batch)  # one process, the batch of both
    torch.manual_seed(0)
    model = GPTModel(vocab_size=prepared.vocab_size, **one.model_kwargs())
    Trainer(model, {"train": prepared.train, "val": prepared.val}, one, tmp_path / "one", schedule_steps=6).fit(6)
    single = read_metrics(tmp_path / "one")
    assert [r["loss"] for r in two] == pytest.approx([r["loss"] for r in single], rel=2e-5)
    assert [r["lr"] for r in two] == pytest.approx([r["lr"] for r in single], rel=1e-12)
    assert two[-1]["val_loss"] == pytest.approx(single[-1]["val_loss"], rel=2e-5)
