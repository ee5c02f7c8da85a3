"""`python -m course_lib.doctor` reports [OK]/[FAIL] lines and exits with the number of failures."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from packaging.requirements import Requirement

from course_lib import device, doctor
from course_lib.messages import t


def test_doctor_all_ok(capsys):
    assert doctor.main(["--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "[OK] torch" in out and "[OK] accelerate" in out and "Profile that would be picked" in out
    assert "[FAIL]" not in out


def test_doctor_reports_a_bad_profile(monkeypatch, capsys):
    monkeypatch.setenv("COURSE_PROFILE", "huge")
    assert doctor.main(["--lang", "az"]) == 1
    assert "[FAIL] 'huge' adlı profil yoxdur" in capsys.readouterr().out


def test_doctor_reports_a_missing_package_and_a_version_out_of_range(monkeypatch, capsys):
    extra = [Requirement("no-such-package-xyz>=1"), Requirement("torch<2.0")]
    monkeypatch.setattr(doctor, "requirements", lambda: extra)
    assert doctor.main(["--lang", "en"]) == 2
    out = capsys.readouterr().out
    assert "[FAIL] no-such-package-xyz is missing" in out
    assert "[FAIL] torch " in out and "outside the range the course needs (<2.0)" in out


def test_doctor_checks_what_pyproject_declares():
    names = {r.name for r in doctor.requirements()}
    assert {"torch", "accelerate", "transformers", "tokenizers", "datasets", "tqdm", "matplotlib"} <= names
    assert "pytest" not in names  # dev extras are not the learner's business


def test_doctor_runs_as_a_module():
    done = subprocess.run([sys.executable, "-m", "course_lib.doctor", "--lang", "en"], capture_output=True, text=True)
    assert done.returncode == 0 and "Everything is in order." in done.stdout


CU126 = ["sm_50", "sm_60", "sm_70", "sm_75", "sm_80", "sm_86", "sm_90"]  # torch 2.13's CUDA wheels (Linux x86)
CU130 = ["sm_75", "sm_80", "sm_86", "sm_90", "sm_100", "sm_120", "compute_120"]


def base_version() -> str:
    return str(torch.__version__).split("+")[0]


@pytest.fixture
def nvidia_smi(monkeypatch):
    """A machine whose PATH has nvidia-smi (the NVIDIA driver is installed)."""
    monkeypatch.setattr(doctor.shutil, "which", lambda name: "/usr/bin/nvidia-smi" if name == "nvidia-smi" else None)


def fake_gpu(monkeypatch, name: str, capability: tuple[int, int], cuda: str | None, archs: list[str]) -> None:
    """torch as a CUDA ``cuda`` build for ``archs`` that sees one GPU of ``capability`` (4 GiB)."""
    monkeypatch.setattr(torch.version, "cuda", cuda)
    monkeypatch.setattr(torch.cuda, "get_arch_list", lambda: archs)
    monkeypatch.setattr(device, "detect", lambda: device.DeviceInfo("cuda", name, capability, 4 * 1024**3, 3 * 1024**3))


@pytest.mark.parametrize("capability, archs, ok", [
    ((8, 6), CU130, True),  # RTX 2050 / 3050
    ((7, 5), CU126, True),  # T4, GTX 1650
    ((8, 9), CU126, True),  # RTX 4060: the sm_86 cubin runs on 8.9 (same major, lower minor)
    ((8, 0), ["sm_86"], False),  # a cubin does not run on a lower minor
    ((6, 1), CU130, False),  # GTX 1050 Ti: CUDA 13 dropped Pascal
    ((6, 1), CU126, True),
    ((12, 0), CU126, False),  # RTX 5060: Blackwell is not in cu126
    ((12, 1), CU130, True),  # PTX compute_120 is compiled by the driver for a newer GPU
    ((3, 7), CU126, False),
])
def test_arch_supported_follows_cuda_binary_compatibility(capability, archs, ok):
    assert doctor.arch_supported(capability, archs) is ok


@pytest.mark.parametrize("lang, words", [("en", "This torch is a CPU-only build, but this machine has an NVIDIA GPU"),
                                         ("az", "Bu torch yalnız CPU qurmasıdır, amma kompüterdə NVIDIA GPU var")])
def test_a_cpu_torch_next_to_an_nvidia_driver_is_a_warning_with_the_cuda_wheel_command(
        monkeypatch, nvidia_smi, capsys, lang, words):
    monkeypatch.setattr(torch.version, "cuda", None)
    monkeypatch.setattr(device, "detect", lambda: device.DeviceInfo("cpu", "x86"))
    assert doctor.main(["--lang", lang]) == 0  # a warning, not a failure: the course still runs, on the CPU
    out = capsys.readouterr().out
    assert "[OK] " + t("doctor_torch_build", lang, version=torch.__version__, cuda=t("doctor_cpu_build", lang)) in out
    assert "[WARN] " + words in out and "[FAIL]" not in out
    for variant in ("cu126", "cu130"):
        assert f'python -m pip install "torch=={base_version()}+{variant}" ' \
               f"--index-url https://download.pytorch.org/whl/{variant}" in out
    assert t("doctor_summary_warn", lang, n=1) in out


def test_no_warning_without_an_nvidia_driver(monkeypatch, capsys):
    monkeypatch.setattr(doctor.shutil, "which", lambda name: None)
    monkeypatch.setattr(torch.version, "cuda", None)
    monkeypatch.setattr(device, "detect", lambda: device.DeviceInfo("cpu", "x86"))
    assert doctor.main(["--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "[WARN]" not in out and "download.pytorch.org" not in out and "Everything is in order." in out


@pytest.mark.parametrize("cuda, legacy", [("13.0", True), ("12.6", False)])
def test_a_cuda_torch_that_cannot_use_the_gpu_points_at_the_driver(monkeypatch, nvidia_smi, capsys, cuda, legacy):
    monkeypatch.setattr(torch.version, "cuda", cuda)
    monkeypatch.setattr(device, "detect", lambda: device.DeviceInfo("cpu", "x86"))
    assert doctor.main(["--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert f"[WARN] torch is a CUDA {cuda} build" in out and "update the NVIDIA driver" in out
    assert ("/whl/cu126" in out) is legacy  # the cu126 wheel is the way out only from a newer CUDA build


@pytest.mark.parametrize("card, capability, archs, variant", [
    ("NVIDIA GeForce GTX 1050 Ti", (6, 1), CU130, "cu126"),  # a Pascal 4 GB card with Linux's CUDA 13 wheel
    ("NVIDIA GeForce RTX 5060 Laptop GPU", (12, 0), CU126, "cu130"),
])
def test_a_gpu_missing_from_the_arch_list_fails_with_the_wheel_that_has_it(
        monkeypatch, nvidia_smi, capsys, card, capability, archs, variant):
    fake_gpu(monkeypatch, card, capability, "13.0" if variant == "cu126" else "12.6", archs)
    assert doctor.main(["--lang", "en"]) == 1
    out = capsys.readouterr().out
    sm = "sm_{}{}".format(*capability)
    assert "[FAIL] This torch (CUDA" in out and f"({card}, {sm})" in out and "no kernel image is available" in out
    assert f'"torch=={base_version()}+{variant}" --index-url https://download.pytorch.org/whl/{variant}' in out


def test_a_gpu_older_than_every_wheel_is_sent_to_the_cpu_profile(monkeypatch, nvidia_smi, capsys):
    fake_gpu(monkeypatch, "Tesla K80", (3, 7), "12.6", CU126)
    assert doctor.main(["--lang", "az"]) == 1
    out = capsys.readouterr().out
    assert "[FAIL] GPU-nuz (Tesla K80, sm_37)" in out and "COURSE_PROFILE=cpu" in out


def test_a_rocm_build_is_not_judged_by_cuda_architectures(monkeypatch, capsys):
    monkeypatch.setattr(doctor.shutil, "which", lambda name: None)
    fake_gpu(monkeypatch, "AMD Radeon RX 7600", (11, 0), None, ["gfx1100", "gfx90a"])
    assert doctor.main(["--lang", "en"]) == 0
    assert "[FAIL]" not in capsys.readouterr().out


def test_a_supported_gpu_gives_no_install_line(monkeypatch, nvidia_smi, capsys):
    fake_gpu(monkeypatch, "NVIDIA GeForce RTX 2050", (8, 6), "13.0", CU130)
    assert doctor.main(["--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "[OK] torch " in out and "CUDA build: 13.0" in out and "[WARN]" not in out and "[FAIL]" not in out
    assert "Profile that would be picked: gpu4gb" in out


def test_readme_environment_and_day04_give_the_doctors_cuda_wheel_command(monkeypatch):
    root = Path(__file__).resolve().parents[1]
    pinned = re.search(r"^torch==([\d.]+)$", (root / "requirements-pinned.txt").read_text(), re.M).group(1)
    monkeypatch.setattr(torch, "__version__", pinned + "+cpu")
    command = doctor.wheel_command(doctor.LEGACY_WHEEL)
    for path in ("README.md", "environment.yml", "notebooks/src/day04_gpu_cuda.py"):
        assert command in (root / path).read_text(encoding="utf-8"), path
