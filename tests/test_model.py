"""The course GPT: shapes, loss at init, attention paths, tying (and the CPU tied gradient), init, parameter count,
checkpointing, errors."""

import ast
import copy
import importlib.util
import math
from pathlib import Path

import pytest
import torch
from torch import nn

from course_lib import model as model_module
from course_lib import tied_grad
from course_lib.errors import CourseError
from course_lib.memory import gpt_param_count
from course_lib.model import GPTModel, causal_mask, seed_config
from course_lib.tied_grad import use_tied_gradient, uses_tied_gradient

ROOT = Path(__file__).resolve().parents[1]
SMALL = dict(vocab_size=97, block_size=16, n_layer=2, n_head=4, n_embd=32)


def small(**overrides) -> GPTModel:
    torch.manual_seed(0)
    return GPTModel(**(SMALL | overrides))


def batch(B: int = 3, T: int = 16, vocab_size: int = SMALL["vocab_size"]):
    generator = torch.Generator().manual_seed(1)
    return (torch.randint(vocab_size, (B, T), generator=generator),
            torch.randint(vocab_size, (B, T), generator=generator))


def test_shapes_and_optional_loss():
    m = small()
    idx, targets = batch(T=11)
    logits, loss = m(idx, targets)
    assert logits.shape == (3, 11, SMALL["vocab_size"])
    assert loss.shape == () and torch.isfinite(loss)
    logits_only, no_loss = m(idx)
    assert no_loss is None
    assert torch.allclose(logits_only, logits)


def test_loss_is_cross_entropy_over_all_positions():
    m = small()
    idx, targets = batch()
    logits, loss = m(idx, targets)
    by_hand = -torch.log_softmax(logits, -1).gather(-1, targets.unsqueeze(-1)).mean()
    assert torch.allclose(loss, by_hand, atol=1e-6)


def test_loss_at_init_is_about_ln_vocab():
    torch.manual_seed(0)
    m = GPTModel(vocab_size=512, block_size=64, n_layer=2, n_head=2, n_embd=64)
    idx, targets = batch(B=8, T=64, vocab_size=512)
    _, loss = m(idx, targets)
    assert abs(loss.item() - math.log(512)) < 0.1


def test_causal_mask_is_lower_triangle():
    mask = causal_mask(4)
    assert mask.dtype == torch.bool
    assert mask.tolist() == [[j <= i for j in range(4)] for i in range(4)]


def test_explicit_attention_equals_sdpa_in_logits_and_gradients():
    sdpa, explicit = small(), small(attention="explicit")
    explicit.load_state_dict(sdpa.state_dict())
    idx, targets = batch()
    logits_a, loss_a = sdpa(idx, targets)
    logits_b, loss_b = explicit(idx, targets)
    assert torch.allclose(logits_a, logits_b, atol=1e-5)
    loss_a.backward()
    loss_b.backward()
    for (name, a), b in zip(sdpa.named_parameters(), explicit.parameters()):
        assert torch.allclose(a.grad, b.grad, atol=1e-6), name


def test_future_tokens_do_not_change_past_logits():
    for attention in ("sdpa", "explicit"):
        m = small(attention=attention)
        idx, _ = batch()
        changed = idx.clone()
        changed[:, 10:] = (changed[:, 10:] + 1) % SMALL["vocab_size"]
        assert torch.allclose(m(idx)[0][:, :10], m(changed)[0][:, :10], atol=1e-6)
        assert not torch.allclose(m(idx)[0][:, 10:], m(changed)[0][:, 10:])


def test_weight_tying():
    m = small()
    assert m.lm_head.weight is m.tok_emb.weight
    idx, targets = batch()
    m(idx, targets)[1].backward()
    before = m.tok_emb.weight.detach().clone()
    torch.optim.SGD(m.parameters(), lr=1.0).step()
    assert torch.equal(m.lm_head.weight, m.tok_emb.weight)
    assert not torch.equal(m.tok_emb.weight, before)


def _grads(model: GPTModel, steps: int = 1) -> tuple[list[float], dict[str, torch.Tensor]]:
    losses = []
    for step in range(steps):  # several backward calls accumulate, as with gradient accumulation
        idx, targets = batch(B=2 + step)
        loss = model(idx, targets)[1]
        loss.backward()
        losses.append(loss.item())
    return losses, {name: p.grad for name, p in model.named_parameters()}


