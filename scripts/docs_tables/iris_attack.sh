#!/usr/bin/env bash
# docs/reproduction.md "attack magnitude on iris": average test accuracy over
# the curve, seed 1, 100 epochs, raw features, a persistent gaussian-asym
# attack on one layer, forms 1 and 2. Prints the table.
set -euo pipefail
hqnn=${HQNN:-build-native/hqnn}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# One thread per run, JOBS runs at a time (default: one per core): every run is seeded, so the order changes nothing.
for m in 0.01 0.1 1 10 100 1000; do
  for model in mlp-leaky mlp-rot qdfnn; do
    for form in 1 2; do echo "$m $model $form"; done
  done
done | xargs -n 3 -P "${JOBS:-$(nproc)}" sh -c \
  '"$0" train --model "$3" --seed 1 --scale none --attack-form "$4" --attack-noise gaussian-asym \
     --attack-magnitude "$2" --threads 1 --quiet --json > "$1/${2}_${3}_$4.json"' "$hqnn" "$tmp"
python3 - "$tmp" <<'PY'
import json, sys
d = sys.argv[1]
print("| magnitude | MLP-leaky ① | MLP-leaky ② | MLP-rot ① | MLP-rot ② | QDFNN ① | QDFNN ② |")
print("|---|---:|---:|---:|---:|---:|---:|")
for m in ["0.01", "0.1", "1", "10", "100", "1000"]:
    cells = [f"{100 * json.load(open(f'{d}/{m}_{model}_{form}.json'))['statistics']['accuracy_mean']:.1f} %"
             for model in ["mlp-leaky", "mlp-rot", "qdfnn"] for form in ["1", "2"]]
    print(f"| {m} | " + " | ".join(cells) + " |")
PY
