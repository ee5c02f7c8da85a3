"""Days 04 and 26: a memory model of GPT training — weights, gradients, optimizer states, activations, logits.

The activation terms count what the course model (``course_lib.model``) really saves for backward, tensor by
tensor; ``tests/test_memory.py`` checks them against ``saved_tensors_hooks`` on CPU in fp32 and bf16 autocast.
Shapes: B = micro-batch, T = block_size, N = B·T tokens, C = n_embd, H = n_head, L = n_layer, V = vocab_size.
"""

import math

BYTES_PER_DTYPE = {"fp32": 4, "tf32": 4, "fp16": 2, "bf16": 2, "int8": 1}
HALF = ("fp16", "bf16")  # autocast precisions: matmuls in 2 bytes, fp32 master weights
# Mixed-precision AdamW keeps fp32 master weights (4), fp32 gradients (4) and two fp32 moments (4 + 4).
ADAMW_BYTES_PER_PARAM = 16
OPTIMIZERS = ("adamw", "adamw8bit", "adafactor")
BNB_BLOCK = 256  # bitsandbytes 8-bit states: one fp32 absmax per block of 256 values, per moment
BNB_MIN_8BIT_SIZE = 4096  # smaller tensors keep 32-bit states in bitsandbytes
BNB_QMAP_BYTES = 2 * 256 * 4  # the two 256-entry quantization maps, shared by all tensors
# What the CUDA driver and kernels take before the first tensor: not in max_memory_allocated, but on the card.
# Typically 300–500 MiB with CUDA 12's lazy module loading; tools/gpu_check.py measures it on a real GPU.
CUDA_CONTEXT_BYTES = 400 * 2**20


def gpt_param_count(vocab_size: int, block_size: int, n_layer: int, n_embd: int, tied: bool = True) -> int:
    """Parameters of the course GPT: embeddings + n_layer × (attention + MLP + 2 LayerNorms) + final norm."""
    embeddings = vocab_size * n_embd + block_size * n_embd
    attention = n_embd * 3 * n_embd + 3 * n_embd + n_embd * n_embd + n_embd  # qkv + projection, with biases
    mlp = n_embd * 4 * n_embd + 4 * n_embd + 4 * n_embd * n_embd + n_embd
    norms = 2 * 2 * n_embd
    head = 0 if tied else vocab_size * n_embd
    return embeddings + n_layer * (attention + mlp + norms) + 2 * n_embd + head


def param_shapes(vocab_size: int, block_size: int, n_layer: int, n_embd: int, **_) -> list[tuple[int, ...]]:
    """Shapes of the course GPT's parameters in ``model.parameters()`` order (the tied head counted once)."""
    C = n_embd
    block = [(C,), (C,), (3 * C, C), (3 * C,), (C, C), (C,), (C,), (C,), (4 * C, C), (4 * C,), (C, 4 * C), (C,)]
    return [(vocab_size, C), (block_size, C)] + block * n_layer + [(C,), (C,)]


def weight_bytes(n_params: int, dtype: str) -> int:
    """Bytes to store ``n_params`` weights in ``dtype`` ("fp32", "fp16", "bf16", "int8")."""
    return n_params * BYTES_PER_DTYPE[dtype]


def adamw_training_bytes(n_params: int) -> int:
    """Bytes for weights + gradients + AdamW moments: 16 per parameter in fp32 and in fp16/bf16 AMP alike."""
    return n_params * ADAMW_BYTES_PER_PARAM


