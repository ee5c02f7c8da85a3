"""A memory model of GPT training: how many bytes weights, gradients, AdamW states and activations take."""

BYTES_PER_DTYPE = {"fp32": 4, "tf32": 4, "fp16": 2, "bf16": 2, "int8": 1}
# Mixed-precision AdamW keeps fp32 master weights (4), fp32 gradients (4) and two fp32 moments (4 + 4).
ADAMW_BYTES_PER_PARAM = 16
# Activations saved per layer per token, in units of n_embd values (Korthikanti et al. 2022, with a
# fused/SDPA attention that stores no seq×seq matrix): 34 bytes at 2-byte precision → 17 values.
ACTIVATION_VALUES_PER_LAYER = 17


def gpt_param_count(vocab_size: int, block_size: int, n_layer: int, n_embd: int, tied: bool = True) -> int:
    """Parameters of the course GPT: embeddings + n_layer × (attention + MLP + 2 LayerNorms) + final norm."""
    embeddings = vocab_size * n_embd + block_size * n_embd
    attention = n_embd * 3 * n_embd + 3 * n_embd + n_embd * n_embd + n_embd  # qkv + projection, with biases
    mlp = n_embd * 4 * n_embd + 4 * n_embd + 4 * n_embd * n_embd + n_embd
    norms = 2 * 2 * n_embd
    head = 0 if tied else vocab_size * n_embd
    return embeddings + n_layer * (attention + mlp + norms) + 2 * n_embd + head


def weight_bytes(n_params: int, dtype: str) -> int:
    """Bytes to store ``n_params`` weights in ``dtype`` ("fp32", "fp16", "bf16", "int8")."""
    return n_params * BYTES_PER_DTYPE[dtype]


def adamw_training_bytes(n_params: int) -> int:
    """Bytes for weights + gradients + AdamW moments: 16 per parameter in fp32 and in fp16/bf16 AMP alike."""
    return n_params * ADAMW_BYTES_PER_PARAM


def activation_bytes(
    micro_batch: int, block_size: int, n_layer: int, n_embd: int, vocab_size: int, precision: str = "fp16",
    checkpointing: bool = False,
) -> int:
    """Estimated bytes of activations kept for backward, logits and their fp32 loss copies included."""
    value = BYTES_PER_DTYPE[precision]
    tokens = micro_batch * block_size
    per_layer = ACTIVATION_VALUES_PER_LAYER * tokens * n_embd * value
    layers = (n_embd * tokens * value) * n_layer + per_layer if checkpointing else per_layer * n_layer
    logits = tokens * vocab_size * (value + 4 + 4)  # logits, fp32 copy for the loss, fp32 gradient
    return layers + logits


def training_budget(n_params: int, micro_batch: int, block_size: int, n_layer: int, n_embd: int,
                    vocab_size: int, precision: str = "fp16", checkpointing: bool = False) -> dict[str, int]:
    """Bytes of each part of a training step's memory, and their total."""
    parts = {
        "weights": n_params * 4,
        "gradients": n_params * 4,
        "adamw_states": n_params * 8,
        "activations": activation_bytes(micro_batch, block_size, n_layer, n_embd, vocab_size, precision,
                                        checkpointing),
    }
    parts["total"] = sum(parts.values())
    return parts
