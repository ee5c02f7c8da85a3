"""The memory model: hand-computed cases, and its saved-activation bytes against what autograd saves on CPU."""

import math

import pytest
import torch

from course_lib import memory
from course_lib.bench import optimizer_bytes, saved_tensor_bytes
from course_lib.model import GPTModel, seed_config


def test_one_layer_sdpa_fp32_by_hand():
    # B=2, T=4, C=8, H=2, V=10, L=1 → N = 8 tokens
    N, C, H, V, T = 8, 8, 2, 10, 4
    layer = (4 * N * C + 8 * N) * 2  # ln_1 and ln_2: fp32 input + mean/rstd
    layer += 4 * N * C * 2  # ln_1 output (→ qkv), ln_2 output (→ fc)
    layer += 4 * 3 * N * C + 4 * N * C  # qkv output (q, k, v for SDPA) + the heads' output (→ proj)
    layer += 4 * N * H  # SDPA's logsumexp
    layer += 4 * 4 * N * C * 2  # fc output (GELU input) + GELU output (→ proj)
    assert memory.layer_activation_bytes(2, T, C, H, "fp32") == layer == 64 * N * C + 16 * N + 4 * N * H
    inputs = 8 * N + 8 * T + 8 * N  # idx, positions, targets
    head = 4 * N * C + 8 * N + 4 * N * C  # ln_f input + mean/rstd, lm_head input
    log_probs = 4 * N * V + 4
    assert memory.saved_activation_bytes(2, T, 1, C, V, "fp32", n_head=H) == layer + inputs + head + log_probs


def test_one_layer_half_and_checkpointing_by_hand():
    N, C, H, V, T = 8, 8, 2, 10, 4
    layer = (4 * N * C + 8 * N) * 2 + 2 * N * C * 2 + 2 * 4 * N * C + 4 * N * H + 2 * 4 * N * C * 2
    assert memory.layer_activation_bytes(2, T, C, H, "bf16") == layer == 36 * N * C + 16 * N + 4 * N * H
    parts = memory.saved_activation_parts(2, T, 1, C, V, "fp16", n_head=H)
    assert parts["half_weights"] == 2 * (12 * C * C + V * C)
    checkpointed = memory.saved_activation_parts(2, T, 1, C, V, "fp16", checkpointing=True, n_head=H)
    assert checkpointed["blocks"] == 4 * N * C  # only the block's fp32 input
    assert checkpointed["half_weights"] == 2 * V * C  # only lm_head's copy outlives the forward


def test_explicit_attention_stores_the_t_by_t_matrix():
    B, T, C, H = 2, 16, 8, 2
    sdpa = memory.layer_activation_bytes(B, T, C, H, "fp32", "sdpa")
    explicit = memory.layer_activation_bytes(B, T, C, H, "fp32", "explicit")
    assert explicit - sdpa == 4 * B * H * T * T + T * T - 4 * B * T * H
    # CUDA autocast runs softmax in fp32 and casts it back for att @ v: 4 + 2 bytes per score
    cuda = memory.layer_activation_bytes(B, T, C, H, "fp16", "explicit", "cuda")
    cpu = memory.layer_activation_bytes(B, T, C, H, "fp16", "explicit", "cpu")
    assert cuda - cpu == 4 * B * H * T * T


def test_param_shapes_add_up_to_the_param_count_and_the_model():
    config = dict(vocab_size=100, block_size=16, n_layer=3, n_head=2, n_embd=8)
    shapes = memory.param_shapes(**config)
    model = GPTModel(**config)
    assert [tuple(p.shape) for p in model.parameters()] == shapes
    assert sum(math.prod(s) for s in shapes) == memory.gpt_param_count(100, 16, 3, 8) == model.num_params()


def _measure(config, micro_batch, precision, checkpointing):
    torch.manual_seed(0)
    model = GPTModel(**config).train()
    model.gradient_checkpointing = checkpointing
    idx = torch.randint(config["vocab_size"], (micro_batch, config["block_size"]))
    targets = torch.randint(config["vocab_size"], (micro_batch, config["block_size"]))
    half = precision == "bf16"
    with torch.autocast("cpu", dtype=torch.bfloat16 if half else torch.float32, enabled=half):
        _, saved = saved_tensor_bytes(lambda: model(idx, targets), model.parameters())
    return saved


CONFIGS = [
    (dict(vocab_size=100, block_size=16, n_layer=1, n_head=2, n_embd=8), 2),
    (dict(vocab_size=300, block_size=32, n_layer=3, n_head=4, n_embd=32), 3),
    (dict(vocab_size=512, block_size=64, n_layer=2, n_head=2, n_embd=64), 8),
]


@pytest.mark.parametrize("checkpointing", [False, True])
@pytest.mark.parametrize("precision", ["fp32", "bf16"])
@pytest.mark.parametrize("attention", ["sdpa", "explicit"])
@pytest.mark.parametrize("config, micro_batch", CONFIGS)
def test_prediction_equals_what_autograd_saves_on_cpu(config, micro_batch, attention, precision, checkpointing):
    config = config | {"attention": attention}
    measured = _measure(config, micro_batch, precision, checkpointing)
    predicted = memory.saved_activation_bytes(micro_batch, config["block_size"], config["n_layer"], config["n_embd"],
                                              config["vocab_size"], precision, checkpointing, config["n_head"],
                                              attention, device_type="cpu")
    assert abs(predicted - measured) <= 0.01 * measured, (predicted, measured)


