"""The training loop at real-world edges: resuming across precisions, fp16's GradScaler (OOM retry, skipped steps,
a stuck scale), one host-device sync per step, memory figures, and a train command that refuses wrong arguments.

A CPU has no fp16 GradScaler in accelerate, so ``cpu_fp16`` forces the same code path: accelerate's fp16 autocast
and a ``torch.amp.GradScaler("cpu")`` handed to the Accelerator, exactly where accelerate puts the CUDA one.
"""

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import torch

import course_lib.checkpoint as checkpoint_module
import course_lib.train as train_module
from course_lib.checkpoint import latest_checkpoint, load_model, read_meta, save_checkpoint
from course_lib.data import get_batch
from course_lib.errors import CourseError
from course_lib.metrics import memory_gib, read_metrics, reset_peak_memory
from course_lib.model import GPTModel
from course_lib.profiles import get_profile
from course_lib.train import MAX_SKIPPED_IN_A_ROW, Trainer, main, make_accelerator, train_step

ROOT = Path(__file__).resolve().parents[1]
VOCAB, BLOCK = 32, 8


def small_profile(**changes):
    values = dict(n_layer=1, n_head=2, n_embd=16, block_size=BLOCK, vocab_size=VOCAB, micro_batch=4, grad_accum=2,
                  max_steps=20, warmup_steps=2, eval_interval=2, eval_iters=2, precision="fp32")
    return replace(get_profile("tiny", smoke=False), **values | changes)


@pytest.fixture(scope="module")
def data():
    tokens = np.random.default_rng(0).integers(0, VOCAB, 5000).astype(np.uint16)
    return {"train": tokens[:4000], "val": tokens[4000:]}


def new_model(profile, seed=0):
    torch.manual_seed(seed)
    return GPTModel(vocab_size=VOCAB, **profile.model_kwargs())


@pytest.fixture
def cpu_fp16(monkeypatch):
    """Make ``make_accelerator("fp16")`` run accelerate's fp16 path on the CPU; → a dict to set ``init_scale``."""
    settings = {"init_scale": 2.0**16}  # GradScaler's default
    real = train_module.make_accelerator

    def forced(precision, grad_accum=1):
        accelerator = real(precision, grad_accum)
        if precision == "fp16":
            accelerator.native_amp = True  # accelerate: autocast(float16) in prepare_model, unscale in clip_grad_norm_
            accelerator.scaler = torch.amp.GradScaler("cpu", init_scale=settings["init_scale"])
        return accelerator

    monkeypatch.setattr(train_module, "make_accelerator", forced)
    return settings


def weights(trainer):
    return {name: p.detach().clone() for name, p in trainer.raw_model.named_parameters()}


# --- item 1: resume across precisions -------------------------------------------------------------------------------

def test_an_fp32_checkpoint_resumes_in_fp16_with_a_fresh_loss_scale(tmp_path, data, cpu_fp16, capsys):
    fp32 = small_profile()
    Trainer(new_model(fp32), data, fp32, tmp_path).fit(2)
    saved = latest_checkpoint(tmp_path)
    assert read_meta(saved)["precision"] == "fp32" and not (saved / "scaler.pt").exists()
    capsys.readouterr()

    fp16 = small_profile(precision="fp16")
    trainer = Trainer(new_model(fp16, seed=1), data, fp16, tmp_path, resume=True)  # was: "checkpoint damaged"
    out = capsys.readouterr().out
    assert "fp32" in out and "fp16" in out and "scaler.pt" in out and "zədələnməyib" in out
    assert trainer.step == 2 and trainer.accelerator.scaler.get_scale() == 2.0**16
    trainer.fit(4)
    assert read_meta(latest_checkpoint(tmp_path))["precision"] == "fp16"
    assert (latest_checkpoint(tmp_path) / "scaler.pt").is_file()


def test_an_fp16_checkpoint_resumes_in_fp32_and_says_so(tmp_path, data, cpu_fp16, capsys):
    fp16 = small_profile(precision="fp16")
    Trainer(new_model(fp16), data, fp16, tmp_path).fit(2)
    capsys.readouterr()
    fp32 = small_profile()
    trainer = Trainer(new_model(fp32), data, fp32, tmp_path, resume=True)
    assert "fp16" in capsys.readouterr().out
    assert trainer.fit(4) is not None


