#!/bin/sh
# The convolutional models' accuracy table: TQCNN / QRCNN / QDCNN / CNN(leaky-relu) / CNN(rot-relu)
# on classes 0-3 of FashionMNIST and MNIST, defaults (D6, D9), E epochs, seeds
# 1..S; prints mean ± sd of the final test accuracy and the mean epoch time.
#
# usage: scripts/reproduce_cnn_accuracy.sh [HQNN_BINARY] [EPOCHS] [SEEDS] [OUT_DIR]
set -eu
hqnn=${1:-build-native/hqnn}
epochs=${2:-5}
seeds=${3:-3}
out=${4:-reports/cnn-accuracy}
mkdir -p "$out"
for data in fashion-mnist mnist; do
  for model in tqcnn qrcnn qdcnn cnn-leaky cnn-rot; do
    s=1
    while [ "$s" -le "$seeds" ]; do
      f="$out/$data-$model-s$s.json"
      [ -s "$f" ] || "$hqnn" train --data "$data" --model "$model" --epochs "$epochs" --seed "$s" --json --quiet > "$f"
      s=$((s + 1))
    done
  done
done
python3 - "$out" "$seeds" <<'PY'
import json, sys, statistics, glob, os
out, seeds = sys.argv[1], int(sys.argv[2])
print("| data | model | test accuracy (mean ± sd over %d seeds) | s / epoch |" % seeds)
print("|---|---|---:|---:|")
for data in ["fashion-mnist", "mnist"]:
    for model in ["tqcnn", "qrcnn", "qdcnn", "cnn-leaky", "cnn-rot"]:
        runs = [json.load(open(f)) for f in sorted(glob.glob(os.path.join(out, f"{data}-{model}-s*.json")))]
        acc = [r["test_accuracy"] for r in runs]
        sec = [r["seconds"] / r["spec"]["epochs"] for r in runs]
        sd = statistics.pstdev(acc) if len(acc) > 1 else 0.0
        print(f"| {data} | {model} | {100*statistics.mean(acc):.2f} ± {100*sd:.2f} % | {statistics.mean(sec):.1f} |")
PY
