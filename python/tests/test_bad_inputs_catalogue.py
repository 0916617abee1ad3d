"""Each input the Python package refuses: the exact message, and its row in docs/bad-inputs.md."""
import os

import numpy as np
import pytest
import torch

import hqnn
import hqnn.torch as ht

DOC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "bad-inputs.md")


def iris_model():
    return hqnn.train(hqnn.RunSpec("iris", model="tqfnn", epochs=1)).model


f32 = np.float32
CASES = [
    (lambda: hqnn.vchain(np.zeros((2, 3), dtype=np.float16), np.zeros(3)), TypeError,
     "hqnn: expected a numpy array of float32 or float64, got ndarray of float16"),
    (lambda: hqnn.vchain(np.zeros((2, 4), dtype=f32), np.zeros(5)), TypeError,
     "vchain: theta must be float32, got float64 (convert it, or use the float64 build for that precision)"),
    (lambda: hqnn.vchain(np.zeros((4, 2), dtype=f32).T, np.zeros(5, dtype=f32)), TypeError,
     "vchain: x must be C-contiguous (row-major); call numpy.ascontiguousarray or .contiguous() first"),
    (lambda: hqnn.vchain(np.zeros((2, 4), dtype=f32), np.zeros(6, dtype=f32)), ValueError,
     "vchain: theta must hold 2n-3 = 5 angles for n = 4, got 6"),
    (lambda: hqnn.vchain(np.zeros((2, 1), dtype=f32), np.zeros(0, dtype=f32)), ValueError,
     "vchain: a V chain needs n >= 2 amplitudes, got n = 1"),
    (lambda: ht.vchain(torch.zeros(2, 4, device="meta"), torch.zeros(5)), TypeError,
     "hqnn.torch: x is on meta; hqnn's kernels run on the CPU (call .cpu() first)"),
    (lambda: ht.amplitude_encode(torch.zeros(2, 4, dtype=torch.int64)), TypeError,
     "hqnn.torch: x must be float32 or float64, got torch.int64"),
    (lambda: ht.vchain(torch.zeros(2, 4), torch.zeros(5, dtype=torch.float64)), TypeError,
     "hqnn.torch.vchain: x is torch.float32 but theta is torch.float64; give both the same dtype"),
    (lambda: ht.QuantumStack(4, topology="skip"), ValueError,
     "hqnn.torch.QuantumStack: topology must be one of plain, residual, dense, got 'skip'"),
    (lambda: iris_model().forward(np.zeros((2, 5), dtype=f32)), ValueError, "Model.forward: X must have shape (samples, 4)"),
    (lambda: iris_model().evaluate(np.zeros((2, 4), dtype=f32), np.array([0, 7])), ValueError,
     "Model.evaluate: y[1] = 7 is not a class index in [0, 3)"),
    (lambda: iris_model().to_qasm(5), hqnn.InputError, "to_qasm: layer must be in [0, 1], got 5"),
    (lambda: hqnn.RunSpec.from_link("#data=iris&bogus=1"), hqnn.InputError, "link: unknown setting 'bogus'"),
]


@pytest.mark.parametrize("call, kind, message", CASES, ids=[c[2][:40] for c in CASES])
def test_refused_with_the_catalogued_message(call, kind, message):
    with pytest.raises(kind) as e:
        call()
    assert str(e.value) == message
    with open(DOC, encoding="utf-8") as f:
        assert "`" + message + "`" in f.read(), "docs/bad-inputs.md lacks: " + message
