"""Hardware profiles: one name sizes the model, the batch, the precision and the run length."""

import os
from dataclasses import dataclass, replace

from course_lib.device import GIB, DeviceInfo, best_precision, detect
from course_lib.errors import CourseError

PROFILE_ENV = "COURSE_PROFILE"  # e.g. COURSE_PROFILE=tiny
SMOKE_ENV = "COURSE_SMOKE"  # COURSE_SMOKE=1 shortens any profile to a few steps (CI)
SMOKE_STEPS = 8
PRECISION_ENV = "COURSE_PRECISION"  # COURSE_PRECISION=fp16 trains in fp16 whatever the GPU (CI: the GradScaler path)
PRECISIONS = ("fp32", "fp16", "bf16")


@dataclass(frozen=True)
class Profile:
    """Everything a lesson or the train command needs to size a run on one kind of machine."""

    name: str
    n_layer: int
    n_head: int
    n_embd: int
    block_size: int
    vocab_size: int  # target size of the BPE vocabulary trained for this profile
    micro_batch: int
    grad_accum: int
    precision: str  # "fp32", or "half": bf16/fp16 chosen from the device
    max_steps: int  # optimizer steps
    warmup_steps: int
    lr: float
    eval_interval: int
    eval_iters: int
    smoke: bool = False

    @property
    def effective_batch(self) -> int:
        """Sequences per optimizer step: micro-batch × accumulation steps."""
        return self.micro_batch * self.grad_accum

    @property
    def tokens_per_step(self) -> int:
        """Tokens per optimizer step."""
        return self.effective_batch * self.block_size

    def model_kwargs(self) -> dict:
        """Keyword arguments for ``GPTModel`` (vocabulary size excluded: it comes from the tokenizer)."""
        return dict(block_size=self.block_size, n_layer=self.n_layer, n_head=self.n_head, n_embd=self.n_embd)

    def shortened(self) -> "Profile":
        """The same profile cut to a smoke run of a few steps."""
        return replace(
            self,
            max_steps=min(self.max_steps, SMOKE_STEPS),
            warmup_steps=min(self.warmup_steps, 2),
            eval_interval=min(self.eval_interval, SMOKE_STEPS // 2),
            eval_iters=min(self.eval_iters, 2),
            smoke=True,
        )


# Sized to the shipped corpus (~1.4M training tokens): `cpu` sees it ~2.7 times in 2000 steps and its held-out loss
# still falls at the end (assets/runs/cpu). The 91M GPU model could memorise it: 1000 steps (~3 passes), an
# evaluation every 100, and the train command keeps the best checkpoint. No dropout: its masks are memory that
# course_lib.memory does not count, and no GPU run has measured what it would buy. More text (--dataset) takes more
# steps (--max-steps).
PROFILES = {
    "tiny": Profile("tiny", 2, 2, 64, 64, 512, 8, 2, "fp32", 200, 10, 3e-3, 50, 5),
    "cpu": Profile("cpu", 4, 4, 128, 128, 4096, 16, 1, "fp32", 2000, 100, 2e-3, 200, 20),
    "gpu4gb": Profile("gpu4gb", 12, 12, 768, 256, 32000, 4, 4, "half", 1000, 100, 6e-4, 100, 50),
    "t4": Profile("t4", 12, 12, 768, 256, 32000, 16, 1, "half", 1000, 100, 6e-4, 100, 50),
}
CHOICES = ("auto", *PROFILES)


def auto_name(info: DeviceInfo) -> str:
    """The profile this hardware gets: ≥ 12 GiB CUDA → t4, smaller CUDA → gpu4gb, otherwise cpu."""
    if info.type == "cuda":
        return "t4" if (info.total_memory or 0) >= 12 * GIB else "gpu4gb"
    return "cpu"


def resolve_precision(requested: str, info: DeviceInfo) -> str:
    """Turn a profile's precision into what this device runs: "half" → bf16 (cc ≥ 8.0) or fp16; CPU → fp32."""
    if requested == "half" or info.type != "cuda":
        return best_precision(info)
    return requested


def precision_override() -> str | None:
    """The precision forced by $COURSE_PRECISION ("fp32", "fp16" or "bf16"), or None when it is not set."""
    value = os.environ.get(PRECISION_ENV, "").strip().lower()
    if value and value not in PRECISIONS:
        raise CourseError("precision_unknown", value=value, valid=", ".join(PRECISIONS), env=PRECISION_ENV)
    return value or None


def get_profile(name: str | None = None, info: DeviceInfo | None = None, smoke: bool | None = None) -> Profile:
    """The profile named (or in $COURSE_PROFILE, or "auto"), its precision resolved for the device.

    $COURSE_PRECISION replaces the resolved precision as it is: fp16 asked for on a CPU stays fp16 here, and
    ``train.make_accelerator`` says that accelerate runs it in fp32.
    """
    name = (name or os.environ.get(PROFILE_ENV) or "auto").strip().lower()
    if name not in CHOICES:
        raise CourseError("profile_unknown", name=name, valid=", ".join(CHOICES), env=PROFILE_ENV)
    forced = precision_override()
    info = info or detect()
    profile = PROFILES[auto_name(info) if name == "auto" else name]
    profile = replace(profile, precision=forced or resolve_precision(profile.precision, info))
    if smoke is None:
        smoke = os.environ.get(SMOKE_ENV, "") not in ("", "0")
    return profile.shortened() if smoke else profile
