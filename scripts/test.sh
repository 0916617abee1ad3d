#!/usr/bin/env bash
# The whole test suite: installs what is missing, then
#   1. native release build: unit tests and double-precision gradient checks (ctest)
#   2. a short CLI run (train QDFNN on iris, save, evaluate the saved model)
#   3. the unit tests again under ASan + UBSan, and a short libFuzzer run of every parser
#   4. the playground: wasm unit tests under node, browser tests in chromium,
#      the desktop app under Xvfb (scripts/test_web.sh)
#
#   scripts/test.sh            everything
#   scripts/test.sh --native   only steps 1-2 (no Emscripten, browser or X needed)
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${JOBS:-$(nproc)}
native_only=0
[ "${1:-}" = "--native" ] && native_only=1

if [ "$native_only" = 1 ]; then scripts/setup.sh --native; else scripts/setup.sh; fi

echo "== native build and unit tests"
cmake --preset release >/dev/null
cmake --build build-native -j"$jobs"
(cd build-native && ctest --output-on-failure -j"$jobs")

echo "== command line"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
build-native/hqnn train --data iris --model qdfnn --epochs 60 --out "$tmp/qdfnn.json" --json >"$tmp/train.json"
build-native/hqnn eval --model "$tmp/qdfnn.json" --data iris --json >"$tmp/eval.json"
node -e '
  const t = require(process.argv[1]), e = require(process.argv[2]);
  if (!(t.test_accuracy >= 0.9)) { console.error("cli: QDFNN test accuracy", t.test_accuracy, "< 0.9"); process.exit(1); }
  if (t.curves.test_accuracy.length !== 60) { console.error("cli: expected 60 epochs of curves"); process.exit(1); }
  if (!(e.accuracy >= 0.9)) { console.error("cli: eval accuracy", e.accuracy); process.exit(1); }
  console.log("ok   cli train/eval: test accuracy", t.test_accuracy.toFixed(4), "eval on all of iris", e.accuracy.toFixed(4));
' "$tmp/train.json" "$tmp/eval.json"
# A run stopped after 3 epochs and resumed to 6 is the run that never stopped.
resume_opts=(--model qrfnn --attack-form 2 --attack-mode transient --noise mixed-sym --quiet --json)
build-native/hqnn train "${resume_opts[@]}" --epochs 6 >"$tmp/straight.json"
build-native/hqnn train "${resume_opts[@]}" --epochs 3 --checkpoint "$tmp/run.ckpt" >/dev/null
build-native/hqnn train --resume "$tmp/run.ckpt" --epochs 6 --quiet --json >"$tmp/resumed.json"
node -e '
  const a = require(process.argv[1]), b = require(process.argv[2]);
  for (const j of [a, b]) delete j.seconds, delete j.cpu_seconds;
  if (JSON.stringify(a) !== JSON.stringify(b)) { console.error("cli: the resumed run differs from the straight one"); process.exit(1); }
  console.log("ok   cli --checkpoint / --resume: 3 + 3 epochs give the 6-epoch run exactly (test accuracy", a.test_accuracy.toFixed(4) + ")");
' "$tmp/straight.json" "$tmp/resumed.json"
# The resumed run went on saving to its checkpoint: it now ends at epoch 6.
if build-native/hqnn train --resume "$tmp/run.ckpt" --epochs 4 --quiet 2>"$tmp/err"; then echo "cli: --epochs below the checkpoint was accepted"; exit 1; fi
grep -q "was saved after epoch 6" "$tmp/err" || { echo "cli: unexpected message: $(cat "$tmp/err")"; exit 1; }
echo "ok   cli --resume kept saving (checkpoint at epoch 6) and refuses to end before it: $(cat "$tmp/err")"
if build-native/hqnn train --layers 0 2>"$tmp/err"; then echo "cli: --layers 0 was accepted"; exit 1; fi
grep -q "layers (L) must be at least 1" "$tmp/err" || { echo "cli: unexpected message for --layers 0: $(cat "$tmp/err")"; exit 1; }
echo "ok   cli refuses --layers 0: $(cat "$tmp/err")"

[ "$native_only" = 1 ] && exit 0

echo "== unit tests under AddressSanitizer + UndefinedBehaviorSanitizer"
cmake --preset sanitize >/dev/null
sanitized=(tests/hqnn_tests tests/hqnn_gradcheck)
[ -f third_party/imgui-1.86/imgui.cpp ] && sanitized+=(src/app/hqnn_app_tests src/app/hqnn_panel_tests)
cmake --build build-sanitize -j"$jobs" --target $(for t in "${sanitized[@]}"; do basename "$t"; done)
for t in "${sanitized[@]}"; do
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 build-sanitize/"$t" --gtest_brief=1
done

echo "== fuzz smoke run (libFuzzer, 10 s per parser)"
scripts/fuzz.sh 10

echo "== playground"
scripts/test_web.sh
