"""The shipped corpus (checksums, licences) and loading text from files, folders and Hugging Face datasets."""

import importlib.util
import json

import pytest

from course_lib import corpus
from course_lib.errors import CourseError
from course_lib.messages import LANGUAGES, t
from course_lib.paths import ASSETS, ROOT

_spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "tools" / "make_corpus.py")
make_corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_corpus)


def test_assets_readme_lists_every_corpus_file_with_its_checksum():
    listed = make_corpus.readme_checksums((ASSETS / "README.md").read_text(encoding="utf-8"))
    assert set(listed) == {"shakespeare", "udhr_az.txt", "udhr_en.txt"}
    assert {name: make_corpus.sha256(ASSETS / "corpus" / name) for name in listed} == listed
    assert make_corpus.verify() == []


def test_shipped_corpus_is_clean_text_with_its_licences():
    works = sorted(corpus.DEFAULT_CORPUS.glob("*.txt"))
    assert len(works) == 42
    for work in works:
        text = work.read_bytes()
        assert b"\r" not in text and text.isascii() and text.endswith(b"\n") and not text.endswith(b"\n\n")
    assert 4.9e6 < sum(w.stat().st_size for w in works) < 5.2e6
    az = corpus.UDHR["az"].read_text(encoding="utf-8")
    assert "Maddə 1" in az and "ə" in az and "<" not in az
    assert "Article 1" in corpus.UDHR["en"].read_text(encoding="utf-8")
    for licence in ("LICENSE-shakespeare.txt", "LICENSE-udhr.txt"):
        assert (ASSETS / "corpus" / licence).stat().st_size > 500


def test_default_corpus_is_the_shipped_shakespeare_a_document_per_work():
    documents = corpus.load_documents()
    assert len(documents) == 42 and documents[0].startswith("ALL'S WELL THAT ENDS WELL")
    assert documents == [p.read_text(encoding="utf-8") for p in sorted(corpus.DEFAULT_CORPUS.glob("*.txt"))]


def test_folder_is_read_recursively_in_order_with_a_cap(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("birinci\r\nsətir", encoding="utf-8")
    (tmp_path / "b" / "c.txt").write_text("ikinci", encoding="utf-8")
    (tmp_path / "skip.md").write_text("not text", encoding="utf-8")
    (tmp_path / "blank.txt").write_text("  \n", encoding="utf-8")
    assert corpus.load_documents(tmp_path) == ["birinci\nsətir", "ikinci"]
    assert corpus.load_documents(tmp_path, max_chars=10) == ["birinci\nsə"]


def assert_course_error(error: CourseError, key: str, *must_contain: str) -> None:
    """The error has ``key`` and its text, in both languages, names the given values."""
    assert error.key == key
    for lang in LANGUAGES:
        text = t(key, lang, **error.values)
        assert all(value in text for value in must_contain), (lang, text)


@pytest.mark.parametrize("make", ["missing", "empty_folder", "blank_file"])
def test_missing_or_empty_corpus_is_a_course_error(tmp_path, make):
    path = {"missing": tmp_path / "nope.txt", "empty_folder": tmp_path, "blank_file": tmp_path / "blank.txt"}[make]
    if make == "blank_file":
        path.write_text("\n \n", encoding="utf-8")
    key = {"missing": "day21_corpus_missing", "empty_folder": "day21_corpus_no_txt",
           "blank_file": "day21_corpus_empty"}[make]
    with pytest.raises(CourseError) as info:
        corpus.load_documents(path)
    assert_course_error(info.value, key, str(path))


def test_non_utf8_file_is_named(tmp_path):
    (tmp_path / "good.txt").write_text("yaxşı", encoding="utf-8")
    bad = tmp_path / "köhnə.txt"
    bad.write_bytes("Azərbaycan".encode("cp1254", errors="replace") + b"\xe7\xfd")
    with pytest.raises(CourseError) as info:
        corpus.load_documents(tmp_path)
    assert_course_error(info.value, "day21_corpus_not_utf8", str(bad))


def test_hugging_face_path_reads_local_text_files_streaming(tmp_path):
    path = tmp_path / "wiki.txt"
    path.write_text("Bakı Azərbaycanın paytaxtıdır.\n\nXəzər dənizi.\n", encoding="utf-8")
    documents = corpus.load_hf_documents("text", data_files=str(path))
    assert documents == ["Bakı Azərbaycanın paytaxtıdır.", "Xəzər dənizi."]
    assert corpus.load_hf_documents("text", data_files=str(path), max_chars=4) == ["Bakı"]


def test_hugging_face_path_reads_a_json_column_into_the_data_dir_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "rows.jsonl"
    path.write_text("\n".join(json.dumps({"id": i, "body": f"mətn {i}"}) for i in range(3)), encoding="utf-8")
    documents = corpus.load_hf_documents("json", data_files=str(path), text_column="body", streaming=False)
    assert documents == ["mətn 0", "mətn 1", "mətn 2"]
    assert (tmp_path / "data" / "hf_cache").is_dir()
    with pytest.raises(CourseError) as info:
        corpus.load_hf_documents("json", data_files=str(path), text_column="text")
    assert_course_error(info.value, "day21_corpus_no_column", "text", "body")


def test_checksum_sees_document_boundaries():
    assert corpus.checksum(["ab", "c"]) != corpus.checksum(["a", "bc"])
    assert corpus.checksum(["ab", "c"]) == corpus.checksum(["ab", "c"])