def test_a_real_damage_is_still_refused(tmp_path, data):
    profile = small_profile()
    Trainer(new_model(profile), data, profile, tmp_path).fit(2)
    (latest_checkpoint(tmp_path) / "optimizer.bin").write_bytes(b"garbage")
    with pytest.raises(CourseError) as raised:
        Trainer(new_model(profile), data, profile, tmp_path, resume=True)
    assert raised.value.key == "train_ckpt_corrupt"


# --- item 2: out of memory inside the fp16 optimizer step -----------------------------------------------------------

def test_out_of_memory_inside_the_fp16_optimizer_step_retries_cleanly(tmp_path, data, cpu_fp16, capsys):
    profile = small_profile(precision="fp16", micro_batch=4, grad_accum=2)
    trainer = Trainer(new_model(profile), data, profile, tmp_path)
    scaler = trainer.accelerator.scaler
    real_step, calls = scaler.step, []

    def oom_once(optimizer, *args, **kwargs):  # after clip_grad_norm_ unscaled the gradients
        calls.append(1)
        if len(calls) == 1:
            raise torch.cuda.OutOfMemoryError("CUDA out of memory. Tried to allocate 1.50 GiB")
        return real_step(optimizer, *args, **kwargs)

    scaler.step = oom_once
    trainer.fit(3)  # was: RuntimeError "unscale_() has already been called on this optimizer"
    assert "4 → 2" in capsys.readouterr().out
    records = read_metrics(tmp_path)
    assert [r["step"] for r in records] == [1, 2, 3]
    assert {(r["micro_batch"], r["grad_accum"]) for r in records} == {(2, 4)}
    assert not any(r["skipped"] for r in records)


# --- item 3: skipped fp16 steps -------------------------------------------------------------------------------------

def test_skipped_fp16_steps_are_logged_and_the_schedule_waits(tmp_path, data, cpu_fp16, capsys):
    cpu_fp16["init_scale"] = 2.0**25  # too large: the first steps overflow until the scaler has halved enough
    profile = small_profile(precision="fp16")
    trainer = Trainer(new_model(profile), data, profile, tmp_path)
    before = weights(trainer)
    trainer.fit(12)
    records = read_metrics(tmp_path)
    skipped = [r["step"] for r in records if r["skipped"]]
    assert skipped[:3] == [1, 2, 3] and len(skipped) < 12  # the first steps overflow, later ones train
    assert all(records[i - 1]["grad_norm"] is None for i in skipped)
    assert all(r["grad_norm"] is not None for r in records if not r["skipped"])
    assert trainer.scheduler.scheduler.last_epoch == 12 - len(skipped)  # the schedule counts real updates only
    assert trainer.accelerator.scaler.get_scale() == 2.0**(25 - len(skipped))  # halved once per skip, no growth yet
    assert "buraxıldı" in capsys.readouterr().out
    assert any(not torch.equal(before[n], p) for n, p in weights(trainer).items())


def test_a_stuck_loss_scale_stops_the_run(tmp_path, data, cpu_fp16):
    cpu_fp16["init_scale"] = 2.0**120  # would need ~100 halvings: no step can succeed for a long time
    profile = small_profile(precision="fp16", eval_interval=100)
    trainer = Trainer(new_model(profile), data, profile, tmp_path)
    before = weights(trainer)
    with pytest.raises(CourseError) as raised:
        trainer.fit(50)
    assert raised.value.key == "train_skips_stuck" and raised.value.values["n"] == MAX_SKIPPED_IN_A_ROW
    assert "bf16" in str(raised.value) and "fp32" in str(raised.value)
    assert all(torch.equal(before[n], p) for n, p in weights(trainer).items())  # nothing was applied
    assert len(read_metrics(tmp_path)) == MAX_SKIPPED_IN_A_ROW


# --- item 4: one host-device sync per optimizer step ----------------------------------------------------------------

def test_one_host_device_sync_per_optimizer_step(monkeypatch, data):
    torch.manual_seed(0)
    model = GPTModel(VOCAB, BLOCK, n_layer=1, n_head=2, n_embd=16)
    accelerator = make_accelerator("fp32", grad_accum=4)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)  # AdamW's CPU step reads its counters with .item()
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: 1.0)
    model, optimizer, scheduler = accelerator.prepare(model, optimizer, scheduler)
    generator = torch.Generator().manual_seed(0)
    batches = iter([get_batch(data["train"], 2, BLOCK, generator=generator) for _ in range(4)])  # made before
    syncs = []

    def counted(name, real):
        def read(self, *args, **kwargs):
            caller = Path(sys._getframe(1).f_code.co_filename).name
            if caller != "model.py":  # the model reads token ids on the host only for CPU tensors (free there)
                syncs.append(name)
            return real(self, *args, **kwargs)
        return read

    for name in ("item", "tolist", "__bool__", "__float__", "__int__"):  # every way a value reaches Python
        monkeypatch.setattr(torch.Tensor, name, counted(name, getattr(torch.Tensor, name)))
    loss, grad_norm = train_step(accelerator, model, optimizer, scheduler, lambda: next(batches))
    monkeypatch.undo()
    assert syncs == ["tolist"], syncs  # was: a bool() of isfinite per micro-batch and .item() twice
    assert np.isfinite(loss) and np.isfinite(grad_norm)


