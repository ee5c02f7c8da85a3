"""Training text: the shipped Shakespeare (a document per work), your own UTF-8 files, or a Hugging Face dataset."""

import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path

from course_lib.errors import CourseError
from course_lib.paths import ASSETS, data_dir

CORPUS_DIR = ASSETS / "corpus"
DEFAULT_CORPUS = CORPUS_DIR / "shakespeare"  # 42 works, a file (a document) each
UDHR = {"az": CORPUS_DIR / "udhr_az.txt", "en": CORPUS_DIR / "udhr_en.txt"}
HF_MAX_CHARS = 20_000_000  # default cap for a Hugging Face dataset (~20 MB of text)


def corpus_files(path: str | Path) -> list[Path]:
    """The text files of a corpus: the file itself, or every *.txt under a folder (sorted)."""
    path = Path(path).expanduser()
    if not path.exists():
        raise CourseError("day21_corpus_missing", path=path)
    if path.is_file():
        return [path]
    files = sorted(p for p in path.rglob("*.txt") if p.is_file())
    if not files:
        raise CourseError("day21_corpus_no_txt", path=path)
    return files


def read_text(path: str | Path) -> str:
    """A file's text, strictly UTF-8 (a BOM is dropped, line endings become \\n)."""
    try:
        with open(path, encoding="utf-8-sig") as f:
            return f.read()
    except UnicodeDecodeError as error:
        raise CourseError("day21_corpus_not_utf8", file=path, position=error.start) from None


def clean_documents(texts: Iterable[str], source, max_chars: int | None = None,
                    max_docs: int | None = None) -> list[str]:
    """The non-blank texts, at most ``max_docs`` of them, cut after ``max_chars`` characters; CourseError if none."""
    documents, total = [], 0
    for text in texts:
        if max_chars is not None and total + len(text) > max_chars:
            text = text[: max_chars - total]
        if text.strip():
            documents.append(text)
            total += len(text)
        if (max_chars is not None and total >= max_chars) or (max_docs is not None and len(documents) >= max_docs):
            break
    if not documents:
        raise CourseError("day21_corpus_empty", source=source)
    return documents


def load_documents(source: str | Path | None = None, max_chars: int | None = None) -> list[str]:
    """Documents (one per file) of a text file or folder; default: the shipped Shakespeare. Cap: ``max_chars``."""
    path = DEFAULT_CORPUS if source is None else source
    return clean_documents(map(read_text, corpus_files(path)), path, max_chars)


HF_FILE_BUILDERS = {".json": "json", ".jsonl": "json", ".parquet": "parquet", ".csv": "csv", ".txt": "text"}


def _looks_local(name: str) -> bool:
    return Path(name).suffix in HF_FILE_BUILDERS or name.startswith((".", "/", "~")) or "\\" in name


def open_dataset(name: str, config: str | None = None, *, split: str = "train", data_files=None,
                 streaming: bool = True):
    """One split of a Hub dataset, a local ``save_to_disk`` folder, or a local json/jsonl/parquet/csv/txt file.

    A missing local path, an unknown dataset, no network and a wrong split or config are CourseErrors.
    """
    from datasets import load_dataset, load_from_disk

    path = Path(name).expanduser()
    kwargs = {} if streaming else {"cache_dir": str(data_dir() / "hf_cache")}
    try:
        if path.is_dir() and any((path / f).is_file() for f in ("dataset_info.json", "dataset_dict.json")):
            dataset = load_from_disk(str(path))  # what Dataset(Dict).save_to_disk wrote
            return dataset[split] if hasattr(dataset, "keys") else dataset
        if path.is_file() and path.suffix in HF_FILE_BUILDERS:
            return load_dataset(HF_FILE_BUILDERS[path.suffix], data_files=str(path), split=split,
                                streaming=streaming, **kwargs)
        if data_files is None and _looks_local(name):  # a path that is not there: never ask the Hub for it
            raise CourseError("day21_corpus_missing", path=path)
        return load_dataset(name, config, split=split, data_files=data_files, streaming=streaming, **kwargs)
    except ConnectionError:
        raise CourseError("corpus_dataset_offline", name=name) from None
    except FileNotFoundError:
        raise CourseError("corpus_dataset_unknown", name=name) from None
    except (ValueError, KeyError) as error:  # a split or config the dataset does not have
        raise CourseError("corpus_dataset_bad", name=name, config=config, split=split, detail=error) from None


def load_hf_documents(
    name: str,
    config: str | None = None,
    *,
    split: str = "train",
    data_files=None,
    text_column: str = "text",
    max_chars: int | None = HF_MAX_CHARS,
    max_docs: int | None = None,
    streaming: bool = True,
) -> list[str]:
    """Documents from a Hugging Face dataset (e.g. "wikimedia/wikipedia", "20231101.az") or a local one.

    ``name`` may also be a ``save_to_disk`` folder or a json/jsonl/parquet/csv file; at most ``max_docs`` documents
    and ``max_chars`` characters are read (streaming: a large dataset is never downloaded whole).
    """
    dataset = open_dataset(name, config, split=split, data_files=data_files, streaming=streaming)

    def texts():
        for row in dataset:
            if text_column not in row:
                raise CourseError("day21_corpus_no_column", name=name, column=text_column, columns=", ".join(row))
            yield row[text_column] or ""

    return clean_documents(texts(), name, max_chars, max_docs)


def checksum(documents: Sequence[str]) -> str:
    """SHA-256 of the documents (their order and boundaries included)."""
    digest = hashlib.sha256()
    for document in documents:
        data = document.encode("utf-8")
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()
