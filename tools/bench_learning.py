"""Learning efficiency: held-out bits per character of the course's `cpu` profile against a tuned character-level GPT.

Both models learn from the training works of the shipped corpus and are scored on the same held-out works
(``data.split_documents``), every character of them (``heldout.heldout_loss``), on this machine with the same
threads and the same training step (``train.train_step``: AdamW, warmup + cosine, clipping). Bits per character do
not depend on the tokenizer, so a BPE model and a character model can be compared.

- The course: the `cpu` profile exactly as ``python -m course_lib.train --profile cpu`` trains it (BPE vocabulary,
  model, batch, steps, learning rate), scored after ``--minutes`` of training and at its end.
- The character-level GPT: the same model code on characters. Its learning rate and width are tuned: every
  candidate trains with a schedule that ends at ``--minutes``; the best then trains again with a schedule that ends
  when the course run ended. Evaluation time is not counted in either run.

Usage: ``python tools/bench_learning.py [--minutes 4] [--json assets/bench/learning_cpu.json]``.
"""

import argparse
import json
import sys
import time
from functools import partial
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from course_lib.bench import provenance  # noqa: E402
from course_lib.corpus import load_documents  # noqa: E402
from course_lib.data import get_batch, prepare, split_documents  # noqa: E402
from course_lib.heldout import bits_per_char, heldout_loss  # noqa: E402
from course_lib.model import GPTModel  # noqa: E402
from course_lib.profiles import PROFILES  # noqa: E402
from course_lib.schedule import make_optimizer, make_scheduler  # noqa: E402
from course_lib.tied_grad import use_tied_gradient  # noqa: E402
from course_lib.train import make_accelerator, step_generator, train_step  # noqa: E402

# Candidates for the character model: (n_layer, n_head, n_embd, block_size, batch, lr). nanoGPT's CPU "baby GPT"
# for shakespeare_char is 4/4/128 with block 64, batch 12 and lr 1e-3; a character needs a longer block than a BPE
# token for the same text (256 characters ≈ 90 tokens); higher rates, a shorter block with a bigger batch and a wider
# model are tried too.
CHAR_CANDIDATES = (
    (4, 4, 128, 256, 16, 2e-3),
    (4, 4, 128, 256, 16, 4e-3),
    (4, 4, 128, 256, 16, 8e-3),
    (4, 4, 128, 128, 32, 4e-3),
    (6, 6, 192, 256, 16, 2e-3),
)
WARMUP_FRACTION = 0.05


class CharCodec:
    """Characters of the training text ↔ ids; a character never seen in training gets one extra id."""

    def __init__(self, text: str):
        self.chars = sorted(set(text))
        self.index = {c: i for i, c in enumerate(self.chars)}
        self.vocab_size = len(self.chars) + 1

    def encode(self, text: str) -> np.ndarray:
        """The ids of ``text`` as uint16."""
        unknown = len(self.chars)
        return np.array([self.index.get(c, unknown) for c in text], dtype=np.uint16)


def train_for(model: GPTModel, train, *, steps: int, warmup: int, lr: float, batch: int, marks=(), seed: int = 0,
              val=None, n_chars: int = 1, on_step=None) -> list[dict]:
    """Train ``steps`` optimizer steps; score the held-out split after each of ``marks`` seconds and at the end.

    → one dict per score: step, seconds of training (evaluation excluded), loss (nats/token), bits per character.
    """
    block = model.config["block_size"]
    accelerator = make_accelerator("fp32")
    use_tied_gradient(model)
    optimizer = make_optimizer(model, lr)
    scheduler = make_scheduler(optimizer, warmup, steps)
    model, optimizer, scheduler = accelerator.prepare(model, optimizer, scheduler)
    raw = accelerator.unwrap_model(model)
    pending, scores, seconds = sorted(marks), [], 0.0

    def score(step):
        loss = heldout_loss(raw, val, block)
        scores.append(dict(step=step, seconds=round(seconds, 1), loss=loss,
                           bits_per_char=bits_per_char(loss, len(val), n_chars)))

    for step in range(1, steps + 1):
        generator = step_generator(seed, step)
        start = time.perf_counter()
        train_step(accelerator, model, optimizer, scheduler, partial(get_batch, train, batch, block, "cpu", generator))
        seconds += time.perf_counter() - start
        if on_step:
            on_step(step, seconds)
        while pending and seconds >= pending[0]:
            pending.pop(0)
            score(step)
    score(steps)
    return scores


