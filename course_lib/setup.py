"""The first cell of every notebook: language, seeds, device and profile in one call."""

import datetime
import math
import os
import random

import torch

from course_lib.device import GIB, DeviceInfo, cap_cuda_memory, describe, detect
from course_lib.errors import CourseError
from course_lib.messages import set_language, t
from course_lib.profiles import Profile, get_profile

MEMORY_CAP_ENV = "COURSE_MEMORY_CAP_GIB"  # e.g. 3.8: the notebook's kernel behaves like a 4 GB card (CI on a big GPU)


def profile_line(profile: Profile) -> str:
    """One line describing a profile in the learner's language."""
    values = vars(profile) | {"effective_batch": profile.effective_batch}
    values["smoke"] = t("profile_smoke", steps=profile.max_steps) if profile.smoke else ""
    return t("profile_line", **values)


def seed_everything(seed: int = 0) -> None:
    """Seed Python and torch (CPU and CUDA) so a lesson's numbers repeat."""
    random.seed(seed)
    torch.manual_seed(seed)


def memory_cap_request() -> int | None:
    """The card size in bytes that $COURSE_MEMORY_CAP_GIB asks to emulate, or None when it is not set."""
    value = os.environ.get(MEMORY_CAP_ENV, "").strip()
    if not value:
        return None
    try:
        gib = float(value)
    except ValueError:
        gib = math.nan
    if not (math.isfinite(gib) and gib > 0):
        raise CourseError("memory_cap_invalid", value=value, env=MEMORY_CAP_ENV)
    return int(gib * GIB)


def apply_memory_cap(info: DeviceInfo) -> None:
    """Cap this process's GPU memory at the card $COURSE_MEMORY_CAP_GIB names (a note when there is no CUDA GPU)."""
    card = memory_cap_request()
    if card is None:
        return
    if info.type != "cuda":
        print(t("memory_cap_no_cuda", env=MEMORY_CAP_ENV, value=os.environ[MEMORY_CAP_ENV].strip()))
        return
    cap = cap_cuda_memory(card)
    print(t("memory_cap_set", card=card / GIB, context=(card - cap.cap_bytes) / 2**20, cap=cap.cap_bytes / GIB))


def _show_course_errors_plainly() -> None:
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None:
        return

    def handler(shell, etype, value, tb, tb_offset=None):
        print(f"⚠️  {value}")

    shell.set_custom_exc((CourseError,), handler)


def setup(lang: str = "az", profile: str | None = None, seed: int = 0) -> Profile:
    """Set the language, seed everything, print the device and the chosen profile, and return it.

    With $COURSE_MEMORY_CAP_GIB set, the GPU memory of this process (the notebook's kernel) is capped to that card.
    """
    set_language(lang)
    _show_course_errors_plainly()
    seed_everything(seed)
    info = detect()
    chosen = get_profile(profile, info)
    print(describe(info))
    print(profile_line(chosen))
    print(t("setup_run_line", date=datetime.date.today().isoformat(), torch=torch.__version__))
    apply_memory_cap(info)
    return chosen
