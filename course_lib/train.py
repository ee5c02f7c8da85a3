"""Days 23–28: the training loop — one loop for the notebooks and for ``python -m course_lib.train``.

Day 23 steps by hand with ``plain_step``. From Day 25 on, ``train_step`` is one optimizer step the accelerate way
(mixed precision, gradient accumulation), and ``Trainer`` runs it step after step with evaluation (Day 27),
metrics, a progress bar and checkpoints (Day 28). All step counts are optimizer steps: one step = ``grad_accum``
micro-batches = ``micro_batch × grad_accum`` sequences.
"""

import argparse
import gc
import json
import math
import shutil
import time
from dataclasses import asdict
from pathlib import Path

import numpy as np
import torch
from accelerate import Accelerator
from accelerate.state import AcceleratorState, GradientState, PartialState
from accelerate.utils import DataLoaderConfiguration, find_executable_batch_size
from torch import nn
from tqdm.auto import tqdm

from course_lib.checkpoint import (
    check_compatible,
    file_sha256,
    latest_checkpoint,
    list_checkpoints,
    read_meta,
    restore_state,
    save_checkpoint,
)
from course_lib.cli import (
    ArgumentParser,
    choose_language,
    existing_path,
    positive_float,
    positive_int,
    profile_name,
    run_command,
    seed,
)
from course_lib.corpus import load_hf_documents
from course_lib.data import TOKENIZER_FILE, check_vocab, ensure_prepared, get_batch, prepare
from course_lib.device import detect, device_type
from course_lib.errors import CourseError
from course_lib.generate import generate
from course_lib.messages import LANGUAGES, get_language, t
from course_lib.metrics import (
    METRICS,
    flops_per_token,
    memory_gib,
    peak_tflops,
    plot_metrics,
    read_metrics,
    reset_peak_memory,
)
from course_lib.model import GPTModel
from course_lib.paths import runs_dir, shown
from course_lib.profiles import Profile, get_profile
from course_lib.schedule import make_optimizer, make_scheduler
from course_lib.setup import apply_memory_cap, profile_line
from course_lib.tied_grad import use_tied_gradient
from course_lib.tokenizer import decode

MIXED_PRECISION = {"fp32": "no", "fp16": "fp16", "bf16": "bf16"}  # profile precision → accelerate's name
MAX_SKIPPED_IN_A_ROW = 20  # fp16 steps skipped one after another before the run stops: the scale is stuck

# --- the steps ------------------------------------------------------------------------------------------------------

class NonFiniteLoss(CourseError):
    """The loss of a micro-batch is NaN or infinite; raised before backward, so the weights stay untouched."""

    def __init__(self, loss: float):
        self.loss = loss
        super().__init__("train_nan_short", loss=loss)


def plain_step(model: nn.Module, optimizer: torch.optim.Optimizer, x: torch.Tensor, y: torch.Tensor) -> float:
    """Day 23: one step of plain PyTorch: forward, loss, backward, update, zero the gradients; returns the loss."""
    loss = model(x, y)[1]  # x, y: (B, T) token ids → loss: a scalar (the logits are not kept alive)
    loss.backward()  # d loss / d every parameter, into .grad
    optimizer.step()  # the update
    optimizer.zero_grad(set_to_none=True)  # .grad would otherwise add up over steps
    return loss.item()


def make_accelerator(precision: str, grad_accum: int = 1) -> Accelerator:
    """Day 25: an Accelerator for a precision ("fp32", "fp16", "bf16") and accumulation; says when fp16 cannot run."""
    if AcceleratorState._shared_state and PartialState().num_processes == 1:  # a notebook making a new one
        AcceleratorState._reset_state()  # accelerate keeps one shared state: start clean, with the new settings
        GradientState._reset_state()
    accelerator = Accelerator(
        cpu=device_type() == "cpu",  # also lets `accelerate launch --multi_gpu` run CPU processes over gloo
        mixed_precision=MIXED_PRECISION[precision],
        gradient_accumulation_steps=grad_accum,
        # with split_batches a prepared scheduler steps once per optimizer step, whatever the number of processes
        dataloader_config=DataLoaderConfiguration(split_batches=True),
    )
    if precision != "fp32" and not accelerator.native_amp:  # e.g. fp16 on a CPU: accelerate runs fp32 silently
        accelerator.print(t("train_fp16_ignored", precision=precision, device=accelerator.device.type))
    return accelerator


