#!/usr/bin/env bash
# Builds the web playground if needed and serves it on localhost with the
# headers for the threaded build; prints the URL.
#
#   scripts/serve_web.sh                 http://127.0.0.1:8080/
#   scripts/serve_web.sh 9000            another port
#   scripts/serve_web.sh 8080 --no-coi   as a plain static host would (single-threaded build)
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-8080}
shift || true
if [ ! -f site/index.html ] || [ ! -f site/mt/hqnn_playground.wasm ] || [ -n "$(find src web docs -newer site/index.html -type f \
     -not -path 'web/node_modules/*' -print -quit)" ]; then
  scripts/build_web.sh
fi
exec node web/serve.js site "$port" "$@"
