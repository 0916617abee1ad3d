#!/usr/bin/env bash
# Builds the playground for the browser and stages the static site in site/:
#
#   site/index.html               picks mt/ or st/ by crossOriginIsolated
#   site/coi-serviceworker.js     isolates the page on hosts without COOP/COEP
#   site/mt/hqnn_playground.*     threaded build (pthreads, SIMD)
#   site/st/hqnn_playground.*     single-threaded build (SIMD)
#   site/assets/*.hqimg           the MNIST / FashionMNIST subsets, fetched when chosen
#   site/docs/                    the documentation page with the embedded demo
#
#   scripts/build_web.sh            both builds (build-wasm, build-wasm-st)
#   JOBS=4 scripts/build_web.sh     parallel jobs (default: nproc)
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${JOBS:-$(nproc)}
# emcmake would otherwise inject a node flag that Node 20 rejects (see docs/toolchain notes).
emulator="-DCMAKE_CROSSCOMPILING_EMULATOR=/usr/bin/node;--no-experimental-fetch"

if [ ! -f third_party/imgui-1.86/imgui.cpp ] || [ ! -d web/node_modules/coi-serviceworker ]; then
  scripts/setup.sh
fi

[ -f build-wasm/CMakeCache.txt ] ||
  emcmake cmake -S . -B build-wasm -DCMAKE_BUILD_TYPE=Release "$emulator" >/dev/null
cmake --build build-wasm -j"$jobs" --target hqnn_playground
[ -f build-wasm-st/CMakeCache.txt ] ||
  emcmake cmake -S . -B build-wasm-st -DCMAKE_BUILD_TYPE=Release -DHQNN_WASM_THREADS=OFF -DHQNN_BUILD_TESTS=OFF \
    "$emulator" >/dev/null
cmake --build build-wasm-st -j"$jobs" --target hqnn_playground

rm -rf site
mkdir -p site/mt site/st site/docs site/assets
cp build-wasm/src/app/hqnn_playground.{js,wasm,worker.js} site/mt/
cp build-wasm-st/src/app/hqnn_playground.{js,wasm} site/st/
cp web/index.html site/
cp web/node_modules/coi-serviceworker/coi-serviceworker.min.js site/coi-serviceworker.js
cp assets/*.hqimg site/assets/
cp -r docs/. site/docs/
echo "build_web: site/ staged (threaded: $(gzip -9c site/mt/hqnn_playground.wasm | wc -c) B wasm gzip)"
