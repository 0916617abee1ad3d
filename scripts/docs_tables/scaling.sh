#!/usr/bin/env bash
# docs/scaling.md: final test accuracy, mean ± sd (n − 1) over seeds 1–5 of
# each model with each scaling on one data set (iris, assets/wine.csv or
# assets/breast_cancer.csv), defaults otherwise; for auto, the scalings it chose.
# usage: scripts/docs_tables/scaling.sh iris|wine|breast_cancer   (prints the table)
set -euo pipefail
hqnn=${HQNN:-build-native/hqnn}
name=$1
data=$name
[ "$name" != iris ] && data=assets/$name.csv
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for model in tqfnn qrfnn qdfnn mlp-leaky mlp-rot; do
  for scale in none standard minmax auto; do
    for seed in 1 2 3 4 5; do
      "$hqnn" train --data "$data" --model "$model" --scale "$scale" --seed "$seed" --threads 1 --quiet --json \
        > "$tmp/${model}_${scale}_$seed.json"
    done
  done
done
python3 - "$tmp" <<'PY'
import json, statistics, sys
d = sys.argv[1]
scales = ["none", "standard", "minmax", "auto"]
print("| model | none | standard | minmax | auto (chosen) |")
print("|---|---|---|---|---|")
for model in ["tqfnn", "qrfnn", "qdfnn", "mlp-leaky", "mlp-rot"]:
    cells = []
    for scale in scales:
        runs = [json.load(open(f"{d}/{model}_{scale}_{s}.json")) for s in range(1, 6)]
        acc = [r["test_accuracy"] for r in runs]
        cell = f"{statistics.mean(acc):.3f} ± {statistics.stdev(acc):.3f}"
        if scale == "auto":
            chosen = [r["scaling"] for r in runs]
            counts = sorted({c: chosen.count(c) for c in chosen}.items(), key=lambda kv: (-kv[1], scales.index(kv[0])))
            cell += " (" + ", ".join(f"{k} {n}" for k, n in counts) + ")"
        cells.append(cell)
    print(f"| {model} | " + " | ".join(cells) + " |")
PY