def train_step(accelerator: Accelerator, model: nn.Module, optimizer, scheduler, next_batch,
               max_grad_norm: float = 1.0) -> tuple[float, float]:
    """Day 25: one optimizer step from ``gradient_accumulation_steps`` micro-batches; → (mean loss, gradient norm).

    ``model``, ``optimizer`` and ``scheduler`` come from ``accelerator.prepare``; ``next_batch()`` returns (x, y).
    A gradient norm that is not finite means the step was skipped: no update, the scheduler stays where it is (fp16:
    the GradScaler's scale was too large, and it lowers it). A loss that is not finite raises NonFiniteLoss.
    """
    n_micro = accelerator.gradient_accumulation_steps
    total = torch.zeros((), device=accelerator.device)
    skipped = False
    for _ in range(n_micro):
        x, y = next_batch()  # (micro_batch, T) each
        with accelerator.accumulate(model):  # no gradient sync (DDP) and no update until the last micro-batch
            loss = model(x, y)[1]  # not `_, loss = …`: a name would keep the (B, T, V) logits alive in backward
            accelerator.backward(loss)  # scales for fp16 and divides by n_micro itself: never divide again
            total += loss.detach()
            if accelerator.sync_gradients:  # clip once, on the summed gradient (and after fp16 unscaling)
                norm = accelerator.clip_grad_norm_(model.parameters(), max_grad_norm)
                mean_loss = accelerator.reduce(total, "mean") / n_micro  # every process decides alike
                mean_loss, grad_norm = torch.stack([mean_loss, norm.float()]).tolist()  # the step's one GPU sync
                if not math.isfinite(mean_loss):
                    forget_unfinished_step(accelerator, optimizer)
                    raise NonFiniteLoss(mean_loss)
                skipped = not math.isfinite(grad_norm)
                if skipped and accelerator.scaler is not None:
                    accelerator.scaler.update()  # what GradScaler.step would do on inf: halve the scale
            if not skipped:
                optimizer.step()  # the prepared optimizer only updates when the gradients are synced
                scheduler.step()  # the prepared scheduler likewise: once per optimizer step
            optimizer.zero_grad(set_to_none=True)
    if not accelerator.sync_gradients:
        raise CourseError("train_not_synced", n=n_micro, step=accelerator.step)
    return mean_loss, grad_norm


def forget_unfinished_step(accelerator: Accelerator, optimizer) -> None:
    """Drop the gradients and the GradScaler's note of an interrupted step (OOM, NaN), keeping the loss scale.

    After ``clip_grad_norm_`` has unscaled the gradients, an fp16 step that never reaches ``scaler.update()`` leaves
    the scaler marked "unscaled": the next step would fail with ``unscale_() has already been called``.
    """
    for group in optimizer.param_groups:  # not optimizer.zero_grad(): the prepared one skips it mid-accumulation
        for param in group["params"]:
            param.grad = None
    if accelerator.scaler is not None:
        accelerator.scaler._per_optimizer_states.clear()  # torch has no public reset: update() needs an inf check
    accelerator.step = 0  # the next micro-batch is the first of a step


