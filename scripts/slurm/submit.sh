#!/usr/bin/env bash
# Submits `hqnn reproduce` to Slurm: a job array of N shards
# (reproduce_array.sbatch) and a merge job that starts after every shard has
# succeeded (merge.sbatch, --dependency=afterok:<array id>). See docs/slurm.md.
#
#   scripts/slurm/submit.sh [--shards N] [--out DIR] [--hqnn PATH] [--cpus-per-task C]
#                           [--no-complexity] [--wait] -- [hqnn reproduce options, e.g. --full]
#   scripts/slurm/submit.sh --out DIR --retry I[,J...] [--wait]
#
#   --shards N          array size                                        [8]
#   --out DIR           a directory every node can write (shared file system):
#                       DIR/shard-I/, DIR/logs/, and the report in DIR/report/  [reports-slurm]
#   --hqnn PATH         the hqnn binary, as the nodes see it       [build-native/hqnn]
#   --cpus-per-task C   CPUs per shard (hqnn reproduce --threads C)      [1]
#   --no-complexity     leave the complexity table out of the report
#   --wait              return when the merge has finished (sbatch --wait); exit code 0
#                       only if the report was written, else the missing shards are named
#   --retry I,J         re-submit only these shard indexes (e.g. after a node failure)
#                       with the options of the first submission, then the merge again
# Partition, account, time limit: Slurm's own variables, e.g. SBATCH_PARTITION=cpu SBATCH_TIMELIMIT=4:00:00.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
shards=8
out=reports-slurm
hqnn=$here/../../build-native/hqnn
cpus=1
wait=false
retry=""
merge_options=()
reproduce_options=()
while [ $# -gt 0 ]; do
  case $1 in
    --shards) shards=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --hqnn) hqnn=$2; shift 2 ;;
    --cpus-per-task) cpus=$2; shift 2 ;;
    --no-complexity) merge_options+=(--no-complexity); shift ;;
    --wait) wait=true; shift ;;
    --retry) retry=$2; shift 2 ;;
    --) shift; reproduce_options=("$@"); break ;;
    -h|--help) sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "submit.sh: unknown option '$1' (hqnn reproduce options go after --; see --help)" >&2; exit 2 ;;
  esac
done
command -v sbatch >/dev/null || { echo "submit.sh: sbatch not found: run this on a Slurm login node" >&2; exit 2; }
mkdir -p "$out/logs"
out=$(cd "$out" && pwd)
submission=$out/submission.sh

if [ -n "$retry" ]; then
  [ -f "$submission" ] || { echo "submit.sh: $submission not found: --retry needs the --out of a first submission" >&2; exit 2; }
  wait_wanted=$wait
  # shellcheck source=/dev/null
  source "$submission"  # shards, hqnn, cpus, merge_options, reproduce_options of the first submission
  wait=$wait_wanted
  [[ $retry =~ ^[0-9]+(,[0-9]+)*$ ]] || { echo "submit.sh: --retry: expected shard indexes like 2 or 2,5, got '$retry'" >&2; exit 2; }
  for i in ${retry//,/ }; do
    if [ "$i" -lt 1 ] || [ "$i" -gt "$shards" ]; then
      echo "submit.sh: --retry: shard $i does not exist (1..$shards)" >&2; exit 2
    fi
    rm -rf "$out/shard-$i"  # its partial results, if any
  done
  array=$retry
else
  [[ $shards =~ ^[1-9][0-9]*$ ]] || { echo "submit.sh: --shards: expected a whole number >= 1, got '$shards'" >&2; exit 2; }
  hqnn=$(cd "$(dirname "$hqnn")" && pwd)/$(basename "$hqnn")
  [ -x "$hqnn" ] || { echo "submit.sh: $hqnn is not an executable: build it (cmake --preset release && cmake --build build-native --target hqnn) or give --hqnn PATH" >&2; exit 2; }
  # Check the options here, not on a node: a dry run prints the grid size.
  echo "shard 1 of $shards: $("$hqnn" reproduce "${reproduce_options[@]}" --shard "1/$shards" --dry-run --quiet)"
  declare -p shards hqnn cpus merge_options reproduce_options > "$submission"
  array=1-$shards
fi

array_id=$(sbatch --parsable --array="$array" --cpus-per-task="$cpus" --export="ALL,HQNN=$hqnn" \
  --output="$out/logs/shard-%a.out" "$here/reproduce_array.sbatch" "$shards" "$out" "${reproduce_options[@]}")
array_id=${array_id%%;*}
merge_args=(--parsable --dependency="afterok:$array_id" --kill-on-invalid-dep=yes --export="ALL,HQNN=$hqnn"
            --output="$out/logs/merge-%j.out")
echo "submitted shard array job $array_id (shards $array of $shards); logs in $out/logs/"
rm -f "$out/report/report.md"  # so that a report there is this merge's
if ! $wait; then
  merge_id=$(sbatch "${merge_args[@]}" "$here/merge.sbatch" "$shards" "$out" "${merge_options[@]}")
  echo "submitted merge job ${merge_id%%;*} (after every shard succeeded): $out/report/report.md"
  exit 0
fi
echo "waiting for the merge job (sbatch --wait) ..."
# A merge cancelled because a shard failed also ends `sbatch --wait` with 0: the report is the sign of success.
if sbatch --wait "${merge_args[@]}" "$here/merge.sbatch" "$shards" "$out" "${merge_options[@]}" >/dev/null &&
   [ -f "$out/report/report.md" ]; then
  echo "report: $out/report/report.md"
  exit 0
fi
# The merge did not run (a shard failed) or failed: let --merge name what is missing.
dirs=()
for ((i = 1; i <= shards; ++i)); do [ -d "$out/shard-$i" ] && dirs+=("$out/shard-$i"); done
echo "the merge job did not succeed; the shard logs are in $out/logs/" >&2
[ ${#dirs[@]} -gt 0 ] && "$hqnn" reproduce --merge "${dirs[@]}" --out "$out/report" --quiet "${merge_options[@]}" >&2 || true
echo "re-submit only the missing shards with: $0 --out $out --retry I[,J...] --wait" >&2
exit 1
