"""`python -m course_lib.doctor`: [OK]/[WARN]/[FAIL] for Python, torch and its build, every dependency, the
device and the profile."""

import argparse
import re
import shutil
import sys
from importlib import metadata

from packaging.requirements import Requirement

from course_lib.errors import CourseError
from course_lib.messages import LANGUAGES, safe_output, set_language, t

DISTRIBUTION = "course-lib"
OK, WARN, FAIL = "OK", "WARN", "FAIL"  # only FAIL counts in the exit code
# torch 2.12–2.14's CUDA wheels (PyPI's Windows wheel is CPU-only): cu126 with kernels for Maxwell 5.0 … Hopper 9.0,
# the last to keep Maxwell/Pascal/Volta, and cu130/cu132 (CUDA 13) for Turing 7.5 … Blackwell 12.0.
CUDA_WHEELS = "https://download.pytorch.org/whl/{variant}"
LEGACY_WHEEL, CUDA13_WHEEL = "cu126", "cu130"


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


def arch_supported(capability: tuple[int, int], arch_list: list[str]) -> bool:
    """True if a torch built for ``arch_list`` (``torch.cuda.get_arch_list()``) has kernels for ``capability``.

    A cubin sm_XY runs on a GPU X.Z with Z ≥ Y (same major); PTX compute_XY is compiled by the driver for any GPU
    from X.Y on.
    """
    for arch in arch_list:
        kind, _, digits = arch.partition("_")
        built = divmod(int(re.sub(r"\D", "", digits) or 0), 10)  # "sm_86" → (8, 6), "sm_120" → (12, 0)
        cubin_runs = kind == "sm" and built[0] == capability[0] and built[1] <= capability[1]
        if cubin_runs or (kind == "compute" and built <= capability):
            return True
    return False


def wheel_command(variant: str) -> str:
    """The pip command that replaces torch by the same version's CUDA wheel ``variant`` (e.g. "cu126")."""
    import torch

    version = str(torch.__version__).split("+")[0]  # "2.13.0+cpu" → "2.13.0"
    return f'python -m pip install "torch=={version}+{variant}" --index-url {CUDA_WHEELS.format(variant=variant)}'


def torch_build_checks(info) -> list[tuple[str, str]]:
    """Can this torch use the machine's NVIDIA GPU (``info`` from ``device.detect``)? Lines with the fix if not."""
    import torch

    cuda = torch.version.cuda
    results = [(OK, t("doctor_torch_build", version=torch.__version__, cuda=cuda or t("doctor_cpu_build")))]
    nvidia_smi = shutil.which("nvidia-smi") is not None
    if info.type == "cuda":
        archs = torch.cuda.get_arch_list() if cuda else []  # a ROCm build lists gfx targets: not ours to judge
        if archs and not arch_supported(info.capability, archs):
            sm = "{}{}".format(*info.capability)
            if info.capability < (5, 0):
                results.append((FAIL, t("doctor_arch_too_old", name=info.name, sm=sm, archs=" ".join(archs))))
            else:
                variant = CUDA13_WHEEL if info.capability >= (10, 0) else LEGACY_WHEEL
                results.append((FAIL, t("doctor_arch_missing", name=info.name, sm=sm, archs=" ".join(archs),
                                        cuda=cuda, command=wheel_command(variant))))
    elif nvidia_smi and cuda is None:
        results.append((WARN, t("doctor_gpu_cpu_build", command=wheel_command(LEGACY_WHEEL),
                                command_new=wheel_command(CUDA13_WHEEL))))
    elif nvidia_smi:
        newer = tuple(map(int, cuda.split(".")[:2])) > (12, 6)  # then the cu126 wheel runs on older drivers
        fix = t("doctor_gpu_legacy_wheel", command=wheel_command(LEGACY_WHEEL)) if newer else ""
        results.append((WARN, t("doctor_gpu_unusable", cuda=cuda) + fix))
    else:
        results.append((OK, t("doctor_cuda_missing")))
    return results


def run_checks() -> list[tuple[str, str]]:
    """Every check as (OK/WARN/FAIL, line in the learner's language)."""
    results = [(OK if sys.version_info >= (3, 10) else FAIL, t("doctor_python", version=sys.version.split()[0]))]
    try:
        results += [(OK if ok else FAIL, line) for ok, line in map(check_package, requirements())]
    except metadata.PackageNotFoundError:
        results.append((FAIL, t("doctor_missing", name=DISTRIBUTION)))
    try:
        from course_lib.device import describe, detect
        from course_lib.profiles import get_profile
    except ImportError:
        return results  # torch itself is reported missing above
    info = detect()
    results += torch_build_checks(info)
    results.append((OK, describe(info)))
    try:
        results.append((OK, t("doctor_profile", name=get_profile(info=info).name)))
    except CourseError as error:
        results.append((FAIL, str(error)))
    return results


def main(argv: list[str] | None = None) -> int:
    """Print the report; the exit code is the number of failed checks (warnings do not count)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lang", choices=LANGUAGES, default="az")
    set_language(parser.parse_args(argv).lang)
    print(t("doctor_title"))
    results = run_checks()
    for status, line in results:
        print(f"[{status}] " + line.replace("\n", "\n" + " " * (len(status) + 3)))
    failed, warned = (sum(status == kind for status, _ in results) for kind in (FAIL, WARN))
    if failed:
        print(t("doctor_summary_fail", n=failed))
    else:
        print(t("doctor_summary_warn", n=warned) if warned else t("doctor_summary_ok"))
    return failed


if __name__ == "__main__":
    safe_output()
    sys.exit(main())
