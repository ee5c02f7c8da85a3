"""The course GPT: a readable, single-file, decoder-only Transformer (nanoGPT style).

Shapes in the comments: B = batch, T = sequence length (≤ block_size), C = n_embd, nh = n_head,
hs = C // nh (head size), V = vocab_size. Run ``python -m course_lib.model`` for the seed model's size.
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


def causal_mask(size: int, device: torch.device | str | None = None) -> torch.Tensor:
    """A (size, size) bool mask, True where query i may attend to key j (j ≤ i): the lower triangle."""
    return torch.ones(size, size, dtype=torch.bool, device=device).tril()


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

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """(B, T, C) → (B, T, C)."""
        B, T, C = x.shape
        q, k, v = self.qkv(x).split(C, dim=2)  # 3 × (B, T, C), views without a copy
        q = q.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)  # (B, nh, T, hs)
        k = k.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)  # (B, nh, T, hs)
        v = v.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)  # (B, nh, T, hs)
        p = self.dropout if self.training else 0.0
        if self.attention == "sdpa":
            y = F.scaled_dot_product_attention(q, k, v, dropout_p=p, is_causal=True)  # (B, nh, T, hs)
        else:
            att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.size(-1)))  # (B, nh, T, T) scores
            att = att.masked_fill(~causal_mask(T, x.device), float("-inf"))  # no peeking at the future
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

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """(B, T, C) → (B, T, C)."""
        x = x + self.attn(self.ln_1(x))
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

    def forward(self, idx: torch.Tensor, targets: torch.Tensor | None = None):
        """Token ids (B, T) → (logits (B, T, V), loss or None); ``targets`` (B, T) are the next tokens, pre-shifted."""
        B, T = idx.shape
        block_size, vocab_size = self.config["block_size"], self.config["vocab_size"]
        if T > block_size:
            raise CourseError("day17_too_long", T=T, block_size=block_size)
        if idx.device.type == "cpu" and idx.numel():  # reading ids on the host is free on CPU, a stall on a GPU
            low, high = int(idx.min()), int(idx.max())
            if low < 0 or high >= vocab_size:
                raise CourseError("day17_bad_token", low=low, high=high, vocab_size=vocab_size)
        pos = torch.arange(T, device=idx.device)  # (T,)
        x = self.tok_emb(idx) + self.pos_emb(pos)  # (B, T, C) + (T, C) → (B, T, C)
        p = self.config["dropout"] if self.training else 0.0
        if p:
            x = F.dropout(x, p)
        for block in self.blocks:
            if self.gradient_checkpointing and self.training and torch.is_grad_enabled():
                x = checkpoint(block, x, use_reentrant=False)  # keep only the block's input for backward
            else:
                x = block(x)
        logits = self.lm_head(self.ln_f(x))  # (B, T, V)
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
