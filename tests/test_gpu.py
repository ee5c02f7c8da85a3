"""GPU-only checks (run by `make gpu-check`; skipped on CPU): precision choice and a real mixed-precision step."""

import pytest
import torch

from course_lib.device import best_precision, detect
from course_lib.profiles import get_profile

pytestmark = [pytest.mark.gpu, pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")]


def test_detected_precision_follows_compute_capability():
    info = detect()
    major, minor = torch.cuda.get_device_capability(0)
    assert info.capability == (major, minor)
    assert best_precision(info) == ("bf16" if major >= 8 else "fp16")
    assert get_profile("auto", info).name in ("gpu4gb", "t4")


def test_fp16_autocast_keeps_16_bytes_per_parameter_of_training_state():
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Linear(512, 512), torch.nn.GELU(), torch.nn.Linear(512, 512)).cuda()
    optimizer = torch.optim.AdamW(net.parameters())
    scaler = torch.amp.GradScaler("cuda")
    with torch.autocast("cuda", dtype=torch.float16):
        out = net(torch.randn(64, 512, device="cuda"))
        assert out.dtype == torch.float16  # the compute really ran in fp16
        loss = out.float().pow(2).mean()
    scaler.scale(loss).backward()
    scaler.step(optimizer)
    scaler.update()
    params = list(net.parameters())
    total = sum(p.nbytes + p.grad.nbytes for p in params)
    total += sum(s.nbytes for st in optimizer.state.values() for s in st.values() if s.dim() > 0)
    assert total / sum(p.numel() for p in params) == 16.0
