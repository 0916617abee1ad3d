"""hqnn's layers as PyTorch modules: ordinary nn.Modules over torch.autograd.Function.

    import torch, hqnn.torch
    q = hqnn.torch.QuantumStack(16, layers=2, topology="dense")    # trainable angles and λ (Eq. 7/8)
    y = q(hqnn.torch.amplitude_encode(x))                            # x: (batch, 16), float32 or float64
    print(q.to_qasm(0))                                              # layer 0 from its trained angles

Tensors: CPU, float32 or float64, shape (..., n) (any batch size, 1 included).
The kernels run in hqnn's C++ core on numpy views of the tensors; nothing
here uses torch's C++ ABI, so one build serves torch 1.13 and 2.x. Outputs are
new tensors: no input is ever written. Gate order, qubit order and the angle
convention are those of the model files and `hqnn circuit` (see hqnn's
docstring).
"""
import math

import torch
from torch.autograd.function import once_differentiable

from . import _core32, _core64, layer_qasm

__all__ = ["vchain", "amplitude_encode", "VChain", "AmplitudeEncode", "QuantumStack"]

_TOPOLOGIES = ("plain", "residual", "dense")


def _core_of(t, what):
    if not isinstance(t, torch.Tensor):
        raise TypeError(f"hqnn.torch: {what} must be a torch.Tensor, got {type(t).__name__}")
    if t.device.type != "cpu":
        raise TypeError(f"hqnn.torch: {what} is on {t.device}; hqnn's kernels run on the CPU (call .cpu() first)")
    if t.dtype == torch.float32:
        return _core32
    if t.dtype == torch.float64:
        return _core64
    raise TypeError(f"hqnn.torch: {what} must be float32 or float64, got {t.dtype}")


def _view(t):
    """A read-only numpy view (a copy only when t is not contiguous); hqnn never writes into it."""
    return t.detach().contiguous().numpy()


def _rows(x, what):
    if x.dim() < 1:
        raise ValueError(f"hqnn.torch: {what} must have shape (..., n), got a scalar")
    return x.reshape(-1, x.shape[-1])


class _VChainFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, theta):
        core = _core_of(x, "x")
        if _core_of(theta, "theta") is not core:
            raise TypeError(f"hqnn.torch.vchain: x is {x.dtype} but theta is {theta.dtype}; give both the same dtype")
        rows = _rows(x, "x")
        y = torch.from_numpy(core.vchain_forward(_view(rows), _view(theta))).reshape(x.shape)
        ctx.save_for_backward(y, theta)
        return y

    @staticmethod
    @once_differentiable
    def backward(ctx, grad_y):
        y, theta = ctx.saved_tensors
        core = _core_of(y, "y")
        grad_x, grad_theta = core.vchain_backward(_view(_rows(y, "y")), _view(_rows(grad_y.to(y.dtype), "grad")),
                                                  _view(theta))
        return torch.from_numpy(grad_x).reshape(y.shape), torch.from_numpy(grad_theta)


class _EncodeFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        core = _core_of(x, "x")
        y = torch.from_numpy(core.encode_forward(_view(_rows(x, "x")))).reshape(x.shape)
        ctx.save_for_backward(x)
        return y

    @staticmethod
    @once_differentiable
    def backward(ctx, grad_y):
        (x,) = ctx.saved_tensors
        core = _core_of(x, "x")
        grad_x = core.encode_backward(_view(_rows(x, "x")), _view(_rows(grad_y.to(x.dtype), "grad")))
        return torch.from_numpy(grad_x).reshape(x.shape)


def vchain(x, theta):
    """U(θ) x for each row of x (..., n); θ holds the 2n-3 angles (Eq. 3-5). Returns a new tensor."""
    return _VChainFunction.apply(x, theta)


def amplitude_encode(x):
    """x / ‖x‖ for each row (Eq. 6); an all-zero row gives the uniform state 1/√n with zero gradient."""
    return _EncodeFunction.apply(x)


class AmplitudeEncode(torch.nn.Module):
    """Amplitude encoding, Eq. (6). No parameters."""

    def forward(self, x):
        return amplitude_encode(x)


def _uniform_angles(shape, dtype, generator):
    return (torch.rand(shape, dtype=dtype, generator=generator) * 2 - 1) * math.pi  # D4: U(-π, π)


