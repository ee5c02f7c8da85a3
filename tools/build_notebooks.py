"""Build notebooks/az and notebooks/en from the bilingual sources in notebooks/src, and run them.

Source format (a ``.py`` file per day, cells separated by ``# %%`` lines):

- ``# %% md az`` / ``# %% md en``: a markdown cell in one language; its lines start with ``# ``.
  Every az cell is followed by its en twin. ``# %% md`` is a markdown cell shared by both.
- ``# %% setup``: the standard set-up cell (Colab install + ``setup(lang)``), generated here.
- ``# %%``: a code cell, the same in both languages, except that
  ``# az: text`` / ``# en: text`` comments are kept only in their language (as ``# text``), and
  ``_("az text", "en text")`` becomes the string of the notebook's language.
- In markdown, ``{{BADGE}}`` becomes the "Open in Colab" badge of that notebook.

Usage: ``python tools/build_notebooks.py [--execute] [day04 ...]``. Without ``--execute`` the built
notebooks keep the outputs already stored where the code is unchanged.
"""

import argparse
import datetime
import html
import os
import platform
import re
import sys
import tempfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "notebooks" / "src"
LANGS = ("az", "en")
sys.path.insert(0, str(ROOT))
from course_lib._meta import COLAB_CLONE, COLAB_URL, REPO_BRANCH, REPO_URL  # noqa: E402

_MARKER = re.compile(r"^# %%(?: (md(?: (az|en))?|setup))?\s*$")
_STRING = r"""(f?"(?:[^"\\\n]|\\.)*"|f?'(?:[^'\\\n]|\\.)*')"""
_BILINGUAL = re.compile(rf"\b_\({_STRING}\s*,\s*{_STRING}\)")
_LANG_COMMENT = re.compile(r"(\s*)# (az|en): ?")
_IN_FSTRING = re.compile(r"\{'([^'{}\\\"]*)'\}")  # {'text'} inside an f-string: what {_('az', 'en')} becomes
README_START, README_END = "<!-- days:start -->", "<!-- days:end -->"

UPDATE_COMMENT = {
    "az": "# Xana ikinci dəfə icra olunur (və ya Colab sessiyası hələ davam edir): klonu yeniləyirik",
    "en": "# The cell runs a second time (or the Colab session goes on): update the clone",
}
SETUP_COMMENT = {
    "az": "# Yalnız Colab-da: kursu klonlayıb course_lib-i quraşdırırıq; Colab-ın öz torch-u olduğu kimi qalır",
    "en": "# Only on Colab: clone the course and install course_lib; Colab's own torch stays as it is",
}


def setup_code(lang: str) -> str:
    """The set-up cell of every notebook: on Colab clone the course (or update the clone) and install course_lib."""
    return (
        "import sys\n\n"
        'if "google.colab" in sys.modules:\n'
        f"    {SETUP_COMMENT[lang]}\n"
        "    import subprocess\n"
        "    from pathlib import Path\n\n"
        "    import torch\n\n"
        f'    repo, clone = "{REPO_URL}", "{COLAB_CLONE}"\n'
        '    if Path(clone, ".git").is_dir():\n'
        f"        {UPDATE_COMMENT[lang]}\n"
        '        subprocess.run(["git", "-C", clone, "pull", "-q", "--ff-only"], check=True)\n'
        "    else:\n"
        f'        subprocess.run(["git", "clone", "-q", "--depth", "1", "-b", "{REPO_BRANCH}", repo, clone],\n'
        "                       check=True)\n"
        '    pip = [sys.executable, "-m", "pip", "install", "-q", "-e", clone, f"torch=={torch.__version__}"]\n'
        "    subprocess.run(pip, check=True)\n"
        "    sys.path.insert(0, clone)\n\n"
        "from course_lib import check, setup\n\n"
        f'profile = setup("{lang}")'
    )


