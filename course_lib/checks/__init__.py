"""Self-check exercises: ``check("day04.adamw_bytes", my_function)``.

Each day's module (``dayNN.py``, found automatically) registers its exercises on import:
the reference solution, seeded cases and a hint.
"""

import importlib
import pkgutil

from course_lib.checks.core import EXERCISES, CheckResult, Exercise, check, register

for _module in sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name.startswith("day")):
    importlib.import_module(f"{__name__}.{_module}")

__all__ = ["EXERCISES", "CheckResult", "Exercise", "check", "register"]
