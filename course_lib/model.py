"""The course GPT: a readable, single-file, decoder-only Transformer (nanoGPT style).

Shapes in the comments: B = batch, T = sequence length (≤ block_size), C = n_embd, nh = n_head,
hs = C // nh (head size), V = vocab_size, P = tokens already in the KV cache (Day 29).
Run ``python -m course_lib.model`` for the seed model's size. Training on a CPU adds one speed-up that is no part
of the model: ``course_lib/tied_grad.py`` gives the tied embedding/head matrix one gradient tensor.
"""

import math

import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.checkpoint import checkpoint

from course_lib.errors import CourseError
from course_lib.messages import t
from course_lib.profiles import PROFILES

ATTENTION_KINDS = ("sdpa", "explicit")  # fused F.scaled_dot_product_attention, or the masked softmax written out


def seed_config() -> dict:
    """Constructor arguments of the seed model (the gpu4gb/t4 size: vocab 32000, block 256, 12/12/768)."""
    profile = PROFILES["gpu4gb"]
    return dict(vocab_size=profile.vocab_size, **profile.model_kwargs())


def causal_mask(size: int, device: torch.device | str | None = None, past: int = 0) -> torch.Tensor:
    """A (size, past + size) bool mask, True where query i (at position past + i) may attend to key j ≤ past + i."""
    return torch.ones(size, past + size, dtype=torch.bool, device=device).tril(diagonal=past)


def kv_cache_bytes(n_layer: int, batch_size: int, length: int, n_embd: int, bytes_per_value: int) -> int:
    """Memory of a KV cache: keys and values (2) of every layer, (B, nh, T, hs) each, nh · hs = C."""
    return 2 * n_layer * batch_size * length * n_embd * bytes_per_value


class KVCache:
    """The keys and values every layer has computed so far, so that generation feeds only the new tokens (Day 29).

    Per layer one (B, nh, max_len, hs) tensor of keys and one of values, allocated by the first chunk (in its
    dtype and device); ``pos`` is how many positions are filled (P).
    """

    def __init__(self, n_layer: int, max_len: int):
        self.max_len = max_len
        self.pos = 0
        self.keys: list[torch.Tensor | None] = [None] * n_layer
        self.values: list[torch.Tensor | None] = [None] * n_layer

    def update(self, layer: int, k: torch.Tensor, v: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Store a chunk's (B, nh, T, hs) keys and values at ``pos``; return all of them so far, (B, nh, P + T, hs)."""
        if self.keys[layer] is None:
            B, nh, _, hs = k.shape
            self.keys[layer] = k.new_zeros(B, nh, self.max_len, hs)
            self.values[layer] = v.new_zeros(B, nh, self.max_len, hs)
        end = self.pos + k.size(2)
        self.keys[layer][:, :, self.pos:end] = k
        self.values[layer][:, :, self.pos:end] = v
        return self.keys[layer][:, :, :end], self.values[layer][:, :, :end]

    def nbytes(self) -> int:
        """Bytes held by the allocated key and value tensors."""
        return sum(x.numel() * x.element_size() for x in self.keys + self.values if x is not None)


class CausalSelfAttention(nn.Module):
    """Multi-head self-attention in which every token sees only itself and the tokens before it."""

    def __init__(self, n_embd: int, n_head: int, dropout: float = 0.0, attention: str = "sdpa"):
        super().__init__()
        self.n_head = n_head
        self.n_embd = n_embd
        self.dropout = dropout
        self.attention = attention
        self.qkv = nn.Linear(n_embd, 3 * n_embd)  # query, key and value of all heads in one matmul
        self.proj = nn.Linear(n_embd, n_embd)  # mixes the heads back into the residual stream

    def forward(self, x: torch.Tensor, cache: KVCache | None = None, layer: int = 0) -> torch.Tensor:
        """(B, T, C) → (B, T, C); with a ``cache`` the keys also cover the P cached positions before x."""
        B, T, C = x.shape
        q, k, v = self.qkv(x).split(C, dim=2)  # 3 × (B, T, C), views without a copy
        q = q.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)  # (B, nh, T, hs)
        k = k.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)  # (B, nh, T, hs)
        v = v.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)  # (B, nh, T, hs)
        past = 0
        if cache is not None:
            past = cache.pos
            k, v = cache.update(layer, k, v)  # (B, nh, P + T, hs): the cached past, then this chunk
        p = self.dropout if self.training else 0.0
        if self.attention == "sdpa" and cache is None:
            y = F.scaled_dot_product_attention(q, k, v, dropout_p=p, is_causal=True)  # (B, nh, T, hs)
        elif self.attention == "sdpa":  # one new token sees every key; a longer chunk needs the (T, P + T) mask
            mask = None if T == 1 else causal_mask(T, x.device, past)
            y = F.scaled_dot_product_attention(q, k, v, attn_mask=mask, dropout_p=p)  # (B, nh, T, hs)
        else:
            att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.size(-1)))  # (B, nh, T, P + T) scores
            att = att.masked_fill(~causal_mask(T, x.device, past), float("-inf"))  # no peeking at the future
            att = F.softmax(att, dim=-1)  # every row sums to 1
            if p:
                att = F.dropout(att, p)
            y = att @ v  # (B, nh, T, hs)
        y = y.transpose(1, 2).contiguous().view(B, T, C)  # heads side by side again: (B, T, C)
        y = self.proj(y)
        return F.dropout(y, p) if p else y


