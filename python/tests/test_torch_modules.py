"""hqnn.torch: gradcheck in float64, agreement with plain PyTorch, circuits, and the errors of bad tensors.

gradcheck sizes: vchain and AmplitudeEncode at every n in {2, 3, 5, 16} x batch in {1, 7, 256};
QuantumStack (three topologies, two layers) at every n with batch 7, and at n = 16 with batch 1 and 256.
The full Jacobian is checked everywhere but at n = 16, batch 256 (torch's fast_mode there: random directions).
torch is required: without it these tests fail at import (the test command installs python3-torch).
"""
import math

import numpy as np
import pytest
import torch

import hqnn
import hqnn.torch as ht
from conftest import simulate_qasm, vchain_dense, vchain_loop

torch.set_num_threads(1)


def gradcheck(f, args, n, batch):
    # The full Jacobian at n = 16, batch 256 is 4096 x 4096 (about a minute per check); there
    # fast_mode checks it along random directions instead, which catches the same wrong gradient.
    return torch.autograd.gradcheck(f, args, eps=1e-6, atol=1e-8, rtol=1e-6, fast_mode=n * batch > 2048)


SIZES = [(n, b) for n in (2, 3, 5, 16) for b in (1, 7, 256)]


def inputs(n, batch, seed=0):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(batch, n, dtype=torch.float64, generator=g, requires_grad=True)
    theta = ((torch.rand(2 * n - 3, dtype=torch.float64, generator=g) * 2 - 1) * math.pi).requires_grad_()
    return x, theta


@pytest.mark.parametrize("n, batch", SIZES)
def test_vchain_gradcheck(n, batch):
    assert gradcheck(ht.vchain, inputs(n, batch), n, batch)


@pytest.mark.parametrize("n, batch", SIZES)
def test_amplitude_encode_gradcheck(n, batch):
    x, _ = inputs(n, batch, seed=1)
    assert gradcheck(ht.amplitude_encode, (x,), n, batch)


STACK_SIZES = [(n, 7) for n in (2, 3, 5, 16)] + [(16, 1), (16, 256)]


@pytest.mark.parametrize("topology", ["plain", "residual", "dense"])
@pytest.mark.parametrize("n, batch", STACK_SIZES)
def test_quantum_stack_gradcheck(topology, n, batch):
    stack = ht.QuantumStack(n, layers=2, topology=topology, dtype=torch.float64,
                            generator=torch.Generator().manual_seed(n))
    with torch.no_grad():
        stack.lambdas.uniform_(0.5, 1.5)  # distinct λ, so a swapped index would show
    x, _ = inputs(n, batch, seed=2)
    params = (stack.angles, stack.lambdas) if topology != "plain" else (stack.angles,)

    # gradcheck perturbs copies of its inputs: the stack's function written out over them,
    # then checked to be what the module computes
    def functional(x, angles, lambdas=None):
        states = [x]
        for l in range(1, 3):
            psi = ht.vchain(states[l - 1], angles[l - 1])
            if topology == "residual":
                psi = psi + lambdas[l - 1] * states[l - 1]
            elif topology == "dense":
                off = l * (l - 1) // 2
                for t in range(l):
                    psi = psi + lambdas[off + t] * states[t]
            states.append(psi)
        return states[-1]

    args = (x,) + tuple(p.detach().clone().requires_grad_() for p in params)
    assert gradcheck(functional, args, n, batch)
    # and the module computes that same function, gradients included
    out = stack(x)
    ref = functional(x, *params)
    assert torch.equal(out, ref)
    g = torch.randn_like(out)
    got = torch.autograd.grad(out, (x,) + params, g)
    want = torch.autograd.grad(ref, (x,) + params, g)
    for a, b in zip(got, want):
        assert torch.allclose(a, b, atol=1e-13, rtol=0)


def torch_loop(x, theta):
    """A plain-PyTorch V chain: one 2x2 rotation per gate on columns, gate 2n-4 first."""
    n = x.shape[1]
    cols = list(x.unbind(1))
    for r in reversed(range(2 * n - 3)):
        p = r if r <= n - 2 else 2 * n - 4 - r
        c, s = torch.cos(theta[r]), torch.sin(theta[r])
        a, b = cols[p], cols[p + 1]
        cols[p], cols[p + 1] = c * a - s * b, s * a + c * b
    return torch.stack(cols, 1)


