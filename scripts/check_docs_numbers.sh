#!/usr/bin/env bash
# Checks that the tables of numbers in README.md and docs/*.md are what their
# commands print today, and rewrites them on request.
#
# A checked table has its generating command on the line above it:
#   <!-- docs-check: scripts/docs_tables/iris_results.sh -->
#   | model | ... |
# The command runs from the repository root with $HQNN set to the hqnn binary and
# prints the table (the Markdown lines, exactly). A table too slow to check on
# every test run (over ten seconds) carries its command and the commit that made it:
#   <!-- docs-stamp: scripts/docs_tables/scaling.sh iris (commit 019ea08) -->
# and is checked and regenerated only with --slow.
#
# usage: scripts/check_docs_numbers.sh [--update] [--slow] [--hqnn PATH]
#   (none)    fail with a diff on any difference
#   --update  rewrite the tables in place from the commands' output (stamps get the current commit)
set -euo pipefail
cd "$(dirname "$0")/.."
update=0 slow=0 hqnn=build-native/hqnn
while [ $# -gt 0 ]; do
  case "$1" in
    --update) update=1 ;;
    --slow) slow=1 ;;
    --hqnn) hqnn=$2; shift ;;
    *) echo "usage: scripts/check_docs_numbers.sh [--update] [--slow] [--hqnn PATH]" >&2; exit 2 ;;
  esac
  shift
done
[ -x "$hqnn" ] || { echo "check_docs_numbers: $hqnn not found (build it: cmake --build build-native --target hqnn)" >&2; exit 2; }
export HQNN=$PWD/${hqnn#$PWD/}
[ "${hqnn#/}" != "$hqnn" ] && export HQNN=$hqnn
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
UPDATE=$update SLOW=$slow COMMIT=$commit python3 - README.md docs/*.md <<'PY'
import difflib, os, re, subprocess, sys, time
update, slow, commit = os.environ["UPDATE"] == "1", os.environ["SLOW"] == "1", os.environ["COMMIT"]
marker = re.compile(r"^<!-- docs-(check|stamp): (.*?)(?: \(commit [0-9a-f]+\))? -->$")
failed, checked = False, 0
for path in sys.argv[1:]:
    lines = open(path, encoding="utf-8").read().split("\n")
    out, i, changed = [], 0, False
    while i < len(lines):
        m = marker.match(lines[i])
        if not m:
            out.append(lines[i]); i += 1; continue
        kind, command = m.group(1), m.group(2)
        j = i + 1
        while j < len(lines) and lines[j].startswith("|"): j += 1
        table = lines[i + 1:j]
        if kind == "stamp" and not slow:
            out.extend(lines[i:j]); i = j; continue
        start = time.time()
        run = subprocess.run(["bash", "-c", command], capture_output=True, text=True)
        if run.returncode != 0:
            sys.stderr.write(f"{path}: `{command}` failed ({run.returncode}):\n{run.stderr}")
            sys.exit(2)
        new = run.stdout.rstrip("\n").split("\n")
        checked += 1
        sys.stderr.write(f"{path}: {command}: {time.time() - start:.1f} s\n")
        head = lines[i] if kind == "check" else f"<!-- docs-stamp: {command} (commit {commit}) -->"
        if new != table:
            if update:
                changed = True
            else:
                failed = True
                sys.stdout.write("".join(difflib.unified_diff([t + "\n" for t in table], [t + "\n" for t in new],
                                                              f"{path} (documented)", f"{command} (now)")))
        out.append(head if update else lines[i])
        out.extend(new if update else table)
        changed = changed or (update and head != lines[i])
        i = j
    if changed:
        open(path, "w", encoding="utf-8").write("\n".join(out))
        sys.stderr.write(f"{path}: updated\n")
if failed:
    sys.stderr.write("check_docs_numbers: documented numbers differ from what the commands print now; "
                     "if the change is intended, run scripts/check_docs_numbers.sh --update\n")
    sys.exit(1)
sys.stderr.write(f"check_docs_numbers: {checked} tables checked\n")
PY
