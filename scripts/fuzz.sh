#!/usr/bin/env bash
# Runs every libFuzzer target (fuzz/) for a given time, with ASan + UBSan.
# Findings (crash-*, leak-*, timeout-*) are written to out/fuzz/ and make the
# script fail. The seed corpora start from fuzz/corpus/<target>/ (committed);
# new inputs found go to build-fuzz/corpus/ (not committed).
#
#   scripts/fuzz.sh                 10 s per target
#   scripts/fuzz.sh 5               5 s per target (the smoke run of scripts/test.sh)
#   scripts/fuzz.sh 600             10 minutes per target
#   scripts/fuzz.sh 600 csv idx     only these targets
#   scripts/fuzz.sh 0               only build them
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(csv model_json idx cifar image_set url_state)

if [ ! -f build-fuzz/CMakeCache.txt ]; then
  # -O1 with line tables, as libFuzzer's documentation builds its targets (a little less compile time than -O2 -g)
  CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHQNN_FUZZ=ON \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only -DNDEBUG" -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only -DNDEBUG" >/dev/null
fi
cmake --build build-fuzz -j"${JOBS:-$(nproc)}" --target $(printf 'fuzz_%s ' "${targets[@]}") >/dev/null
[ "$seconds" = 0 ] && exit 0

mkdir -p out/fuzz
# Short runs (the test command's smoke run) use a fixed seed so that CI is repeatable; long runs explore freely.
seed_arg=()
[ "$seconds" -le 60 ] && seed_arg=(-seed=1)
status=0
for t in "${targets[@]}"; do
  corpus=build-fuzz/corpus/$t
  mkdir -p "$corpus"
  log=out/fuzz/$t.log
  # -rss_limit_mb: a parser that tries to allocate gigabytes is a finding
  # fuzz/<target>.dict: option names, link and JSON keys, separators and edge numbers (1e99, 2^31, 2^63, nan, hex)
  dict=()
  [ -f "fuzz/$t.dict" ] && dict=(-dict="fuzz/$t.dict")
  if build-fuzz/fuzz/fuzz_$t "$corpus" "fuzz/corpus/$t" "${dict[@]}" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
      -artifact_prefix=out/fuzz/"$t"- -print_final_stats=1 "${seed_arg[@]}" >"$log" 2>&1; then
    runs=$(grep -m1 'stat::number_of_executed_units' "$log" | awk '{print $2}')
    echo "ok   fuzz_$t: ${runs:-?} executions in ${seconds} s, no finding"
  else
    echo "FAIL fuzz_$t: see $log and out/fuzz/$t-*"
    tail -30 "$log"
    status=1
  fi
done
exit $status
