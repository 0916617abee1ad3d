#!/usr/bin/env bash
# The playground's tests: the WebAssembly build of the unit tests under node,
# three links trained by the wasm build (node) and the native CLI, required to
# give the same run JSON bit for bit, the browser tests (chromium + playwright-core, with and without COOP/COEP),
# and the desktop app under Xvfb. Artefacts (screenshots, console logs,
# measured numbers) go to out/.
#
#   scripts/test_web.sh              everything
#   scripts/test_web.sh --no-wasm-unit   skip the wasm unit tests (they rebuild the test programs)
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${JOBS:-$(nproc)}
mkdir -p out
run_wasm_unit=1
[ "${1:-}" = "--no-wasm-unit" ] && run_wasm_unit=0

scripts/build_web.sh

if [ "$run_wasm_unit" = 1 ]; then
  echo "== wasm unit tests (node)"
  cmake --build build-wasm -j"$jobs"
  # One node process per program (ctest starts one per test: minutes of start-up).
  # (hqnn_gradcheck.js is built on request only: the gradient checks run natively)
  for t in build-wasm/tests/hqnn_tests.js build-wasm/src/app/hqnn_app_tests.js; do
    node --no-experimental-fetch "$t" --gtest_brief=1
  done
fi

echo "== wasm = native CLI: the same links trained under node and by hqnn train, bit for bit"
# (a) iris QDFNN, (b) a FashionMNIST subset with QDCNN (two epochs), (c) an attacked
# run with dataset noise (transient form-2 attack: the generator draws at every pass).
cmake --build build-wasm -j"$jobs" --target hqnn_train_link
[ -f build-native/CMakeCache.txt ] || cmake --preset release >/dev/null
cmake --build build-native -j"$jobs" --target hqnn
parity_links=(
  "iris-qdfnn|#data=iris&model=qdfnn&epochs=30"
  "fashion-qdcnn|#data=fashion-mnist-subset&model=qdcnn&epochs=2"
  "iris-attacked|#data=iris&model=qrfnn&epochs=20&noise=gaussian-sym&noise_m=0.3&attack=outside&attack_noise=mixed-asym&attack_m=0.05&attack_mode=transient"
)
for entry in "${parity_links[@]}"; do
  name=${entry%%|*} link=${entry#*|}
  build-native/hqnn train --link "$link" --json --quiet > "out/parity-$name-native.json"
  node --no-experimental-fetch build-wasm/tests/hqnn_train_link.js "$link" > "out/parity-$name-wasm.json"
  node web/tests/same_run_json.js "out/parity-$name-native.json" "out/parity-$name-wasm.json" "$name"
done

echo "== browser tests (chromium)"
node web/tests/run.js site out
# The page's image training rate beside native one-thread training of the same run on this machine (a
# measurement, not a check): bench_training_epoch, epochs 2-20, median. Both count the run loop's steps and
# its evaluation at each epoch's end (the page's train_seconds is the time in the run loop).
if [ -n "${HQNN_WEB_ONLY:-}" ]; then
  :
elif ! cmake --build build-native -j"$jobs" --target bench_training_epoch >out/bench-build.log 2>&1; then
  echo "note: bench_training_epoch did not build (out/bench-build.log); the page's rate is not set beside native"
else
  build-native/bench/bench_training_epoch --data fashion-mnist-subset --epochs 20 > out/native-image-epochs.jsonl
  node -e '
    const fs = require("fs"), m = JSON.parse(fs.readFileSync("out/web-metrics.json"));
    const rates = fs.readFileSync("out/native-image-epochs.jsonl", "utf8").trim().split("\n").map(JSON.parse).slice(1)
      .map((e) => e.train_samples / e.seconds).sort((a, b) => a - b);
    const native = rates[rates.length >> 1], r = (x) => x ? (x / native).toFixed(2) : "?";
    m.image_native_one_thread_samples_per_second = Math.round(native);
    fs.writeFileSync("out/web-metrics.json", JSON.stringify(m, null, 1));
    console.log(`page / native one thread (FashionMNIST subset, QDCNN): threaded ${r(m.image_samples_per_second_threaded_after_epoch_1)}, ` +
                `single-threaded ${r(m.image_samples_per_second_single_after_epoch_1)} (native ${Math.round(native)} samples/s); ` +
                `threaded page time: ${JSON.stringify(m.image_threaded_time_after_epoch_1)}`);
  '
fi

echo "== desktop app under Xvfb"
[ -f build-native/CMakeCache.txt ] || cmake --preset release >/dev/null
cmake --build build-native -j"$jobs" --target hqnn_playground
rm -f out/desktop.ppm
xvfb-run -a -s "-screen 0 1280x800x24" build-native/src/app/hqnn_playground \
  --frames 240 --screenshot out/desktop.ppm --hash "#data=iris&model=qdfnn&play=1" --status | tail -1 > out/desktop-status.json
test -s out/desktop.ppm
convert out/desktop.ppm out/desktop.png
grep -q '"epoch":[1-9]' out/desktop-status.json
echo "ok   desktop app ran 240 frames under Xvfb and trained; screenshot out/desktop.png"
