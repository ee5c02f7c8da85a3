"""Day 29 outside the notebooks: ``python -m course_lib.sample --checkpoint RUN_DIR --prompt "…"``.

Loads the model of a run (its best checkpoint, or the one named) and the run's tokenizer, and prints the prompt with
the model's continuation.
"""

import sys
from pathlib import Path

import torch

from course_lib.checkpoint import META, best_checkpoint, file_sha256, latest_checkpoint, load_model, read_meta
from course_lib.cli import ArgumentParser, checked, choose_language, positive_int, run_command, seed
from course_lib.data import TOKENIZER_FILE
from course_lib.device import device_type
from course_lib.errors import CourseError
from course_lib.generate import generate
from course_lib.messages import LANGUAGES, get_language, t
from course_lib.paths import data_dir, shown
from course_lib.tokenizer import EOT, decode, encode, load_tokenizer


def run_checkpoint(run_dir: str | Path) -> Path | None:
    """A run folder's best checkpoint (lowest validation loss), else its newest; None if it has none."""
    run_dir = Path(run_dir)
    return best_checkpoint(run_dir) or latest_checkpoint(run_dir) if run_dir.is_dir() else None


def find_checkpoint(path: str | Path) -> Path:
    """The checkpoint folder itself, or a run folder's best (else newest) checkpoint; CourseError if none."""
    path = Path(path)
    if (path / META).is_file():
        return path
    found = run_checkpoint(path)
    if found is None:
        raise CourseError("sample_no_checkpoint", path=shown(path))
    return found


def find_tokenizer(checkpoint: Path, meta: dict):
    """The run's tokenizer: beside its checkpoints, else in the data folder (matched by SHA-256)."""
    wanted = meta["config"].get("tokenizer", {}).get("sha256")
    run_dir = checkpoint.parent.parent  # <run>/checkpoints/step_…
    candidates = [run_dir / TOKENIZER_FILE, *sorted(data_dir().glob(f"*/{TOKENIZER_FILE}"))]
    for path in candidates:
        if path.is_file() and (wanted is None or file_sha256(path) == wanted):
            return load_tokenizer(path)
    raise CourseError("sample_no_tokenizer", run=shown(run_dir), data=shown(data_dir()))


def build_parser() -> ArgumentParser:
    """The command line of ``python -m course_lib.sample`` (help and errors in the current language)."""
    parser = ArgumentParser(prog="python -m course_lib.sample", description=t("sample_help"))
    parser.add_argument("--checkpoint", required=True, help=t("sample_help_checkpoint"))
    parser.add_argument("--prompt", default="", help=t("sample_help_prompt"))
    parser.add_argument("--max-new-tokens", type=positive_int, default=200, help=t("sample_help_max_new_tokens"))
    parser.add_argument("--temperature", type=checked(float, lambda x: 0 <= x < float("inf"), "sample_arg_temperature"),
                        default=0.8, help=t("sample_help_temperature"))
    parser.add_argument("--top-k", type=positive_int, default=50, help=t("sample_help_top_k"))
    parser.add_argument("--seed", type=seed, default=0, help=t("train_help_seed"))
    parser.add_argument("--lang", choices=LANGUAGES, default=get_language(), help=t("train_help_lang"))
    return parser


def main(argv: list[str] | None = None) -> str:
    """Load a run's model and tokenizer, continue the prompt, print and return prompt + continuation."""
    choose_language(argv)
    args = build_parser().parse_args(argv)
    checkpoint = find_checkpoint(args.checkpoint)
    meta = read_meta(checkpoint)  # every file checked against its SHA-256
    device = device_type()
    model = load_model(checkpoint, device)
    tokenizer = find_tokenizer(checkpoint, meta)
    print(t("sample_loaded", path=shown(checkpoint), step=meta["step"], device=device), file=sys.stderr)
    ids = [tokenizer.token_to_id(EOT), *encode(tokenizer, args.prompt)]  # a document starts after <|endoftext|>
    idx = torch.tensor([ids], dtype=torch.long, device=device)  # (1, T)
    generator = torch.Generator(device=device).manual_seed(args.seed)
    out = generate(model, idx, args.max_new_tokens, temperature=args.temperature, top_k=args.top_k,
                   generator=generator)  # (1, T + max_new_tokens)
    text = args.prompt + decode(tokenizer, out[0, len(ids):].tolist())
    print(text)
    return text


if __name__ == "__main__":
    run_command(main)
