#!/usr/bin/env bash
# The whole test suite: installs what is missing, then
#   1. native release build: unit tests and double-precision gradient checks, the Python
#      package's tests (pytest, with the modules of this build) (ctest); the package installed
#      with pip into a venv, offline, as the README says
#   2. a short CLI run (train QDFNN on iris, save, evaluate the saved model; resume; a link) and the
#      documented tables of numbers against their commands (scripts/check_docs_numbers.sh)
#   3. exported circuits checked by an independent simulator; reproduce sharded on a
#      single-node Slurm
#   4. the unit tests again under ASan + UBSan, and a short libFuzzer run of every parser
#   5. the playground: wasm unit tests under node, browser tests in chromium,
#      the desktop app under Xvfb (scripts/test_web.sh)
#
#   scripts/test.sh            everything
#   scripts/test.sh --native   only steps 1-2 (no Emscripten, browser or X needed)
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${JOBS:-$(nproc)}
native_only=0
[ "${1:-}" = "--native" ] && native_only=1

# Every step's wall and CPU seconds (user + system of the programs it ran), in a table at the end.
step_times=$(mktemp) step_summary="" step_name="" step_wall=$SECONDS step_cpu=0 total_cpu=0
step() {  # ends the running step (if any) and starts the step named $1 (none if empty)
  times >"$step_times"  # not in a subshell: it must see this shell's children
  local cpu
  cpu=$(awk 'NR == 2 { gsub(/s/, ""); split($1, u, "m"); split($2, k, "m"); printf "%d", 1000 * (u[1] * 60 + u[2] + k[1] * 60 + k[2]) }' "$step_times")  # ms
  if [ -n "$step_name" ]; then
    step_summary+=$(printf '%7d %7d   %s' $((SECONDS - step_wall)) $(((cpu - step_cpu + 500) / 1000)) "$step_name")$'\n'
  fi
  step_name=$1 step_wall=$SECONDS step_cpu=$cpu total_cpu=$cpu
  if [ -n "$1" ]; then echo "== $1"; fi
}
step_table() {
  [ -z "$step_name" ] || step ""
  printf '\n== time per step (seconds)\n   wall     CPU   step\n%s%7d %7d   total\n' "$step_summary" "$SECONDS" $(((total_cpu + 500) / 1000))
  rm -f "$step_times"
}

step "set-up (scripts/setup.sh)"
if [ "$native_only" = 1 ]; then scripts/setup.sh --native; else scripts/setup.sh; fi

step "native build"
cmake --preset release >/dev/null
cmake --build build-native -j"$jobs"

# The builds of steps 4 and 5 (sanitizers, fuzzers, wasm) start now, in the
# background, one after the other: most steps before them run one program at
# a time (ctest alone runs several) and would leave a core idle. Each later step
# waits for its build (wait_for), and the build commands that the steps run
# themselves then find nothing to do. Bash counts the builds' CPU when the
# background job ends, in the step that is running then.
tmp=$(mktemp -d) pre=$(mktemp -d) prebuild_pid=""
# On any exit: the background builds' whole process group (cmake, make, the compilers) goes too.
# A failing step also prints the table of the steps so far.
trap 'status=$?; rm -rf "$tmp" "$pre"; [ -z "$prebuild_pid" ] || kill -- -"$prebuild_pid" 2>/dev/null || true
      [ "$status" = 0 ] || [ -z "$step_name" ] || { echo "== failed in: $step_name"; step_table; }' EXIT
if [ "$native_only" = 0 ]; then
  # (the double-precision gradient checks run natively: under the sanitizers the float tests cover the same code)
  sanitized=(tests/hqnn_tests)
  [ -f third_party/imgui-1.86/imgui.cpp ] && sanitized+=(src/app/hqnn_app_tests src/app/hqnn_panel_tests)
  prebuild() {  # prebuild NAME COMMAND...: runs it, leaves NAME.ok (its seconds) or NAME.failed and NAME.log in $pre
    local name=$1 start=$SECONDS
    shift
    if "$@" >"$pre/$name.log" 2>&1; then
      echo "$((SECONDS - start))" >"$pre/$name.tmp" && mv "$pre/$name.tmp" "$pre/$name.ok"
    else
      touch "$pre/$name.failed"
    fi
  }
  set -m  # the background job gets a process group of its own (the trap kills the group)
  (
    prebuild sanitize bash -c "cmake --preset sanitize >/dev/null && cmake --build build-sanitize -j$jobs --target ${sanitized[*]##*/}"
    prebuild fuzz scripts/fuzz.sh 0
    prebuild wasm bash -c "JOBS=$jobs scripts/build_web.sh && cmake --build build-wasm -j$jobs"
  ) &
  prebuild_pid=$!
  set +m