@torch.no_grad()
def estimate_loss(model: nn.Module, data: dict, eval_iters: int, batch_size: int, block_size: int,
                  device: torch.device | str | None = None, seed: int = 0) -> dict[str, float]:
    """Day 27: mean loss of ``eval_iters`` batches of data["train"] and data["val"] in eval mode, and the perplexity.

    The batches come from their own generator seeded with ``seed``: every evaluation sees the same ones, and the
    training's random stream is not touched. They go to ``device`` (default: where the model is).
    """
    device = device or next(model.parameters()).device
    was_training = model.training
    model.eval()  # dropout off
    result = {}
    for split in ("train", "val"):
        generator = torch.Generator().manual_seed(seed)
        losses = torch.zeros(eval_iters, device=device)
        for i in range(eval_iters):
            x, y = get_batch(data[split], batch_size, block_size, device, generator)
            losses[i] = model(x, y)[1]  # stays on the device: no wait for the GPU per batch
        result[split] = losses.mean().item()
    result["perplexity"] = math.exp(result["val"])  # e^loss: how many tokens it hesitates between
    model.train(was_training)
    return result


def step_generator(seed: int, step: int) -> torch.Generator:
    """The generator that draws the batches of optimizer step ``step`` (on every process alike).

    The batches are a function of (seed, step), so the step alone is the data position: a resumed run sees exactly
    the batches an uninterrupted one would, and P processes share out the very batch one process would draw.
    """
    return torch.Generator().manual_seed(int(np.random.SeedSequence([seed, step]).generate_state(1)[0]))


def _format(value: float | None, spec: str) -> str:
    return "—" if value is None else format(value, spec)


def _loss_scale(accelerator: Accelerator) -> str:
    return "—" if accelerator.scaler is None else f"{accelerator.scaler.get_scale():g}"


# --- the run --------------------------------------------------------------------------------------------------------