def badge(lang: str, name: str) -> str:
    """Markdown of the "Open in Colab" badge for notebook ``name`` in ``lang``."""
    url = f"{COLAB_URL}/notebooks/{lang}/{name}.ipynb"
    return f"[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]({url})"


def parse(path: Path) -> list[tuple[str, str | None, str]]:
    """Split a source file into (kind, lang, text) cells; kind is "md", "setup" or "code"."""
    cells, kind, lang, lines = [], None, None, []

    def flush():
        if kind is not None:
            cells.append((kind, lang, "\n".join(lines).strip("\n")))

    for line in path.read_text(encoding="utf-8").splitlines():
        match = _MARKER.match(line)
        if match:
            flush()
            kind = "setup" if match.group(1) == "setup" else "md" if match.group(1) else "code"
            lang, lines = match.group(2), []
        elif kind is not None:
            lines.append(line)
    flush()
    return cells


def _markdown(text: str) -> str:
    return "\n".join(line[2:] if line.startswith("# ") else line.lstrip("#") for line in text.splitlines())


def localize_code(code: str, lang: str) -> str:
    """Keep the comments and strings of ``lang`` in a code cell."""
    code = _BILINGUAL.sub(lambda m: m.group(1 if lang == "az" else 2), code)
    code = _IN_FSTRING.sub(r"\1", code)  # f"{'loss'} {x}" reads as f"loss {x}"
    out = []
    for line in code.splitlines():
        match = _LANG_COMMENT.search(line)
        if match is None:
            out.append(line)
        elif match.group(2) == lang:
            out.append(line[: match.start()] + match.group(1) + "# " + line[match.end():])
        elif line[: match.start()].strip():
            out.append(line[: match.start()].rstrip())
    return "\n".join(out)


def build(path: Path) -> dict[str, nbformat.NotebookNode]:
    """The az and en notebooks of one source file, without outputs."""
    name = path.stem
    notebooks = {}
    for lang in LANGS:
        nb = nbformat.v4.new_notebook()
        nb.metadata.update({
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
            "course": {"day": name, "lang": lang},
        })
        for kind, cell_lang, text in parse(path):
            if kind == "md" and cell_lang in (None, lang):
                nb.cells.append(nbformat.v4.new_markdown_cell(_markdown(text).replace("{{BADGE}}", badge(lang, name))))
            elif kind == "setup":
                nb.cells.append(nbformat.v4.new_code_cell(setup_code(lang)))
            elif kind == "code":
                nb.cells.append(nbformat.v4.new_code_cell(localize_code(text, lang)))
        for i, cell in enumerate(nb.cells):
            cell["id"] = f"{name}-{i:03d}"
        notebooks[lang] = nb
    return notebooks


def target(lang: str, name: str) -> Path:
    """Where the built notebook of ``name`` in ``lang`` lives."""
    return ROOT / "notebooks" / lang / f"{name}.ipynb"


def _keep_outputs(new: nbformat.NotebookNode, old_path: Path) -> None:
    if not old_path.exists():
        return
    old = nbformat.read(old_path, as_version=4)
    old_code = [c for c in old.cells if c.cell_type == "code"]
    new_code = [c for c in new.cells if c.cell_type == "code"]
    if [c.source for c in old_code] == [c.source for c in new_code]:
        for o, n in zip(old_code, new_code):
            n.outputs, n.execution_count, n.metadata = o.outputs, o.execution_count, o.metadata
        if "outputs" in old.metadata.get("course", {}):
            new.metadata.course["outputs"] = old.metadata.course["outputs"]
        for key in ("language_info", "widgets"):  # what the run recorded: the kernel, the progress bars' state
            if key in old.metadata:
                new.metadata[key] = old.metadata[key]


WIDGET_VIEW, WIDGET_STATE = "application/vnd.jupyter.widget-view+json", "application/vnd.jupyter.widget-state+json"


