#!/bin/sh
# Regenerates the committed tabular data sets assets/wine.csv and
# assets/breast_cancer.csv from the copies that Debian's python3-sklearn package
# ships (sklearn/datasets/data/{wine_data,breast_cancer}.csv, the UCI Wine and
# Breast Cancer Wisconsin (Diagnostic) sets). The .deb is only downloaded and
# unpacked into a scratch directory, never installed.
#
# sklearn's files start with a "samples,features,class names..." line and hold
# the class index as the last column; hqnn's CSVs get a header of feature names
# (sklearn's load_wine / load_breast_cancer names, spaces as '_') and the class
# name as the label.
#
# usage: scripts/make_tabular_sets.sh
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
scratch=${SKLEARN_DEB_DIR:-${TMPDIR:-/tmp}/hqnn-sklearn-deb}
data=$scratch/usr/lib/python3/dist-packages/sklearn/datasets/data

if [ ! -f "$data/wine_data.csv" ]; then
  mkdir -p "$scratch"
  (cd "$scratch" && apt-get download python3-sklearn && dpkg-deb -x python3-sklearn_*.deb .)
fi

# $1 sklearn file, $2 header of feature names, $3 output: the first line's
# fields 3.. name the classes; each row's last field is a class index.
convert() {
  awk -F, -v header="$2" '
    NR == 1 { for (i = 3; i <= NF; ++i) name[i - 3] = $i; print header ",class"; next }
    { line = $1; for (i = 2; i < NF; ++i) line = line "," $i; print line "," name[$NF] }
  ' "$1" > "$3"
}

convert "$data/wine_data.csv" \
  "alcohol,malic_acid,ash,alcalinity_of_ash,magnesium,total_phenols,flavanoids,nonflavanoid_phenols,proanthocyanins,color_intensity,hue,od280_od315_of_diluted_wines,proline" \
  "$root/assets/wine.csv"

features=""
for stat in mean error worst; do
  for f in radius texture perimeter area smoothness compactness concavity concave_points symmetry fractal_dimension; do
    features="$features${features:+,}${stat}_$f"
  done
done
# sklearn's names read "mean radius", "radius error", "worst radius": same order
features=$(echo "$features" | sed 's/error_\([a-z_]*\)/\1_error/g')
convert "$data/breast_cancer.csv" "$features" "$root/assets/breast_cancer.csv"

wc -l "$root/assets/wine.csv" "$root/assets/breast_cancer.csv"
