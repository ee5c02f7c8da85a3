"""Self-check exercises: ``check("day04.adamw_bytes", my_function)``.

Each day's module (``dayNN.py``, found automatically) registers its exercises on import:
the reference, seeded cases, a nudge, a stronger hint and the code ``check(id, solution=True)`` shows.
"""

import importlib
import pkgutil

from course_lib.checks.core import EXERCISES, CheckResult, Exercise, check, register, solution

for _module in sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name.startswith("day")):
    importlib.import_module(f"{__name__}.{_module}")

__all__ = ["EXERCISES", "CheckResult", "Exercise", "check", "register", "solution"]
