"""`python -m course_lib.doctor`: [OK]/[FAIL] for Python, torch, every dependency, the device and the profile."""

import argparse
import sys
from importlib import metadata

from course_lib.errors import CourseError
from course_lib.messages import LANGUAGES, set_language, t

PACKAGES = ("torch", "numpy", "accelerate", "transformers", "tokenizers", "datasets", "peft", "tqdm",
            "matplotlib", "ipywidgets")


def run_checks() -> list[tuple[bool, str]]:
    """Every check as (ok, line in the learner's language)."""
    results = [(sys.version_info >= (3, 10), t("doctor_python", version=sys.version.split()[0]))]
    for name in PACKAGES:
        try:
            results.append((True, t("doctor_package", name=name, version=metadata.version(name))))
        except metadata.PackageNotFoundError:
            results.append((False, t("doctor_missing", name=name)))
    try:
        import torch

        from course_lib.device import describe, detect
        from course_lib.profiles import get_profile
    except ImportError:
        return results  # torch itself is reported missing above
    results.append((True, t("doctor_torch_build", version=torch.__version__, cuda=torch.version.cuda)))
    info = detect()
    results.append((True, describe(info)))
    if info.type != "cuda":
        results.append((True, t("doctor_cuda_missing")))
    try:
        results.append((True, t("doctor_profile", name=get_profile(info=info).name)))
    except CourseError as error:
        results.append((False, str(error)))
    return results


def main(argv: list[str] | None = None) -> int:
    """Print the report; the exit code is the number of failed checks."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lang", choices=LANGUAGES, default="az")
    set_language(parser.parse_args(argv).lang)
    print(t("doctor_title"))
    results = run_checks()
    for ok, line in results:
        print(f"[{'OK' if ok else 'FAIL'}] " + line.replace("\n", "\n     "))
    failed = sum(not ok for ok, _ in results)
    print(t("doctor_summary_fail", n=failed) if failed else t("doctor_summary_ok"))
    return failed


if __name__ == "__main__":
    sys.exit(main())
