"""The KV cache: cached logits equal full recomputation, positions follow the cache, the limit is explained."""

import pytest
import torch

from course_lib.errors import CourseError
from course_lib.generate import generate
from course_lib.model import GPTModel, KVCache, causal_mask, kv_cache_bytes

CONFIGS = [
    dict(vocab_size=97, block_size=16, n_layer=2, n_head=4, n_embd=32),
    dict(vocab_size=50, block_size=24, n_layer=3, n_head=1, n_embd=8),
    dict(vocab_size=512, block_size=64, n_layer=2, n_head=2, n_embd=64),
]


def model_for(config: dict, attention: str = "sdpa", seed: int = 0) -> GPTModel:
    torch.manual_seed(seed)
    return GPTModel(**config, attention=attention).eval()


def tokens(config: dict, B: int, T: int) -> torch.Tensor:
    return torch.randint(config["vocab_size"], (B, T), generator=torch.Generator().manual_seed(1))


@pytest.mark.parametrize("attention", ["sdpa", "explicit"])
@pytest.mark.parametrize("config", CONFIGS)
@pytest.mark.parametrize("chunks", [[16], [1] * 16, [5, 1, 1, 9], [3, 4, 2, 7]])
def test_cached_chunks_give_the_logits_of_the_full_sequence(config, attention, chunks):
    model = model_for(config, attention)
    idx = tokens(config, B=3, T=sum(chunks))
    with torch.no_grad():
        full, _ = model(idx)  # (B, T, V)
        cache, pieces, start = model.new_cache(), [], 0
        for size in chunks:
            pieces.append(model(idx[:, start:start + size], cache=cache)[0])
            start += size
            assert cache.pos == start
    assert torch.allclose(torch.cat(pieces, dim=1), full, atol=1e-5)


def test_cache_holds_per_layer_keys_and_values_of_the_fed_positions():
    config = CONFIGS[0]
    model = model_for(config)
    cache = model.new_cache()
    assert cache.pos == 0 and cache.nbytes() == 0
    idx = tokens(config, B=2, T=5)
    with torch.no_grad():
        model(idx, cache=cache)
    hs = config["n_embd"] // config["n_head"]
    assert len(cache.keys) == len(cache.values) == config["n_layer"]
    for k, v in zip(cache.keys, cache.values):
        assert k.shape == v.shape == (2, config["n_head"], config["block_size"], hs)
        assert torch.count_nonzero(k[:, :, 5:]) == 0  # nothing written past the fed positions
        assert torch.count_nonzero(k[:, :, :5]) > 0
    assert cache.nbytes() == kv_cache_bytes(config["n_layer"], 2, config["block_size"], config["n_embd"], 4)
    block = model.blocks[0]
    with torch.no_grad():  # layer 0's keys are the qkv projection of the first LayerNorm's output
        x = model.tok_emb(idx) + model.pos_emb(torch.arange(5))
        k = block.attn.qkv(block.ln_1(x)).split(config["n_embd"], dim=2)[1]
    assert torch.allclose(cache.keys[0][:, :, :5], k.view(2, 5, config["n_head"], hs).transpose(1, 2), atol=1e-6)


def test_positions_continue_after_the_cache():
    config = CONFIGS[0]
    model = model_for(config)
    idx = tokens(config, B=1, T=6)
    with torch.no_grad():
        cache = model.new_cache()
        model(idx[:, :4], cache=cache)
        cached = model(idx[:, 4:], cache=cache)[0]
        fresh = model(idx[:, 4:])[0]  # the same two tokens at positions 0 and 1
    assert torch.allclose(cached, model(idx)[0][:, 4:], atol=1e-5)
    assert not torch.allclose(cached, fresh, atol=1e-3)


def test_cache_past_block_size_is_a_course_error():
    config = CONFIGS[0]
    model = model_for(config)
    cache = model.new_cache()
    with torch.no_grad():
        model(tokens(config, 1, config["block_size"] - 2), cache=cache)
        with pytest.raises(CourseError) as info:
            model(tokens(config, 1, 3), cache=cache)
    assert info.value.key == "day29_cache_full"
    assert cache.pos == config["block_size"] - 2  # the refused chunk left the cache as it was
    with pytest.raises(CourseError) as info:
        model(tokens(config, 1, 4), cache=KVCache(config["n_layer"], max_len=3))
    assert info.value.key == "day29_cache_full"
    prompt = tokens(config, 1, 10)
    with pytest.raises(CourseError) as info:
        generate(model, prompt, 8, temperature=0, use_cache=True)
    assert info.value.key == "day29_cache_full" and str(config["block_size"]) in str(info.value)
    assert generate(model, prompt, 7, temperature=0, use_cache=True).shape == (1, 17)  # 16 fed, the last is not
    assert generate(model, prompt, 8, temperature=0).shape == (1, 18)  # without the cache: cropped


