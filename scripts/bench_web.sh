#!/usr/bin/env bash
# WebAssembly vs native training throughput of the same models on this machine:
# bench/bench_wasm_vs_native.cpp built natively (g++ -O3, against the release
# build, whose kernels pick the machine's widest vectors at run time) and with
# emcc (-O3 -msimd128) in the two flavours the playground ships:
#   wasm-st  against build-wasm-st: no threads, native wasm exceptions (-fwasm-exceptions)
#   wasm-mt  against build-wasm: -pthread with JavaScript exceptions (-fexceptions)
# both run under node. Every build trains on one thread, so wasm-mt vs wasm-st
# shows the cost of the threaded build's exceptions alone. Prints a table
# (samples/s and the ratios to native) and writes out/bench-wasm-vs-native.json.
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
cmake --build build-native -j"$jobs" --target hqnn_run >/dev/null
[ -f build-wasm-st/CMakeCache.txt ] ||
  emcmake cmake -S . -B build-wasm-st -DCMAKE_BUILD_TYPE=Release -DHQNN_WASM_THREADS=OFF -DHQNN_BUILD_TESTS=OFF \
    "$emulator" >/dev/null
cmake --build build-wasm-st -j"$jobs" --target hqnn_run >/dev/null
[ -f build-wasm/CMakeCache.txt ] ||
  emcmake cmake -S . -B build-wasm -DCMAKE_BUILD_TYPE=Release "$emulator" >/dev/null
cmake --build build-wasm -j"$jobs" --target hqnn_run >/dev/null

common=(-std=c++17 -O3 -DNDEBUG -fopenmp-simd -Isrc -isystem /usr/include/eigen3 bench/bench_wasm_vs_native.cpp)
libs=(libhqnn_run.a libhqnn_data.a libhqnn_core.a)
g++ "${common[@]}" "${libs[@]/#/build-native/}" -lz -pthread -o out/bench/native
wasm_link=(-sNODERAWFS=1 -sENVIRONMENT=node -sINITIAL_MEMORY=256MB)
NODE_PATH=/usr/share/nodejs em++ "${common[@]}" -msimd128 -fwasm-exceptions "${libs[@]/#/build-wasm-st/}" \
  "${wasm_link[@]}" -sALLOW_MEMORY_GROWTH=1 -o out/bench/wasm-st.js
NODE_PATH=/usr/share/nodejs em++ "${common[@]}" -msimd128 -pthread -fexceptions "${libs[@]/#/build-wasm/}" \
  "${wasm_link[@]}" -sENVIRONMENT=node,worker -o out/bench/wasm-mt.js

echo "== native (one thread), load: $(uptime | sed 's/.*load average: //')"
out/bench/native --seconds "$seconds" | tee out/bench/native.jsonl
# The same native build on its 128-bit kernels (HQNN_SIMD=portable: SSE2), the
# width wasm SIMD has: what is left of the gap at equal vector width.
echo "== native on the 128-bit kernels (HQNN_SIMD=portable, one thread)"
HQNN_SIMD=portable out/bench/native --seconds "$seconds" | tee out/bench/native-128.jsonl
echo "== wasm-st under node $(node --version) (one thread, SIMD, wasm exceptions)"
node --no-experimental-fetch out/bench/wasm-st.js --seconds "$seconds" | tee out/bench/wasm-st.jsonl
echo "== wasm-mt under node (pthread build, one training thread, SIMD, JS exceptions)"
node --no-experimental-fetch out/bench/wasm-mt.js --seconds "$seconds" | tee out/bench/wasm-mt.jsonl
echo "== load after: $(uptime | sed 's/.*load average: //')"
node -e '
  const fs = require("fs");
  const read = (f) => fs.readFileSync(f, "utf8").trim().split("\n").map(JSON.parse);
  const native = read("out/bench/native.jsonl"), n128 = read("out/bench/native-128.jsonl");
  const st = read("out/bench/wasm-st.jsonl"), mt = read("out/bench/wasm-mt.jsonl");
  const rows = native.map((n, i) => ({case: n.case, model: n.model, n: n.n, batch: n.batch,
    native: n.samples_per_second, native_128: n128[i].samples_per_second,
    wasm_st: st[i].samples_per_second, wasm_mt: mt[i].samples_per_second,
    st_ratio: +(st[i].samples_per_second / n.samples_per_second).toFixed(3),
    mt_ratio: +(mt[i].samples_per_second / n.samples_per_second).toFixed(3),
    st_ratio_128: +(st[i].samples_per_second / n128[i].samples_per_second).toFixed(3)}));
  const cell = (v, w) => String(v).padStart(w);
  console.log("case         model      n    batch   native/s native128/s wasm-st/s  wasm-mt/s  st/native  mt/native" +
              "  st/native128");
  for (const r of rows)
    console.log(`${r.case.padEnd(12)} ${r.model.padEnd(10)} ${String(r.n).padEnd(4)} ${cell(r.batch, 5)}` +
                ` ${cell(r.native.toFixed(0), 10)} ${cell(r.native_128.toFixed(0), 11)} ${cell(r.wasm_st.toFixed(0), 9)}` +
                ` ${cell(r.wasm_mt.toFixed(0), 10)} ${cell(r.st_ratio.toFixed(3), 10)} ${cell(r.mt_ratio.toFixed(3), 10)}` +
                ` ${cell(r.st_ratio_128.toFixed(3), 13)}`);
  fs.writeFileSync("out/bench-wasm-vs-native.json", JSON.stringify(rows, null, 1) + "\n");
'