class NaNOnSecondCall(GPTModel):
    """Returns a NaN loss on its second training forward pass: a later micro-batch of the first step."""

    calls = 0

    def forward(self, idx, targets=None):
        logits, loss = super().forward(idx, targets)
        self.calls += 1
        return logits, loss * float("nan") if self.calls == 2 else loss


def test_a_nan_loss_in_a_later_micro_batch_still_leaves_the_weights_alone(data):
    torch.manual_seed(0)
    model = NaNOnSecondCall(VOCAB, BLOCK, n_layer=1, n_head=2, n_embd=16)
    before = {n: p.detach().clone() for n, p in model.named_parameters()}
    accelerator = make_accelerator("fp32", grad_accum=3)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: 1.0)
    model, optimizer, scheduler = accelerator.prepare(model, optimizer, scheduler)
    generator = torch.Generator().manual_seed(0)
    with pytest.raises(train_module.NonFiniteLoss):
        train_step(accelerator, model, optimizer, scheduler, lambda: get_batch(data["train"], 2, BLOCK,
                                                                               generator=generator))
    assert all(torch.equal(before[n], p) for n, p in model.named_parameters())
    assert all(p.grad is None for p in model.parameters()) and accelerator.step == 0
    assert scheduler.scheduler.last_epoch == 0


# --- item 5: memory figures ------------------------------------------------------------------------------------------

def test_memory_figures_are_reset_per_run_and_per_micro_batch(monkeypatch, tmp_path, data):
    resets = []
    monkeypatch.setattr(train_module, "reset_peak_memory", lambda device: resets.append(device.type))
    profile = small_profile()
    Trainer(new_model(profile), data, profile, tmp_path / "a").fit(1)
    Trainer(new_model(profile), data, profile, tmp_path / "b").fit(1)
    assert resets == ["cpu", "cpu"]  # one at the start of every run
    records = read_metrics(tmp_path / "b")
    assert {"mem_gib", "mem_reserved_gib"} <= set(records[0])


def test_memory_gib_reads_allocated_and_reserved(monkeypatch):
    monkeypatch.setattr(torch.cuda, "max_memory_allocated", lambda device: 3 * 2**30)
    monkeypatch.setattr(torch.cuda, "max_memory_reserved", lambda device: 4 * 2**30)
    reset = []
    monkeypatch.setattr(torch.cuda, "reset_peak_memory_stats", lambda device: reset.append(device))
    assert memory_gib(torch.device("cuda", 0)) == (3.0, 4.0)
    assert memory_gib(torch.device("cpu")) == (None, None)
    reset_peak_memory(torch.device("cpu"))
    reset_peak_memory(torch.device("cuda", 0))
    assert reset == [torch.device("cuda", 0)]


# --- item 6 (library part): load_model reads to the CPU and moves once -----------------------------------------------

def test_load_model_reads_to_cpu_then_moves_to_the_course_device(monkeypatch, tmp_path):
    torch.manual_seed(0)
    model = GPTModel(VOCAB, BLOCK, n_layer=1, n_head=2, n_embd=16)
    accelerator = make_accelerator("fp32")
    model = accelerator.prepare(model)
    config = {"model": dict(model.config), "tokenizer": {"vocab_size": VOCAB}}
    path = save_checkpoint(accelerator, tmp_path, 1, config)
    read_to = []
    real = checkpoint_module.load_safetensors
    monkeypatch.setattr(checkpoint_module, "load_safetensors",
                        lambda m, f, device: (read_to.append(device), real(m, f, device=device))[1])
    monkeypatch.setattr(checkpoint_module, "device_type", lambda: "cpu")
    loaded = load_model(path)
    assert read_to == ["cpu"] and not loaded.training
    assert all(torch.equal(a, b) for a, b in zip(loaded.state_dict().values(), model.state_dict().values()))


# --- item 13: the train command refuses wrong arguments --------------------------------------------------------------

