"""The first cell of every notebook: language, seeds, device and profile in one call."""

import random

import torch

from course_lib.device import describe, detect
from course_lib.errors import CourseError
from course_lib.messages import set_language, t
from course_lib.profiles import Profile, get_profile


def profile_line(profile: Profile) -> str:
    """One line describing a profile in the learner's language."""
    values = vars(profile) | {"effective_batch": profile.effective_batch}
    values["smoke"] = t("profile_smoke", steps=profile.max_steps) if profile.smoke else ""
    return t("profile_line", **values)


def seed_everything(seed: int = 0) -> None:
    """Seed Python and torch (CPU and CUDA) so a lesson's numbers repeat."""
    random.seed(seed)
    torch.manual_seed(seed)


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
    """Set the language, seed everything, print the device and the chosen profile, and return it."""
    set_language(lang)
    _show_course_errors_plainly()
    seed_everything(seed)
    info = detect()
    chosen = get_profile(profile, info)
    print(describe(info))
    print(profile_line(chosen))
    return chosen