class Trainer:
    """One training run: accelerator, model, AdamW, schedule, data, metrics and checkpoints — and the one loop.

    ``data`` is {"train": tokens, "val": tokens} (Day 22 memmaps). With ``resume=True`` the newest checkpoint in
    ``out_dir`` is verified and restored (its schedule length, batch sizes and seed win over the arguments).
    Every evaluation saves a checkpoint; with ``save_when_improved`` only one that lowers the validation loss, and
    the last step (a lesson that evaluates often need not write a 1.5 GB checkpoint each time).
    """

    def __init__(self, model: nn.Module, data: dict, profile: Profile, out_dir: str | Path, *,
                 tokenizer: dict | None = None, lr: float | None = None, schedule_steps: int | None = None,
                 seed: int = 0, max_grad_norm: float = 1.0, keep_last: int = 2, resume: bool = False,
                 save_when_improved: bool = False):
        self.profile, self.data, self.out_dir = profile, data, Path(out_dir)
        self.max_grad_norm, self.keep_last, self.save_when_improved = max_grad_norm, keep_last, save_when_improved
        tokenizer = tokenizer or {"vocab_size": model.config["vocab_size"]}
        self.config = {"model": dict(model.config), "tokenizer": tokenizer, "profile": asdict(profile)}
        state = dict(schedule_steps=schedule_steps or profile.max_steps, warmup_steps=profile.warmup_steps,
                     lr=lr or profile.lr, seed=seed, micro_batch=profile.micro_batch, grad_accum=profile.grad_accum,
                     best_val_loss=None)
        checkpoint = latest_checkpoint(self.out_dir) if resume else None
        check_out_dir(self.out_dir, resume)
        self.step, self.skipped_in_a_row, self.skipped_total = 0, 0, 0
        if checkpoint is not None:
            meta = read_meta(checkpoint)  # verified file by file
            check_compatible(meta, self.config, checkpoint)
            state |= meta["state"]
            self.step = meta["step"]
        self.schedule_steps, self.warmup_steps = state["schedule_steps"], state["warmup_steps"]
        self.lr, self.seed = state["lr"], state["seed"]
        self.micro_batch, self.grad_accum = state["micro_batch"], state["grad_accum"]
        self.best_val_loss = state["best_val_loss"]

        self.accelerator = make_accelerator(profile.precision, self.grad_accum)
        check_vocab(data, model.config["vocab_size"])  # once: on a GPU a wrong id is a device-side assert
        model.to(self.accelerator.device)  # before the optimizer: the fused AdamW kernel needs the device
        use_tied_gradient(model)  # CPU fp32 training: one gradient tensor for the tied matrix (GPU, autocast: plain)
        optimizer = make_optimizer(model, self.lr)
        scheduler = make_scheduler(optimizer, self.warmup_steps, self.schedule_steps)
        self.model, self.optimizer, self.scheduler = self.accelerator.prepare(model, optimizer, scheduler)
        self.raw_model = self.accelerator.unwrap_model(self.model)  # without the DDP wrapper: eval, generate
        if checkpoint is not None:
            restore_state(self.accelerator, checkpoint, meta)
            self.accelerator.print(t("train_resumed", path=shown(checkpoint), step=self.step))
        elif resume:
            self.accelerator.print(t("train_no_checkpoint", out_dir=shown(self.out_dir)))
        self._open_metrics()
        precision = profile.precision if self.accelerator.native_amp else "fp32"
        device = self.accelerator.device
        self.peak_tflops = peak_tflops(torch.cuda.get_device_name(device), precision) if device.type == "cuda" else None
        self.flops_per_token = flops_per_token(self.raw_model.num_params(), profile.n_layer, profile.n_embd,
                                               profile.block_size)

    def _open_metrics(self) -> None:
        """Keep the metrics of steps up to ``self.step`` (a resumed run rewrites what came after its checkpoint)."""
        if self.accelerator.is_main_process:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            kept = [r for r in read_metrics(self.out_dir) if r["step"] <= self.step]
            with open(self.out_dir / METRICS, "w", encoding="utf-8") as f:
                f.writelines(json.dumps(r) + "\n" for r in kept)
        self.accelerator.wait_for_everyone()

    def _write_metrics(self, record: dict) -> None:
        if self.accelerator.is_main_process:
            with open(self.out_dir / METRICS, "a", encoding="utf-8") as f:
                f.write(json.dumps(record) + "\n")

    def evaluate(self) -> dict[str, float]:
        """``estimate_loss`` on both splits with the profile's eval_iters (Day 27).

        The batches are those of all processes together, as in training: every process measures the same figure
        that one process with the whole batch would.
        """
        return estimate_loss(self.raw_model, self.data, self.profile.eval_iters,
                             self.micro_batch * self.accelerator.num_processes, self.profile.block_size,
                             self.accelerator.device, seed=self.seed)

    def save(self, val_loss: float | None = None) -> Path:
        """An atomic checkpoint of the current step (Day 28)."""
        state = dict(schedule_steps=self.schedule_steps, warmup_steps=self.warmup_steps, lr=self.lr, seed=self.seed,
                     micro_batch=self.micro_batch, grad_accum=self.grad_accum, best_val_loss=self.best_val_loss)
        return save_checkpoint(self.accelerator, self.out_dir, self.step, self.config, state, val_loss, self.keep_last)

    def close(self) -> None:
        """Free the model, optimizer and their GPU memory (a notebook can then start the next run on a 4 GB card)."""
        self.accelerator.free_memory()  # drops accelerate's references to what it prepared
        self.model = self.optimizer = self.scheduler = self.raw_model = None
        gc.collect()  # the prepared model's forward wrapper holds reference cycles
        if torch.cuda.is_available():
            torch.cuda.empty_cache()

    def next_batch_fn(self, step: int):
        """``next_batch()`` for ``train_step``: this process's share of the micro-batches of optimizer step ``step``.

        Every process draws the whole micro-batch of all processes (``micro_batch × P`` rows of token ids, a few KB)
        and keeps its own rows: P processes train on exactly what one process with ``P ×`` the micro-batch would.
        """
        generator = step_generator(self.seed, step)
        acc, train, block_size = self.accelerator, self.data["train"], self.profile.block_size
        rows = slice(acc.process_index * self.micro_batch, (acc.process_index + 1) * self.micro_batch)
        if acc.num_processes == 1:
            return lambda: get_batch(train, self.micro_batch, block_size, acc.device, generator)

        def next_batch():
            x, y = get_batch(train, self.micro_batch * acc.num_processes, block_size, "cpu", generator)
            return x[rows].to(acc.device), y[rows].to(acc.device)
        return next_batch

    def _set_micro_batch(self, micro_batch: int) -> None:
        """Use ``micro_batch`` and the accumulation that keeps the effective batch; restart the current step."""
        if micro_batch != self.micro_batch:
            old_micro, old_accum = self.micro_batch, self.grad_accum
            self.grad_accum = max(1, old_micro * old_accum // micro_batch)
            self.micro_batch = micro_batch
            self.accelerator.print(t("train_oom_retry", old_micro=old_micro, micro=micro_batch, old_accum=old_accum,
                                     accum=self.grad_accum, effective=micro_batch * self.grad_accum,
                                     step=self.step + 1))
        self.accelerator.gradient_accumulation_steps = self.grad_accum
        forget_unfinished_step(self.accelerator, self.optimizer)  # the interrupted step starts again from scratch
        reset_peak_memory(self.accelerator.device)  # the memory figures of this run and micro-batch only

    def fit(self, max_steps: int | None = None) -> dict | None:
        """Train until optimizer step ``max_steps`` (default: the end of the schedule); → the last evaluation.

        Out of memory halves the micro-batch and doubles the accumulation (accelerate's find_executable_batch_size).
        """
        stop = max_steps or self.schedule_steps
        if stop > self.schedule_steps:
            self.accelerator.print(t("train_capped", schedule=self.schedule_steps))
            stop = self.schedule_steps
        if self.step >= stop:
            self.accelerator.print(t("train_nothing_to_do", step=self.step, stop=stop))
            return None
        self.accelerator.print(t("train_plan", start=self.step, stop=stop, schedule=self.schedule_steps,
                                 warmup=self.warmup_steps, out_dir=self.out_dir,
                                 tokens=self.micro_batch * self.grad_accum * self.profile.block_size
                                 * self.accelerator.num_processes,
                                 processes=self.accelerator.num_processes))

        @find_executable_batch_size(starting_batch_size=self.micro_batch,
                                    reduce_batch_size_fn=lambda: self.micro_batch // 2)
        def run(micro_batch: int) -> dict | None:
            self._set_micro_batch(micro_batch)
            return self._loop(stop)

        try:
            return run()
        except RuntimeError as error:
            if "No executable batch size" in str(error):  # even micro-batch 1 ran out of memory
                raise CourseError("train_oom_fatal") from error
            raise
        finally:
            if self.accelerator.is_main_process and read_metrics(self.out_dir):
                plot_metrics(self.out_dir)

    def _loop(self, stop: int) -> dict | None:
        """The one training loop: a ``train_step`` per optimizer step, metrics, evaluation and checkpoints."""
        acc, profile = self.accelerator, self.profile
        bar = tqdm(total=stop, initial=self.step, desc=t("train_progress"), disable=not acc.is_main_process,
                   dynamic_ncols=True)
        last_eval = None
        with bar:
            while self.step < stop:
                step = self.step + 1
                lr = self.scheduler.get_last_lr()[0]  # the rate this step's update uses
                start = time.perf_counter()
                try:
                    loss, grad_norm = train_step(acc, self.model, self.optimizer, self.scheduler,
                                                 self.next_batch_fn(step), self.max_grad_norm)
                except NonFiniteLoss as error:
                    last = latest_checkpoint(self.out_dir)
                    raise CourseError("train_nan", step=step, loss=error.loss, lr=lr, precision=profile.precision,
                                      checkpoint=last or t("train_none")) from None
                seconds = time.perf_counter() - start
                self.step = step
                skipped = not math.isfinite(grad_norm)
                self.skipped_in_a_row = self.skipped_in_a_row + 1 if skipped else 0
                self.skipped_total += skipped
                tokens_per_s = self.micro_batch * self.grad_accum * profile.block_size / seconds  # this process
                mfu = tokens_per_s * self.flops_per_token / (self.peak_tflops * 1e12) if self.peak_tflops else None
                tokens_per_s *= acc.num_processes  # all processes together
                allocated, reserved = memory_gib(acc.device)
                record = dict(step=step, loss=loss, lr=lr, grad_norm=None if skipped else grad_norm, skipped=skipped,
                              tokens_per_s=tokens_per_s, mfu=mfu, mem_gib=allocated, mem_reserved_gib=reserved,
                              micro_batch=self.micro_batch, grad_accum=self.grad_accum)
                evaluating = step % profile.eval_interval == 0 or step == stop
                improved = False
                if evaluating:
                    last_eval = self.evaluate()
                    if self.best_val_loss is None or last_eval["val"] < self.best_val_loss:
                        self.best_val_loss, improved = last_eval["val"], True
                    record |= dict(train_eval_loss=last_eval["train"], val_loss=last_eval["val"],
                                   val_ppl=last_eval["perplexity"])
                self._write_metrics(record)  # before the save: a resume drops what lies past its checkpoint
                bar.set_postfix({t("train_bar_loss"): f"{loss:.3f}", "lr": f"{lr:.1e}",
                                 t("train_bar_tokens"): f"{tokens_per_s:,.0f}", "mfu": _format(mfu, ".1%"),
                                 t("train_bar_memory"): _format(allocated, ".2f"),
                                 t("train_bar_skipped"): self.skipped_total}, refresh=False)
                bar.update()
                if skipped and acc.is_main_process:
                    bar.write(t("train_step_skipped", step=step, scale=_loss_scale(acc)))
                if self.skipped_in_a_row >= MAX_SKIPPED_IN_A_ROW:
                    raise CourseError("train_skips_stuck", n=self.skipped_in_a_row, step=step,
                                      precision=profile.precision, scale=_loss_scale(acc))
                if evaluating:
                    if acc.is_main_process:
                        bar.write(t("train_eval", step=step, train=last_eval["train"], val=last_eval["val"],
                                    ppl=last_eval["perplexity"]))
                    if improved or step == stop or not self.save_when_improved:
                        path = self.save(val_loss=last_eval["val"])
                        if acc.is_main_process:
                            bar.write(t("train_saved", path=shown(path)))
        return last_eval


# --- the command ----------------------------------------------------------------------------------------------------

def sample_lines(model: nn.Module, tokenizer, start_id: int, n: int = 3, max_new_tokens: int = 60, seed: int = 0,
                 device: torch.device | str = "cpu") -> list[str]:
    """``n`` texts the model writes after the start token (temperature 0.8, top-k 50)."""
    generator = torch.Generator(device=device).manual_seed(seed)
    idx = torch.full((n, 1), start_id, dtype=torch.long, device=device)  # (n, 1)
    out = generate(model, idx, max_new_tokens, temperature=0.8, top_k=50, generator=generator)  # (n, 1 + new)
    return [decode(tokenizer, row[1:].tolist()) for row in out]


def build_parser() -> argparse.ArgumentParser:
    """The command line of ``python -m course_lib.train`` (help and errors in the current language)."""
    parser = ArgumentParser(prog="python -m course_lib.train", description=t("train_help"))
    parser.add_argument("--profile", type=profile_name, default=None, help=t("train_help_profile"))
    parser.add_argument("--corpus", type=existing_path, default=None, help=t("train_help_corpus"))
    parser.add_argument("--dataset", default=None, help=t("train_help_dataset"))
    parser.add_argument("--dataset-config", default=None, help=t("train_help_dataset_config"))
    parser.add_argument("--split", default="train", help=t("train_help_split"))
    parser.add_argument("--text-column", default="text", help=t("train_help_text_column"))
    parser.add_argument("--max-docs", type=positive_int, default=None, help=t("train_help_max_docs"))
    parser.add_argument("--max-steps", type=positive_int, default=None, help=t("train_help_max_steps"))
    parser.add_argument("--schedule-steps", type=positive_int, default=None, help=t("train_help_schedule_steps"))
    parser.add_argument("--out-dir", default=None, help=t("train_help_out_dir"))
    parser.add_argument("--resume", action="store_true", help=t("train_help_resume"))
    parser.add_argument("--lr", type=positive_float, default=None, help=t("train_help_lr"))
    parser.add_argument("--seed", type=seed, default=0, help=t("train_help_seed"))
    parser.add_argument("--lang", choices=LANGUAGES, default=get_language(), help=t("train_help_lang"))
    return parser


def check_out_dir(out_dir: Path, resume: bool) -> None:
    """Refuse (CourseError) an output folder that is a file, or that holds a run when ``resume`` is not asked for."""
    if out_dir.exists() and not out_dir.is_dir():
        raise CourseError("train_out_dir_file", out_dir=shown(out_dir))
    if not resume and list_checkpoints(out_dir):
        raise CourseError("train_out_dir_used", out_dir=shown(out_dir))


def main(argv: list[str] | None = None) -> Trainer:
    """Tokenizer → token files → training → samples; works alike under ``accelerate launch``. → the Trainer."""
    choose_language(argv)  # first, so that --help speaks the learner's language
    parser = build_parser()
    args = parser.parse_args(argv)  # a wrong argument exits here (status 2), before anything is written
    if args.corpus and args.dataset:
        parser.error(t("train_arg_corpus_and_dataset"))
    profile = get_profile(args.profile)
    out_dir = Path(args.out_dir) if args.out_dir else runs_dir() / profile.name
    check_out_dir(out_dir, args.resume)
    state = PartialState(cpu=device_type() == "cpu")  # the processes of `accelerate launch`
    if state.num_processes == 1:  # $COURSE_MEMORY_CAP_GIB: behave like a smaller card (the GPU check, one GPU)
        apply_memory_cap(detect())
    corpus = args.corpus
    if args.dataset:  # streamed: only the documents used are read
        corpus = load_hf_documents(args.dataset, args.dataset_config, split=args.split, text_column=args.text_column,
                                   max_docs=args.max_docs)
    with state.main_process_first():  # the main process builds the token files, the others then read them
        prepared = (ensure_prepared if state.is_main_process else prepare)(profile, corpus)
    if state.is_main_process:
        print(profile_line(profile))
    torch.manual_seed(args.seed)  # the same initial weights on every process and in every run
    model = GPTModel(vocab_size=prepared.vocab_size, **profile.model_kwargs())
    state.print(t("train_model_size", n=model.num_params(), millions=model.num_params() / 1e6,
                  vocab_size=prepared.vocab_size))
    tokenizer = {"vocab_size": prepared.vocab_size, "sha256": file_sha256(prepared.path / TOKENIZER_FILE)}
    trainer = Trainer(model, {"train": prepared.train, "val": prepared.val}, profile, out_dir, tokenizer=tokenizer,
                      lr=args.lr, schedule_steps=args.schedule_steps or max(profile.max_steps, args.max_steps or 0),
                      seed=args.seed, resume=args.resume, save_when_improved=True)
    if state.is_main_process:  # the run folder is self-contained: `python -m course_lib.sample` reads it
        shutil.copyfile(prepared.path / TOKENIZER_FILE, out_dir / TOKENIZER_FILE)
    started = time.perf_counter()
    trainer.fit(args.max_steps)
    if trainer.accelerator.is_main_process:
        print(t("train_samples"))
        for text in sample_lines(trainer.raw_model, prepared.tokenizer, prepared.meta["eot_id"], seed=args.seed,
                                 device=trainer.accelerator.device):
            print("  » " + " / ".join(line.strip() for line in text.splitlines() if line.strip()))
        print(t("train_done", step=trainer.step, seconds=time.perf_counter() - started, out_dir=shown(out_dir),
                best=_format(trainer.best_val_loss, ".4f")))
    trainer.accelerator.wait_for_everyone()
    trainer.accelerator.end_training()
    return trainer


if __name__ == "__main__":
    run_command(main)
