"""The Colab branch of the set-up cell, run for real: a fake ``google.colab``, the clone URL pointing at a local
repository, a fresh runtime and a second run of the cell (pip is recorded, not run: it would rewrite this venv)."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import build_notebooks  # noqa: E402

from course_lib._meta import COLAB_CLONE, REPO_URL  # noqa: E402

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_CONFIG_GLOBAL": os.devnull}

RUNNER = """
import json, subprocess, sys, types
sys.modules["google.colab"] = types.ModuleType("google.colab")  # what Colab's runtime has imported
real, calls = subprocess.run, []

def run(command, *args, **kwargs):
    calls.append(command)
    if command[1:4] == ["-m", "pip", "install"]:  # recorded only
        return subprocess.CompletedProcess(command, 0)
    return real(command, *args, **kwargs)

subprocess.run = run
exec(open(sys.argv[1], encoding="utf-8").read())
import course_lib
print("RESULT " + json.dumps({"calls": calls, "course_lib": course_lib.__file__, "profile": profile.name}))
"""


def git(*args, cwd):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=os.environ | GIT_ENV)


@pytest.fixture
def colab(tmp_path):
    """A local 'GitHub' holding the course package, and the cell as Colab would run it (clone into tmp)."""
    origin = tmp_path / "origin"
    shutil.copytree(ROOT / "course_lib", origin / "course_lib", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", origin)
    git("init", "-q", "-b", "main", cwd=origin)
    git("add", ".", cwd=origin)
    git("commit", "-q", "-m", "course", cwd=origin)
    clone = tmp_path / "content" / "llm-50gun"
    code = build_notebooks.setup_code("en").replace(REPO_URL, origin.as_uri()).replace(COLAB_CLONE, str(clone))
    cell = tmp_path / "cell.py"
    cell.write_text(code, encoding="utf-8")
    return origin, clone, cell


def run_cell(cell, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("COURSE_")} | GIT_ENV
    env |= {"COURSE_PROFILE": "tiny", "COURSE_DATA_DIR": str(tmp_path / "data"), "OMP_NUM_THREADS": "1"}
    return subprocess.run([sys.executable, "-c", RUNNER, str(cell)], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=180)


def result_of(process):
    assert process.returncode == 0, process.stdout + process.stderr
    line = next(line for line in process.stdout.splitlines() if line.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


def test_a_fresh_runtime_clones_installs_and_imports_the_clone(colab, tmp_path):
    origin, clone, cell = colab
    result = result_of(run_cell(cell, tmp_path))
    git_calls = [c for c in result["calls"] if c[0] == "git"]
    assert [c[1] for c in git_calls] == ["clone"]
    pip = next(c for c in result["calls"] if c[1:4] == ["-m", "pip", "install"])
    assert str(clone) in pip and any(a.startswith("torch==") for a in pip)  # Colab's torch is kept
    assert result["course_lib"].startswith(str(clone))  # the notebook imports the clone
    assert result["profile"] == "tiny"


def test_a_second_run_updates_the_clone(colab, tmp_path):
    origin, clone, cell = colab
    result_of(run_cell(cell, tmp_path))
    (origin / "NEWS.md").write_text("Gün 30 gəldi\n", encoding="utf-8")
    git("add", ".", cwd=origin)
    git("commit", "-q", "-m", "news", cwd=origin)
    result = result_of(run_cell(cell, tmp_path))
    assert [c[1:4] for c in result["calls"] if c[0] == "git"] == [["-C", str(clone), "pull"]]
    assert (clone / "NEWS.md").read_text(encoding="utf-8") == "Gün 30 gəldi\n"


def test_a_failed_clone_stops_the_cell_before_pip(tmp_path, colab):
    origin, clone, cell = colab
    shutil.rmtree(origin)  # no network, a wrong URL, GitHub down: git fails
    process = run_cell(cell, tmp_path)
    assert process.returncode != 0 and "CalledProcessError" in process.stderr
    assert "RESULT" not in process.stdout and "pip" not in process.stderr


def test_paths_are_shown_whole_on_colab(monkeypatch):
    from course_lib.paths import ROOT as REPO
    from course_lib.paths import shown

    inside = REPO / "data" / "runs" / "cpu"
    assert shown(inside) == str(Path("data") / "runs" / "cpu")  # stored outputs show no machine's folders
    monkeypatch.setitem(sys.modules, "google.colab", type(sys)("google.colab"))
    assert shown(inside) == str(inside)  # Colab's notebooks run in /content: a relative path would not exist


def test_runs_go_where_course_runs_dir_says(tmp_path, monkeypatch):
    from course_lib.paths import runs_dir
    from course_lib.train import main

    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path / "local"))
    assert runs_dir() == tmp_path / "local" / "runs"
    monkeypatch.setenv("COURSE_RUNS_DIR", str(tmp_path / "drive" / "runs"))  # e.g. Google Drive on Colab
    trainer = main(["--profile", "tiny", "--max-steps", "1", "--lang", "en"])
    assert trainer.out_dir == tmp_path / "drive" / "runs" / "tiny"
    assert (trainer.out_dir / "checkpoints" / "step_0000001").is_dir()
    assert not any((tmp_path / "local" / "runs").iterdir())  # nothing of the run stays local ...
    assert any(p.is_dir() and p.name != "runs" for p in (tmp_path / "local").iterdir())  # ... but the token files


def test_the_optional_drive_cell_mounts_drive_and_moves_the_runs_there(tmp_path, monkeypatch, capsys):
    import types

    from course_lib import paths

    mounted = []
    colab = types.ModuleType("google.colab")
    colab.drive = types.SimpleNamespace(mount=lambda where: mounted.append(where) or Path(where).mkdir(parents=True))
    monkeypatch.setitem(sys.modules, "google.colab", colab)
    monkeypatch.setattr(paths, "DRIVE_MOUNT", str(tmp_path / "drive"))
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path / "local"))
    monkeypatch.setenv("COURSE_RUNS_DIR", "")  # unset for the course; monkeypatch then undoes what the cell sets
    path = paths.use_google_drive()
    assert mounted == [str(tmp_path / "drive")]
    assert path == tmp_path / "drive" / "MyDrive" / "llm_50gun" / "runs" == paths.runs_dir() and path.is_dir()
    assert os.environ["COURSE_RUNS_DIR"] == str(path)  # the train command started from the notebook inherits it
    out = capsys.readouterr().out
    assert str(path) in out and str(tmp_path / "local") in out  # says where the token files stay


def test_the_drive_cell_off_colab_only_says_where_runs_stay(tmp_path, monkeypatch, capsys):
    from course_lib import paths

    monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path / "local"))
    assert paths.use_google_drive() == tmp_path / "local" / "runs"
    assert "Colab deyil" in capsys.readouterr().out and "COURSE_RUNS_DIR" not in os.environ
