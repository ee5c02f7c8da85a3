# Two commands do all the set-up: `make lab` (open the course) and `make test` (run every test).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# CI profile: the smallest model, a few steps (override: make test COURSE_PROFILE=cpu)
COURSE_PROFILE ?= tiny
COURSE_SMOKE ?= 1
export COURSE_PROFILE COURSE_SMOKE
# Tests and stored outputs: one torch thread per process, so the parallel workers (and their notebook kernels)
# don't fight over the cores; learners' own runs (lab, train) keep all threads.
CI_THREADS := OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
JOBS ?= 2
# JupyterLab refuses to run as root (containers) unless told
LAB_ARGS ?= $(if $(filter 0,$(shell id -u)),--allow-root,)
ARGS ?=

.PHONY: venv lab test lint unit notebooks outputs train sample bench bench-schedule bench-lessons reference-run \
	gpu-check gpu-check-run doctor clean

$(STAMP): pyproject.toml requirements-pinned.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-pinned.txt
	$(PY) -m pip install -q --no-deps -e .
	touch $(STAMP)

venv: $(STAMP)

lab: venv
	$(VENV)/bin/jupyter lab $(LAB_ARGS) notebooks/

# Lint, unit tests and every notebook in both languages (nbval) with the CI profile; then the en notebooks (same code
# as az) again with the `cpu` profile a learner without a GPU gets, so no cell depends on one profile.
test: venv lint
	$(CI_THREADS) $(PY) -m pytest -n $(JOBS) --dist loadscope --nbval-lax --nbval-current-env \
		--nbval-sanitize-with tests/nbval_sanitize.cfg tests notebooks/az notebooks/en
	$(CI_THREADS) COURSE_PROFILE=cpu $(PY) -m pytest -n $(JOBS) --dist loadscope --nbval-lax --nbval-current-env \
		--nbval-sanitize-with tests/nbval_sanitize.cfg notebooks/en

lint: venv
	$(VENV)/bin/ruff check course_lib tests tools notebooks

unit: venv
	$(CI_THREADS) $(PY) -m pytest -n $(JOBS) tests

notebooks: venv
	$(CI_THREADS) $(PY) -m pytest -n $(JOBS) --dist loadscope --nbval-lax --nbval-current-env \
		--nbval-sanitize-with tests/nbval_sanitize.cfg notebooks/az notebooks/en

# Rebuild notebooks/az and notebooks/en from notebooks/src and store real outputs: the tiny profile at full length
# (not smoke) with all CPU threads; CI re-runs them at smoke length.
outputs: venv
	COURSE_PROFILE=tiny COURSE_SMOKE=0 $(PY) tools/build_notebooks.py --execute $(DAYS)

# On any CUDA machine, five parts (each also a target of its own; .github/workflows/gpu.yml runs them as steps):
# doctor; the 4 GB card and the T4 emulated (assets/bench/gpu_check.json); the GPU-only tests; every notebook with
# the hardware's own profile at smoke length; and every notebook again as on a 4 GB card in fp16 (gpu4gb profile,
# fp16 forced, each kernel's memory capped by setup()), so the GradScaler path runs even on a bf16 GPU. The az and
# en notebooks have the same code (tested), so the GPU runs the en ones. A part that fails does not stop the others
# (make -k); the run fails at the end if any did. `make gpu-check-run PY=python3` uses an environment you have.
GPU_PARTS := gpu-doctor gpu-bench gpu-tests gpu-notebooks gpu-notebooks-fp16
# course_lib.device.EMULATED_CARDS["gpu4gb"] in GiB (tests/test_gpu_workflow.py checks that they agree)
GPU4GB_CAP_GIB := 3.8
NBVAL := --nbval-lax --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg
.PHONY: $(GPU_PARTS)

gpu-check: venv gpu-check-run

gpu-check-run:
	@$(PY) -c "import torch, sys; sys.exit(0 if torch.cuda.is_available() else 'gpu-check needs a CUDA GPU')"
	$(MAKE) -k $(GPU_PARTS) PY=$(PY)

gpu-doctor:
	$(PY) -m course_lib.doctor

gpu-bench:
	$(PY) tools/gpu_check.py

gpu-tests:
	COURSE_PROFILE=auto $(PY) -m pytest -m gpu -rs tests

gpu-notebooks:
	COURSE_PROFILE=auto $(PY) -m pytest $(NBVAL) notebooks/en

gpu-notebooks-fp16:
	COURSE_PROFILE=gpu4gb COURSE_PRECISION=fp16 COURSE_MEMORY_CAP_GIB=$(GPU4GB_CAP_GIB) \
		$(PY) -m pytest $(NBVAL) notebooks/en

# Train the course GPT end to end (tokenizer → token files → training → samples) with the hardware's own profile,
# e.g. make train ARGS="--profile tiny --max-steps 20 --out-dir /tmp/run"
train: venv
	COURSE_PROFILE=auto COURSE_SMOKE=0 $(PY) -m course_lib.train $(ARGS)

# Continue a prompt with a trained run, e.g. make sample ARGS="--checkpoint data/runs/cpu --prompt 'ROMEO:'"
sample: venv
	$(PY) -m course_lib.sample $(ARGS)

# Course GPT vs transformers' GPT-2 at the seed config: one training step each, interleaved (writes the results file);
# then held-out bits per character of the `cpu` profile vs a tuned character-level GPT, same minutes (~45 min, 2 cores)
bench: venv
	$(PY) tools/bench_model.py --config seed --steps 30 --json assets/bench/model_cpu.json
	COURSE_SMOKE=0 $(PY) tools/bench_learning.py --json assets/bench/learning_cpu.json

# Day 24 at full length: warmup + cosine vs a constant rate (cpu profile), and a learning-rate sweep (~20 min)
bench-schedule: venv
	COURSE_SMOKE=0 $(PY) tools/bench_schedule.py --json assets/bench/schedule_cpu.json

# What every lesson costs: each notebook run in course order from a fresh data folder, `cpu` profile, full length,
# one CPU thread (a Colab CPU runtime), every cell timed; the notebooks' stated times are tested against it (~15 min)
bench-lessons: venv
	$(PY) tools/bench_lessons.py --json assets/bench/lesson_times_cpu.json

# The reference run: the cpu profile trained to its end on the shipped corpus, into assets/runs/cpu (~10 min)
reference-run: venv
	COURSE_SMOKE=0 $(PY) tools/reference_run.py

doctor: venv
	$(PY) -m course_lib.doctor

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
