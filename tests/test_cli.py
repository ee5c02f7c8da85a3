"""Command-line helpers: run_live shows a command's output as it comes; commands never crash on a narrow encoding."""

import os
import subprocess
import sys

import pytest

from course_lib.cli import run_live
from course_lib.messages import get_language, set_language


def test_run_live_passes_output_on_with_its_carriage_returns_and_returns_the_status(capsys):
    code = "import sys; print('bar 1/2', end='\\r', flush=True); print('bar 2/2'); sys.stderr.write('note\\n')"
    assert run_live([sys.executable, "-c", code]) == 0
    out = capsys.readouterr().out
    assert out.startswith("bar 1/2\rbar 2/2\n") and "note\n" in out  # stderr comes too, "\r" kept


def test_run_live_reads_the_commands_azerbaijani_text_whatever_the_locale(capsys, monkeypatch):
    monkeypatch.setenv("PYTHONIOENCODING", "latin-1")  # as a Windows pipe's cp1252 would: "ə" cannot be written
    assert run_live([sys.executable, "-c", "print('Təlim: ə ğ ş')"]) == 0
    assert capsys.readouterr().out == "Təlim: ə ğ ş\n"


def test_a_failing_command_says_so_in_the_learners_language(capsys):
    before = get_language()
    set_language("az")
    try:
        assert run_live([sys.executable, "-c", "import sys; sys.exit(3)"]) == 3
    finally:
        set_language(before)
    assert "Əmr 3 çıxış kodu ilə dayandı" in capsys.readouterr().out


@pytest.mark.parametrize("args", [["course_lib.sample", "--lang", "az", "--help"],
                                  ["course_lib.doctor", "--lang", "az"]])
def test_a_command_piped_to_a_narrow_encoding_writes_question_marks_instead_of_crashing(args):
    # a Windows pipe (e.g. `!python -m ...` in Jupyter on Windows) is cp1252: it has no "ə"
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    done = subprocess.run([sys.executable, "-m", *args], capture_output=True, env=env)
    assert b"UnicodeEncodeError" not in done.stderr, done.stderr.decode("cp1252")
    assert b"?" in done.stdout and done.stdout.strip()