def test_the_model_file_defines_no_autograd_function():
    """course_lib/model.py reads like the textbook: the CPU speed-up lives in course_lib/tied_grad.py."""
    functions = [name for name, value in vars(model_module).items()
                 if isinstance(value, type) and issubclass(value, torch.autograd.Function)]
    assert functions == []
    tree = ast.parse(Path(model_module.__file__).read_text(encoding="utf-8"))
    bases = [ast.unparse(base) for node in ast.walk(tree) if isinstance(node, ast.ClassDef) for base in node.bases]
    assert not any("Function" in base for base in bases), bases


@pytest.mark.parametrize("steps", [1, 2])
def test_one_tied_gradient_equals_the_plain_model(steps):
    plain_losses, plain = _grads(small(), steps)
    tied_model = use_tied_gradient(small())
    assert uses_tied_gradient(tied_model) and not uses_tied_gradient(small())
    tied_losses, tied = _grads(tied_model, steps)
    assert tied_losses == pytest.approx(plain_losses, abs=1e-6)
    assert not tied["tok_emb.weight"].is_sparse
    for name in plain:
        assert torch.allclose(tied[name], plain[name], atol=1e-6), name


def test_one_tied_gradient_with_autograd_grad_and_a_frozen_embedding():
    plain_model, tied_model = small(), use_tied_gradient(small())
    idx, targets = batch()
    (plain,) = torch.autograd.grad(plain_model(idx, targets)[1], [plain_model.tok_emb.weight])
    (tied,) = torch.autograd.grad(tied_model(idx, targets)[1], [tied_model.tok_emb.weight])  # the sum, returned
    assert torch.allclose(tied, plain, atol=1e-6)
    tied_model.tok_emb.weight.requires_grad_(False)  # e.g. LoRA freezes it: no gradient for it, the rest learns
    tied_model(idx, targets)[1].backward()
    assert tied_model.tok_emb.weight.grad is None and tied_model.blocks[0].mlp.fc.weight.grad is not None


def _grad_from_the_first_block(model: GPTModel) -> torch.Tensor:
    outputs = []
    model.blocks[0].register_forward_hook(lambda module, args, output: outputs.append(output))  # (B, T, C)
    model(batch()[0])
    outputs[0].square().sum().backward()
    return model.tok_emb.weight.grad


def test_a_gradient_that_never_reaches_the_head():
    """Backward from a block's output skips the head: the embedding's rows alone, in a (V, C) tensor of zeros."""
    plain = _grad_from_the_first_block(small())
    tied = _grad_from_the_first_block(use_tied_gradient(small()))
    assert torch.allclose(tied, plain, atol=1e-6)


def test_direct_calls_of_the_head_outside_a_model_forward_stay_plain():
    m, reference = use_tied_gradient(small()), small()
    idx, _ = batch()
    with pytest.raises(RuntimeError):  # a forward that fails after the head (targets of the wrong size)
        m(idx, torch.zeros(1, dtype=torch.long))
    h = torch.randn(2, 5, SMALL["n_embd"])  # (B, T, C)
    for model in (m, reference):  # the head on its own: plain autograd, its gradient arrives
        model.lm_head(h).square().mean().backward()
    assert m.lm_head.weight.grad is not None
    assert torch.allclose(m.lm_head.weight.grad, reference.lm_head.weight.grad, atol=1e-7)


def _matrices_made_in_backward(model: GPTModel) -> int:
    """How many new (V, C) storages the operators create during one backward."""
    from torch.utils._python_dispatch import TorchDispatchMode

    shape, storages = tuple(model.tok_emb.weight.shape), set()

    class Record(TorchDispatchMode):
        def __torch_dispatch__(self, func, types, args=(), kwargs=None):
            out = func(*args, **(kwargs or {}))
            if isinstance(out, torch.Tensor) and tuple(out.shape) == shape:
                storages.add(out.untyped_storage().data_ptr())  # views, detach and in-place ops add none
            return out

    idx, targets = batch()
    loss = model(idx, targets)[1]
    with Record():
        loss.backward()
    return len(storages - {model.tok_emb.weight.untyped_storage().data_ptr()})