def optimizer_state_bytes(shapes: list[tuple[int, ...]], optimizer: str = "adamw") -> int:
    """Bytes of optimizer state for parameters of these shapes (0-d step counters left out).

    "adamw": two fp32 moments (8 B/param). "adamw8bit" (bitsandbytes): two uint8 moments + an fp32 absmax per
    256 values for tensors ≥ 4096 values, fp32 moments below. "adafactor" (transformers, no first moment): fp32
    row and column means of the squared gradient for matrices, a full fp32 second moment for vectors.
    """
    if optimizer not in OPTIMIZERS:
        raise ValueError(f"optimizer must be one of {OPTIMIZERS}, not {optimizer!r}")
    total = 0
    for shape in shapes:
        n = math.prod(shape)
        if optimizer == "adamw":
            total += 8 * n
        elif optimizer == "adamw8bit":
            total += 2 * n + 2 * 4 * math.ceil(n / BNB_BLOCK) if n >= BNB_MIN_8BIT_SIZE else 8 * n
        else:
            total += 4 * (math.prod(shape[:-1]) + math.prod(shape[:-2]) * shape[-1]) if len(shape) >= 2 else 4 * n
    if optimizer == "adamw8bit" and any(math.prod(s) >= BNB_MIN_8BIT_SIZE for s in shapes):
        total += BNB_QMAP_BYTES
    return total


