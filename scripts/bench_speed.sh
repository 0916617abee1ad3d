#!/usr/bin/env bash
# Every figure of the speed table (README, "Speed"), measured now, beside the
# figures before the kernels were widened and training threaded ("old": the
# default build on this 2-core AMD EPYC, idle). Prints the machine load with
# every figure and CPU time where there is one, since wall time on a shared
# machine says little.
#
#   scripts/bench_speed.sh               native figures (about 2 minutes)
#   scripts/bench_speed.sh --web         also scripts/bench_web.sh (wasm/native, builds wasm: slow)
#   scripts/bench_speed.sh --realtime    run the epochs at real-time priority (chrt -f, root): on a
#                                        loaded machine the scheduler shares CPU per session, not per
#                                        thread, so a second thread gains nothing unless the run takes
#                                        the cores (for about 10 s)
set -euo pipefail
cd "$(dirname "$0")/.."
web=0 priority=()
for arg in "$@"; do
  case "$arg" in
    --web) web=1 ;;
    --realtime) priority=(chrt -f 10) ;;
    *) echo "usage: $0 [--web] [--realtime]" >&2; exit 2 ;;
  esac
done
jobs=${JOBS:-2}
mkdir -p out/bench
[ -f build-native/CMakeCache.txt ] || cmake --preset release >/dev/null
cmake --build build-native -j"$jobs" --target bench_givens_chain bench_training_epoch >/dev/null

load() { cut -d' ' -f1-3 /proc/loadavg; }
row() { printf '%-58s %-34s %s\n' "$1" "$2" "$3"; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo

# 1. The rotation layer, kernel of every instruction set and the plain loop in the same run.
echo "== rotation layer (bench_givens_chain, CPU time per sample and layer), load $(load)"
build-native/bench/bench_givens_chain --benchmark_min_time=0.5 --benchmark_format=json \
  --benchmark_filter='BM_GivensForward/64/256$|BM_GivensForwardBackward/64/256$|Kernel|PlainLoop|RotationLoop|QuantumLayer' \
  > out/bench/givens.json 2>/dev/null
python3 - <<'PY'
import json
runs = {b["name"]: b for b in json.load(open("out/bench/givens.json"))["benchmarks"] if "error_occurred" not in b}
ns = lambda name: runs[name]["per_sample"] * 1e9 if name in runs else float("nan")
print(f'{"":58} {"now":34} old')
print(f'{"fwd+bwd, n = 64, batch 256 (run-time choice)":58} {ns("BM_GivensForwardBackward/64/256"):6.1f} ns (fwd {ns("BM_GivensForward/64/256"):.1f})              74.9 ns (fwd 20.8)')
print(f'{"the layer around it (QuantumStack, cached cos/sin; new cos/sin)":58} {ns("BM_QuantumLayerForwardBackward/64/256/0"):6.1f} ns; {ns("BM_QuantumLayerForwardBackward/64/256/1"):.1f} ns')
for n in (16, 64, 256):
    plain = ns(f"BM_PlainLoopNativeIsaForwardBackward/{n}/256")
    rot = ns(f"BM_RotationLoopNativeIsaForwardBackward/{n}/256")
    kernels = {isa: ns(f"BM_GivensKernelForwardBackward/{n}/256/{i}") for i, isa in enumerate(("portable", "avx2", "avx512"))}
    general = {isa: ns(f"BM_GivensKernelForwardBackwardGeneral/{n}/256/{i}") for i, isa in enumerate(("portable", "avx2", "avx512"))}
    best = min(v for v in kernels.values() if v == v)
    text = ", ".join(f"{k} {v:.1f}" for k, v in kernels.items() if v == v)
    gtext = ", ".join(f"{k} {v:.1f}" for k, v in general.items() if v == v)
    print(f'{"  n = %d: rotation-path kernels (ns)" % n:58} {text}; general path {gtext}')
    print(f'{"         vs plain loop / rotation loop -march=native" :58} {plain:.1f} / {rot:.1f}: avx2/rotation loop {kernels["avx2"] / rot:.2f}  target <= 1.2')
PY
echo

# QDFNN training steps (forward, backward, Adam), one thread.
echo "== QDFNN training, L = 4, batch 64, one thread (bench_givens_chain BM_TrainQdfnnWide), load $(load)"
build-native/bench/bench_givens_chain --benchmark_min_time=0.5 --benchmark_format=json \
  --benchmark_filter='BM_TrainQdfnnWide' > out/bench/train.json 2>/dev/null
python3 - <<'PY'
import json
runs = {b["name"]: b for b in json.load(open("out/bench/train.json"))["benchmarks"]}
for n in (64, 256):
    r = runs[f"BM_TrainQdfnnWide/{n}"]
    print(f'{"  n = %d" % n:58} {r["items_per_second"]:,.0f} samples/s')
PY
echo

# 2-3. One epoch of QDCNN on FashionMNIST 0-3 with 1 and 2 threads.
echo "== QDCNN, one epoch of FashionMNIST 0-3 (n = 64, L = 2, batch 64; steps + evaluation, as hqnn train reports)${priority:+, real-time priority}"
for threads in 1 2; do
  before=$(load)
  line=$("${priority[@]}" build-native/bench/bench_training_epoch --threads "$threads" | tee "out/bench/epoch-$threads.json")
  python3 - "$line" "$threads" "$before" <<'PY'
import json, sys
r, threads, before = json.loads(sys.argv[1]), sys.argv[2], sys.argv[3]
old = "4.2 s, one thread" if threads == "1" else "(one thread only)"
print(f'{"  %s thread(s), %s kernels, load %s" % (threads, r["simd"], before):58} {"%.2f s wall, %.2f s CPU, acc %.4f" % (r["seconds"], r["cpu_seconds"], r["test_accuracy"]):34} {old}')
PY
done
python3 - <<'PY'
import json
one, two = (json.load(open(f"out/bench/epoch-{t}.json")) for t in (1, 2))
print(f'{"  speed-up 2 threads / 1 thread (wall)":58} {one["seconds"] / two["seconds"]:.2f}x{"":29} target >= 1.7')
print(f'{"training uses":58} {"%d of %d cores" % (two["threads"], __import__("os").cpu_count()):34} 1 of 2')
PY
echo

# 4-6. Figures measured elsewhere.
if [ "$web" = 1 ]; then
  echo "== wasm / native training throughput (scripts/bench_web.sh), load $(load)"
  scripts/bench_web.sh | tail -n 5
  echo "  old (single-threaded build only): iris 0.45, iris n = 64 0.51, fashion qdcnn 0.46, fashion cnn 0.53"
else
  row "wasm / native (scripts/bench_web.sh)" "not run (pass --web)" "0.45-0.53"
fi
if [ -f out/web-metrics.json ]; then
  row "image training in the page (out/web-metrics.json)" "$(python3 -c 'import json; m = json.load(open("out/web-metrics.json")); print(", ".join(f"{k} {v}" for k, v in m.items() if "sample" in k))')" "2,200 samples/s threaded, 1,650 single"
else
  row "image training in the page" "not measured (scripts/test_web.sh)" "2,200 samples/s threaded, 1,650 single"
fi
row "hqnn reproduce --full" "not run here (871 s on 2 idle cores: docs/reproduction.md)" "about 61 min on 2 busy cores"
