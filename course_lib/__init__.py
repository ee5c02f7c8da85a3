"""course_lib: the library of the course "50 Gündə Süni-İntellekt" (train your own GPT on a 4 GB GPU)."""

from course_lib.checks import check
from course_lib.setup import setup

__version__ = "0.1.0"
__all__ = ["check", "setup", "__version__"]
