"""`python -m course_lib.doctor` reports [OK]/[FAIL] lines and exits with the number of failures."""

import subprocess
import sys

from packaging.requirements import Requirement

from course_lib import doctor


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
