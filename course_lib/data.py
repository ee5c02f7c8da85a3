"""Token files and batches: the corpus encoded once into uint16 memmaps, then random windows for training."""

import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from tokenizers import Tokenizer
from torch.utils.data import DataLoader, TensorDataset

from course_lib.corpus import DEFAULT_CORPUS, checksum, clean_documents, load_documents
from course_lib.errors import CourseError
from course_lib.messages import t
from course_lib.paths import data_dir, shown
from course_lib.profiles import Profile
from course_lib.tokenizer import EOT, MAX_VOCAB, load_tokenizer, save_tokenizer, train_tokenizer

TOKENIZER_FILE, TRAIN_FILE, VAL_FILE, META_FILE = "tokenizer.json", "train.bin", "val.bin", "meta.json"
VAL_FRACTION = 0.1
SHIPPED_VOCAB = 8192  # the ~5 MB shipped corpus: a larger vocabulary leaves most tokens rare; 32 000 needs more text
FORMAT = 2  # bump when the layout or the split of a prepared folder changes (an older folder is rebuilt)


# --- encoding and splitting ----------------------------------------------------------------------------------------

def to_uint16(ids) -> np.ndarray:
    """Token ids as a uint16 array; CourseError if one does not fit (≥ 65536)."""
    ids = np.asarray(ids, dtype=np.int64)
    if ids.size and ids.max() >= MAX_VOCAB:
        raise CourseError("day22_ids_uint16", max_id=int(ids.max()))
    return ids.astype(np.uint16)


def encode_documents(tokenizer: Tokenizer, documents: Sequence[str]) -> np.ndarray:
    """All documents as one uint16 token stream, each followed by the end-of-text token."""
    eot = tokenizer.token_to_id(EOT)
    parts = [np.asarray(encoding.ids + [eot], dtype=np.int64) for encoding in tokenizer.encode_batch(list(documents))]
    return to_uint16(np.concatenate(parts))


def split_train_val(ids, val_fraction: float = VAL_FRACTION):
    """The first (1 - val_fraction) of the tokens for training, the rest for validation (order kept)."""
    cut = int(len(ids) * (1 - val_fraction))
    return ids[:cut], ids[cut:]


