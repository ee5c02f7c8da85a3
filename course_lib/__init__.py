"""course_lib: the library of the course "50 Gündə Süni-İntellekt" (train your own GPT on a 4 GB GPU)."""

import logging

from course_lib.checks import check
from course_lib.setup import setup

__version__ = "0.1.0"
# bitsandbytes (imported by peft/transformers) warns on CPU about a 4-bit kernel the course never uses
logging.getLogger("bitsandbytes").setLevel(logging.ERROR)
__all__ = ["check", "setup", "__version__"]
