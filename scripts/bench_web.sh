#!/usr/bin/env bash
# WebAssembly vs native training throughput of the same models on this machine:
# bench/bench_wasm_vs_native.cpp built natively (g++ -O3, against the release
# build, whose kernels pick the machine's widest vectors at run time) and with
# emcc (-O3 -msimd128 -fwasm-exceptions, no threads) against the single-threaded
# wasm build, run under node.
# Both single-threaded. Prints each case's samples/s and the wasm/native ratio,
# and writes out/bench-wasm-vs-native.json.
#
#   scripts/bench_web.sh              3 s per case
#   SECONDS_PER_CASE=6 scripts/bench_web.sh
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${SECONDS_PER_CASE:-3}
jobs=${JOBS:-$(nproc)}
emulator="-DCMAKE_CROSSCOMPILING_EMULATOR=/usr/bin/node;--no-experimental-fetch"
mkdir -p out/bench

[ -f build-native/CMakeCache.txt ] || cmake --preset release >/dev/null
cmake --build build-native -j"$jobs" --target hqnn_data >/dev/null
[ -f build-wasm-st/CMakeCache.txt ] ||
  emcmake cmake -S . -B build-wasm-st -DCMAKE_BUILD_TYPE=Release -DHQNN_WASM_THREADS=OFF -DHQNN_BUILD_TESTS=OFF \
    "$emulator" >/dev/null
cmake --build build-wasm-st -j"$jobs" --target hqnn_data >/dev/null

common=(-std=c++17 -O3 -DNDEBUG -fopenmp-simd -Isrc -isystem /usr/include/eigen3 bench/bench_wasm_vs_native.cpp)
g++ "${common[@]}" build-native/libhqnn_data.a build-native/libhqnn_core.a -lz -pthread -o out/bench/native
NODE_PATH=/usr/share/nodejs em++ "${common[@]}" -msimd128 -fwasm-exceptions build-wasm-st/libhqnn_data.a \
  build-wasm-st/libhqnn_core.a -sNODERAWFS=1 -sENVIRONMENT=node -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=64MB \
  -o out/bench/wasm.js

echo "== native (one thread)"
out/bench/native --seconds "$seconds" --assets "$PWD/assets" | tee out/bench/native.jsonl
echo "== wasm under node $(node --version) (one thread, SIMD)"
node --no-experimental-fetch out/bench/wasm.js --seconds "$seconds" --assets "$PWD/assets" | tee out/bench/wasm.jsonl
node -e '
  const fs = require("fs");
  const read = (f) => fs.readFileSync(f, "utf8").trim().split("\n").map(JSON.parse);
  const native = read("out/bench/native.jsonl"), wasm = read("out/bench/wasm.jsonl");
  const rows = native.map((n, i) => ({case: n.case, model: n.model, n: n.n, batch: n.batch,
    native: n.samples_per_second, wasm: wasm[i].samples_per_second,
    ratio: +(wasm[i].samples_per_second / n.samples_per_second).toFixed(3)}));
  for (const r of rows)
    console.log(`${r.case.padEnd(12)} ${r.model.padEnd(10)} n=${String(r.n).padEnd(3)} batch ${String(r.batch).padEnd(3)}` +
                ` native ${r.native.toFixed(0).padStart(9)}/s  wasm ${r.wasm.toFixed(0).padStart(9)}/s  wasm/native ${r.ratio}`);
  fs.writeFileSync("out/bench-wasm-vs-native.json", JSON.stringify(rows, null, 1) + "\n");
'
