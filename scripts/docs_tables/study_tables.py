#!/usr/bin/env python3
"""Summary tables of the controlled study, from its committed cells.csv and runs.csv (docs/study/).

  study_tables.py degradation   degradation from clean per layer inside the skip: mean and worst cell
  study_tables.py naive         the naive-softmax runs that reached NaN, beside their stable-loss twins

Every number is read from the study's own files; nothing is trained here.
"""
import csv
import statistics
import sys

STUDY = "docs/study"
# (row label, iris model, image model): the layer inside the skip, hybrids first
ROWS = [
    ("V chain, no skip (TQFNN / TQCNN)", "tqfnn", "tqcnn"),
    ("V chain, residual (QRFNN / QRCNN)", "qrfnn", "qrcnn"),
    ("V chain, dense (QDFNN / QDCNN)", "qdfnn", "qdcnn"),
    ("leaky-relu, no skip (MLP / CNN)", "mlp-leaky", "cnn-leaky"),
    ("rot-relu, no skip (MLP / CNN)", "mlp-rot", "cnn-rot"),
    ("leaky-relu, residual", "mlp-res-leaky", "cnn-res-leaky"),
    ("leaky-relu, dense", "mlp-dense-leaky", "cnn-dense-leaky"),
    ("tanh, residual", "mlp-res-tanh", "cnn-res-tanh"),
    ("tanh, dense", "mlp-dense-tanh", "cnn-dense-tanh"),
    ("orthogonal (Cayley), residual", "mlp-res-orth", "cnn-res-orth"),
    ("orthogonal (Cayley), dense", "mlp-dense-orth", "cnn-dense-orth"),
]
DATASETS = [("iris", 1), ("mnist", 2), ("fashion-mnist", 2)]  # column of ROWS that names the model
SCALES = ["absolute", "relative"]


def degradation():
    cells = [r for r in csv.DictReader(open(f"{STUDY}/cells.csv")) if r["loss"] == "stable"]
    head = "| layer inside the skip |" + "".join(f" {d} {s[:3]}. |" for d, _ in DATASETS for s in SCALES)
    print(head)
    print("|---|" + "---:|" * (len(DATASETS) * len(SCALES)))
    for row in ROWS:
        out = f"| {row[0]} |"
        for dataset, column in DATASETS:
            for scale in SCALES:
                d = [100 * float(c["degradation_mean"]) for c in cells
                     if c["dataset"] == dataset and c["model"] == row[column] and c["condition"].startswith(scale + "-")]
                out += f" {statistics.mean(d):.1f} / {max(d):.1f} |"
        print(out)


def naive():
    runs = list(csv.DictReader(open(f"{STUDY}/runs.csv")))
    key = lambda r: (r["dataset"], r["model"], r["seed"], r["attack_scale"], r["layers_rule"], r["noise"], r["magnitude"])
    stable = {key(r): r for r in runs if r["loss"] == "stable"}
    print("| data set | model | naive: NaN runs | their accuracy | stable twins: NaN runs | their accuracy |")
    print("|---|---|---:|---:|---:|---:|")
    for dataset, column in DATASETS:
        for row in ROWS[3:7]:
            model = row[column]
            naive_runs = [r for r in runs if r["dataset"] == dataset and r["model"] == model and r["loss"] == "naive"]
            nan = [r for r in naive_runs if r["nan"] == "1"]
            twins = [stable[key(r)] for r in nan]
            print(f"| {dataset} | {model} | {len(nan)} of {len(naive_runs)} |"
                  f" {100 * statistics.mean(float(r['attacked_accuracy']) for r in nan):.1f} % |"
                  f" {sum(r['nan'] == '1' for r in twins)} |"
                  f" {100 * statistics.mean(float(r['attacked_accuracy']) for r in twins):.1f} % |")


if __name__ == "__main__":
    {"degradation": degradation, "naive": naive}[sys.argv[1] if len(sys.argv) > 1 else ""]()