@pytest.mark.parametrize("n", [2, 5, 16, 64])
def test_vchain_agrees_with_the_torch_loop_and_the_dense_product(n):
    x, theta = inputs(n, 9, seed=3)
    y = ht.vchain(x, theta)
    y_loop = torch_loop(x, theta)
    assert (y - y_loop).abs().max() < 1e-12
    u = torch.from_numpy(vchain_dense(theta.detach().numpy(), n))
    assert (y - x @ u.T).abs().max() < 1e-12
    g = torch.randn_like(y)
    for a, b in zip(torch.autograd.grad(y, (x, theta), g), torch.autograd.grad(y_loop, (x, theta), g)):
        assert (a - b).abs().max() < 1e-12


def test_float32_module_matches_float64():
    torch.manual_seed(0)
    q64 = ht.QuantumStack(16, layers=3, topology="dense", dtype=torch.float64)
    q32 = ht.QuantumStack(16, layers=3, topology="dense")
    q32.load_state_dict({k: v.float() for k, v in q64.state_dict().items()})
    x = torch.randn(50, 16, dtype=torch.float64)
    assert (q32(x.float()).double() - q64(x)).abs().max() < 1e-4


def test_batch_of_one_does_not_write_the_input():
    x = torch.arange(1.0, 6.0).reshape(1, 5)
    before = x.clone()
    theta = torch.full((7,), 0.4)
    y = ht.vchain(x, theta)
    assert torch.equal(x, before)
    assert y.data_ptr() != x.data_ptr()
    assert (y.double() - torch_loop(before.double(), theta.double())).abs().max() < 1e-5


def test_power_of_two_batch_gives_the_rows_of_its_neighbour():
    g = torch.Generator().manual_seed(4)
    x = torch.randn(1040, 64, generator=g)
    q = ht.QuantumStack(64, layers=2, topology="residual", generator=g)
    assert torch.equal(q(x[:1024]), q(x)[:1024])


def test_any_leading_shape_and_non_contiguous_input():
    x, theta = inputs(6, 12, seed=5)
    y = ht.vchain(x.detach().reshape(3, 4, 6), theta.detach())
    assert torch.equal(y.reshape(12, 6), ht.vchain(x.detach(), theta.detach()))
    xt = x.detach().t().contiguous().t()  # same values, column-major strides
    assert torch.equal(ht.vchain(xt, theta.detach()), ht.vchain(x.detach(), theta.detach()))


def test_bad_tensors_get_clear_errors():
    theta = torch.zeros(5)
    with pytest.raises(TypeError, match="float32 or float64, got torch.int64"):
        ht.vchain(torch.zeros(2, 4, dtype=torch.int64), theta)
    with pytest.raises(TypeError, match="x is torch.float32 but theta is torch.float64"):
        ht.vchain(torch.zeros(2, 4), theta.double())
    with pytest.raises(TypeError, match=r"on meta; hqnn's kernels run on the CPU \(call .cpu\(\) first\)"):
        ht.vchain(torch.zeros(2, 4, device="meta"), theta)
    with pytest.raises(ValueError, match="2n-3 = 5 angles for n = 4, got 6"):
        ht.vchain(torch.zeros(2, 4), torch.zeros(6))
    with pytest.raises(ValueError, match="topology must be one of plain, residual, dense"):
        ht.QuantumStack(4, topology="skip")
    with pytest.raises(ValueError, match="n must be at least 2"):
        ht.VChain(1)


@pytest.mark.parametrize("n", [2, 3, 4, 5, 8])
def test_to_qasm_simulates_to_the_layer(n):
    q = ht.QuantumStack(n, layers=2, topology="dense", dtype=torch.float64, generator=torch.Generator().manual_seed(n))
    u = vchain_dense(q.angles[1].detach().numpy(), n)
    run = simulate_qasm(q.to_qasm(1))
    for k in range(n):
        e = np.zeros(n)
        e[k] = 1
        out = run(e)
        assert np.max(np.abs(out[:n] - u[:, k])) < 1e-12  # amplitude k is |k>, q[0] least significant
        assert np.max(np.abs(out[n:]), initial=0) < 1e-12  # padding stays zero


def test_training_a_quantum_stack_lowers_the_loss():
    torch.manual_seed(1)
    x = torch.randn(64, 8)
    target = ht.vchain(ht.amplitude_encode(x), (torch.rand(13) * 2 - 1) * math.pi)
    model = torch.nn.Sequential(ht.AmplitudeEncode(), ht.QuantumStack(8, layers=1, topology="plain"))
    opt = torch.optim.Adam(model.parameters(), lr=0.05)
    first = None
    for _ in range(100):
        loss = ((model(x) - target) ** 2).sum(1).mean()
        first = first if first is not None else loss.item()
        opt.zero_grad()
        loss.backward()
        opt.step()
    assert loss.item() < 0.5 * first
