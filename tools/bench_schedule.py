"""Day 24 at full length: warmup + cosine against a constant learning rate, and a small learning-rate sweep.

Both are runs of the train command on the `cpu` profile (the shipped corpus, this machine):

- "constant": the reference run's recipe (assets/runs/cpu: warmup + cosine over 2000 steps, the same seed and
  batches) with the cosine stretched to 10^9 steps, i.e. warmup, then a constant rate; its validation curve is
  compared with the reference run's ("cosine").
- "sweep": ``--max-steps N --schedule-steps N`` (a whole warmup + cosine schedule in N steps) at several rates
  around the profile's; the validation loss at the end of each.

Usage: ``python tools/bench_schedule.py [--sweep-steps 500] [--json assets/bench/schedule_cpu.json]``.
"""

import argparse
import contextlib
import io
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from course_lib.bench import provenance  # noqa: E402
from course_lib.metrics import REFERENCE_RUN, read_metrics  # noqa: E402
from course_lib.profiles import PROFILES  # noqa: E402
from course_lib.train import main as train_main  # noqa: E402

CONSTANT_SCHEDULE = 10**9  # a cosine this long stays at the peak rate for any run the course makes
SWEEP_FACTORS = (0.25, 0.5, 1, 2, 4)  # × the profile's learning rate


def train(args: list[str]) -> list[dict]:
    """Run the train command (output kept quiet) in a temporary folder; → its metrics."""
    with tempfile.TemporaryDirectory() as out, contextlib.redirect_stdout(io.StringIO()):
        train_main(["--out-dir", out, "--lang", "en", *args])
        return read_metrics(out)


def evaluations(records: list[dict]) -> list[dict]:
    """The evaluated steps of a run: step, train and validation loss (the Trainer's estimates)."""
    return [dict(step=r["step"], train=r["train_eval_loss"], val=r["val_loss"]) for r in records if "val_loss" in r]


def run(profile_name: str = "cpu", steps: int | None = None, sweep_steps: int = 500, factors=SWEEP_FACTORS,
        reference: Path | None = REFERENCE_RUN) -> dict:
    """The constant-rate run and the sweep (see the module docstring); the cosine run is ``reference``'s, or made."""
    profile = PROFILES[profile_name]
    steps = steps or profile.max_steps
    base = ["--profile", profile_name, "--max-steps", str(steps)]
    constant = evaluations(train([*base, "--schedule-steps", str(CONSTANT_SCHEDULE)]))
    cosine = evaluations(read_metrics(reference) if reference else train([*base, "--schedule-steps", str(steps)]))
    sweep = []
    for factor in factors:
        lr = profile.lr * factor
        last = evaluations(train(["--profile", profile_name, "--max-steps", str(sweep_steps), "--schedule-steps",
                                  str(sweep_steps), "--lr", repr(lr)]))[-1]
        sweep.append(dict(lr=lr, factor=factor, steps=sweep_steps, train=last["train"], val=last["val"]))
    return {
        **provenance(),
        "profile": profile_name,
        "lr": profile.lr,
        "warmup_steps": profile.warmup_steps,
        "tokens_per_step": profile.tokens_per_step,
        "steps": steps,
        "cosine_from": str(reference.relative_to(ROOT)) if reference else "this run",
        "constant": constant,
        "cosine": cosine,
        "sweep": sweep,
    }


def main(argv: list[str] | None = None) -> dict:
    """Parse the options, run, print a summary and optionally write the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sweep-steps", type=int, default=500, help="steps of each sweep run")
    parser.add_argument("--json", type=Path, help="write the results to this file")
    args = parser.parse_args(argv)
    results = run(sweep_steps=args.sweep_steps)
    print(f"constant: val {results['constant'][-1]['val']:.3f} | cosine: val {results['cosine'][-1]['val']:.3f}")
    for point in results["sweep"]:
        print(f"lr {point['lr']:.2e}: val {point['val']:.3f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return results


if __name__ == "__main__":
    main()
