"""course_lib.cli.run_live: a command's output reaches the notebook as it comes, progress bars included."""

import sys

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
