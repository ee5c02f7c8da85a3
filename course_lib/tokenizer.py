"""Byte-level BPE: a from-scratch merge demo, and the real tokenizer trained with Hugging Face ``tokenizers``."""

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

from course_lib.errors import CourseError

EOT = "<|endoftext|>"  # ends every document in the token stream
SPECIAL_TOKENS = (EOT,)
N_BYTES = 256
MIN_VOCAB = N_BYTES + len(SPECIAL_TOKENS)
MAX_VOCAB = 2**16  # token files store ids as uint16: 0…65535


# --- BPE from scratch (the lesson's demo and exercises) -------------------------------------------------------------

def pair_counts(ids: list[int]) -> dict[tuple[int, int], int]:
    """How often each neighbouring pair (ids[i], ids[i+1]) occurs, in order of first appearance."""
    return dict(Counter(zip(ids, ids[1:])))


def merge_pair(ids: list[int], pair: tuple[int, int], new_id: int) -> list[int]:
    """Replace every occurrence of ``pair`` (left to right, without overlaps) by ``new_id``."""
    pair, out, i = tuple(pair), [], 0
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out


def merge_step(ids: list[int], new_id: int) -> tuple[list[int], tuple[int, int]]:
    """One BPE step: merge the most frequent pair (the first seen on a tie) into ``new_id``."""
    counts = pair_counts(ids)
    pair = max(counts, key=counts.get)
    return merge_pair(ids, pair, new_id), pair


def bpe_demo(text: str, n_merges: int) -> list[tuple[str, int]]:
    """Run ``n_merges`` BPE steps on the UTF-8 bytes of ``text``: (new token, sequence length) per step."""
    ids = list(text.encode("utf-8"))
    pieces = {i: bytes([i]) for i in range(N_BYTES)}
    steps = []
    for new_id in range(N_BYTES, N_BYTES + n_merges):
        if len(ids) < 2:
            break
        ids, (a, b) = merge_step(ids, new_id)
        pieces[new_id] = pieces[a] + pieces[b]
        steps.append((pieces[new_id].decode("utf-8", errors="replace"), len(ids)))
    return steps


# --- the real tokenizer --------------------------------------------------------------------------------------------

def check_vocab_size(vocab_size: int) -> None:
    """Refuse a vocabulary smaller than the bytes + special tokens, or too big for uint16 token files."""
    if vocab_size < MIN_VOCAB:
        raise CourseError("day21_vocab_too_small", vocab_size=vocab_size, n_special=len(SPECIAL_TOKENS),
                          minimum=MIN_VOCAB)
    if vocab_size > MAX_VOCAB:
        raise CourseError("day21_vocab_uint16", vocab_size=vocab_size, maximum=MAX_VOCAB)


def new_tokenizer() -> Tokenizer:
    """An untrained byte-level BPE tokenizer (GPT-2 style pre-tokenizer and decoder)."""
    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    return tokenizer


def train_tokenizer(texts: str | Iterable[str], vocab_size: int, min_frequency: int = 2) -> Tokenizer:
    """Train a byte-level BPE tokenizer of exactly ``vocab_size`` tokens on ``texts`` (a string or documents)."""
    check_vocab_size(vocab_size)
    tokenizer = new_tokenizer()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        min_frequency=min_frequency,
        special_tokens=list(SPECIAL_TOKENS),
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tokenizer.train_from_iterator([texts] if isinstance(texts, str) else texts, trainer)
    achieved = tokenizer.get_vocab_size()
    if achieved < vocab_size:
        raise CourseError("day21_vocab_too_large", requested=vocab_size, achieved=achieved,
                          min_frequency=min_frequency)
    return tokenizer


def save_tokenizer(tokenizer: Tokenizer, path: str | Path) -> Path:
    """Write the tokenizer to one JSON file (parent folders are created)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tokenizer.save(str(path))
    return path


def load_tokenizer(path: str | Path) -> Tokenizer:
    """Read a tokenizer saved by ``save_tokenizer``."""
    if not Path(path).is_file():
        raise CourseError("day21_tokenizer_missing", path=path)
    return Tokenizer.from_file(str(path))


def encode(tokenizer: Tokenizer, text: str) -> list[int]:
    """Token ids of ``text``."""
    return tokenizer.encode(text).ids


def decode(tokenizer: Tokenizer, ids: Iterable[int]) -> str:
    """Text of token ids; special tokens are kept, so ``decode(encode(text)) == text``."""
    return tokenizer.decode([int(i) for i in ids], skip_special_tokens=False)


def tokens_per_word(tokenizer: Tokenizer, text: str) -> float:
    """Tokens per whitespace-separated word of ``text`` (1.0 would be one token per word)."""
    return len(encode(tokenizer, text)) / max(1, len(text.split()))


def check_vocab_match(tokenizer: Tokenizer | int, model_vocab_size: int) -> None:
    """Raise a CourseError naming both sizes unless the tokenizer's vocabulary equals the model's."""
    size = tokenizer if isinstance(tokenizer, int) else tokenizer.get_vocab_size()
    if size != model_vocab_size:
        raise CourseError("day21_vocab_mismatch", tokenizer=size, model=model_vocab_size)
