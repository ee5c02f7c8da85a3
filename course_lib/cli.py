"""The command lines of ``course_lib.train`` and ``course_lib.sample``: help and errors in the learner's language.

A wrong argument prints the usage and one message, exits with status 2 and leaves everything as it was.
"""

import argparse
import io
import math
import os
import re
import subprocess
import sys
from pathlib import Path

from course_lib.errors import CourseError
from course_lib.messages import LANGUAGES, get_language, safe_output, set_language, t
from course_lib.profiles import CHOICES, PROFILE_ENV


class ArgumentParser(argparse.ArgumentParser):
    """argparse that reports a wrong argument in the learner's language: one message, exit code 2."""

    def error(self, message: str):
        """Print the usage and ``message``, then exit with status 2 before anything is written."""
        self.print_usage(sys.stderr)
        self.exit(2, t("train_bad_argument", prog=self.prog, message=_translated(message)) + "\n")


def _translated(message: str) -> str:
    """argparse's own English phrases in the learner's language; the course's messages pass as they are."""
    named = re.fullmatch(r"argument (\S+): (.*)", message, re.S)
    name, detail = named.groups() if named else (None, message)
    if detail.startswith("expected one argument"):
        detail = t("train_arg_expects_value")
    elif choice := re.fullmatch(r"invalid choice: (.*) \(choose from (.*)\)", detail):
        detail = t("train_arg_choice", value=choice[1], valid=choice[2])
    elif detail.startswith("the following arguments are required: "):
        detail = t("train_arg_required", args=detail.split(": ", 1)[1])
    elif detail.startswith("unrecognized arguments: "):
        detail = t("train_arg_unknown", args=detail.split(": ", 1)[1])
    return t("train_arg_named", name=name, detail=detail) if name else detail


def choose_language(argv: list[str] | None) -> None:
    """Use the ``--lang`` of ``argv`` for every message from here on (a wrong one is reported by the parser)."""
    lang = argparse.ArgumentParser(add_help=False)
    lang.add_argument("--lang", default=get_language())
    if (chosen := lang.parse_known_args(argv)[0].lang) in LANGUAGES:
        set_language(chosen)


def checked(convert, accept, key):
    """An argparse ``type``: ``convert`` the text, then refuse what ``accept`` rejects with message ``key``."""
    def parse(text: str):
        try:
            value = convert(text)
        except ValueError:
            value = None
        if value is None or not accept(value):
            raise argparse.ArgumentTypeError(t(key, value=text))
        return value
    return parse


positive_int = checked(int, lambda n: n >= 1, "train_arg_positive_int")
positive_float = checked(float, lambda x: math.isfinite(x) and x > 0, "train_arg_positive_float")
seed = checked(int, lambda n: 0 <= n < 2**32, "train_arg_seed")


def profile_name(text: str) -> str:
    """An argparse ``type``: a profile name (any case), or the catalogue's message listing the valid ones."""
    name = text.strip().lower()
    if name not in CHOICES:
        raise argparse.ArgumentTypeError(t("profile_unknown", name=text, valid=", ".join(CHOICES), env=PROFILE_ENV))
    return name


def existing_path(text: str) -> str:
    """An argparse ``type``: a file or folder that exists."""
    if not Path(text).exists():
        raise argparse.ArgumentTypeError(t("day21_corpus_missing", path=text))
    return text


def run_command(main) -> None:
    """Run a command's ``main()`` (see safe_output); a CourseError is printed as its message and exits with status 1."""
    safe_output()
    try:
        main()
    except CourseError as error:
        print(error, file=sys.stderr)
        sys.exit(1)


def run_live(args: list[str]) -> int:
    """Run a command, showing its output as it comes (progress bars included); → its exit status."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}  # a Windows pipe would otherwise get cp1252: no "ə"
    with subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env) as process:
        # newline="": a line may end in "\r" (a progress bar redrawing itself); it is passed on as it is
        for line in io.TextIOWrapper(process.stdout, encoding="utf-8", errors="replace", newline=""):
            sys.stdout.write(line)
            sys.stdout.flush()
    if process.returncode:
        print(t("command_failed", code=process.returncode))
    return process.returncode