class VChain(torch.nn.Module):
    """One quantum-inspired layer U(θ) on n amplitudes, θ of 2n-3 trainable angles, θ ~ U(-π, π) (D4)."""

    def __init__(self, n, dtype=torch.float32, generator=None):
        super().__init__()
        if n < 2:
            raise ValueError(f"hqnn.torch.VChain: n must be at least 2, got {n}")
        self.n = n
        self.theta = torch.nn.Parameter(_uniform_angles((2 * n - 3,), dtype, generator))

    def forward(self, x):
        return vchain(x, self.theta)

    def to_qasm(self):
        """OpenQASM 2.0 of this layer from its angles (qelib1.inc x, cx, ry; q[0] the least significant bit)."""
        return layer_qasm(self.theta.detach().double().tolist(), "U")

    def extra_repr(self):
        return f"n={self.n}, gates={2 * self.n - 3}"


class QuantumStack(torch.nn.Module):
    """L quantum-inspired layers with plain, residual or dense connections (Eq. 7/8):

        plain:     ψ_l = U_{l-1} ψ_{l-1}
        residual:  ψ_l = U_{l-1} ψ_{l-1} + λ_{l-1} ψ_{l-1}
        dense:     ψ_l = U_{l-1} ψ_{l-1} + Σ_{j<l} λ_{l,j} ψ_j

    angles: (layers, 2n-3), θ ~ U(-π, π); lambdas: residual one per layer,
    dense l per layer l (λ_{1,0}, λ_{2,0}, λ_{2,1}, ...), all lambda_init (D3),
    trainable unless train_lambda=False. renormalize divides each ψ_l by its
    norm (D2). The same parameters, in the same order, as the C++ QuantumStack
    and the model files' q.<l>.angles / q.<l>.lambda.
    """

    def __init__(self, n, layers=2, topology="dense", renormalize=False, train_lambda=True, lambda_init=1.0,
                 dtype=torch.float32, generator=None):
        super().__init__()
        if topology not in _TOPOLOGIES:
            raise ValueError(f"hqnn.torch.QuantumStack: topology must be one of {', '.join(_TOPOLOGIES)}, got {topology!r}")
        if n < 2:
            raise ValueError(f"hqnn.torch.QuantumStack: n must be at least 2, got {n}")
        if layers < 1:
            raise ValueError(f"hqnn.torch.QuantumStack: layers must be at least 1, got {layers}")
        self.n, self.layers, self.topology, self.renormalize = n, layers, topology, renormalize
        self.angles = torch.nn.Parameter(_uniform_angles((layers, 2 * n - 3), dtype, generator))
        count = sum(self._lambda_count(l) for l in range(1, layers + 1))
        self.lambdas = torch.nn.Parameter(torch.full((count,), float(lambda_init), dtype=dtype),
                                          requires_grad=train_lambda and count > 0)

    def _lambda_count(self, l):
        return {"plain": 0, "residual": 1, "dense": l}[self.topology]

    def _lambda_offset(self, l):
        return {"plain": 0, "residual": l - 1, "dense": l * (l - 1) // 2}[self.topology]

    def forward(self, x):
        states = [x]
        for l in range(1, self.layers + 1):
            psi = vchain(states[l - 1], self.angles[l - 1])
            first = 0 if self.topology == "dense" else l - 1
            offset = self._lambda_offset(l)
            for t in range(self._lambda_count(l)):
                psi = psi + self.lambdas[offset + t] * states[first + t]
            if self.renormalize:
                psi = psi / psi.norm(dim=-1, keepdim=True).clamp_min(1e-30)
            states.append(psi)
        return states[-1]

    def to_qasm(self, layer):
        """OpenQASM 2.0 of U_layer from its trained angles (the skips are not unitary: see `hqnn circuit`)."""
        if not 0 <= layer < self.layers:
            raise ValueError(f"hqnn.torch.QuantumStack.to_qasm: layer must be in [0, {self.layers - 1}], got {layer}")
        return layer_qasm(self.angles[layer].detach().double().tolist(), f"U_{layer}")

    def extra_repr(self):
        return f"n={self.n}, layers={self.layers}, topology={self.topology!r}, renormalize={self.renormalize}"
