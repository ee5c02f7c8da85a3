"""Lesson budgets: the steps each lesson's training cells take at a profile, and their time on its target device.

The notebooks read their step counts from ``lesson_plan``, so ``tests/test_profile_scale.py`` checks the runs that
really happen. Time = FLOPs ÷ (the target device's peak × a realistic MFU); FLOPs = optimizer steps × tokens per
step × ``metrics.flops_per_token`` (+ a third of that per token for every evaluation forward pass).
"""

from dataclasses import dataclass

from course_lib.memory import gpt_param_count
from course_lib.metrics import PEAK_TFLOPS, flops_per_token
from course_lib.profiles import Profile

# The card each profile is made for, as PEAK_TFLOPS names it; None: a CPU.
TARGET_DEVICE = {"tiny": None, "cpu": None, "gpu4gb": "RTX 2050", "t4": "T4"}
# Share of the peak a ~100M GPT reaches in plain PyTorch (no torch.compile, no kernels of our own): tuned GPT-2
# small training gets ~0.4 on big cards; a T4 also lowers its clock under load (70 W). 0.3 is an assumption, not
# a measurement of ours: assets/bench/gpu_check.json's mfu column is an H200's (3–10% at these micro-batches), not a
# T4's; a gpu_check run on a real T4 would measure it.
GPU_MFU = 0.3
# Training FLOP/s of one CPU core in fp32, measured with one thread (a Colab CPU runtime has 2 vCPUs = 1 core):
# plain_step of the cpu profile's model (micro-batch 16 × 128 tokens) ran at 42 GFLOP/s, of the tiny profile's at
# 36 GFLOP/s, with torch 2.13 (CPU build) on an AMD EPYC server core. The lower figure, as a round number:
CPU_FLOPS = 35e9
CELL_SECONDS = 5 * 60  # any one cell that trains or evaluates: at most 5 minutes on the target device
LESSON_SHARE = 0.25  # all of a notebook's training cells together: at most a quarter of its estimated time

LESSON_STEPS = 200  # optimizer steps of a lesson's training run: min(profile.max_steps, LESSON_STEPS)
LESSON_EVAL_ITERS = 10  # batches per split of a lesson's own estimate_loss calls
OVERFIT_STEPS, OVERFIT_BATCH = 300, 4  # Day 23 §3: at most 300 steps on 4 sequences (it stops when memorized)
ZERO_GRAD_STEPS = 20  # Day 23 §5.1: with and without zero_grad
LR_BATCH = 4  # Day 24: sequences per step of its four runs (three learning rates and the schedule)
LAUNCH_STEPS, LAUNCH_PROCESSES = 20, 2  # Day 25 §9: accelerate launch, two processes (a smoke run: fewer steps)


@dataclass(frozen=True)
class Run:
    """The training (and evaluation) a lesson cell does: ``repeats`` runs of ``steps`` optimizer steps."""

    steps: int  # optimizer steps of one run
    micro_batch: int  # sequences per forward pass
    grad_accum: int = 1  # micro-batches per optimizer step
    precision: str = "fp32"  # plain PyTorch loops train in fp32; the Trainer in the profile's precision
    repeats: int = 1  # the cell trains this many runs (Day 24: three learning rates)
    processes: int = 1  # accelerate launch: every process trains its own micro-batches
    evals: int = 0  # estimate_loss calls per run, each on both splits
    eval_iters: int = 0  # batches of micro_batch × processes per split and call

    @property
    def sequences_per_step(self) -> int:
        """Sequences per optimizer step, all processes together (× block_size: tokens)."""
        return self.micro_batch * self.grad_accum * self.processes


def trainer_evals(steps: int, eval_interval: int) -> int:
    """How often a ``Trainer`` evaluates in ``steps`` steps: every ``eval_interval`` steps and at the last one."""
    return steps // eval_interval + (1 if steps % eval_interval else 0)


def lesson_steps(profile: Profile) -> int:
    """Optimizer steps of a lesson's training run: the profile's, at most LESSON_STEPS (a smoke run: a few)."""
    return min(profile.max_steps, LESSON_STEPS)


def lesson_plan(day: str, profile: Profile) -> dict[str, Run]:
    """The runs of lesson ``day`` ("day23", "day24", "day25") at ``profile``, by cell; {} for other days.

    Day 24's "schedule" run (§6) repeats the length and batch of its "learning_rates" runs (§3), to compare them.
    """
    B, steps, launch = profile.micro_batch, lesson_steps(profile), min(profile.max_steps, LAUNCH_STEPS)
    eval_iters = min(profile.eval_iters, LESSON_EVAL_ITERS)
    trainer = dict(grad_accum=profile.grad_accum, precision=profile.precision, eval_iters=profile.eval_iters)
    plans = {
        "day23": {
            "overfit": Run(OVERFIT_STEPS, OVERFIT_BATCH),
            "train": Run(steps, B, evals=2, eval_iters=eval_iters),
            "zero_grad": Run(ZERO_GRAD_STEPS, OVERFIT_BATCH, repeats=2),
        },
        "day24": {
            "learning_rates": Run(steps, min(B, LR_BATCH), repeats=3),
            "schedule": Run(steps, min(B, LR_BATCH)),
        },
        "day25": {
            "trainer": Run(steps, B, evals=trainer_evals(steps, profile.eval_interval), **trainer),
            "launch": Run(launch, B, processes=LAUNCH_PROCESSES, evals=trainer_evals(launch, profile.eval_interval),
                          **trainer),
        },
    }
    return plans.get(day, {})


def device_flops(profile: Profile, precision: str) -> float:
    """FLOP/s a training run reaches on ``profile``'s target device: peak × GPU_MFU, or CPU_FLOPS on a CPU."""
    device = TARGET_DEVICE[profile.name]
    if device is None:
        return CPU_FLOPS
    peaks = PEAK_TFLOPS[device]
    half = "bf16" if "bf16" in peaks else "fp16"  # cc ≥ 8.0 trains in bf16, older cards in fp16
    return peaks["fp32" if precision == "fp32" else half] * 1e12 * GPU_MFU


def run_flops(run: Run, profile: Profile, vocab_size: int | None = None) -> float:
    """FLOPs of ``run`` with ``profile``'s model (vocabulary: the profile's, the largest a lesson gets)."""
    vocab_size = vocab_size or profile.vocab_size
    n_params = gpt_param_count(vocab_size, profile.block_size, profile.n_layer, profile.n_embd)
    per_token = flops_per_token(n_params, profile.n_layer, profile.n_embd, profile.block_size)
    train = run.steps * run.sequences_per_step * profile.block_size * per_token
    evaluate = run.evals * 2 * run.eval_iters * run.micro_batch * run.processes * profile.block_size * per_token / 3
    return run.repeats * (train + evaluate)


def run_seconds(run: Run, profile: Profile, vocab_size: int | None = None) -> float:
    """Predicted seconds of ``run`` on ``profile``'s target device."""
    return run_flops(run, profile, vocab_size) / device_flops(profile, run.precision)


def lesson_seconds(day: str, profile: Profile, vocab_size: int | None = None) -> float:
    """Predicted seconds of all training and evaluation in lesson ``day`` on ``profile``'s target device."""
    return sum(run_seconds(run, profile, vocab_size) for run in lesson_plan(day, profile).values())