def final_progress_text(nb: nbformat.NotebookNode) -> None:
    """Give each stored tqdm widget its last frame as text (saved, it shows its first: 0%; GitHub shows the text)."""
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            box = state.get(view["model_id"], {}) if view else {}
            children = [state.get(child.removeprefix("IPY_MODEL_"), {}).get("state", {})
                        for child in box.get("state", {}).get("children", [])]
            if box.get("model_name") != "HBoxModel" or len(children) != 3:
                continue
            left, bar, right = children  # tqdm's description and percentage, the bar, counts / times / postfix
            filled = round(10 * bar.get("value", 0) / bar["max"]) if bar.get("max") else 0
            text = f"{left.get('value', '')}|{'█' * filled}{' ' * (10 - filled)}|{right.get('value', '')}"
            output["data"]["text/plain"] = html.unescape(text).replace("\u2007", " ")


def execute(nb: nbformat.NotebookNode, cwd: Path) -> None:
    """Run a notebook in place (``make outputs``: tiny profile, full length) and record what made its outputs."""
    import torch
    from nbclient import NotebookClient

    os.environ.setdefault("COURSE_PROFILE", "tiny")
    os.environ.setdefault("COURSE_SMOKE", "1")
    with tempfile.TemporaryDirectory() as runs:  # a learner's fresh start: none of this machine's runs
        os.environ["COURSE_RUNS_DIR"] = runs
        try:
            NotebookClient(nb, timeout=600, kernel_name="python3", record_timing=False,
                           resources={"metadata": {"path": str(cwd)}}).execute()
        finally:
            del os.environ["COURSE_RUNS_DIR"]
    final_progress_text(nb)
    device = torch.cuda.get_device_name(0) if torch.cuda.is_available() else f"cpu ({platform.machine()})"
    nb.metadata.course["outputs"] = {
        "profile": os.environ["COURSE_PROFILE"],
        "smoke": os.environ["COURSE_SMOKE"] not in ("", "0"),
        "device": device,
        "torch": torch.__version__,
        "date": datetime.date.today().isoformat(),
    }


def _title(path: Path, lang: str) -> str:
    text = next(text for kind, cell_lang, text in parse(path) if kind == "md" and cell_lang == lang)
    return re.sub(r"^[#\s📚]+", "", _markdown(text).splitlines()[0]).strip()


def readme_table() -> str:
    """The README's table of days: a row per notebook, both languages, with Colab badges."""
    rows = ["| Gün / Day | Azərbaycanca | English |", "| --- | --- | --- |"]
    for src in sorted(SRC.glob("day*.py")):
        cells = [f"{badge(lang, src.stem)} [{_title(src, lang)}](notebooks/{lang}/{src.stem}.ipynb)" for lang in LANGS]
        rows.append(f"| {src.stem[3:5]} | {cells[0]} | {cells[1]} |")
    return "\n".join(rows)


def update_readme() -> None:
    """Rewrite the table of days between the README's markers."""
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = text.index(README_START) + len(README_START), text.index(README_END)
    readme.write_text(text[:start] + "\n" + readme_table() + "\n" + text[end:], encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    """Build (and with --execute, run) the notebooks named, or all of them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("days", nargs="*", help="source names or prefixes, e.g. day04; default: all")
    parser.add_argument("--execute", action="store_true", help="run the notebooks and store their outputs")
    args = parser.parse_args(argv)
    sources = sorted(SRC.glob("day*.py"))
    if args.days:
        sources = [s for s in sources if any(s.stem.startswith(d) for d in args.days)]
    for src in sources:
        for lang, nb in build(src).items():
            path = target(lang, src.stem)
            path.parent.mkdir(parents=True, exist_ok=True)
            if args.execute:
                print(f"running {path.relative_to(ROOT)}", flush=True)
                execute(nb, path.parent)
            else:
                _keep_outputs(nb, path)
            nbformat.write(nb, path)
    update_readme()


if __name__ == "__main__":
    main()