def split_documents(documents: Sequence[str], val_fraction: float = VAL_FRACTION) -> tuple[list[str], list[str]]:
    """Whole documents held out for validation: every (1/val_fraction)-th one, from the middle of each group.

    ([], []) when there are too few documents (fewer than 1/val_fraction): the caller then cuts the token stream.
    """
    every = round(1 / val_fraction)
    if len(documents) < every:
        return [], []
    held_out = {i for i in range(len(documents)) if i % every == every // 2}
    train = [d for i, d in enumerate(documents) if i not in held_out]
    return train, [documents[i] for i in sorted(held_out)]


def open_tokens(path: str | Path) -> np.memmap:
    """A token file as a read-only uint16 memmap (read from disk only where it is indexed)."""
    return np.memmap(path, dtype=np.uint16, mode="r")


def max_token_id(tokens) -> int:
    """The largest token id in ``tokens`` (-1 when there are none): one pass over the file."""
    return int(np.max(tokens)) if len(tokens) else -1


def check_vocab(data: dict, vocab_size: int) -> None:
    """CourseError if a token id in ``data`` ({split: tokens}) is not below a model's ``vocab_size``.

    Check once before training: on a GPU an out-of-range id is a device-side assert, not an error message.
    """
    for split, tokens in data.items():
        top = max_token_id(tokens)
        if top >= vocab_size:
            raise CourseError("data_ids_model", split=split, max_id=top, vocab_size=vocab_size, last=vocab_size - 1)


# --- batches -------------------------------------------------------------------------------------------------------

def _require_tokens(data, block_size: int, what: str = "data") -> None:
    if len(data) <= block_size:
        raise CourseError("day22_block_too_big", what=t(f"day22_what_{what}"), n_tokens=len(data),
                          block_size=block_size, need=block_size + 1)


def batch_at(data, offsets, block_size: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Inputs x = data[i : i+T] and targets y = data[i+1 : i+T+1] for every offset i, as (B, T) int64."""
    index = np.asarray(offsets, dtype=np.int64)[:, None] + np.arange(block_size + 1)
    window = np.asarray(data)[index].astype(np.int64)
    return torch.from_numpy(np.ascontiguousarray(window[:, :-1])), torch.from_numpy(np.ascontiguousarray(window[:, 1:]))


def get_batch(data, batch_size: int, block_size: int, device="cpu", generator: torch.Generator | None = None):
    """A random batch (x, y) of shape (batch_size, block_size), int64; y is x shifted by one token."""
    _require_tokens(data, block_size)
    offsets = torch.randint(len(data) - block_size, (batch_size,), generator=generator)
    x, y = batch_at(data, offsets.numpy(), block_size)
    if torch.device(device).type == "cuda":  # pinned pages let the copy run while the GPU works
        return x.pin_memory().to(device, non_blocking=True), y.pin_memory().to(device, non_blocking=True)
    return x.to(device), y.to(device)


def chunk_tokens(data, block_size: int) -> torch.Tensor:
    """Fixed chunks of block_size+1 tokens starting every block_size tokens, as (N, block_size+1) int64."""
    _require_tokens(data, block_size)
    n_chunks = (len(data) - 1) // block_size
    index = np.arange(n_chunks)[:, None] * block_size + np.arange(block_size + 1)
    return torch.from_numpy(np.asarray(data)[index].astype(np.int64))


def chunk_loader(data, block_size: int, batch_size: int, shuffle: bool = True, num_workers: int = 0,
                 pin_memory: bool = False, generator: torch.Generator | None = None) -> DataLoader:
    """The seed's way: every fixed chunk in a TensorDataset, served by a DataLoader (x, y = b[:, :-1], b[:, 1:])."""
    return DataLoader(TensorDataset(chunk_tokens(data, block_size)), batch_size=batch_size, shuffle=shuffle,
                      num_workers=num_workers, pin_memory=pin_memory, generator=generator)


# --- prepared token files ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Prepared:
    """A prepared corpus: its folder, tokenizer, train/val memmaps and meta.json; ``built`` if made by this call."""

    path: Path
    tokenizer: Tokenizer
    train: np.memmap
    val: np.memmap
    meta: dict
    built: bool = False

    @property
    def vocab_size(self) -> int:
        """Vocabulary size of the tokenizer: the model's ``vocab_size``."""
        return self.meta["vocab_size"]


def _documents(corpus) -> tuple[list[str], str]:
    if corpus is None:
        return load_documents(), DEFAULT_CORPUS.name + "/"
    if isinstance(corpus, (str, Path)):
        return load_documents(corpus), str(corpus)
    return clean_documents(corpus, "documents"), "documents"


def _build(folder: Path, documents: list[str], vocab_size: int, source: str, digest: str) -> None:
    train_docs, val_docs = split_documents(documents)
    if val_docs:  # whole works held out: the tokenizer and the model never see them
        tokenizer = train_tokenizer(train_docs, vocab_size)
        train, val = encode_documents(tokenizer, train_docs), encode_documents(tokenizer, val_docs)
    else:  # one or a few documents: the last tenth of the token stream
        tokenizer = train_tokenizer(documents, vocab_size)
        train, val = split_train_val(encode_documents(tokenizer, documents))
    save_tokenizer(tokenizer, folder / TOKENIZER_FILE)
    train.tofile(folder / TRAIN_FILE)
    val.tofile(folder / VAL_FILE)
    meta = {
        "format": FORMAT, "source": source, "corpus_sha256": digest, "corpus_chars": sum(map(len, documents)),
        "documents": len(documents), "vocab_size": tokenizer.get_vocab_size(), "eot_id": tokenizer.token_to_id(EOT),
        "dtype": "uint16", "split": "documents" if val_docs else "tokens", "val_documents": len(val_docs),
        "val_fraction": VAL_FRACTION, "train_tokens": len(train), "val_tokens": len(val),
        "val_chars": len(tokenizer.decode(val.tolist())),  # bits per character = val loss · tokens / chars / ln 2
    }
    (folder / META_FILE).write_text(json.dumps(meta, indent=2), encoding="utf-8")


def _format_of(folder: Path) -> int | None:
    try:
        return json.loads((folder / META_FILE).read_text(encoding="utf-8")).get("format")
    except (OSError, ValueError):
        return None


def open_prepared(path: str | Path, built: bool = False) -> Prepared:
    """Open a folder written by ``prepare``; CourseError if a token file holds an id outside the vocabulary."""
    path = Path(path)
    meta = json.loads((path / META_FILE).read_text(encoding="utf-8"))
    tokenizer = load_tokenizer(path / TOKENIZER_FILE)
    vocab_size = min(meta["vocab_size"], tokenizer.get_vocab_size())
    tokens = {name: open_tokens(path / name) for name in (TRAIN_FILE, VAL_FILE)}
    for name, ids in tokens.items():  # once per opening: an id ≥ V would be a device-side assert on a GPU
        top = max_token_id(ids)
        if top >= vocab_size:
            raise CourseError("data_ids_file", file=shown(path / name), max_id=top, vocab_size=vocab_size,
                              last=vocab_size - 1, folder=shown(path))
    return Prepared(path, tokenizer, tokens[TRAIN_FILE], tokens[VAL_FILE], meta, built)


def default_vocab_size(profile: Profile, corpus) -> int:
    """The profile's vocabulary size, at most SHIPPED_VOCAB for the shipped corpus (``corpus`` None)."""
    return min(profile.vocab_size, SHIPPED_VOCAB) if corpus is None else profile.vocab_size


def prepare(profile: Profile, corpus=None, *, vocab_size: int | None = None) -> Prepared:
    """Tokenizer + train/val token files for ``corpus`` (None: shipped; path; or documents), built once per key.

    The folder is ``data_dir()/<corpus sha256[:16]>-v<vocab>``; it is written under a temporary name and renamed,
    so a crash or a parallel run never leaves a half-written one. Vocabulary: ``vocab_size`` or
    ``default_vocab_size(profile, corpus)``.
    """
    documents, source = _documents(corpus)
    vocab_size = vocab_size or default_vocab_size(profile, corpus)
    digest = checksum(documents)
    final = data_dir() / f"{digest[:16]}-v{vocab_size}"
    built = False
    if final.is_dir() and _format_of(final) != FORMAT:  # made by an older course version: split differently
        shutil.rmtree(final, ignore_errors=True)
    if not final.is_dir():
        folder = Path(tempfile.mkdtemp(prefix=f".{final.name}-", dir=final.parent))
        try:
            _build(folder, documents, vocab_size, source, digest)
            folder.chmod(0o755)  # mkdtemp makes it private
            try:
                os.rename(folder, final)
                built = True
            except OSError:  # another process finished the same folder first: use theirs
                if not final.is_dir():
                    raise
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    prepared = open_prepared(final, built)
    _require_tokens(prepared.train, profile.block_size, "train")
    _require_tokens(prepared.val, profile.block_size, "val")
    return prepared


def ensure_prepared(profile: Profile, corpus=None, *, vocab_size: int | None = None) -> Prepared:
    """``prepare`` for later lessons: also prints where the files are and which days explain them."""
    prepared = prepare(profile, corpus, vocab_size=vocab_size)
    state = t("day22_state_built" if prepared.built else "day22_state_found")
    print(t("day22_ready", path=shown(prepared.path), state=state, vocab_size=prepared.vocab_size,
            train_tokens=prepared.meta["train_tokens"], val_tokens=prepared.meta["val_tokens"]))
    return prepared