def test_the_shared_matrix_gets_one_gradient_tensor_not_three():
    assert _matrices_made_in_backward(small()) == 3  # plain autograd: two gradients and their sum
    once = use_tied_gradient(small())
    assert _matrices_made_in_backward(once) == 1  # the head's (V, C) gradient, into which the embedding adds
    twice = use_tied_gradient(use_tied_gradient(small()))  # applying it again changes nothing
    assert _matrices_made_in_backward(twice) == 1
    assert len(twice._forward_pre_hooks) == 1


def test_autocast_no_grad_frozen_and_compile_take_the_plain_path(monkeypatch):
    idx, _ = batch()
    m = use_tied_gradient(small())
    assert tied_grad.wanted(idx, m.tok_emb.weight)
    with torch.autocast("cpu", dtype=torch.bfloat16):
        assert not tied_grad.wanted(idx, m.tok_emb.weight)
    with torch.no_grad():
        assert not tied_grad.wanted(idx, m.tok_emb.weight)
        m(idx)  # generation: the plain path
    assert not tied_grad.wanted(idx, m.tok_emb.weight.detach())  # frozen
    with torch.autocast("cpu", dtype=torch.bfloat16):
        assert _matrices_made_in_backward(m) == _matrices_made_in_backward(small())  # bf16 casts: the plain count
        m(*batch())[1].backward()
    with monkeypatch.context() as patch:  # what torch.compile's tracing sees
        patch.setattr(torch.compiler, "is_compiling", lambda: True)
        assert not tied_grad.wanted(idx, m.tok_emb.weight)
    assert m.tok_emb.weight.grad.dtype == torch.float32


def test_an_untied_model_is_left_as_it_is():
    m = small()
    m.lm_head.weight = nn.Parameter(m.tok_emb.weight.detach().clone())
    assert not uses_tied_gradient(use_tied_gradient(m))


def test_a_tied_model_copies_and_saves_like_the_plain_one():
    m = use_tied_gradient(small())
    assert m.state_dict().keys() == small().state_dict().keys()
    twin = copy.deepcopy(m)
    assert uses_tied_gradient(twin) and _matrices_made_in_backward(twin) == 1
    twin(*batch())[1].backward()
    assert m.tok_emb.weight.grad is None  # the copy's state is its own


def test_gpt2_init():
    torch.manual_seed(0)
    m = GPTModel(vocab_size=1000, block_size=64, n_layer=4, n_head=4, n_embd=256)
    block = m.blocks[0]
    assert abs(m.tok_emb.weight.std().item() - 0.02) < 0.001
    assert abs(m.pos_emb.weight.std().item() - 0.02) < 0.001
    assert abs(block.attn.qkv.weight.std().item() - 0.02) < 0.001
    residual_std = 0.02 / math.sqrt(2 * 4)
    for proj in (block.attn.proj, block.mlp.proj):
        assert abs(proj.weight.std().item() - residual_std) < 0.0005
    for name, p in m.named_parameters():
        if name.endswith("bias"):
            assert torch.count_nonzero(p) == 0, name
    assert torch.equal(block.ln_1.weight, torch.ones(256))


@pytest.mark.parametrize("config", [
    SMALL,
    dict(vocab_size=512, block_size=64, n_layer=2, n_head=2, n_embd=64),
    dict(vocab_size=4096, block_size=128, n_layer=4, n_head=4, n_embd=128),
    dict(vocab_size=10, block_size=3, n_layer=1, n_head=1, n_embd=8),
])
def test_param_count_matches_memory_formula(config):
    m = GPTModel(**config)
    expected = gpt_param_count(config["vocab_size"], config["block_size"], config["n_layer"], config["n_embd"])
    assert m.num_params() == expected
    assert sum(p.numel() for p in m.state_dict().values()) == expected + config["vocab_size"] * config["n_embd"]


def test_seed_config_on_meta_device():
    config = seed_config()
    assert config == dict(vocab_size=32000, block_size=256, n_layer=12, n_head=12, n_embd=768)
    with torch.device("meta"):
        m = GPTModel(**config)
    n = m.num_params()
    assert n == gpt_param_count(32000, 256, 12, 768)
    assert 105e6 < n < 115e6


