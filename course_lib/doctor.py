"""`python -m course_lib.doctor`: [OK]/[FAIL] for Python, torch, every dependency, the device and the profile."""

import argparse
import sys
from importlib import metadata

from packaging.requirements import Requirement

from course_lib.errors import CourseError
from course_lib.messages import LANGUAGES, set_language, t

DISTRIBUTION = "course-lib"


def requirements() -> list[Requirement]:
    """What course_lib declares it needs on this machine (pyproject's dependencies, markers evaluated)."""
    declared = [Requirement(line) for line in metadata.requires(DISTRIBUTION) or []]
    return [r for r in declared if r.marker is None or r.marker.evaluate({"extra": ""})]


def check_package(requirement: Requirement) -> tuple[bool, str]:
    """(ok, line) for one requirement: installed, and in the declared version range."""
    try:
        version = metadata.version(requirement.name)
    except metadata.PackageNotFoundError:
        return False, t("doctor_missing", name=requirement.name)
    if not requirement.specifier.contains(version, prereleases=True):
        return False, t("doctor_version", name=requirement.name, version=version, wanted=str(requirement.specifier))
    return True, t("doctor_package", name=requirement.name, version=version)


def run_checks() -> list[tuple[bool, str]]:
    """Every check as (ok, line in the learner's language)."""
    results = [(sys.version_info >= (3, 10), t("doctor_python", version=sys.version.split()[0]))]
    try:
        results += [check_package(requirement) for requirement in requirements()]
    except metadata.PackageNotFoundError:
        results.append((False, t("doctor_missing", name=DISTRIBUTION)))
    try:
        import torch

        from course_lib.device import describe, detect
        from course_lib.profiles import get_profile
    except ImportError:
        return results  # torch itself is reported missing above
    cuda = torch.version.cuda or t("doctor_cpu_build")
    results.append((True, t("doctor_torch_build", version=torch.__version__, cuda=cuda)))
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
