#!/usr/bin/env bash
# README "Results on iris": final and mean-over-epochs test accuracy, mean ± sd
# (n − 1) over seeds 1–5, 100 epochs, defaults, raw features. Prints the table.
set -euo pipefail
hqnn=${HQNN:-build-native/hqnn}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# One thread per run, JOBS runs at a time (default: one per core): every run is seeded, so the order changes nothing.
for model in tqfnn qrfnn qdfnn mlp-leaky mlp-rot; do
  for seed in 1 2 3 4 5; do echo "$model $seed"; done
done | xargs -n 2 -P "${JOBS:-$(nproc)}" sh -c \
  '"$0" train --model "$2" --seed "$3" --scale none --threads 1 --quiet --json > "$1/${2}_$3.json"' "$hqnn" "$tmp"
python3 - "$tmp" <<'PY'
import json, statistics, sys
d = sys.argv[1]
rows = [("tqfnn", "TQFNN", "87.93 %"), ("qrfnn", "QRFNN", "89.57 %"), ("qdfnn", "QDFNN", "92.55 %"),
        ("mlp-leaky", "MLP (leaky-relu, width 4)", "—"), ("mlp-rot", "MLP (rot-relu, width 4)", "—")]
print("| model | final test accuracy | mean test accuracy over epochs | paper (Fig. 9, average test accuracy) |")
print("|---|---|---|---|")
for key, name, paper in rows:
    runs = [json.load(open(f"{d}/{key}_{s}.json")) for s in range(1, 6)]
    final = [r["test_accuracy"] for r in runs]
    mean = [r["statistics"]["accuracy_mean"] for r in runs]
    f = lambda v: f"{statistics.mean(v):.3f} ± {statistics.stdev(v):.3f}"
    print(f"| {name} | {f(final)} | {f(mean)} | {paper} |")
PY
