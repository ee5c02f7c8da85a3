"""The glossary (GLOSSARY.md) holds: no Azerbaijani text of the course uses a term's avoided variants."""

import json
import re
from pathlib import Path

import pytest

from course_lib.messages import CATALOGUE

ROOT = Path(__file__).resolve().parents[1]


def glossary() -> list[tuple[str, str, list[str]]]:
    """(English, Azerbaijani, avoided variants) for every row of GLOSSARY.md's table."""
    rows = []
    for line in (ROOT / "GLOSSARY.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0] not in ("English", "---"):
            rows.append((cells[0], cells[1], [v.strip() for v in cells[2].split(",") if v.strip()]))
    return rows


def az_texts() -> dict[str, str]:
    """Everything an Azerbaijani learner reads: az notebooks (text, code, stored outputs) and az messages."""
    texts = {}
    for path in sorted((ROOT / "notebooks" / "az").glob("*.ipynb")):
        for i, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
            outputs = "".join("".join(o.get("text", "")) + "".join(o.get("data", {}).get("text/plain", ""))
                              for o in cell.get("outputs", []))
            texts[f"{path.name} cell {i}"] = "".join(cell["source"]) + "\n" + outputs
    texts |= {f"message {key}": text["az"] for key, text in CATALOGUE.items()}
    return texts


def test_the_glossary_is_a_table_of_the_seeds_terms():
    rows = {en: az for en, az, _ in glossary()}
    assert len(rows) >= 30
    assert rows["training"].startswith("Təlim") and rows["gradient accumulation"] == "Qradiyent Yığımı"
    assert rows["effective batch size"].startswith("Effektiv Batch Size") and rows["learning rate"] == "öyrənmə sürəti"


def variant_pattern(variant: str) -> str:
    """A variant at the start of a word, any suffix; its words may be split by a line break and a ``# `` prefix."""
    words = (re.escape(word) for word in variant.split())
    return r"(?<!\w)" + r"(?:\s+(?:#\s+)?)".join(words) + r"\w*"


@pytest.mark.parametrize("english, azerbaijani, avoided", glossary(), ids=[row[0] for row in glossary()])
def test_azerbaijani_text_uses_the_glossary_term(english, azerbaijani, avoided):
    texts = az_texts()
    found = [f"{where}: «{match.group(0)}»" for variant in avoided for where, text in texts.items()
             for match in re.finditer(variant_pattern(variant), text, re.IGNORECASE)]
    assert not found, f"'{english}' is «{azerbaijani}» in Azerbaijani text, not: " + "; ".join(found[:10])


def test_the_check_finds_a_variant():
    assert re.search(variant_pattern("optimizator"), "Optimizatorun addımı", re.IGNORECASE)
    assert re.search(variant_pattern("nümunə götürmə"), "mətndən nümunə\n# götürmək", re.IGNORECASE)


# English words an az learner must not meet in a printed line (the Shakespeare corpus, file names, identifiers such
# as val_loss and printed library source excepted): the labels the lessons and course_lib print
ENGLISH_LABELS = re.compile(r"(?<![\w.'\"/^+-])(loss|step|steps|device|measured|skipped|memorized|config|state|"
                            r"technique|setting|workers|n/a)(?![\w=('\"/.-])")


def printed_lines(path: Path) -> list[str]:
    """The lines of a notebook's stored text outputs, without printed source code (a cell that prints a def)."""
    lines = []
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        for output in cell.get("outputs", []):
            text = "".join(output.get("text", "")) if output.get("output_type") == "stream" else ""
            if "def " not in text:
                lines += text.splitlines()
    return lines


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks" / "az").glob("*.ipynb")), ids=lambda p: p.stem)
def test_az_outputs_print_no_english_labels(path):
    english = [line for line in printed_lines(path) if ENGLISH_LABELS.search(line) and "Shakespeare" not in line]
    assert not english, english[:5]


def test_the_english_label_check_finds_one():
    assert ENGLISH_LABELS.search("addım 20: loss 5.1") and ENGLISH_LABELS.search("cihaz: cpu | mfu=n/a")
    assert not ENGLISH_LABELS.search("{'step': 20, 'val_loss': 4.1} | train: 38 | val: 4")
