"""What hardware we train on: device choice, memory and which precisions really run fast."""

import gc
import re
from dataclasses import dataclass

import torch

from course_lib.memory import CUDA_CONTEXT_BYTES
from course_lib.messages import t

GIB = 1024**3
# The cards the course targets, as the total memory they report (bytes): a "4 GB" card shows ~3.8 GiB
# (e.g. an RTX 2050 laptop GPU), a "16 GB" T4 ~14.7 GiB. tools/gpu_check.py emulates them; the CUDA context
# comes out of these totals, as it does on the real card.
EMULATED_CARDS = {"gpu4gb": int(3.8 * GIB), "t4": int(14.7 * GIB)}


@dataclass(frozen=True)
class MemoryCap:
    """A per-process limit that makes a bigger CUDA card behave like a smaller one (all sizes in bytes)."""

    card_bytes: int  # the emulated card's total memory, as it reports it
    context_bytes: int  # this GPU's measured use outside PyTorch's allocator (context, kernels, other processes)
    cap_bytes: int  # what PyTorch's allocator may reserve: the card minus the context such a card loses
    fraction: float  # cap_bytes / the real card's total: torch.cuda.set_per_process_memory_fraction's argument


def memory_cap(card_bytes: int, context_bytes: int, total_bytes: int) -> MemoryCap:
    """The allocator limit emulating a ``card_bytes`` card on a ``total_bytes`` one, its context taken off first.

    What comes off is the emulated card's context, ``CUDA_CONTEXT_BYTES``, not this GPU's ``context_bytes`` (kept in
    the record): a big GPU's own is no guide — an H200 with CUDA 13 measured 1.3 GiB, its sm90 kernels and the
    check's parent process included, which would leave a "4 GB" card 2.5 GiB.
    """
    cap = min(card_bytes - CUDA_CONTEXT_BYTES, total_bytes)
    if cap <= 0:
        raise ValueError(f"a {card_bytes / GIB:.2f} GiB card leaves nothing once the CUDA context is taken off")
    return MemoryCap(card_bytes, context_bytes, cap, cap / total_bytes)


def cuda_context_bytes(device: int = 0) -> tuple[int, int]:
    """(memory in use on ``device`` that PyTorch's allocator does not hold, the card's total); creates the context."""
    torch.zeros(1, device=f"cuda:{device}")
    free, total = torch.cuda.mem_get_info(device)  # the total the allocator's fraction is taken of
    return total - free - torch.cuda.memory_reserved(device), total


def cap_cuda_memory(card_bytes: int, device: int = 0) -> MemoryCap:
    """Limit this process's allocator on ``device`` to what a ``card_bytes`` card leaves it; → the cap applied.

    Call it after a warm-up step where possible: the cuBLAS and attention workspaces then sit in the allocator
    (inside the cap) and the lazily loaded kernels in the measured context (taken off the card).
    """
    gc.collect()
    torch.cuda.empty_cache()  # cached blocks are the allocator's, not the context's
    cap = memory_cap(card_bytes, *cuda_context_bytes(device))
    torch.cuda.set_per_process_memory_fraction(cap.fraction, device)
    return cap


# Turing chips of compute capability 7.5 built without tensor cores: GeForce GTX 1630/1650/1660 and MX 450/550
NO_TENSOR_CORES = re.compile(r"GTX 16\d\d|\bMX ?\d{3}")


@dataclass(frozen=True)
class DeviceInfo:
    """A snapshot of the accelerator (or CPU) that training would use."""

    type: str  # "cuda" | "mps" | "cpu"
    name: str
    capability: tuple[int, int] | None = None  # CUDA compute capability, e.g. (7, 5) for a T4
    total_memory: int | None = None  # bytes of VRAM
    free_memory: int | None = None  # bytes of VRAM free right now

    @property
    def fp16_compute(self) -> bool:
        """True where fp16 training pays off: cc 7.0 and newer (tensor cores, or at least half the memory)."""
        return self.type == "cuda" and self.capability is not None and self.capability >= (7, 0)

    @property
    def fp16_tensor_cores(self) -> bool:
        """True where fp16 matrix multiplies run on tensor cores: cc 7.0 and newer, but not the GTX 16xx/MX cards."""
        return self.fp16_compute and not NO_TENSOR_CORES.search(self.name)

    @property
    def bf16(self) -> bool:
        """True only for native bf16 (Ampere, cc 8.0+); a T4 merely emulates it."""
        return self.type == "cuda" and self.capability is not None and self.capability >= (8, 0)

    @property
    def tf32(self) -> bool:
        """True where TF32 tensor cores exist (Ampere, cc 8.0+)."""
        return self.bf16

    @property
    def torch_device(self) -> torch.device:
        """The matching ``torch.device``."""
        return torch.device(self.type)


def device_type() -> str:
    """"cuda", "mps" or "cpu", in that order of preference (asked without creating a GPU context)."""
    if torch.cuda.is_available():
        return "cuda"
    mps = getattr(torch.backends, "mps", None)
    return "mps" if mps is not None and mps.is_available() else "cpu"


def detect() -> DeviceInfo:
    """Pick cuda > mps > cpu and describe it."""
    kind = device_type()
    if kind == "cuda":
        props = torch.cuda.get_device_properties(0)
        free, total = torch.cuda.mem_get_info(0)
        return DeviceInfo("cuda", props.name, (props.major, props.minor), total, free)
    if kind == "mps":
        return DeviceInfo("mps", "Apple MPS")
    return DeviceInfo("cpu", _cpu_name())


def _cpu_name() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    import platform

    return platform.processor() or "CPU"


def best_precision(info: DeviceInfo) -> str:
    """The precision worth training in: bf16 from cc 8.0, fp16 at cc 7.x, fp32 elsewhere.

    cc 7.x has fp16 tensor cores, except the GTX 16xx/MX cards, where fp16 still halves the activations (little
    time saved). Below cc 7.0 there are no tensor cores, and consumer Pascal cards (cc 6.1) run fp16 very slowly.
    """
    if info.bf16:
        return "bf16"
    if info.fp16_compute:
        return "fp16"
    return "fp32"


def describe(info: DeviceInfo | None = None) -> str:
    """A few lines, in the learner's language, on the device and the precisions it supports."""
    info = info or detect()
    yes, no = t("yes"), t("no")
    lines = [t("device_line", type=info.type, name=info.name)]
    if info.type == "cuda":
        lines.append(t("device_capability", major=info.capability[0], minor=info.capability[1]))
        lines.append(t("device_vram", total=info.total_memory / GIB, free=info.free_memory / GIB))
        lines.append(
            t(
                "device_precisions",
                fp16=yes if info.fp16_tensor_cores else no,
                bf16=yes if info.bf16 else no,
                tf32=t("device_tf32_off") if info.tf32 else no,
            )
        )
    lines.append(t("device_best_precision", precision=best_precision(info)))
    return "\n".join(lines)
