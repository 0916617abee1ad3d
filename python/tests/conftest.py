"""Shared references for the Python tests: the V chain as a plain loop and as the dense product of Eq. (5)."""
import math
import os
import shutil

import numpy as np
import pytest


def gate_pair(r, n):
    return r if r <= n - 2 else 2 * n - 4 - r


def vchain_loop(x, theta):
    """Gate 2n-4 first, gate 0 last (U = T(θ_0) ... T(θ_{2n-4}) applied to x): plain float64 loop."""
    x = np.array(x, dtype=np.float64)
    n = x.shape[1]
    for r in reversed(range(2 * n - 3)):
        p = gate_pair(r, n)
        c, s = math.cos(theta[r]), math.sin(theta[r])
        a, b = x[:, p].copy(), x[:, p + 1].copy()
        x[:, p], x[:, p + 1] = c * a - s * b, s * a + c * b
    return x


def vchain_dense(theta, n):
    """U as the literal left-to-right product of 2n-3 dense n x n matrices (Eq. 5)."""
    u = np.eye(n)
    for r in range(2 * n - 3):
        p = gate_pair(r, n)
        t = np.eye(n)
        c, s = math.cos(theta[r]), math.sin(theta[r])
        t[p, p], t[p, p + 1], t[p + 1, p], t[p + 1, p + 1] = c, -s, s, c
        u = u @ t
    return u


def simulate_qasm(text):
    """Statevector of an OpenQASM 2.0 program of x, cx, ry (qelib1.inc) on |0...0>, q[0] the least significant bit.
    Returns a function mapping an input state to the output state."""
    ops, qubits = [], 0
    for line in text.splitlines():
        line = line.split("//")[0].strip()
        if line.startswith("qreg"):
            qubits = int(line[line.index("[") + 1:line.index("]")])
        elif line.startswith("ry("):
            angle = float(eval(line[3:line.index(")")], {"pi": math.pi}))
            ops.append(("ry", angle, int(line[line.index("[") + 1:line.index("]")])))
        elif line.startswith("cx "):
            a, b = [int(part[part.index("[") + 1:part.index("]")]) for part in line[3:].rstrip(";").split(",")]
            ops.append(("cx", a, b))
        elif line.startswith("x "):
            ops.append(("x", int(line[line.index("[") + 1:line.index("]")])))
    def run(state):
        psi = np.zeros(2 ** qubits)
        psi[:len(state)] = state
        for op in ops:
            idx = np.arange(2 ** qubits)
            if op[0] == "x":
                psi = psi[idx ^ (1 << op[1])]
            elif op[0] == "cx":
                c, t = op[1], op[2]
                src = np.where(idx >> c & 1, idx ^ (1 << t), idx)
                psi = psi[src]
            else:
                half, q = op[1] / 2, op[2]
                cs, sn = math.cos(half), math.sin(half)
                out = psi.copy()
                lo = idx[(idx >> q & 1) == 0]
                hi = lo | (1 << q)
                out[lo] = cs * psi[lo] - sn * psi[hi]
                out[hi] = sn * psi[lo] + cs * psi[hi]
                psi = out
        return psi
    return run


@pytest.fixture(scope="session")
def hqnn_cli():
    """The hqnn command of this build (ctest sets HQNN_CLI), else build-native/hqnn, else on PATH."""
    here = os.path.dirname(os.path.abspath(__file__))
    for candidate in (os.environ.get("HQNN_CLI"), os.path.join(here, "..", "..", "build-native", "hqnn"), shutil.which("hqnn")):
        if candidate and os.path.exists(candidate):
            return os.path.abspath(candidate)
    pytest.fail("the hqnn command was not found: build it (cmake --build build-native --target hqnn) or set HQNN_CLI")
