"""Token files, get_batch, the fixed-chunk DataLoader, and prepare (idempotent and atomic)."""

import json
import threading
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import torch
from test_corpus import assert_course_error

from course_lib import data
from course_lib.corpus import load_documents
from course_lib.data import split_documents
from course_lib.errors import CourseError
from course_lib.profiles import PROFILES
from course_lib.tokenizer import decode, encode

TINY = replace(PROFILES["tiny"], block_size=16, vocab_size=300)
DOCS = ["Bütün insanlar ləyaqət və hüquqlarına görə azad və bərabər doğulurlar. " * 20,
        "All human beings are born free and equal in dignity and rights. " * 20]


@pytest.fixture(autouse=True)
def data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def test_to_uint16_refuses_ids_that_do_not_fit():
    assert data.to_uint16([0, 65535]).dtype == np.uint16
    with pytest.raises(CourseError) as info:
        data.to_uint16([1, 65536, 3])
    assert_course_error(info.value, "day22_ids_uint16", "65536")


def test_get_batch_shape_dtype_shift_and_range():
    tokens = np.arange(1000, dtype=np.uint16)
    x, y = data.get_batch(tokens, 32, 8, generator=torch.Generator().manual_seed(0))
    assert x.shape == y.shape == (32, 8) and x.dtype == y.dtype == torch.int64
    assert torch.equal(x[:, 1:], y[:, :-1]) and torch.equal(y, x + 1)  # consecutive tokens, shifted by one
    assert x.min() >= 0 and y.max() <= 999
    x2, _ = data.get_batch(tokens, 32, 8, generator=torch.Generator().manual_seed(0))
    assert torch.equal(x, x2)


def test_get_batch_reaches_both_ends_of_the_data():
    tokens = np.arange(10, dtype=np.uint16)
    x, y = data.get_batch(tokens, 200, 4, generator=torch.Generator().manual_seed(1))
    assert x[:, 0].min() == 0 and y[:, -1].max() == 9


@pytest.mark.parametrize("n_tokens", [8, 3])
def test_block_size_must_be_smaller_than_the_data(n_tokens):
    with pytest.raises(CourseError) as info:
        data.get_batch(np.zeros(n_tokens, dtype=np.uint16), 2, 8)
    assert_course_error(info.value, "day22_block_too_big", str(n_tokens), "block_size=8", "9")


def test_fixed_chunks_cover_every_target_once():
    tokens = torch.arange(33)
    chunks = data.chunk_tokens(tokens, 8)
    assert chunks.shape == (4, 9) and torch.equal(chunks[:, 1:].flatten(), torch.arange(1, 33))
    loader = data.chunk_loader(tokens.numpy(), 8, batch_size=3, generator=torch.Generator().manual_seed(0))
    batches = [b for (b,) in loader]
    assert [len(b) for b in batches] == [3, 1]
    assert sorted(torch.cat(batches)[:, 0].tolist()) == [0, 8, 16, 24]


def test_prepare_builds_once_and_reopens(data_home):
    first = data.prepare(TINY, DOCS)
    assert first.built and first.path.parent == data_home and first.vocab_size == 300
    assert first.train.dtype == np.uint16 and len(first.train) == first.meta["train_tokens"]
    assert first.meta["val_tokens"] == len(first.val) > TINY.block_size
    stream = np.concatenate([first.train, first.val])
    eot = first.meta["eot_id"]
    assert decode(first.tokenizer, stream) == "".join(d + decode(first.tokenizer, [eot]) for d in DOCS)
    mtime = (first.path / data.TRAIN_FILE).stat().st_mtime_ns
    second = data.prepare(TINY, DOCS)
    assert not second.built and second.path == first.path
    assert (first.path / data.TRAIN_FILE).stat().st_mtime_ns == mtime
    assert data.prepare(TINY, DOCS, vocab_size=280).path != first.path
    assert sorted(p.name for p in data_home.iterdir()) == sorted([first.path.name, f"{first.path.name[:16]}-v280"])


