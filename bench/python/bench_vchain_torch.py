#!/usr/bin/python3
"""One V layer (2n-3 Givens rotations, Eq. 3-5) in PyTorch, four ways, forward + backward, float32, one thread:

  identity   an autograd.Function that returns a copy of x: the harness alone (numpy views, Function overhead)
  hqnn       hqnn.torch.vchain (hqnn's C++ kernel)
  loop       plain PyTorch: one 2x2 rotation per gate on the columns (autograd through 6 ops per gate)
  dense U    plain PyTorch: U built as the product of 2n-3 dense n x n matrices (Eq. 5), then x @ U^T

Every way is first checked against hqnn in float64 (max |difference| < 1e-12). Times are the median of
repeats of forward + backward (sum of the output times a fixed random gradient), per call and per sample.

    /usr/bin/python3 bench/python/bench_vchain_torch.py [--quick] [--json out.json]

glibc returns freed blocks above its trim threshold to the system, so every call at batch 4096 (1 MB tensors)
page-faults its fresh outputs in again, which on a virtual machine costs more than the work (the identity
harness: 6.8 ms instead of 0.1 ms at n = 64). The script therefore runs itself with MALLOC_MMAP_THRESHOLD_ and
MALLOC_TRIM_THRESHOLD_ set high (freed memory is kept and reused), as a long training process settles to;
--default-malloc measures with glibc's defaults.

Needs OpenBLAS for a fair dense baseline (Debian's torch uses whatever libblas.so.3 is; the reference BLAS is
about 10x slower): the script prints which BLAS torch loaded.
"""
import argparse
import json
import math
import os
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
for candidate in (os.path.join(HERE, "..", "..", "build-native", "python"),):
    if os.path.exists(os.path.join(candidate, "hqnn")) and "hqnn" not in sys.modules:
        sys.path.insert(0, os.path.abspath(candidate))

import torch  # noqa: E402

import hqnn.torch as ht  # noqa: E402


class Identity(torch.autograd.Function):
    """The harness: the same numpy round trip as hqnn's Function, no kernel."""

    @staticmethod
    def forward(ctx, x, theta):
        y = torch.from_numpy(x.detach().contiguous().numpy().copy())
        return y

    @staticmethod
    def backward(ctx, grad):
        return torch.from_numpy(grad.contiguous().numpy().copy()), None


def pair(r, n):
    return r if r <= n - 2 else 2 * n - 4 - r


def torch_loop(x, theta):
    n = x.shape[1]
    cols = list(x.unbind(1))
    c, s = torch.cos(theta), torch.sin(theta)
    for r in reversed(range(2 * n - 3)):
        p = pair(r, n)
        a, b = cols[p], cols[p + 1]
        cols[p], cols[p + 1] = c[r] * a - s[r] * b, s[r] * a + c[r] * b
    return torch.stack(cols, 1)


def dense_u(x, theta):
    n = x.shape[1]
    c, s = torch.cos(theta), torch.sin(theta)
    u = torch.eye(n, dtype=x.dtype)
    for r in range(2 * n - 3):
        p = pair(r, n)
        t = torch.eye(n, dtype=x.dtype)
        t = t.index_put((torch.tensor([p, p, p + 1, p + 1]), torch.tensor([p, p + 1, p, p + 1])),
                        torch.stack([c[r], -s[r], s[r], c[r]]))
        u = u @ t
    return x @ u.T


WAYS = {
    "identity": lambda x, theta: Identity.apply(x, theta),
    "hqnn": ht.vchain,
    "loop": torch_loop,
    "dense U": dense_u,
}


def blas_loaded():
    torch.ones(64, 64) @ torch.ones(64, 64)
    with open("/proc/self/maps") as f:
        libs = {line.split()[-1] for line in f if "blas" in line.lower() or "lapack" in line.lower()}
    names = sorted({os.path.basename(l) for l in libs if "/" in l})
    return ", ".join(names) or "unknown"