def seconds_per_step(config: dict, train, batch: int, lr: float, n: int = 15) -> float:
    """Seconds per training step of a fresh model of ``config`` (the median of ``n`` steps after two)."""
    times = []

    def note(step, seconds):
        times.append(seconds)

    train_for(GPTModel(**config), train, steps=n + 2, warmup=1, lr=lr, batch=batch,
              val=train[: config["block_size"] + 1], on_step=note)
    gaps = np.diff([0.0, *times])[2:]
    return float(np.median(gaps))


def char_run(candidate, data, budget_s: float, seed: int = 0) -> dict:
    """One character-model run whose warmup + cosine schedule ends after about ``budget_s`` seconds of training."""
    n_layer, n_head, n_embd, block, batch, lr = candidate
    config = dict(vocab_size=data["codec"].vocab_size, block_size=block, n_layer=n_layer, n_head=n_head,
                  n_embd=n_embd)
    torch.manual_seed(seed)
    per_step = seconds_per_step(config, data["train"], batch, lr)
    steps = max(10, int(budget_s / per_step))
    torch.manual_seed(seed)
    model = GPTModel(**config)
    scores = train_for(model, data["train"], steps=steps, warmup=max(1, int(WARMUP_FRACTION * steps)), lr=lr,
                       batch=batch, seed=seed, val=data["val"], n_chars=data["n_chars"])
    return dict(config=config, batch=batch, lr=lr, steps=steps, params=model.num_params(), end=scores[-1])


def run(minutes: float = 4.0, seed: int = 0, candidates=CHAR_CANDIDATES, course_steps: int | None = None,
        corpus=None, vocab_size: int | None = None) -> dict:
    """The whole benchmark (see the module docstring) on the shipped corpus (or ``corpus``, ≥ 10 documents)."""
    profile = PROFILES["cpu"]
    prepared = prepare(profile, corpus, vocab_size=vocab_size)  # the train command's own tokenizer and token files
    train_ids, val_ids, n_chars = prepared.train, prepared.val, prepared.meta["val_chars"]
    train_docs, val_docs = split_documents(load_documents(corpus))
    budget = minutes * 60

    torch.manual_seed(seed)
    model = GPTModel(vocab_size=prepared.vocab_size, **profile.model_kwargs())
    steps = course_steps or profile.max_steps
    course_scores = train_for(model, train_ids, steps=steps, warmup=min(profile.warmup_steps, steps // 10 or 1),
                              lr=profile.lr, batch=profile.effective_batch, marks=[budget], seed=seed, val=val_ids,
                              n_chars=n_chars)
    course = dict(profile=profile.name, config=dict(model.config), params=model.num_params(), steps=steps,
                  lr=profile.lr, batch=profile.effective_batch, scores=course_scores)

    codec = CharCodec("\n".join(train_docs))
    chars = dict(codec=codec, train=codec.encode("\n".join(train_docs)), val=codec.encode("\n".join(val_docs)),
                 n_chars=n_chars)
    tuning = [char_run(c, chars, budget, seed) for c in candidates]
    best = min(range(len(tuning)), key=lambda i: tuning[i]["end"]["bits_per_char"])
    course_end = course_scores[-1]["seconds"]
    char_end = char_run(candidates[best], chars, course_end, seed)

    course_at = next((s for s in course_scores[:-1] if s["seconds"] >= budget), course_scores[-1])
    return {
        **provenance(),
        "minutes": minutes,
        "held_out": {"documents": len(val_docs), "characters": n_chars, "bpe_tokens": len(val_ids)},
        "course": course,
        "char_tuning": tuning,
        "char_best": best,
        "char_at_end": char_end,
        "summary": {
            "bits_per_char": {
                f"course_{minutes:g}min": course_at["bits_per_char"],
                f"char_{minutes:g}min": tuning[best]["end"]["bits_per_char"],
                "course_end": course_scores[-1]["bits_per_char"],
                "char_same_time_as_course_end": char_end["end"]["bits_per_char"],
            },
            "course_end_seconds": course_end,
        },
    }


def report(results: dict) -> None:
    """Print the comparison: bits per character of both models at both times."""
    summary = results["summary"]
    print(f"{results['device']}, {results['threads']} threads, torch {results['torch']}, {results['date']}")
    print(f"held-out: {results['held_out']['documents']} works, {results['held_out']['characters']:,} characters")
    for name, value in summary["bits_per_char"].items():
        print(f"  {name:32s} {value:.3f} bits/char")
    print(f"  course run: {summary['course_end_seconds']:.0f} s of training")


def main(argv: list[str] | None = None) -> dict:
    """Parse the options, run the benchmark, print it and optionally write it as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=4.0, help="the first comparison point")
    parser.add_argument("--json", type=Path, help="write the results to this file")
    args = parser.parse_args(argv)
    results = run(args.minutes)
    report(results)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return results


if __name__ == "__main__":
    main()