def test_config_rebuilds_the_model():
    m = small(dropout=0.1, attention="explicit")
    assert m.config == SMALL | dict(dropout=0.1, attention="explicit")
    rebuilt = GPTModel(**m.config)
    rebuilt.load_state_dict(m.state_dict())


def test_dropout_only_in_training():
    m = small(dropout=0.5)
    idx, _ = batch()
    m.train()
    assert not torch.allclose(m(idx)[0], m(idx)[0])
    m.eval()
    assert torch.equal(m(idx)[0], m(idx)[0])
    no_dropout = small().train()
    assert torch.equal(no_dropout(idx)[0], no_dropout.eval()(idx)[0])


@pytest.mark.parametrize("dropout", [0.0, 0.2])
def test_gradient_checkpointing_gives_the_same_gradients(dropout):
    plain, checkpointed = small(dropout=dropout), small(dropout=dropout)
    checkpointed.gradient_checkpointing = True
    idx, targets = batch()
    torch.manual_seed(5)
    loss_a = plain(idx, targets)[1]
    loss_a.backward()
    torch.manual_seed(5)
    loss_b = checkpointed(idx, targets)[1]
    loss_b.backward()
    assert torch.allclose(loss_a, loss_b)
    for (name, a), b in zip(plain.named_parameters(), checkpointed.parameters()):
        assert torch.allclose(a.grad, b.grad, atol=1e-6), name


def test_gradient_checkpointing_saves_fewer_tensors():
    def saved_bytes(m):
        total = 0

        def pack(x):
            nonlocal total
            total += x.numel() * x.element_size()
            return x

        with torch.autograd.graph.saved_tensors_hooks(pack, lambda x: x):
            m(*batch())
        return total

    m = small()
    full = saved_bytes(m)
    m.gradient_checkpointing = True
    assert saved_bytes(m) < full


def test_errors_are_course_errors():
    with pytest.raises(CourseError) as info:
        GPTModel(vocab_size=10, block_size=8, n_layer=1, n_head=3, n_embd=32)
    assert info.value.key == "day17_heads_mismatch"
    with pytest.raises(CourseError) as info:
        GPTModel(**SMALL, attention="flash")
    assert info.value.key == "day17_attention_unknown"
    m = small()
    with pytest.raises(CourseError) as info:
        m(torch.zeros(1, SMALL["block_size"] + 1, dtype=torch.long))
    assert info.value.key == "day17_too_long"
    with pytest.raises(CourseError) as info:
        m(torch.full((1, 4), SMALL["vocab_size"]))
    assert info.value.key == "day17_bad_token"
    assert str(SMALL["vocab_size"]) in str(info.value)


def test_main_prints_seed_param_count(capsys):
    model_module.main()
    assert f"{gpt_param_count(32000, 256, 12, 768):,}" in capsys.readouterr().out


def _notebook_definitions() -> dict:
    """Execute the notebook's cells that only import or define (its from-scratch model), in English."""
    spec = importlib.util.spec_from_file_location("build_notebooks", ROOT / "tools" / "build_notebooks.py")
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    namespace: dict = {}
    definitions = (ast.Import, ast.ImportFrom, ast.ClassDef, ast.FunctionDef)
    for kind, _, text in builder.parse(ROOT / "notebooks" / "src" / "day17_gpt_model.py"):
        code = builder.localize_code(text, "en") if kind == "code" else ""
        if code and all(isinstance(node, definitions) for node in ast.parse(code).body):
            exec(compile(code, "day17_gpt_model", "exec"), namespace)
    return namespace


def test_notebook_model_equals_library_model():
    namespace = _notebook_definitions()
    torch.manual_seed(0)
    mine = namespace["GPT"](**SMALL)
    assert sum(p.numel() for p in mine.parameters()) == small().num_params()
    for attention in ("sdpa", "explicit"):
        lib = small(attention=attention)
        mine.load_state_dict(lib.state_dict())  # strict: the same names and shapes
        idx, targets = batch()
        logits_mine, loss_mine = mine(idx, targets)
        logits_lib, loss_lib = lib(idx, targets)
        assert torch.allclose(logits_mine, logits_lib, atol=1e-5)
        assert torch.allclose(loss_mine, loss_lib, atol=1e-6)
