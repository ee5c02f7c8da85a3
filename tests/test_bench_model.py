"""tools/bench_model.py at the tiny config: it runs, prints both models and writes every JSON field; it measures the
course model as the course trains it (with the CPU tied gradient)."""

import importlib.util
import json
from pathlib import Path

from course_lib.tied_grad import uses_tied_gradient

ROOT = Path(__file__).resolve().parents[1]


def _bench():
    spec = importlib.util.spec_from_file_location("bench_model", ROOT / "tools" / "bench_model.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_tiny_benchmark_writes_json(tmp_path, capsys):
    path = tmp_path / "bench.json"
    returned = _bench().main(["--config", "tiny", "--steps", "2", "--warmup", "1", "--json", str(path)])
    results = json.loads(path.read_text(encoding="utf-8"))
    assert results == json.loads(json.dumps(returned))
    for key in ("device", "torch", "transformers", "date", "config", "steps", "times_ms", "median_ms", "ratio",
                "memory_method", "memory_bytes", "params", "optimizer", "median_page_faults"):
        assert key in results, key
    assert results["config"] == dict(vocab_size=512, block_size=64, n_layer=2, n_head=2, n_embd=64)
    assert results["params"]["course"] == results["params"]["transformers"]
    assert results["memory_method"] == "saved_tensors_hooks"
    for name in ("course", "transformers"):
        assert len(results["times_ms"][name]) == 2
        assert results["median_ms"][name] > 0
        memory = results["memory_bytes"][name]
        assert memory["params"] == 4 * results["params"][name]
        assert memory["grads"] == memory["params"]
        assert memory["optimizer"] >= 2 * memory["params"]
        assert memory["activations"] > 0
        assert memory["total"] == memory["params"] + memory["grads"] + memory["optimizer"] + memory["activations"]
    assert results["ratio"] == results["median_ms"]["course"] / results["median_ms"]["transformers"]
    assert set(results["median_page_faults"]) == {"course", "transformers"}  # Linux counts them
    assert all(count >= 0 for count in results["median_page_faults"].values())
    out = capsys.readouterr().out
    assert "course" in out and "transformers" in out and str(path) in out
    assert "0.85" not in out and "target" not in out  # the measured comparison, no acceptance target


def test_the_course_model_is_measured_as_the_course_trains_it():
    bench = _bench()
    models = bench.build_models(bench.config_for("tiny"), bench.torch.device("cpu"))
    assert uses_tied_gradient(models["course"])
    assert models["course"].training and models["transformers"].training