def test_prepare_reads_a_corpus_folder(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    for i, text in enumerate(DOCS):
        (folder / f"{i}.txt").write_text(text, encoding="utf-8")
    prepared = data.prepare(TINY, folder)
    assert prepared.meta["documents"] == 2 and prepared.meta["source"] == str(folder)
    assert prepared.path == data.prepare(TINY, DOCS).path  # same text, same key


def test_a_crash_leaves_nothing_behind(data_home, monkeypatch):
    def crash(*args):
        raise RuntimeError("power cut")

    monkeypatch.setattr(data, "encode_documents", crash)
    with pytest.raises(RuntimeError):
        data.prepare(TINY, DOCS)
    assert list(data_home.iterdir()) == []


def test_parallel_prepares_agree(data_home):
    results = [None, None]

    def run(i):
        results[i] = data.prepare(TINY, DOCS)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results[0].path == results[1].path and [p.name for p in data_home.iterdir()] == [results[0].path.name]
    assert np.array_equal(results[0].train, results[1].train)


@pytest.mark.parametrize("split", [data.TRAIN_FILE, data.VAL_FILE])
def test_a_token_file_with_an_id_outside_the_vocabulary_is_refused_once_when_opened(split):
    """Token files from another tokenizer (here: a 300-token one next to ids up to 5000) give one clear error."""
    prepared = data.prepare(TINY, DOCS)
    ids = np.fromfile(prepared.path / split, dtype=np.uint16)
    ids[len(ids) // 2] = 5000
    ids.tofile(prepared.path / split)
    with pytest.raises(CourseError) as info:
        data.prepare(TINY, DOCS)
    assert_course_error(info.value, "data_ids_file", split, "5000", "300", "0…299", prepared.path.name)


def test_the_largest_id_may_be_the_last_of_the_vocabulary():
    prepared = data.prepare(TINY, DOCS)
    ids = np.fromfile(prepared.path / data.VAL_FILE, dtype=np.uint16)
    ids[0] = prepared.vocab_size - 1
    ids.tofile(prepared.path / data.VAL_FILE)
    assert data.max_token_id(data.prepare(TINY, DOCS).val) == prepared.vocab_size - 1
    assert data.max_token_id(np.zeros(0, dtype=np.uint16)) == -1


def test_check_vocab_refuses_a_model_smaller_than_the_data():
    tokens = {"train": np.array([0, 7, 511], dtype=np.uint16), "val": np.array([3, 900], dtype=np.uint16)}
    data.check_vocab(tokens, 901)  # every id below the vocabulary: nothing to say
    with pytest.raises(CourseError) as info:
        data.check_vocab(tokens, 512)
    assert_course_error(info.value, "data_ids_model", "'val'", "900", "vocab_size=512", "0…511",
                        "prepared.vocab_size")


def test_prepare_refuses_a_corpus_too_small_for_the_block():
    with pytest.raises(CourseError) as info:
        data.prepare(replace(TINY, block_size=512), DOCS)
    assert info.value.key == "day22_block_too_big"


def test_ensure_prepared_says_which_days_explain_it(capsys):
    prepared = data.ensure_prepared(TINY, DOCS)
    assert "21" in capsys.readouterr().out
    assert encode(prepared.tokenizer, "azad") == encode(data.ensure_prepared(TINY, DOCS).tokenizer, "azad")


def test_vocabulary_comes_from_the_profile_but_is_capped_for_the_shipped_corpus():
    assert data.default_vocab_size(PROFILES["gpu4gb"], None) == data.SHIPPED_VOCAB
    assert data.default_vocab_size(PROFILES["gpu4gb"], "my_corpus/") == 32000
    assert data.default_vocab_size(PROFILES["tiny"], None) == 512


def test_prepare_on_the_shipped_corpus_holds_out_whole_works():
    prepared = data.prepare(PROFILES["tiny"])
    meta = prepared.meta
    assert prepared.vocab_size == 512 and meta["source"] == "shakespeare/" and meta["split"] == "documents"
    assert meta["documents"] == 42 and meta["val_documents"] == 4
    eot = meta["eot_id"]
    assert int((np.asarray(prepared.train) == eot).sum()) == 38  # training sees where every one of its works ends
    assert int((np.asarray(prepared.val) == eot).sum()) == 4
    assert 0.07 < meta["val_tokens"] / (meta["train_tokens"] + meta["val_tokens"]) < 0.13
    assert meta["val_chars"] == sum(map(len, split_documents(load_documents())[1]))


def test_every_tenth_document_is_held_out_and_few_documents_fall_back_to_a_token_cut():
    docs = [f"document {i}" for i in range(25)]
    train, val = split_documents(docs)
    assert val == ["document 5", "document 15"] and len(train) == 23 and not set(train) & set(val)
    assert split_documents(docs[:9]) == ([], [])


def test_a_few_documents_are_cut_at_the_last_tenth_of_the_tokens(data_home):
    prepared = data.prepare(TINY, DOCS)
    meta = prepared.meta
    assert meta["split"] == "tokens" and meta["val_documents"] == 0
    assert meta["val_tokens"] == meta["train_tokens"] + meta["val_tokens"] - int(
        (meta["train_tokens"] + meta["val_tokens"]) * (1 - data.VAL_FRACTION))


def test_a_folder_from_an_older_format_is_rebuilt(data_home):
    first = data.prepare(TINY, DOCS)
    meta = json.loads((first.path / data.META_FILE).read_text(encoding="utf-8"))
    (first.path / data.META_FILE).write_text(json.dumps(meta | {"format": 1}), encoding="utf-8")
    again = data.prepare(TINY, DOCS)
    assert again.built and again.meta["format"] == data.FORMAT


@pytest.mark.gpu
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")
def test_get_batch_on_cuda_gives_the_same_batch_on_the_gpu():
    tokens = np.arange(5000, dtype=np.uint16)
    x, y = data.get_batch(tokens, 16, 64, "cuda", generator=torch.Generator().manual_seed(3))
    x_cpu, y_cpu = data.get_batch(tokens, 16, 64, "cpu", generator=torch.Generator().manual_seed(3))
    torch.cuda.synchronize()
    assert x.is_cuda and y.is_cuda and x.dtype == torch.int64
    assert torch.equal(x.cpu(), x_cpu) and torch.equal(y.cpu(), y_cpu)


def test_paths_are_shown_relative_to_the_repository_when_inside_it(tmp_path):
    from course_lib.paths import ROOT, shown

    assert shown(ROOT / "data" / "runs" / "x") == str(Path("data") / "runs" / "x")
    assert shown(tmp_path / "run") == str((tmp_path / "run").resolve())