def check_agreement(n):
    g = torch.Generator().manual_seed(n)
    x = torch.randn(5, n, dtype=torch.float64, generator=g, requires_grad=True)
    theta = ((torch.rand(2 * n - 3, dtype=torch.float64, generator=g) * 2 - 1) * math.pi).requires_grad_()
    gy = torch.randn(5, n, dtype=torch.float64, generator=g)
    ref = ht.vchain(x, theta)
    ref_grads = torch.autograd.grad(ref, (x, theta), gy)
    worst = 0.0
    for name in ("loop", "dense U"):
        y = WAYS[name](x, theta)
        grads = torch.autograd.grad(y, (x, theta), gy)
        diff = max([(y - ref).abs().max().item()] + [(a - b).abs().max().item() for a, b in zip(grads, ref_grads)])
        if not diff < 1e-12:
            sys.exit(f"bench: {name} differs from hqnn by {diff:.3g} at n = {n} (float64)")
        worst = max(worst, diff)
    return worst


def time_way(way, n, batch, budget):
    g = torch.Generator().manual_seed(1)
    x = torch.randn(batch, n, generator=g, requires_grad=True)
    theta = ((torch.rand(2 * n - 3, generator=g) * 2 - 1) * math.pi).requires_grad_()
    gy = torch.randn(batch, n, generator=g)

    def once():
        y = way(x, theta)
        y.backward(gy)
        x.grad = None
        theta.grad = None

    once()
    samples, spent = [], 0.0
    while spent < budget or len(samples) < 3:
        reps = 1 if not samples else max(1, int(0.02 / max(samples[-1], 1e-9)))
        t0 = time.process_time()
        for _ in range(reps):
            once()
        dt = (time.process_time() - t0) / reps
        samples.append(dt)
        spent += dt * reps
        if len(samples) >= 25:
            break
    return statistics.median(samples)


KEEP_MEMORY = {"MALLOC_MMAP_THRESHOLD_": str(1 << 28), "MALLOC_TRIM_THRESHOLD_": str(1 << 30)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="n = 16, 64 and batch 32, 256 only, short budgets")
    ap.add_argument("--json", help="also write the numbers to this file")
    ap.add_argument("--default-malloc", action="store_true", help="glibc's default trim and mmap thresholds")
    ap.add_argument("--n", default="16,64,256", help="widths (comma-separated)")
    ap.add_argument("--dense-max", type=int, default=256, help="time the dense U only up to this n (about 2 s a call at 256)")
    args = ap.parse_args()
    if not args.default_malloc and any(os.environ.get(k) != v for k, v in KEEP_MEMORY.items()):
        os.execve(sys.executable, [sys.executable] + sys.argv, {**os.environ, **KEEP_MEMORY})
    print("malloc:", "glibc defaults" if args.default_malloc else "freed memory kept (" +
          ", ".join(f"{k}={v}" for k, v in KEEP_MEMORY.items()) + ")")
    torch.set_num_threads(1)
    ns = (16, 64) if args.quick else tuple(int(v) for v in args.n.split(","))
    batches = (32, 256) if args.quick else (32, 256, 4096)
    budget = 0.1 if args.quick else 0.4
    load = os.getloadavg()
    print(f"torch {torch.__version__}, one thread, BLAS: {blas_loaded()}, load average {load[0]:.1f}")
    for n in ns:
        print(f"float64 agreement with hqnn at n = {n}: max |difference| {check_agreement(n):.2g} (outputs and gradients)")
    rows = []
    print("\n| n | batch | identity Function | hqnn | PyTorch loop | dense U | loop / hqnn | dense / hqnn |")
    print("|---|---|---|---|---|---|---|---|")
    for n in ns:
        for batch in batches:
            t = {name: time_way(way, n, batch, budget if name in ("identity", "hqnn") or n < 256 else budget / 4)
                 for name, way in WAYS.items() if name != "dense U" or n <= args.dense_max}
            t.setdefault("dense U", float("nan"))
            rows.append({"n": n, "batch": batch, **{k: v for k, v in t.items()}})
            cell = lambda s: "—" if s != s else f"{s * 1e6:,.0f} µs ({s * 1e9 / batch:,.0f} ns/sample)"
            print(f"| {n} | {batch} | {cell(t['identity'])} | {cell(t['hqnn'])} | {cell(t['loop'])} | {cell(t['dense U'])} "
                  f"| {t['loop'] / t['hqnn']:.0f}× | {t['dense U'] / t['hqnn']:.0f}× |", flush=True)
    print(f"\nCPU time of forward + backward, median; load average at the end {os.getloadavg()[0]:.1f} (start {load[0]:.1f})")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"torch": torch.__version__, "blas": blas_loaded(), "load": [load[0], os.getloadavg()[0]], "rows": rows}, f,
                      indent=1)


if __name__ == "__main__":
    main()
