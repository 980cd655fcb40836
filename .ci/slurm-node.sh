#!/usr/bin/env bash
# A one-node Slurm cluster on this machine, for the tests that submit 'mer suite --slurm' (as root;
# Debian's slurm-wlm and munge installed):
#   .ci/slurm-node.sh start   munge key if none, munged, slurm.conf for this host, slurmctld, slurmd;
#                             returns once sinfo shows the node idle
#   .ci/slurm-node.sh stop    stops what start started, removes the slurm.conf it wrote
# The cluster is named mer-ci: the test that submits jobs (SlurmSuiteIntegrationTest) runs on no other.
# State (pid files, logs, spool) lives in $MER_SLURM_DIR (default /var/spool/mer-slurm). The
# configuration goes to /etc/slurm/slurm.conf, where every Slurm command looks for it; one that this
# script did not write is never overwritten.
set -euo pipefail

dir="${MER_SLURM_DIR:-/var/spool/mer-slurm}"
conf=/etc/slurm/slurm.conf
marker="# written by mer's .ci/slurm-node.sh"

die() { echo "slurm-node: $*" >&2; exit 1; }

stop_pid() { # stop_pid NAME PIDFILE: TERM, then KILL after 10 s, the process of a pid file we wrote
  local name="$1" file="$2" pid
  [ -f "$file" ] || return 0
  pid="$(cat "$file")"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && { echo "slurm-node: $name did not stop, killing it" >&2; kill -KILL "$pid" 2>/dev/null || true; }
  fi
  rm -f "$file"
}

start() {
  [ "$(id -u)" = 0 ] || die "must run as root (it starts munged, slurmctld and slurmd)"
  for cmd in munged slurmctld slurmd sinfo; do
    command -v "$cmd" >/dev/null || die "$cmd not found: apt-get install -y slurm-wlm munge"
  done
  if [ -f "$conf" ] && ! grep -qF "$marker" "$conf"; then
    die "$conf exists and was not written by this script; not touching it"
  fi
  # a node this script started before is restarted afresh
  stop
  mkdir -p "$dir/ctld" "$dir/d" "$dir/log" /etc/slurm

  # munge: a key if there is none, then the daemon (its own pid file in our state directory)
  if [ ! -s /etc/munge/munge.key ]; then
    if command -v mungekey >/dev/null; then mungekey --create --keyfile=/etc/munge/munge.key; \
    else dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none; fi
  fi
  chown munge:munge /etc/munge/munge.key 2>/dev/null || true
  chmod 400 /etc/munge/munge.key
  mkdir -p /run/munge && chown munge:munge /run/munge 2>/dev/null || true
  if ! munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1; then
    # as root, which munged refuses unless forced: the pid and log files are then ours to manage
    munged --force --pid-file="$dir/munged.pid" --log-file="$dir/log/munged.log"
    for _ in $(seq 1 50); do munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.1; done
    munge -n </dev/null | unmunge >/dev/null || die "munged does not answer (see $dir/log/munged.log)"
  fi

  # This host as slurmd sees it: NodeName=… CPUs=… RealMemory=… (minus the UpTime line); reached on
  # the loopback address, so that a host name without DNS (a container's) does not matter
  local host node
  host="$(hostname -s)"
  node="$(slurmd -C | grep '^NodeName=' | sed "s/^NodeName=[^ ]*/NodeName=$host/")"
  cat > "$conf.tmp" <<EOF
$marker; 'stop' removes it
ClusterName=mer-ci
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
SchedulerType=sched/backfill
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SlurmctldPort=${MER_SLURMCTLD_PORT:-6817}
SlurmdPort=${MER_SLURMD_PORT:-6818}
StateSaveLocation=$dir/ctld
SlurmdSpoolDir=$dir/d
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
KillWait=5
MinJobAge=30
$node NodeAddr=127.0.0.1
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
  mv "$conf.tmp" "$conf"

  # -c: a clean start, without jobs of an earlier run of this script
  slurmctld -c -f "$conf"
  slurmd -f "$conf"
  for _ in $(seq 1 150); do
    state="$(sinfo -h -n "$host" -o %T 2>/dev/null || true)"
    [ "$state" = idle ] && { echo "slurm-node: $host idle ($node)"; return 0; }
    sleep 0.2
  done
  die "node $host not idle after 30 s (state: '${state:-none}'; logs in $dir/log)"
}

stop() {
  stop_pid slurmd "$dir/slurmd.pid"
  stop_pid slurmctld "$dir/slurmctld.pid"
  stop_pid munged "$dir/munged.pid"
  if [ -f "$conf" ] && grep -qF "$marker" "$conf"; then rm -f "$conf"; fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