@pytest.mark.parametrize("attention", ["sdpa", "explicit"])
@pytest.mark.parametrize("config", CONFIGS)
def test_greedy_generation_is_identical_with_and_without_the_cache(config, attention):
    model = model_for(config, attention).train()
    prompt = tokens(config, B=2, T=3)
    new = config["block_size"] - 3 + 1
    cached = generate(model, prompt, new, temperature=0, use_cache=True)
    assert torch.equal(cached, generate(model, prompt, new, temperature=0))
    assert model.training  # generate restores the mode


def test_logits_step_by_step_match_with_the_cache():
    config = CONFIGS[2]
    model = model_for(config)
    out = generate(model, tokens(config, B=2, T=4), 30, temperature=1.0, top_k=40,
                   generator=torch.Generator().manual_seed(3))
    cache = model.new_cache()
    with torch.no_grad():
        model(out[:, :4], cache=cache)
        for t in range(4, out.size(1)):
            step = model(out[:, t:t + 1], cache=cache)[0][:, -1]  # (B, V) from one fed token
            full = model(out[:, :t + 1])[0][:, -1]  # (B, V) from the whole text
            assert torch.allclose(step, full, atol=1e-5), t


def test_sampling_gives_the_same_tokens_with_and_without_the_cache():
    config = CONFIGS[2]
    model = model_for(config)
    prompt = tokens(config, B=4, T=2)
    settings = dict(temperature=0.9, top_k=50, top_p=0.95, repetition_penalty=1.2)
    plain = generate(model, prompt, 40, generator=torch.Generator().manual_seed(7), **settings)
    cached = generate(model, prompt, 40, generator=torch.Generator().manual_seed(7), use_cache=True, **settings)
    assert torch.equal(plain, cached)


def test_training_forward_is_untouched_by_the_cache_path():
    config = CONFIGS[0] | dict(dropout=0.1)
    torch.manual_seed(0)
    model = GPTModel(**config).train()
    idx, targets = tokens(config, 2, 16), tokens(config, 2, 16).roll(1, dims=1)
    torch.manual_seed(5)
    logits, loss = model(idx, targets)
    loss.backward()
    grads = [p.grad.clone() for p in model.parameters()]
    model.zero_grad()
    with torch.no_grad():
        model.eval()(idx[:, :5], cache=model.new_cache())  # a cached pass in between changes nothing
    model.train()
    torch.manual_seed(5)
    again, loss_again = model(idx, targets)
    loss_again.backward()
    assert torch.equal(logits, again) and torch.equal(loss, loss_again)
    assert all(torch.equal(a, p.grad) for a, p in zip(grads, model.parameters()))
    assert list(model.state_dict()) == list(GPTModel(**config).state_dict())  # the cache lives outside the model


def test_training_keeps_the_fused_causal_attention(monkeypatch):
    calls = []
    sdpa = torch.nn.functional.scaled_dot_product_attention

    def spy(q, k, v, **kwargs):
        calls.append(kwargs)
        return sdpa(q, k, v, **kwargs)

    monkeypatch.setattr(torch.nn.functional, "scaled_dot_product_attention", spy)
    config = CONFIGS[0]
    model = model_for(config).train()
    model(*[tokens(config, 2, 16)] * 2)
    assert calls and all(c.get("is_causal") and c.get("attn_mask") is None for c in calls)  # no mask tensor
    calls.clear()
    model(tokens(config, 2, 4), cache=model.new_cache())
    assert calls and all(c.get("attn_mask") is not None for c in calls)


def test_causal_mask_with_a_past():
    assert torch.equal(causal_mask(4), torch.ones(4, 4, dtype=torch.bool).tril())
    mask = causal_mask(2, past=3)  # 2 new queries at positions 3 and 4, keys 0 … 4
    assert mask.tolist() == [[True, True, True, True, False], [True, True, True, True, True]]


def test_kv_cache_bytes_formula():
    assert kv_cache_bytes(12, 1, 256, 768, 2) == 2 * 12 * 256 * 768 * 2 == 9_437_184
