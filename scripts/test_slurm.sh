#!/usr/bin/env bash
# Tests scripts/slurm/ on a real, single-node Slurm started here: installs
# Debian's slurmctld, slurmd, munge and slurm-client if missing, starts munged,
# slurmctld and slurmd as root with a configuration written under a temporary
# directory, and then
#   1. submits `hqnn reproduce --tiny` as a 3-task job array plus the dependent
#      merge (submit.sh --wait) and checks that the merged report is the
#      unsharded run's report (run files equal but for their timing fields);
#   2. breaks shard 2, checks that the merge does not run and that
#      `hqnn reproduce --merge` names shard 2 as missing, re-submits only
#      shard 2 (submit.sh --retry 2) and checks the report again.
# It stops only the daemons it started and removes its directory on exit, so it
# can be re-run. Needs root and build-native/hqnn (HQNN=PATH for another binary).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
hqnn=${HQNN:-$root/build-native/hqnn}
say() { echo "test_slurm: $*"; }
fail() { echo "test_slurm: FAIL: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "run as root (it starts munged, slurmctld and slurmd)"
[ -x "$hqnn" ] || fail "$hqnn not found: cmake --preset release && cmake --build build-native --target hqnn"
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null ||
   ! command -v sbatch >/dev/null; then
  say "installing slurmctld slurmd munge slurm-client"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurmctld slurmd munge slurm-client >/dev/null
fi

work=$(mktemp -d /tmp/hqnn-slurm-test.XXXXXX)
pids=()
cleanup() {
  local rc=$?
  # Jobs first (their steps end with them), then the daemons, newest first.
  if [ -n "${SLURM_CONF:-}" ] && [ ${#pids[@]} -ge 2 ]; then
    scancel --full --quiet --user=root 2>/dev/null || true
    for _ in $(seq 50); do [ -z "$(squeue --noheader 2>/dev/null)" ] && break; sleep 0.2; done
  fi
  for ((i = ${#pids[@]} - 1; i >= 0; --i)); do kill "${pids[i]}" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ $rc -ne 0 ] && [ -d "$work/log" ]; then
    for f in "$work"/log/*.log; do echo "--- $f (last lines)"; tail -n 15 "$f"; done >&2
  fi
  rm -rf "$work"
  exit $rc
}
trap cleanup EXIT

# munge: a generated key, socket, pid and log under $work.
mkdir -p "$work/munge" "$work/log" "$work/state" "$work/spool"
chmod 700 "$work/munge"
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$work/munge/munge.key"
socket=$work/munge/munge.socket.2
munged --foreground --force --socket="$socket" --key-file="$work/munge/munge.key" \
  --pid-file="$work/munge/munged.pid" --seed-file="$work/munge/munged.seed" --log-file="$work/log/munged.log" \
  > "$work/log/munged.out" 2>&1 &
pids+=($!)
for _ in $(seq 50); do [ -S "$socket" ] && break; sleep 0.1; done
[ -S "$socket" ] || fail "munged did not start"

# slurm.conf: this node with its real CPUs and memory (slurmd -C), plugins that need no cgroups or systemd.
host=$(hostname -s)
node=$(slurmd -C | head -n 1)
node=${node/NodeName=$host/NodeName=$host NodeAddr=127.0.0.1}
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
cat > "$work/slurm.conf" <<CONF
ClusterName=hqnntest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$socket
CredType=cred/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
$node
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$work/slurm.conf
slurmctld -D -i -f "$SLURM_CONF" > "$work/log/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" > "$work/log/slurmd.out" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
  state=$(sinfo --noheader --format=%t 2>/dev/null || true)
  [ "$state" = idle ] && break
  sleep 0.2
done
[ "$state" = idle ] || fail "the node did not become idle (sinfo says '$state')"
say "single-node Slurm up: $node"

same_results() {  # report.md equal; run files equal but for their timing fields (as tests/cli/reproduce/test_reproduce.cpp)
  cmp -s "$1/report.md" "$2/report.md" || fail "$2/report.md differs from the unsharded $1/report.md"
  local n=0
  for f in "$1"/runs/*; do
    cmp -s <(grep -v 'seconds"' "$f") <(grep -v 'seconds"' "$2/runs/${f##*/}") || fail "$2/runs/${f##*/} differs"
    n=$((n + 1))
  done
  [ "$n" -eq "$(ls "$2/runs" | wc -l)" ] || fail "$2/runs has other files than $1/runs"
  [ "$n" -gt 10 ] || fail "only $n run files"
}

"$hqnn" reproduce --tiny --out "$work/whole" --quiet --threads 2

# 1. The array and the merge.
"$root/scripts/slurm/submit.sh" --shards 3 --out "$work/array" --hqnn "$hqnn" --wait -- --tiny
for i in 1 2 3; do [ -f "$work/array/shard-$i/shard.json" ] || fail "no shard-$i/shard.json"; done
same_results "$work/whole" "$work/array/report"
say "3-task array + merge: report identical to the unsharded run"

# 2. A shard that fails: the merge never runs, --merge names the shard, --retry re-runs only it.
cat > "$work/hqnn-breaking-shard-2" <<WRAP
#!/bin/bash
if [ "\${SLURM_ARRAY_TASK_ID:-}" = 2 ] && [ -e "$work/break-shard-2" ]; then echo "shard 2: simulated node failure" >&2; exit 1; fi
exec "$hqnn" "\$@"
WRAP
chmod +x "$work/hqnn-breaking-shard-2"
touch "$work/break-shard-2"
if "$root/scripts/slurm/submit.sh" --shards 3 --out "$work/retry" --hqnn "$work/hqnn-breaking-shard-2" --wait -- --tiny \
  2> "$work/retry-first.err"; then
  fail "the submission succeeded although shard 2 failed"
fi
grep -q "missing shards of 3: 2 (" "$work/retry-first.err" || { cat "$work/retry-first.err" >&2; fail "--merge did not name shard 2"; }
[ ! -e "$work/retry/report/report.md" ] || fail "a report was written without shard 2"
first_log=$(stat -c %.9Y "$work/retry/shard-1/shard.json")
rm "$work/break-shard-2"
"$root/scripts/slurm/submit.sh" --out "$work/retry" --retry 2 --wait
[ "$(stat -c %.9Y "$work/retry/shard-1/shard.json")" = "$first_log" ] || fail "--retry 2 re-ran shard 1"
same_results "$work/whole" "$work/retry/report"
say "failed shard 2 named by --merge, re-run alone with --retry 2: report identical"
say "PASS"
