"""The GPU workflow and `make gpu-check-run`, checked without a GPU: every part runs even when one fails, the
fp16 pass on an emulated 4 GB card, setup-python, and a time budget that the step limits meet."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from course_lib.device import EMULATED_CARDS, GIB

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import gpu_check  # noqa: E402

WORKFLOW = yaml.safe_load((ROOT / ".github" / "workflows" / "gpu.yml").read_text(encoding="utf-8"))
JOB = WORKFLOW["jobs"]["gpu-check"]
STARTUP_S = 60  # a fresh Python with torch, before gpu_check's first child


def gpu_parts() -> list[str]:
    """The GPU_PARTS of the Makefile: the targets `make gpu-check-run` runs one after another."""
    line = next(line for line in (ROOT / "Makefile").read_text().splitlines() if line.startswith("GPU_PARTS :="))
    return line.split(":=")[1].split()


def test_every_part_is_a_step_that_runs_after_an_earlier_failure():
    steps = JOB["steps"]
    runs = [step.get("run", "") for step in steps]
    venv = runs.index("make venv")
    for part in gpu_parts():
        step = steps[runs.index(f"make {part}")]
        assert step["if"] in ("${{ !cancelled() }}", "${{ always() }}"), step["name"]
        assert runs.index(f"make {part}") > venv
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["if"] == "always()"


def test_python_is_set_up_as_in_the_cpu_workflow():
    setup = next(s for s in JOB["steps"] if s.get("uses", "").startswith("actions/setup-python"))
    assert setup["with"]["python-version"] == "3.11"


def test_the_step_limits_meet_the_jobs_time_budget():
    limits = [step["timeout-minutes"] for step in JOB["steps"]]  # every step has one
    assert sum(limits) <= JOB["timeout-minutes"]
    bench_step = next(s for s in JOB["steps"] if s.get("run") == "make gpu-bench")
    assert gpu_check.BUDGET_S + STARTUP_S <= bench_step["timeout-minutes"] * 60  # its children end in time


def fake_python(tmp_path: Path, failing: str) -> Path:
    """A stand-in for $(PY) that logs its arguments and environment, and fails when they contain ``failing``."""
    log = tmp_path / "calls.log"
    script = tmp_path / "python"
    script.write_text(f"""#!/bin/sh
echo "$COURSE_PROFILE|$COURSE_PRECISION|$COURSE_MEMORY_CAP_GIB|$*" >> "{log}"
case "$*" in *{failing}*) exit 1;; esac
exit 0
""")
    script.chmod(0o755)
    return script


@pytest.mark.skipif(shutil.which("make") is None or os.name == "nt", reason="needs make and a POSIX shell")
def test_a_failing_gpu_check_does_not_stop_the_tests_and_notebooks(tmp_path):
    python = fake_python(tmp_path, failing="tools/gpu_check.py")
    env = {k: v for k, v in os.environ.items() if k not in ("COURSE_PRECISION", "COURSE_MEMORY_CAP_GIB")}
    done = subprocess.run(["make", "-C", str(ROOT), "--no-print-directory", "gpu-check-run", f"PY={python}"],
                          capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode != 0  # the failure is reported at the end
    calls = [line.split("|") for line in (tmp_path / "calls.log").read_text().splitlines()]
    commands = [call[3] for call in calls]
    assert commands[0].startswith("-c import torch")  # the CUDA check first
    assert any(c.startswith("tools/gpu_check.py") for c in commands)
    assert any(c.startswith("-m pytest -m gpu") for c in commands)
    notebooks = [call for call in calls if call[3].startswith("-m pytest --nbval-lax")]
    assert len(notebooks) == 2  # both notebook passes ran after gpu_check failed
    assert notebooks[0][:3] == ["auto", "", ""]  # the GPU's own profile and precision
    profile, precision, cap = notebooks[1][:3]  # as on a 4 GB card, in fp16 (the GradScaler path), capped
    assert (profile, precision) == ("gpu4gb", "fp16") and float(cap) * GIB == pytest.approx(EMULATED_CARDS["gpu4gb"])
