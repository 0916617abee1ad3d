"""hqnn: hybrid quantum-inspired neural networks (C++ core) from Python.

    import hqnn
    spec = hqnn.RunSpec("iris", model="qrfnn", epochs=60)      # the options of `hqnn train`
    result = hqnn.train(spec, on_epoch=print)                   # the run `hqnn train` runs, bit for bit
    result.model.save("qrfnn.json"); model = hqnn.load_model("qrfnn.json")
    model.forward(X); model.evaluate(X, y); model.evaluate()    # raw features; the data it was trained on

    import hqnn.torch                                           # PyTorch modules (needs torch)
    layer = hqnn.torch.QuantumStack(16, layers=2, topology="dense")

Conventions (the same as the model files and `hqnn circuit`): a V layer on n
amplitudes has 2n-3 Givens gates; gate r acts on the adjacent pair (p, p+1),
p = r for r <= n-2 and p = 2n-4-r after, as [[cos θ, -sin θ], [sin θ, cos θ]];
U = T(θ_0) T(θ_1) ... T(θ_{2n-4}) (Eq. 5), so gate 2n-4 acts on a state first.
Amplitude k is the basis state |k>, qubit q[0] its least significant bit.

Arrays: (batch, n) C-contiguous; float32 (hqnn._core32) or float64
(hqnn._core64). A wrong dtype or layout raises TypeError; nothing is
converted silently and no input array is ever written.
"""
from . import _core32, _core64
from ._core32 import InputError
from .runs import RunSpec, TrainResult, Model, train, load_model, prepare_data, options, DATASETS

__all__ = ["RunSpec", "TrainResult", "Model", "train", "load_model", "prepare_data", "options", "DATASETS",
           "InputError", "vchain", "amplitude_encode", "gate_count", "gate_pair", "layer_qasm"]


def _core_for(array):
    import numpy as np
    dtype = getattr(array, "dtype", None)
    if dtype == np.float32:
        return _core32
    if dtype == np.float64:
        return _core64
    raise TypeError(f"hqnn: expected a numpy array of float32 or float64, got {type(array).__name__}"
                    + (f" of {dtype}" if dtype is not None else ""))


def gate_count(n):
    """Gates of one V layer on n amplitudes: 2n-3."""
    return 2 * n - 3


def gate_pair(r, n):
    """The 0-based pair (p, p+1) that gate r of an n-amplitude layer acts on."""
    return r if r <= n - 2 else 2 * n - 4 - r


def vchain(x, theta):
    """U(theta) applied to each row of x, shape (batch, n), float32 or float64 (numpy; a new array)."""
    return _core_for(x).vchain_forward(x, theta)


def amplitude_encode(x):
    """Each row of x divided by its norm (Eq. 6); an all-zero row gives the uniform state 1/sqrt(n)."""
    return _core_for(x).encode_forward(x)


def layer_qasm(theta, label="U"):
    """OpenQASM 2.0 of the V chain with angles theta (2n-3 of them): x, cx and ry of qelib1.inc."""
    angles = [float(a) for a in theta]
    if (len(angles) + 3) % 2:
        raise ValueError(f"layer_qasm: a layer has 2n-3 angles (an odd count), got {len(angles)}")
    return _core32.layer_qasm(angles, (len(angles) + 3) // 2, label, [])
