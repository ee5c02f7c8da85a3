"""Set-up stays consistent: pinned versions inside the declared ranges, environment.yml, Makefile, README, CI."""

import re
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
PINS = {
    Requirement(line).name.lower(): Version(str(next(iter(Requirement(line).specifier))).lstrip("="))
    for line in (ROOT / "requirements-pinned.txt").read_text().splitlines()
    if line.strip() and not line.startswith("#")
}


def declared() -> list[Requirement]:
    project = PYPROJECT["project"]
    return [Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"]]


def test_every_dependency_is_pinned_inside_its_range():
    for req in declared():
        assert req.name.lower() in PINS, f"{req.name} has no pin in requirements-pinned.txt"
        assert req.specifier.contains(PINS[req.name.lower()], prereleases=True), f"{req.name} pin outside {req}"
    assert str(PINS["torch"]) == "2.13.0"


def test_every_pin_is_a_declared_dependency():
    names = {r.name.lower() for r in declared()}
    assert set(PINS) <= names, sorted(set(PINS) - names)


def test_torch_range_admits_what_colab_ships():
    torch = next(r for r in declared() if r.name == "torch")
    assert all(torch.specifier.contains(v) for v in ("2.5.1", "2.6.0", "2.8.0", "2.13.0"))


def test_ipywidgets_range_keeps_colabs_widgets():
    widgets = next(r for r in declared() if r.name == "ipywidgets")
    assert widgets.specifier.contains("7.7.1")  # pip would otherwise upgrade Colab's and its progress bars go blank


def test_the_repository_is_named_in_one_place():
    from course_lib._meta import COLAB_URL, REPO_URL

    assert PYPROJECT["project"]["urls"]["Repository"] == REPO_URL
    assert COLAB_URL.startswith("https://colab.research.google.com/github/") and REPO_URL.split("/")[-1] in COLAB_URL


def test_environment_yml():
    text = (ROOT / "environment.yml").read_text()
    assert re.search(r"^name: llm_50gun$", text, re.M)
    channels = re.search(r"channels:\n((?:\s+- .*\n)+)", text).group(1)
    assert "pytorch" not in channels and "nvidia" not in channels
    assert "- -r requirements-pinned.txt" in text and "- -e ." in text
    python = re.search(r"- python=([\d.]+)", text).group(1)
    assert Version(python) >= Version(PYPROJECT["project"]["requires-python"].lstrip(">="))


def test_makefile_and_ci_use_the_pinned_file_and_make_test():
    makefile = (ROOT / "Makefile").read_text()
    assert "pip install -q -r requirements-pinned.txt" in makefile
    assert re.search(r"^lab: venv\n\t.*jupyter lab .*notebooks/", makefile, re.M)
    assert re.search(r"^test: venv", makefile, re.M) and "notebooks/az notebooks/en" in makefile
    assert "\nmake test\n" in (ROOT / ".ci" / "run").read_text()
    gpu = (ROOT / ".github" / "workflows" / "gpu.yml").read_text()
    assert "runs-on: [self-hosted, linux, gpu]" in gpu and "make gpu-check" in gpu and "workflow_dispatch" in gpu
    assert "make test" in (ROOT / ".github" / "workflows" / "cpu.yml").read_text()


def test_readme_documents_every_setup_path_and_every_notebook():
    readme = (ROOT / "README.md").read_text()
    for command in ("make lab", "make test", "conda env create -f environment.yml", 'pip install -e ".[dev]"',
                    "python -m course_lib.doctor"):
        assert command in readme, command
    sys.path.insert(0, str(ROOT / "tools"))
    import build_notebooks

    assert build_notebooks.readme_table() in readme, "README's table of days is stale: run tools/build_notebooks.py"
    for path in sorted((ROOT / "notebooks" / "az").glob("*.ipynb")):
        assert f"(notebooks/az/{path.name})" in readme and f"(notebooks/en/{path.name})" in readme


def test_readme_profile_table_matches_the_profiles():
    from course_lib.profiles import PROFILES

    rows = {line.split("|")[1].strip(" `"): line for line in (ROOT / "README.md").read_text().splitlines()
            if line.startswith("| `")}
    for name, p in PROFILES.items():
        row = rows[name]
        assert f"{p.n_layer}/{p.n_head}/{p.n_embd}, {p.block_size}" in row, name
        run = f"{p.max_steps}, {p.lr:.0e}".replace("e-0", "e-")  # 2000, 2e-3
        assert f"{p.micro_batch} × {p.grad_accum}" in row and run in row, name