@pytest.mark.parametrize("args, words", [
    (["--max-steps", "0"], ["'0'", "müsbət tam ədəd"]),
    (["--max-steps", "-5"], ["'-5'", "müsbət tam ədəd"]),
    (["--max-steps", "beş"], ["'beş'", "müsbət tam ədəd"]),
    (["--schedule-steps", "0"], ["'0'", "müsbət tam ədəd"]),
    (["--lr=-1e-3"], ["'-1e-3'", "müsbət ədəd"]),
    (["--lr"], ["--lr", "bir qiymət gözlənilir"]),
    (["--lang", "tr"], ["'tr'", "az"]),
    (["--steps", "5"], ["belə arqument yoxdur: --steps 5"]),
    (["--lr", "nan"], ["'nan'", "müsbət ədəd"]),
    (["--seed", "-1"], ["'-1'", "toxum"]),
    (["--profile", "t5"], ["'t5'", "tiny, cpu, gpu4gb, t4"]),
    (["--corpus", "yoxdur.txt"], ["yoxdur.txt"]),
])
def test_wrong_arguments_exit_with_one_clear_message_and_write_nothing(args, words, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as raised:
        main(["--profile", "tiny", "--out-dir", str(tmp_path / "run"), *args])
    assert raised.value.code == 2
    err = capsys.readouterr().err
    assert "səhv arqument" in err and "Heç nə yazılmadı" in err and "Traceback" not in err
    assert all(word in err for word in words), err
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no data folder, no run folder


def test_an_out_dir_that_is_a_file_is_refused_before_anything_is_written(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path / "data"))
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(CourseError) as raised:
        main(["--profile", "tiny", "--out-dir", str(tmp_path / "notes.txt"), "--lang", "en"])
    assert raised.value.key == "train_out_dir_file" and "is a file" in str(raised.value)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert not (tmp_path / "data").exists()


def test_the_command_exits_non_zero_in_the_learners_language(tmp_path):
    env = {"COURSE_DATA_DIR": str(tmp_path / "data"), "PATH": "/usr/bin:/bin", "OMP_NUM_THREADS": "1"}
    result = subprocess.run([sys.executable, "-m", "course_lib.train", "--lang", "en", "--max-steps", "0"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "wrong argument" in result.stderr and "'0' will not do" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "data").exists()


# --- what the Trainer does once, before training ---------------------------------------------------------------------

def test_the_trainer_refuses_data_with_ids_beyond_the_models_vocabulary(tmp_path, data):
    profile = small_profile()
    torch.manual_seed(0)
    small = GPTModel(vocab_size=VOCAB // 2, **profile.model_kwargs())  # ids go up to VOCAB - 1
    with pytest.raises(CourseError) as raised:
        Trainer(small, data, profile, tmp_path)
    assert raised.value.key == "data_ids_model" and not (tmp_path / "checkpoints").exists()


def test_the_trainer_trains_with_one_tied_gradient_on_cpu(tmp_path, data, monkeypatch):
    from course_lib.tied_grad import uses_tied_gradient

    profile = small_profile()
    trainer = Trainer(new_model(profile), data, profile, tmp_path / "tied")
    assert uses_tied_gradient(trainer.raw_model)
    trainer.fit(3)
    monkeypatch.setattr(train_module, "use_tied_gradient", lambda model: model)  # the plain model, as in Day 17
    plain = Trainer(new_model(profile), data, profile, tmp_path / "plain")
    assert not uses_tied_gradient(plain.raw_model)
    plain.fit(3)
    assert [r["loss"] for r in read_metrics(tmp_path / "tied")] == pytest.approx(
        [r["loss"] for r in read_metrics(tmp_path / "plain")], rel=1e-5)


def test_save_when_improved_writes_only_better_checkpoints_and_the_last(tmp_path, data, monkeypatch):
    profile = small_profile(eval_interval=1)
    trainer = Trainer(new_model(profile), data, profile, tmp_path, save_when_improved=True, keep_last=100)
    losses = iter([3.0, 2.0, 2.5, 2.6, 1.5, 1.9])  # the validation loss of steps 1…6
    monkeypatch.setattr(trainer, "evaluate", lambda: {"train": 0.0, "val": next(losses), "perplexity": 1.0})
    trainer.fit(6)
    saved = sorted(p.name for p in (tmp_path / "checkpoints").iterdir())
    assert saved == ["step_0000001", "step_0000002", "step_0000005", "step_0000006"]
    assert len([r for r in read_metrics(tmp_path) if "val_loss" in r]) == 6  # every evaluation is still logged