@pytest.mark.parametrize("name, kwargs", [
    ("adamw", {}),
    ("adafactor", dict(scale_parameter=False, relative_step=False, lr=1e-3)),
])
def test_optimizer_state_prediction_matches_a_real_step(name, kwargs):
    config = dict(vocab_size=300, block_size=32, n_layer=2, n_head=4, n_embd=32)
    model = GPTModel(**config)
    if name == "adamw":
        optimizer = torch.optim.AdamW(model.parameters())
    else:
        from transformers.optimization import Adafactor

        optimizer = Adafactor(model.parameters(), **kwargs)
    model(torch.randint(300, (2, 32)), torch.randint(300, (2, 32)))[1].backward()
    optimizer.step()
    assert optimizer_bytes(optimizer) == memory.optimizer_state_bytes(memory.param_shapes(**config), name)


def test_8bit_adamw_state_prediction_matches_bitsandbytes():
    bnb = pytest.importorskip("bitsandbytes")
    shapes = [(300, 32), (32,), (64, 64), (5000,)]
    params = [torch.nn.Parameter(torch.randn(s)) for s in shapes]
    optimizer = bnb.optim.AdamW8bit(params)
    for p in params:
        p.grad = torch.randn_like(p)
    optimizer.step()
    assert optimizer_bytes(optimizer) == memory.optimizer_state_bytes(shapes, "adamw8bit")
    assert memory.optimizer_state_bytes(shapes, "adamw8bit") < memory.optimizer_state_bytes(shapes, "adamw") / 3


def test_optimizer_alternatives_by_hand():
    assert memory.optimizer_state_bytes([(1000, 10)], "adamw") == 8 * 10_000
    assert memory.optimizer_state_bytes([(1000, 10)], "adafactor") == 4 * (1000 + 10)
    assert memory.optimizer_state_bytes([(10,)], "adafactor") == 40
    assert memory.optimizer_state_bytes([(1000, 10)], "adamw8bit") == 2 * 10_000 + 8 * 40 + memory.BNB_QMAP_BYTES
    assert memory.optimizer_state_bytes([(100,)], "adamw8bit") == 800  # under 4096 values: 32-bit states
    with pytest.raises(ValueError):
        memory.optimizer_state_bytes([(10,)], "sgd")


def test_seed_budget_parts():
    config = seed_config()
    n = memory.gpt_param_count(config["vocab_size"], config["block_size"], config["n_layer"], config["n_embd"])
    parts = memory.predict(config, 4, "fp16", grad_accum=4)
    assert parts["weights"] == parts["gradients"] == 4 * n and parts["optimizer"] == 8 * n
    assert parts["peak"] == 16 * n + parts["activations"]  # with accumulation the gradients exist all step long
    assert parts["card"] == parts["peak"] + memory.CUDA_CONTEXT_BYTES
    ckpt = memory.predict(config, 8, "fp16", checkpointing=True, grad_accum=2)
    assert ckpt["activations"] < memory.predict(config, 8, "fp16", grad_accum=2)["activations"]
    one = memory.predict(config, 4, "fp16", grad_accum=1)
    assert one["peak"] == max(12 * n + one["activations"], 16 * n)
    assert memory.predict(config, 4, "fp16", optimizer="adamw8bit")["optimizer"] < parts["optimizer"] / 3
    budget = memory.training_budget(n, 4, 256, 12, 768, 32000, "fp16")
    assert budget["activations"] == parts["activations"]
    assert budget["total"] == sum(v for k, v in budget.items() if k != "total")


def test_fp16_shrinks_activations_but_not_the_state():
    config = seed_config()
    fp32, fp16 = memory.predict(config, 4, "fp32"), memory.predict(config, 4, "fp16")
    assert fp32["weights"] + fp32["gradients"] + fp32["optimizer"] == fp16["weights"] + fp16["gradients"] + fp16[
        "optimizer"]
    assert fp16["activations"] < fp32["activations"]


def test_memory_bars_stack_the_parts_of_each_case():
    from matplotlib.figure import Figure

    from course_lib.device import GIB
    from course_lib.metrics import memory_bars

    cases = {"a": {"weights": 1 * GIB, "activations": 2 * GIB}, "b": {"weights": 3 * GIB, "activations": 0.5 * GIB}}
    ax = Figure().subplots()
    memory_bars(ax, cases, {"weights": "W", "activations": "A"}, {"4 GB": 4, "target": 3})
    bars = ax.patches
    assert [(b.get_x() < 0.5, b.get_y(), b.get_height()) for b in bars] == [
        (True, 0, 1), (False, 0, 3), (True, 1, 2), (False, 3, 0.5)]  # weights at the bottom, activations on top
    assert [line.get_ydata()[0] for line in ax.get_lines()] == [4, 3]
    assert sorted(ax.get_legend_handles_labels()[1]) == ["4 GB", "A", "W", "target"]


@pytest.mark.parametrize("precision, checkpointing", [("fp32", False), ("bf16", False), ("bf16", True)])
def test_saved_bytes_are_fixed_plus_a_share_per_sequence(precision, checkpointing):
    """Day 26 measures one sequence (a big micro-batch's forward takes minutes on a CPU): bytes are affine in B."""
    config, _ = CONFIGS[2]
    one, two, three = (_measure(config, b, precision, checkpointing) for b in (1, 2, 3))
    per_sequence, fixed = two - one, 2 * one - two
    assert per_sequence > 0 and three == fixed + 3 * per_sequence
    sizes = (config["block_size"], config["n_layer"], config["n_embd"], config["vocab_size"])
    for micro_batch in (1, 4, 16):  # the prediction at any micro-batch follows from micro-batches 1 and 2
        assert memory.saved_activation_bytes(micro_batch, *sizes, precision, checkpointing, config["n_head"],
                                              device_type="cpu") == fixed + micro_batch * per_sequence