class MLP(nn.Module):
    """The position-wise feed-forward network: C → 4C → GELU (tanh approximation) → C."""

    def __init__(self, n_embd: int, dropout: float = 0.0):
        super().__init__()
        self.dropout = dropout
        self.fc = nn.Linear(n_embd, 4 * n_embd)
        self.proj = nn.Linear(4 * n_embd, n_embd)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """(B, T, C) → (B, T, C)."""
        x = F.gelu(self.fc(x), approximate="tanh")  # (B, T, 4C), one fused kernel
        x = self.proj(x)  # (B, T, C)
        p = self.dropout if self.training else 0.0
        return F.dropout(x, p) if p else x


class Block(nn.Module):
    """A pre-LayerNorm Transformer block: x + attn(ln_1(x)), then x + mlp(ln_2(x))."""

    def __init__(self, n_embd: int, n_head: int, dropout: float = 0.0, attention: str = "sdpa"):
        super().__init__()
        self.ln_1 = nn.LayerNorm(n_embd)
        self.attn = CausalSelfAttention(n_embd, n_head, dropout, attention)
        self.ln_2 = nn.LayerNorm(n_embd)
        self.mlp = MLP(n_embd, dropout)

    def forward(self, x: torch.Tensor, cache: KVCache | None = None, layer: int = 0) -> torch.Tensor:
        """(B, T, C) → (B, T, C); ``cache`` and ``layer`` go to the attention (Day 29)."""
        x = x + self.attn(self.ln_1(x), cache, layer)
        return x + self.mlp(self.ln_2(x))


