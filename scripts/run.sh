#!/usr/bin/env bash
# The main command: installs what is missing, builds the web playground and
# serves it on http://127.0.0.1:8080/ (Ctrl-C stops the server).
#
#   scripts/run.sh [port]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec scripts/serve_web.sh "$@"
