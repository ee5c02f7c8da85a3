"""What every lesson costs: each notebook run top to bottom, as a learner runs it, with every cell's time.

The notebooks (English; the code is the same in both languages) run in course order on one fresh data folder
(no tokens, no runs: a fresh clone), at full length (not smoke), with the profile and the number of CPU threads
given. One thread stands for a Colab CPU runtime (2 vCPUs = 1 core); a laptop with more cores is faster.
The results file has, per notebook, the seconds of all its cells and of every cell that takes at least
``--long`` seconds (with its code cell's number, first line, and whether it shows a progress bar), plus where
and when it was measured. ``tests/test_lesson_times.py`` checks the notebooks' stated times against it.

Usage: ``python tools/bench_lessons.py [--profile cpu] [--threads 1] [--json assets/bench/lesson_times_cpu.json]
[day23 ...]`` (``make bench-lessons``: ~15 min on one core).
"""

import argparse
import datetime
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tools.build_notebooks import SRC, WIDGET_VIEW, build  # noqa: E402

LONG_SECONDS = 20  # a cell at least this long is listed one by one


def cell_seconds(cell) -> float:
    """Wall seconds a cell took: from the kernel starting it to its reply (nbclient's record_timing)."""
    timing = cell.metadata["execution"]
    start = datetime.datetime.fromisoformat(timing["iopub.execute_input"].replace("Z", "+00:00"))
    end = datetime.datetime.fromisoformat(timing["shell.execute_reply"].replace("Z", "+00:00"))
    return (end - start).total_seconds()


def shows_progress(cell) -> bool:
    """Whether a cell's outputs hold a progress bar (a tqdm widget, or tqdm's text bar with an ETA)."""
    for out in cell.get("outputs", []):
        if WIDGET_VIEW in out.get("data", {}):  # a tqdm.auto bar in a notebook
            return True
        text = out.get("text", "") if out.get("output_type") == "stream" else ""
        if "it/s]" in text or "s/it]" in text:
            return True
    return False


def run_notebook(name: str, long_seconds: float) -> dict:
    """Run the English notebook of ``name`` in this process's environment; → its total and long cells."""
    from nbclient import NotebookClient

    nb = build(SRC / f"{name}.py")["en"]
    start = time.perf_counter()
    NotebookClient(nb, timeout=3600, kernel_name="python3", record_timing=True,
                   resources={"metadata": {"path": str(ROOT / "notebooks" / "en")}}).execute()
    wall = time.perf_counter() - start
    code = [c for c in nb.cells if c.cell_type == "code"]
    seconds = [cell_seconds(c) for c in code]
    long = [{"code_cell": i, "first_line": c.source.splitlines()[0], "seconds": round(s, 1),
             "progress_bar": shows_progress(c)} for i, (c, s) in enumerate(zip(code, seconds)) if s >= long_seconds]
    return {"cells_seconds": round(sum(seconds), 1), "wall_seconds": round(wall, 1), "long_cells": long}


def main(argv: list[str] | None = None) -> None:
    """Run the notebooks named (default: all) and write their times."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("days", nargs="*", help="source names or prefixes, e.g. day23; default: all")
    parser.add_argument("--profile", default="cpu")
    parser.add_argument("--threads", type=int, default=1, help="CPU threads of every process (default: 1 core)")
    parser.add_argument("--long", type=float, default=LONG_SECONDS, help="list cells at least this long")
    parser.add_argument("--json", type=Path, default=None, help="results file (default: print only)")
    args = parser.parse_args(argv)
    names = [s.stem for s in sorted(SRC.glob("day*.py"))
             if not args.days or any(s.stem.startswith(d) for d in args.days)]
    threads = str(args.threads)
    os.environ.update({"COURSE_PROFILE": args.profile, "COURSE_SMOKE": "0", "OMP_NUM_THREADS": threads,
                       "MKL_NUM_THREADS": threads})
    import torch  # after OMP_NUM_THREADS, so provenance() reports the threads the notebooks get

    torch.set_num_threads(args.threads)
    from course_lib.bench import provenance

    results = {"what": f"each notebook run in course order, profile {args.profile}, full length, "
                       f"{args.threads} CPU thread(s) per process, one fresh data folder",
               "profile": args.profile, "provenance": provenance(), "long_seconds": args.long, "notebooks": {}}
    with tempfile.TemporaryDirectory() as data:
        os.environ["COURSE_DATA_DIR"] = data  # a fresh clone: no tokens, no runs
        os.environ.pop("COURSE_RUNS_DIR", None)
        for name in names:
            print(f"running {name} ...", flush=True)
            results["notebooks"][name] = entry = run_notebook(name, args.long)
            print(f"  {entry['cells_seconds'] / 60:.1f} min; long cells: "
                  + ", ".join(f"#{c['code_cell']} {c['seconds']:.0f} s" for c in entry["long_cells"]), flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
