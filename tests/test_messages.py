"""The message catalogue is complete in both languages and every key the code uses exists."""

import re
import string
from pathlib import Path

import pytest

from course_lib.messages import CATALOGUE, LANGUAGES, set_language, t

ROOT = Path(__file__).resolve().parents[1]


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_message_has_both_languages_with_the_same_fields(key):
    entry = CATALOGUE[key]
    assert set(entry) == set(LANGUAGES), key
    assert all(entry[lang].strip() for lang in LANGUAGES), key
    assert fields(entry["az"]) == fields(entry["en"]), key


def test_every_key_used_in_the_code_exists():
    used = set()
    for path in (ROOT / "course_lib").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        used |= set(re.findall(r'\b(?:t|CourseError|CourseWarning)\(\s*"([a-z0-9_]+)"', source))
        used |= set(re.findall(r'"(hint_[a-z0-9_]+)"', source))
    missing = sorted(used - set(CATALOGUE))
    assert not missing, missing
    assert len(used) > 10  # the scan really found the keys


def test_every_message_is_used():
    """A key is used where its literal appears, or where an f-string builds it from a prefix (f"check_{…}")."""
    code = "\n".join(p.read_text(encoding="utf-8") for folder in ("course_lib", "notebooks/src", "tools")
                     for p in (ROOT / folder).rglob("*.py") if "messages" not in p.parts)
    prefixes = set(re.findall(r'f["\']([a-z0-9_]+)\{', code))
    unused = [key for key in CATALOGUE if not re.search(rf"[\"']{key}[\"']", code)
              and not any(key.startswith(prefix) for prefix in prefixes)]
    assert not unused, unused


def test_language_switch():
    set_language("en")
    assert t("yes") == "yes"
    set_language("az")
    assert t("yes") == "bəli"
    with pytest.raises(ValueError):
        set_language("tr")