fi
wait_for() {  # waits for the background build $1; its log on failure
  while [ ! -e "$pre/$1.ok" ] && [ ! -e "$pre/$1.failed" ]; do
    if ! kill -0 "$prebuild_pid" 2>/dev/null; then  # ended: its files say how, unless it stopped before this build
      [ -e "$pre/$1.ok" ] || [ -e "$pre/$1.failed" ] || { echo "the background builds stopped before the $1 build"; exit 1; }
      break
    fi
    sleep 1
  done
  if [ -e "$pre/$1.failed" ]; then
    tail -50 "$pre/$1.log"
    echo "the $1 build failed (its log is above)"
    exit 1
  fi
  echo "   ($1 build ready: $(cat "$pre/$1.ok") s in the background)"
}

step "native unit tests, gradient checks and pytest (ctest)"
(cd build-native && ctest --output-on-failure -j"$jobs")

step "Python package: pip install into a venv (offline, Debian's setuptools), then import it"
# The package takes its modules from build-native (HQNN_CMAKE_BUILD_DIR, python/setup.py): the release build
# above compiled them already, so pip does not compile the float and double cores a second time.
venv=$(mktemp -d)
/usr/bin/python3 -m venv --system-site-packages "$venv"
HQNN_CMAKE_BUILD_DIR="$PWD/build-native" CMAKE_BUILD_PARALLEL_LEVEL="$jobs" \
  "$venv/bin/pip" install -q --no-build-isolation --no-index ./python
(cd "$venv" && bin/python -c '
import numpy as np, torch, hqnn, hqnn.torch as ht
y = ht.QuantumStack(4, layers=2, topology="dense")(torch.randn(3, 4))
r = hqnn.train(hqnn.RunSpec("iris", epochs=3))
print("ok   pip install ./python: hqnn.torch output", tuple(y.shape), "and hqnn.train test accuracy", r.test_accuracy)')
rm -rf "$venv"

step "command line"
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

# A playground link and the command line that "Copy as command" gives for it are one run.
link='http://127.0.0.1:8080/#data=iris&model=qrfnn&seed=3&noise=gaussian-sym&noise_m=0.2&attack=inside&attack_mode=transient&attack_m=0.05'
build-native/hqnn train --link "$link" --epochs 20 --quiet --json >"$tmp/link.json"
build-native/hqnn train --data iris --model qrfnn --seed 3 --noise gaussian-sym --noise-magnitude 0.2 \
  --attack-form inside --attack-mode transient --attack-magnitude 0.05 --epochs 20 --quiet --json >"$tmp/flags.json"
node -e '
  const a = require(process.argv[1]), b = require(process.argv[2]);
  for (const j of [a, b]) delete j.seconds, delete j.cpu_seconds, delete j.link, delete j.spec;
  if (JSON.stringify(a.curves) !== JSON.stringify(b.curves) || a.test_accuracy !== b.test_accuracy) {
    console.error("cli: --link and the same options as flags trained different runs"); process.exit(1); }
  console.log("ok   cli --link: the link and its flags train the same run (test accuracy", a.test_accuracy.toFixed(4) + ")");
' "$tmp/link.json" "$tmp/flags.json"

# Every table of numbers that a command makes in under ten seconds is what the command prints today.
step "documented numbers"
scripts/check_docs_numbers.sh

if [ "$native_only" = 1 ]; then step_table; exit 0; fi

step "exported circuits in an independent simulator (npm quantum-circuit)"
node web/tests/circuit_check.js build-native/hqnn

step "hqnn reproduce on a single-node Slurm (job array of shards + dependent merge)"
scripts/test_slurm.sh

step "unit tests under AddressSanitizer + UndefinedBehaviorSanitizer"
wait_for sanitize
cmake --build build-sanitize -j"$jobs" --target $(for t in "${sanitized[@]}"; do basename "$t"; done)
# One test runs natively only: the robustness report's whole-and-sharded test trains the robustness-tiny profile
# twice over (8 s natively, a minute under the sanitizers, half of their whole run). Here the map's runs are checked
# by CliGridRunReplay, and the shard and merge code by CliReproduce and CliStudy on smaller profiles.
for t in "${sanitized[@]}"; do
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 build-sanitize/"$t" --gtest_brief=1 \
    --gtest_filter=-RobustnessReport.RobustnessReportHasAVerdictPerAttackAndMergesFromShards
done

step "fuzz smoke run (libFuzzer, 5 s per parser)"
wait_for fuzz
scripts/fuzz.sh 5

step "playground"
wait_for wasm
wait "$prebuild_pid"
scripts/test_web.sh
step_table
