"""Shared fixtures: every test starts in Azerbaijani with no profile forced from outside."""

import pytest

from course_lib.messages import set_language


@pytest.fixture(autouse=True)
def _clean_course_env(monkeypatch):
    for name in ("COURSE_PROFILE", "COURSE_SMOKE", "COURSE_LANG", "COURSE_PRECISION", "COURSE_MEMORY_CAP_GIB",
                 "COURSE_RUNS_DIR"):
        monkeypatch.delenv(name, raising=False)
    set_language("az")
    yield
    set_language("az")
