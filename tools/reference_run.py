"""The reference run: the `cpu` profile trained to its end on the shipped corpus, kept in assets/runs/cpu/.

It is what a learner without a GPU gets from ``python -m course_lib.train --profile cpu``: Days 23, 24, 27 and 29
show it beside the learner's own run, and Day 29 samples from its model without training. Written:
metrics.jsonl and loss.png (the train command's own), samples.txt, tokenizer.json, info.json (device, torch, date,
wall time, held-out loss and bits per character over every held-out token) and the final checkpoint's weights
(checkpoints/step_NNNNNNN/: model.safetensors + meta.json, no optimizer state — it samples, it does not resume).

Usage: ``python tools/reference_run.py [--out assets/runs/cpu]`` (``make reference-run``).
"""

import argparse
import contextlib
import io
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from course_lib import sample  # noqa: E402
from course_lib.bench import provenance  # noqa: E402
from course_lib.checkpoint import META, SAFE_WEIGHTS_NAME, file_sha256, latest_checkpoint  # noqa: E402
from course_lib.data import TOKENIZER_FILE, prepare  # noqa: E402
from course_lib.heldout import bits_per_char, heldout_loss  # noqa: E402
from course_lib.metrics import LOSS_PLOT, METRICS, read_metrics  # noqa: E402
from course_lib.profiles import get_profile  # noqa: E402
from course_lib.train import main as train_main  # noqa: E402

OUT = ROOT / "assets" / "runs" / "cpu"
PROMPTS = ("", "", "", "ROMEO:", "To be, or not to be")
INFO, SAMPLES = "info.json", "samples.txt"


def keep_weights(checkpoint: Path, target: Path) -> Path:
    """Copy a checkpoint's weights and meta (its file list cut to the weights) into ``target``/checkpoints/."""
    folder = target / "checkpoints" / checkpoint.name
    folder.mkdir(parents=True)
    shutil.copyfile(checkpoint / SAFE_WEIGHTS_NAME, folder / SAFE_WEIGHTS_NAME)
    meta = json.loads((checkpoint / META).read_text(encoding="utf-8"))
    meta["files"] = {SAFE_WEIGHTS_NAME: file_sha256(folder / SAFE_WEIGHTS_NAME)}
    meta["weights_only"] = True  # no optimizer, scheduler or random state: for sampling, not for --resume
    (folder / META).write_text(json.dumps(meta, indent=2), encoding="utf-8")
    return folder


def write_samples(run: Path) -> str:
    """samples.txt: a continuation of each of PROMPTS ("" starts a new document) by the run's model, seeds 0, 1, …"""
    blocks = []
    for seed, prompt in enumerate(PROMPTS):
        with contextlib.redirect_stdout(io.StringIO()):
            text = sample.main(["--checkpoint", str(run), "--prompt", prompt, "--max-new-tokens", "120",
                                "--seed", str(seed), "--lang", "en"])
        blocks.append(f"--- prompt {prompt!r}, seed {seed}, temperature 0.8, top-k 50 ---\n{text.strip()}\n")
    (run / SAMPLES).write_text("\n".join(blocks), encoding="utf-8")
    return (run / SAMPLES).read_text(encoding="utf-8")


def run(out: Path = OUT, profile_name: str = "cpu", max_steps: int | None = None, corpus=None) -> dict:
    """Train, score and write the reference run into ``out`` (replacing it); → the info written."""
    profile = get_profile(profile_name, smoke=False)
    with tempfile.TemporaryDirectory() as tmp:
        args = ["--profile", profile_name, "--out-dir", tmp, "--lang", "en"]
        if max_steps:
            args += ["--max-steps", str(max_steps), "--schedule-steps", str(max_steps)]
        if corpus:
            args += ["--corpus", str(corpus)]
        start = time.perf_counter()
        trainer = train_main(args)
        wall = time.perf_counter() - start
        prepared = prepare(profile, corpus)
        loss = heldout_loss(trainer.raw_model, prepared.val, profile.block_size)
        last = read_metrics(tmp)[-1]
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        for name in (METRICS, LOSS_PLOT, TOKENIZER_FILE):
            shutil.copyfile(Path(tmp) / name, out / name)
        keep_weights(latest_checkpoint(tmp), out)
    info = {
        "command": "python -m course_lib.train " + " ".join(a for a in args if a != tmp and a != "--out-dir"),
        **provenance(),
        "wall_seconds": round(wall, 1),
        "steps": trainer.step,
        "params": trainer.raw_model.num_params(),
        "profile": {k: getattr(profile, k) for k in ("n_layer", "n_head", "n_embd", "block_size", "micro_batch",
                                                     "grad_accum", "lr", "warmup_steps")},
        "data": {k: prepared.meta[k] for k in ("source", "corpus_sha256", "documents", "val_documents", "vocab_size",
                                                "train_tokens", "val_tokens", "val_chars")},
        "last_estimate": {"train_loss": last.get("train_eval_loss"), "val_loss": last.get("val_loss")},
        "heldout_loss": loss,
        "heldout_bits_per_char": bits_per_char(loss, len(prepared.val), prepared.meta["val_chars"]),
    }
    (out / INFO).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    write_samples(out)
    return info


def main(argv: list[str] | None = None) -> dict:
    """Parse the options, make the reference run and print its summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="where to write the run (replaced)")
    args = parser.parse_args(argv)
    info = run(args.out)
    print(json.dumps({k: info[k] for k in ("wall_seconds", "heldout_loss", "heldout_bits_per_char")}, indent=2))
    return info


if __name__ == "__main__":
    main()