def _n_head(n_embd: int, n_head: int | None) -> int:
    return n_head or max(1, n_embd // 64)  # GPT-2's head size of 64 when the heads are not given


def layer_activation_bytes(micro_batch: int, block_size: int, n_embd: int, n_head: int, precision: str = "fp32",
                           attention: str = "sdpa", device_type: str = "cuda") -> int:
    """Bytes one Transformer block saves for backward (autocast's half copies of its weights not included).

    Residual stream and LayerNorm inputs: fp32 (4 B). Linear inputs, q/k/v, attention output, fc and GELU
    outputs: 2 B under fp16/bf16 autocast, 4 B in fp32. LayerNorm mean and rstd: fp32. SDPA keeps q, k, v, its
    output and a (B, H, T) fp32 logsumexp, never the T×T matrix; explicit attention keeps copies of q, kᵀ, v, the
    bool mask (T×T) and the softmax (B, H, T, T) — in fp32 plus a half copy on CUDA autocast, in the matmul's
    precision on CPU.
    """
    N, C, T = micro_batch * block_size, n_embd, block_size
    half = precision in HALF
    a = BYTES_PER_DTYPE[precision] if half else 4  # matmul outputs
    residual = 2 * 4 * N * C + 2 * 2 * 4 * N  # ln_1 and ln_2 inputs (fp32) + their mean and rstd
    linear_inputs = 2 * a * N * C  # ln_1 output → qkv, ln_2 output → fc (fp32 copies or half casts)
    mlp = 2 * a * 4 * N * C  # fc output (GELU input) and GELU output (proj input)
    qkv_and_out = 3 * a * N * C + a * N * C  # q, k, v (or their copies) and the heads' output → proj
    if attention == "sdpa":
        scores = 4 * N * n_head  # logsumexp (B, H, T), fp32
    else:
        softmax = (4 + a if half and device_type == "cuda" else a) * micro_batch * n_head * T * T
        scores = softmax + T * T  # + the (T, T) bool mask
    return residual + linear_inputs + mlp + qkv_and_out + scores


def saved_activation_parts(micro_batch: int, block_size: int, n_layer: int, n_embd: int, vocab_size: int,
                           precision: str = "fp32", checkpointing: bool = False, n_head: int | None = None,
                           attention: str = "sdpa", device_type: str = "cuda") -> dict[str, int]:
    """Bytes saved for backward in one micro-batch's forward, by part, and their total ("saved").

    "inputs": token ids, positions, targets (int64). "blocks": every layer's activations — with activation
    checkpointing only each block's fp32 input. "half_weights": autocast's 2-byte copies of the Linear weights
    (lm_head included; checkpointed blocks recast theirs in backward). "head": final LayerNorm + lm_head input.
    "log_probs": the fp32 (N, V) log-softmax of the loss.
    """
    n_head = _n_head(n_embd, n_head)
    N, C, V = micro_batch * block_size, n_embd, vocab_size
    half = precision in HALF
    a = BYTES_PER_DTYPE[precision] if half else 4
    if checkpointing:
        blocks = n_layer * 4 * N * C
    else:
        blocks = n_layer * layer_activation_bytes(micro_batch, block_size, C, n_head, precision, attention, device_type)
    block_weights = 0 if checkpointing else n_layer * 12 * C * C
    parts = {
        "inputs": 8 * N + 8 * block_size + 8 * N,
        "blocks": blocks,
        "half_weights": 2 * (block_weights + V * C) if half else 0,
        "head": 4 * N * C + 2 * 4 * N + a * N * C,
        "log_probs": 4 * N * V + 4,  # + the loss's fp32 total-weight scalar
    }
    parts["saved"] = sum(parts.values())
    return parts


def saved_activation_bytes(*args, **kwargs) -> int:
    """Total of ``saved_activation_parts``: what ``saved_tensors_hooks`` sees in one forward."""
    return saved_activation_parts(*args, **kwargs)["saved"]


def activation_bytes(
    micro_batch: int, block_size: int, n_layer: int, n_embd: int, vocab_size: int, precision: str = "fp16",
    checkpointing: bool = False, n_head: int | None = None, attention: str = "sdpa", device_type: str = "cuda",
) -> int:
    """Bytes a training step holds on top of weights, gradients and optimizer states at its peak.

    Saved activations + autocast's half weight copies + the loss's transient buffers (the fp32 (N, V) gradients
    of the log-probabilities and of the logits) + with checkpointing one block recomputed in backward.
    """
    n_head = _n_head(n_embd, n_head)
    saved = saved_activation_bytes(micro_batch, block_size, n_layer, n_embd, vocab_size, precision, checkpointing,
                                   n_head, attention, device_type)
    loss_buffers = 2 * 4 * micro_batch * block_size * vocab_size
    recompute = 0
    if checkpointing:  # one block's activations (and half weights) exist again while its backward runs
        recompute = layer_activation_bytes(micro_batch, block_size, n_embd, n_head, precision, attention,
                                           device_type) + (2 * 12 * n_embd**2 if precision in HALF else 0)
    return saved + loss_buffers + recompute


def predict(config: dict, micro_batch: int, precision: str = "fp32", checkpointing: bool = False,
            attention: str | None = None, optimizer: str = "adamw", grad_accum: int = 1,
            device_type: str = "cuda") -> dict[str, int]:
    """The memory of a training step of the course GPT ``config`` (GPTModel keyword arguments), by part.

    "weights", "gradients" (fp32 masters and their gradients), "optimizer", "activations" (``activation_bytes``)
    and "peak": what ``torch.cuda.max_memory_allocated`` should show. With ``grad_accum`` 1 the gradients do not
    exist yet when backward starts (``zero_grad(set_to_none=True)``), so the peak is the larger of that moment and
    the end of backward. "cuda_context" (a constant, not in the peak) and "card": peak + context, for a real card.
    """
    attention = attention or config.get("attention", "sdpa")
    shapes = param_shapes(**config)
    n_params = sum(math.prod(s) for s in shapes)
    sizes = {k: config[k] for k in ("block_size", "n_layer", "n_embd", "vocab_size")}
    parts = {
        "weights": 4 * n_params,
        "gradients": 4 * n_params,
        "optimizer": optimizer_state_bytes(shapes, optimizer),
        "activations": activation_bytes(micro_batch, precision=precision, checkpointing=checkpointing,
                                        n_head=config.get("n_head"), attention=attention, device_type=device_type,
                                        **sizes),
    }
    during_backward = parts["weights"] + parts["optimizer"] + parts["activations"]
    during_backward += parts["gradients"] if grad_accum > 1 else 0
    parts["peak"] = max(during_backward, parts["weights"] + parts["gradients"] + parts["optimizer"])
    parts["cuda_context"] = CUDA_CONTEXT_BYTES if device_type == "cuda" else 0
    parts["card"] = parts["peak"] + parts["cuda_context"]
    return parts


def training_budget(n_params: int, micro_batch: int, block_size: int, n_layer: int, n_embd: int,
                    vocab_size: int, precision: str = "fp16", checkpointing: bool = False) -> dict[str, int]:
    """Day 04's budget: weights, gradients, AdamW states, activations (``activation_bytes``) and their total."""
    parts = {
        "weights": n_params * 4,
        "gradients": n_params * 4,
        "adamw_states": n_params * 8,
        "activations": activation_bytes(micro_batch, block_size, n_layer, n_embd, vocab_size, precision,
                                        checkpointing),
    }
    parts["total"] = sum(parts.values())
    return parts
