"""Byte-level BPE: the from-scratch merge helpers and the tokenizer trained with Hugging Face tokenizers."""

import pytest
from test_corpus import assert_course_error

from course_lib import tokenizer as tk
from course_lib.corpus import UDHR, load_documents
from course_lib.errors import CourseError

SAMPLE = "Salam, dünya! Bəşər ailəsi.\n\tİki  boşluq, emoji 🙂 və <|endoftext|> sonu\n"


@pytest.fixture(scope="module")
def small():
    """A 300-token tokenizer trained on the two UDHR texts (well under a second)."""
    texts = [path.read_text(encoding="utf-8") for path in UDHR.values()]
    return tk.train_tokenizer(texts, 300)


def test_pair_counts_and_merge():
    ids = list(b"aaabdaaabac")
    assert tk.pair_counts(ids)[(97, 97)] == 4 and sum(tk.pair_counts(ids).values()) == len(ids) - 1
    assert tk.merge_pair([1, 1, 1], (1, 1), 5) == [5, 1]
    merged, pair = tk.merge_step(ids, 256)
    assert pair == (97, 97) and merged == [256, 97, 98, 100, 256, 97, 98, 97, 99]
    assert tk.merge_step([1, 2, 3, 3, 2, 3, 1, 2], 9)[1] == (1, 2)  # a tie: the pair seen first


def test_bpe_demo_shortens_the_sequence_step_by_step():
    steps = tk.bpe_demo("the cat the hat the bat", 5)
    lengths = [n for _, n in steps]
    assert len(steps) == 5 and lengths == sorted(lengths, reverse=True) and lengths[0] < 23
    assert any("the" in token for token, _ in steps)


def test_trained_tokenizer_has_the_exact_size_and_round_trips(small, tmp_path):
    assert small.get_vocab_size() == 300 and small.token_to_id(tk.EOT) == 0
    ids = tk.encode(small, SAMPLE)
    assert tk.decode(small, ids) == SAMPLE and ids.count(0) == 1
    loaded = tk.load_tokenizer(tk.save_tokenizer(small, tmp_path / "sub" / "tok.json"))
    assert tk.encode(loaded, SAMPLE) == ids


def test_training_is_deterministic():
    text = load_documents(max_chars=100_000)
    a, b = tk.train_tokenizer(text, 400), tk.train_tokenizer(text, 400)
    assert a.get_vocab() == b.get_vocab()


def test_tokens_per_word(small):
    assert tk.tokens_per_word(small, "") == 0
    words = UDHR["az"].read_text(encoding="utf-8")
    assert 1 < tk.tokens_per_word(small, words) == len(tk.encode(small, words)) / len(words.split())


@pytest.mark.parametrize("size, key, shown", [
    (200, "day21_vocab_too_small", "257"),
    (70_000, "day21_vocab_uint16", "65536"),
    (5_000, "day21_vocab_too_large", "5000"),
])
def test_impossible_vocabulary_sizes_are_refused(size, key, shown):
    with pytest.raises(CourseError) as info:
        tk.train_tokenizer(UDHR["en"].read_text(encoding="utf-8"), size)
    assert_course_error(info.value, key, shown)


def test_too_large_names_the_achievable_size():
    with pytest.raises(CourseError) as info:
        tk.train_tokenizer("abc abc abd", 270)
    achieved = info.value.values["achieved"]
    assert 257 <= achieved < 270
    assert tk.train_tokenizer("abc abc abd", achieved).get_vocab_size() == achieved


def test_vocab_mismatch_names_both_sizes(small):
    tk.check_vocab_match(small, 300)
    tk.check_vocab_match(512, 512)
    with pytest.raises(CourseError) as info:
        tk.check_vocab_match(small, 32000)
    assert_course_error(info.value, "day21_vocab_mismatch", "300", "32000")


def test_missing_tokenizer_file(tmp_path):
    with pytest.raises(CourseError) as info:
        tk.load_tokenizer(tmp_path / "none.json")
    assert_course_error(info.value, "day21_tokenizer_missing", "none.json")
