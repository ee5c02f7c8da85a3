"""Notebook structure: built from their sources, same code in az and en, template, checks, real outputs."""

import ast
import re
import sys
from pathlib import Path

import nbformat
import pytest

from course_lib._meta import COLAB_URL
from course_lib.checks import EXERCISES

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import build_notebooks  # noqa: E402

SOURCES = sorted((ROOT / "notebooks" / "src").glob("day*.py"))
NAMES = [s.stem for s in SOURCES]
WORDS = {
    "az": ("Gün ", "Məqsədlər", "Təxmini vaxt", "Tələblər", "Tapşırıq", "Xülasə", "Növbəti gün"),
    "en": ("Day ", "Objectives", "Estimated time", "Prerequisites", "Exercise", "Summary", "Next day"),
}


def load(lang: str, name: str) -> nbformat.NotebookNode:
    return nbformat.read(build_notebooks.target(lang, name), as_version=4)


def code_cells(nb) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "code"]


def without_strings(source: str) -> str:
    """The AST of a cell with every string literal blanked (comments are not in the AST)."""

    class Blank(ast.NodeTransformer):
        def visit_Constant(self, node):
            return ast.Constant("") if isinstance(node.value, str) else node

        def visit_JoinedStr(self, node):
            return ast.Constant("")

    return ast.dump(Blank().visit(ast.parse(source)))


def test_both_languages_hold_the_same_notebooks():
    az = sorted(p.name for p in (ROOT / "notebooks" / "az").glob("*.ipynb"))
    en = sorted(p.name for p in (ROOT / "notebooks" / "en").glob("*.ipynb"))
    assert az == en == sorted(f"{n}.ipynb" for n in NAMES)
    assert "day04_gpu_cuda" in NAMES


@pytest.mark.parametrize("name", NAMES)
def test_notebooks_are_built_from_their_source(name):
    built = build_notebooks.build(ROOT / "notebooks" / "src" / f"{name}.py")
    for lang, nb in built.items():
        stored = load(lang, name)
        assert [(c.cell_type, c.source) for c in stored.cells] == [(c.cell_type, c.source) for c in nb.cells], (
            f"notebooks/{lang}/{name}.ipynb is out of date: run `make outputs DAYS={name}`")


@pytest.mark.parametrize("name", NAMES)
def test_every_bilingual_string_is_translated(name):
    """``_("az", "en")`` takes one literal per language: anything else would reach the kernel as a call to ``_``."""
    for lang in ("az", "en"):
        for source in code_cells(load(lang, name)):
            calls = [line for line in source.splitlines() if re.search(r"(?<![\w.])_\(\s*f?[\"']", line)]
            assert not calls, (lang, calls)


@pytest.mark.parametrize("name", NAMES)
def test_code_is_the_same_in_both_languages(name):
    az, en = code_cells(load("az", name)), code_cells(load("en", name))
    assert len(az) == len(en)
    for a, e in zip(az, en):
        assert without_strings(a) == without_strings(e)


@pytest.mark.parametrize("lang", ["az", "en"])
@pytest.mark.parametrize("name", NAMES)
def test_template(name, lang):
    nb = load(lang, name)
    first = nb.cells[0].source
    assert first.startswith("# ") and f"{COLAB_URL}/notebooks/{lang}/{name}.ipynb" in first
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    for word in WORDS[lang]:
        assert word in text, f"{word!r} missing in {lang}/{name}"
    setup = build_notebooks.setup_code(lang)
    assert setup in code_cells(nb), "the standard set-up cell is missing"
    ids = re.findall(r'check\("([\w.]+)"', "\n".join(code_cells(nb)))
    assert len(ids) >= 3 and all(i in EXERCISES for i in ids)
    assert all(i.startswith(name.split("_")[0] + ".") for i in ids)
    links = re.findall(r"\]\((day\d\d_\w+\.ipynb)\)", nb.cells[-1].source)
    assert links and all((ROOT / "notebooks" / lang / link).exists() for link in links), "link to the next day"


@pytest.mark.parametrize("lang", ["az", "en"])
@pytest.mark.parametrize("name", NAMES)
def test_stored_outputs_are_from_a_real_run(name, lang):
    nb = load(lang, name)
    origin = nb.metadata.get("course", {}).get("outputs")
    assert origin and {"profile", "smoke", "device", "torch", "date"} <= set(origin), "run `make outputs`"
    assert origin["smoke"] is False, "stored outputs come from full-length runs: run `make outputs`, not a smoke run"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.execution_count is not None, "a cell was never executed"
            assert not [o for o in cell.outputs if o.output_type == "error"], cell.source[:80]
    setup_out = "".join(o.get("text", "") for o in nb.cells[[c.source for c in nb.cells].index(
        build_notebooks.setup_code(lang))].outputs)
    assert origin["profile"] in setup_out  # the stored outputs say which profile made them, ...
    assert origin["date"] in setup_out and origin["torch"] in setup_out  # ... when and with which torch,
    assert "smoke" not in setup_out and "qısa sınaq" not in setup_out  # ... and that the run was full length


def test_colab_setup_keeps_colabs_torch():
    for lang in ("az", "en"):
        code = build_notebooks.setup_code(lang)
        assert code.startswith('import sys\n\nif "google.colab" in sys.modules:')
        assert 'f"torch=={torch.__version__}"' in code  # pip is told to keep the installed torch
        assert 'profile = setup("' + lang + '")' in code


def test_builder_localizes_comments_and_strings():
    code = 'x = 1  # az: bir\n# en: one\nprint(_("salam", "hello"), _(f"{x} ədəd", f"{x} items"))'
    assert build_notebooks.localize_code(code, "az") == 'x = 1  # bir\nprint("salam", f"{x} ədəd")'
    assert build_notebooks.localize_code(code, "en") == "x = 1\n# one\nprint(\"hello\", f\"{x} items\")"


def test_stored_progress_bars_show_their_last_frame():
    # a saved tqdm widget's text is its first frame ("0%"); GitHub and a notebook opened untrusted show that text
    for lang in build_notebooks.LANGS:
        for name in NAMES:
            nb = load(lang, name)
            before = nbformat.writes(nb)
            build_notebooks.final_progress_text(nb)
            assert nbformat.writes(nb) == before, f"{lang}/{name}: make outputs (final_progress_text) not applied"


def test_final_progress_text_reads_the_widget_state():
    def model(name, **state):
        return {"model_name": name, "state": state}

    nb = nbformat.v4.new_notebook()
    view = {build_notebooks.WIDGET_VIEW: {"model_id": "box"}, "text/plain": "Training:   0%|          | 0/200"}
    nb.cells = [nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output("display_data", data=view)])]
    nb.metadata["widgets"] = {build_notebooks.WIDGET_STATE: {"state": {
        "box": model("HBoxModel", children=["IPY_MODEL_a", "IPY_MODEL_b", "IPY_MODEL_c"]),
        "a": model("HTMLModel", value="Training:\u2007100%"), "b": model("FloatProgressModel", value=200.0, max=200.0),
        "c": model("HTMLModel", value="\u2007200/200\u2007[00:02&lt;00:00,\u200782.79it/s]"),
    }}}
    build_notebooks.final_progress_text(nb)
    assert nb.cells[0].outputs[0].data["text/plain"] == "Training: 100%|██████████| 200/200 [00:02<00:00, 82.79it/s]"