class GPTModel(nn.Module):
    """A GPT: token + position embeddings, ``n_layer`` blocks, a final LayerNorm and a head tied to the embedding."""

    def __init__(self, vocab_size: int, block_size: int, n_layer: int, n_head: int, n_embd: int,
                 dropout: float = 0.0, attention: str = "sdpa"):
        super().__init__()
        if n_embd % n_head:
            raise CourseError("day17_heads_mismatch", n_embd=n_embd, n_head=n_head)
        if attention not in ATTENTION_KINDS:
            raise CourseError("day17_attention_unknown", name=attention, valid=", ".join(ATTENTION_KINDS))
        self.config = dict(vocab_size=vocab_size, block_size=block_size, n_layer=n_layer, n_head=n_head,
                           n_embd=n_embd, dropout=dropout, attention=attention)
        self.gradient_checkpointing = False  # True: recompute each block in backward instead of storing it
        self.tok_emb = nn.Embedding(vocab_size, n_embd)  # token id → vector
        self.pos_emb = nn.Embedding(block_size, n_embd)  # position 0 … block_size-1 → vector
        self.blocks = nn.ModuleList(Block(n_embd, n_head, dropout, attention) for _ in range(n_layer))
        self.ln_f = nn.LayerNorm(n_embd)
        self.lm_head = nn.Linear(n_embd, vocab_size, bias=False)
        self.lm_head.weight = self.tok_emb.weight  # weight tying: one (V, C) matrix reads and writes tokens
        self.apply(self._init_weights)
        for block in self.blocks:  # GPT-2: scale the projections that add into the residual stream
            for proj in (block.attn.proj, block.mlp.proj):
                nn.init.normal_(proj.weight, mean=0.0, std=0.02 / math.sqrt(2 * n_layer))

    @staticmethod
    def _init_weights(module: nn.Module) -> None:
        if isinstance(module, (nn.Linear, nn.Embedding)):
            nn.init.normal_(module.weight, mean=0.0, std=0.02)
        if isinstance(module, nn.Linear) and module.bias is not None:
            nn.init.zeros_(module.bias)

    def num_params(self) -> int:
        """Number of parameters; the tied head and embedding count once."""
        return sum(p.numel() for p in self.parameters())

    def new_cache(self) -> KVCache:
        """An empty KV cache for this model: room for block_size positions in every layer (Day 29)."""
        return KVCache(self.config["n_layer"], self.config["block_size"])

    def forward(self, idx: torch.Tensor, targets: torch.Tensor | None = None, cache: KVCache | None = None):
        """Token ids (B, T) → (logits (B, T, V), loss or None); ``targets`` (B, T) are the next tokens, pre-shifted.

        With a ``cache`` (Day 29), ``idx`` holds only the tokens after the P cached ones: they get positions
        P … P + T - 1, attend to the cached keys and values, and add theirs to the cache.
        """
        B, T = idx.shape
        block_size, vocab_size = self.config["block_size"], self.config["vocab_size"]
        past = 0 if cache is None else cache.pos
        if cache is not None:
            limit = min(block_size, cache.max_len)  # new_cache() makes room for block_size positions
            if past + T > limit:
                raise CourseError("day29_cache_full", needed=past + T, block_size=limit)
        if T > block_size:
            raise CourseError("day17_too_long", T=T, block_size=block_size)
        if idx.device.type == "cpu" and idx.numel():  # reading ids on the host is free on CPU, a stall on a GPU
            low, high = int(idx.min()), int(idx.max())
            if low < 0 or high >= vocab_size:
                raise CourseError("day17_bad_token", low=low, high=high, max_id=vocab_size - 1, vocab_size=vocab_size)
        pos = torch.arange(past, past + T, device=idx.device)  # (T,): after the cached positions, if any
        x = self.tok_emb(idx) + self.pos_emb(pos)  # (B, T, C) + (T, C) → (B, T, C)
        p = self.config["dropout"] if self.training else 0.0
        if p:
            x = F.dropout(x, p)
        for layer, block in enumerate(self.blocks):
            if cache is not None:
                x = block(x, cache, layer)
            elif self.gradient_checkpointing and self.training and torch.is_grad_enabled():
                x = checkpoint(block, x, use_reentrant=False)  # keep only the block's input for backward
            else:
                x = block(x)
        if cache is not None:
            cache.pos = past + T  # every layer has stored this chunk
        h = self.ln_f(x)
        logits = self.lm_head(h)  # (B, T, V)
        loss = None
        if targets is not None:  # cross-entropy over all B·T positions; reshape of contiguous tensors = view
            loss = F.cross_entropy(logits.view(B * T, -1), targets.reshape(B * T))
        return logits, loss


def main() -> None:
    """Print the parameter count of the seed model, built on the meta device (no memory, instant)."""
    config = seed_config()
    with torch.device("meta"):
        model = GPTModel(**config)
    n = model.num_params()
    print(t("day17_seed_params", n=n, millions=n / 1e6, **config))


if __name__ == "__main__":
    main()
