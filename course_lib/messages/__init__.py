"""One catalogue of learner-facing text in Azerbaijani (az) and English (en).

Each topic module in this package (found automatically) holds
``MESSAGES = {key: {"az": ..., "en": ...}}``; they are merged here.
"""

import importlib
import os
import pkgutil
import sys

LANGUAGES = ("az", "en")

CATALOGUE: dict[str, dict[str, str]] = {}
for _topic in sorted(m.name for m in pkgutil.iter_modules(__path__)):
    for _key, _text in importlib.import_module(f"{__name__}.{_topic}").MESSAGES.items():
        if _key in CATALOGUE:
            raise RuntimeError(f"message key {_key!r} defined twice")
        CATALOGUE[_key] = _text

_language = os.environ.get("COURSE_LANG", "az") if os.environ.get("COURSE_LANG") in LANGUAGES else "az"


def set_language(lang: str) -> None:
    """Choose the language of every message course_lib prints ('az' or 'en')."""
    global _language
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {lang!r}")
    _language = lang


def get_language() -> str:
    """Return the current message language."""
    return _language


def t(key: str, lang: str | None = None, **values) -> str:
    """Return message ``key`` in the current (or given) language, formatted with ``values``."""
    return CATALOGUE[key][lang or _language].format(**values)


def safe_output() -> None:
    """Let stdout and stderr write '?' for a character their encoding lacks (a Windows pipe in cp1252: "ə", "→")."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
