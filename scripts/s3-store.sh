#!/usr/bin/env bash
# A throwaway S3 with Object Lock for the integration tests: one Ceph mon, one memstore OSD and
# one radosgw, all on 127.0.0.1. Ceph's RGW enforces Object Lock (COMPLIANCE deletes refused,
# retention never shortened), which is what the vault's integration tests must prove.
#
#   scripts/s3-store.sh start STATE_DIR   # writes STATE_DIR/env (export lines), STATE_DIR/pids
#   scripts/s3-store.sh stop STATE_DIR    # stops exactly the recorded pids; safe to repeat
#
# It never installs packages (.ci/run does) and never kills anything it did not start.
set -euo pipefail

readonly ACCESS_KEY='EVIDENCEVAULTTESTKEY'
readonly SECRET_KEY='evidence-vault-test-secret-not-a-real-credential'

die() {
  echo "s3-store: $*" >&2
  exit 1
}

# die with the tail of the logs, because "did not start" alone never says why.
die_with_log() {
  local message=$1 log
  shift
  echo "s3-store: $message" >&2
  for log in "$@"; do
    [[ -s $log ]] || continue
    echo "--- last lines of $log ---" >&2
    tail -n 25 "$log" >&2
  done
  stop_pids
  exit 1
}

port_in_use() {
  ss -Htln "sport = :$1" | grep -q .
}

# A port p with p and p+1 free (the mon wants v2 and v1 side by side). Ports are only
# checked, not held, so another process could take one in between: start then fails loudly.
free_port_pair() {
  local p i
  for i in $(seq 1 50); do
    p=$((20000 + RANDOM % 30000))
    if ! port_in_use "$p" && ! port_in_use $((p + 1)); then
      echo "$p"
      return 0
    fi
  done
  die "no free port pair found on 127.0.0.1"
}

record_pid() {
  echo "$1" >>"$STATE/pids"
}

# Starts a daemon in its own session (so a Ctrl-C in the caller's terminal does not half-kill
# the cluster) with its output in a log, and records its pid before anything else happens.
start_daemon() {
  local log=$1
  shift
  setsid "$@" </dev/null >>"$log" 2>&1 &
  LAST_PID=$!
  record_pid "$LAST_PID"
}

# Fails at once, with the daemon's logs, when the daemon being waited for has died.
check_alive() {
  local pid=$1 name=$2
  shift 2
  is_ours "$pid" || die_with_log "$name exited during start-up" "$@"
}

# Ours: alive (not a zombie: a container's init may never reap it) and still running with our
# ceph.conf, so a pid reused by some other process after a crash is never signalled.
is_ours() {
  [[ -r /proc/$1/stat ]] || return 1
  [[ $(cut -d' ' -f3 "/proc/$1/stat" 2>/dev/null) != Z ]] || return 1
  { tr '\0' ' ' <"/proc/$1/cmdline"; } 2>/dev/null | grep -qF -- "$STATE/ceph.conf"
}

# Newest first (radosgw, osd, mon), each gone before the next: radosgw and the OSD hang for
# seconds on shutdown when the daemons they report to are already gone.
stop_pids() {
  [[ -f $STATE/pids ]] || return 0
  local pid
  for pid in $(tac "$STATE/pids"); do
    is_ours "$pid" || continue
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      is_ours "$pid" || break
      sleep 0.05
    done
    if is_ours "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
  done
  rm -f "$STATE/pids"
}

ceph_cli() {
  timeout 20 ceph -c "$STATE/ceph.conf" --connect-timeout 15 "$@"
}

write_conf() {
  local fsid=$1 mon_port=$2 rgw_port=$3
  cat >"$STATE/ceph.conf" <<EOF
[global]
fsid = $fsid
mon_host = [v2:127.0.0.1:$mon_port,v1:127.0.0.1:$((mon_port + 1))]
public_addr = 127.0.0.1
cluster_addr = 127.0.0.1
# No auth inside a throwaway loopback cluster; crc, because radosgw's default "secure"
# mode fails the mon handshake with -13 when auth is none.
auth_cluster_required = none
auth_service_required = none
auth_client_required = none
ms_mon_client_mode = crc
osd_pool_default_size = 1
osd_pool_default_min_size = 1
mon_allow_pool_size_one = true
osd_crush_chooseleaf_type = 0
osd_pool_default_pg_num = 8
osd_pool_default_pgp_num = 8
osd_pool_default_pg_autoscale_mode = off
run_dir = $STATE/run
admin_socket = $STATE/run/\$name.asok
log_file = $STATE/log/\$name.log
keyring = $STATE/keyring
[mon]
mon_data = $STATE/mon/\$cluster-\$id
# The default (1 s) makes start-up ~12 s: radosgw creates its pools one by one.
paxos_propose_interval = 0.05
[osd]
osd_data = $STATE/osd/\$cluster-\$id
# RAM only: fine for tests, starts in well under a second (bluestore on a file takes ~5 s).
osd_objectstore = memstore
memstore_device_bytes = 1073741824
[client.rgw]
rgw_frontends = beast endpoint=127.0.0.1:$rgw_port
rgw_data = $STATE/rgw
EOF
}

start() {
  [[ -s $STATE/pids ]] && die "$STATE already holds a running store (pids file present); stop it first"
  for bin in ceph ceph-mon ceph-osd radosgw radosgw-admin ceph-authtool monmaptool uuidgen curl ss; do
    command -v "$bin" >/dev/null || die "$bin not found: install radosgw ceph-mon ceph-osd uuid-runtime curl (see .ci/run)"
  done
  # A fresh cluster every time: only the subdirectories this script creates are wiped.
  rm -rf "${STATE:?}"/{run,log,mon,osd,rgw} "$STATE/monmap" "$STATE/keyring" "$STATE/env"
  mkdir -p "$STATE"/{run,log,mon,osd,rgw}
  STATE=$(cd "$STATE" && pwd)
  : >"$STATE/pids"
  # Any failure from here on stops what was already started: no half-cluster left behind.
  trap 'rc=$?; [[ $rc == 0 ]] || stop_pids; exit $rc' EXIT
  local fsid mon_port rgw_port osd_uuid
  fsid=$(uuidgen)
  osd_uuid=$(uuidgen)
  mon_port=$(free_port_pair)
  rgw_port=$(free_port_pair)
  [[ $rgw_port == "$mon_port" || $rgw_port == $((mon_port + 1)) ]] && rgw_port=$((mon_port + 2))
  write_conf "$fsid" "$mon_port" "$rgw_port"

  ceph-authtool --create-keyring "$STATE/keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
  monmaptool --create --fsid "$fsid" --addv a "[v2:127.0.0.1:$mon_port,v1:127.0.0.1:$((mon_port + 1))]" \
    "$STATE/monmap" >/dev/null
  ceph-mon -c "$STATE/ceph.conf" -i a --mkfs --monmap "$STATE/monmap" --keyring "$STATE/keyring" \
    >>"$STATE/log/setup.log" 2>&1 || die_with_log "ceph-mon --mkfs failed" "$STATE/log/setup.log"
  start_daemon "$STATE/log/mon.out" ceph-mon -c "$STATE/ceph.conf" -i a -f
  check_alive "$LAST_PID" ceph-mon "$STATE/log/mon.out" "$STATE/log/mon.a.log"

  ceph_cli osd new "$osd_uuid" >>"$STATE/log/setup.log" 2>&1 ||
    die_with_log "the mon did not answer 'osd new'" "$STATE/log/setup.log" "$STATE/log/mon.a.log"
  mkdir -p "$STATE/osd/ceph-0"
  ceph-osd -c "$STATE/ceph.conf" -i 0 --mkfs --osd-uuid "$osd_uuid" >>"$STATE/log/setup.log" 2>&1 ||
    die_with_log "ceph-osd --mkfs failed" "$STATE/log/setup.log"
  start_daemon "$STATE/log/osd.out" ceph-osd -c "$STATE/ceph.conf" -i 0 -f
  local i osd_pid=$LAST_PID
  for i in $(seq 1 200); do
    check_alive "$osd_pid" ceph-osd "$STATE/log/osd.out" "$STATE/log/osd.0.log"
    ceph_cli osd dump 2>/dev/null | grep -q '^osd\.0 up' && break
    [[ $i == 200 ]] && die_with_log "osd.0 did not come up within 20 s" "$STATE/log/osd.out" "$STATE/log/osd.0.log"
    sleep 0.1
  done

  start_daemon "$STATE/log/rgw.out" radosgw -c "$STATE/ceph.conf" -n client.rgw -f
  local endpoint="http://127.0.0.1:$rgw_port" rgw_pid=$LAST_PID
  for i in $(seq 1 300); do
    check_alive "$rgw_pid" radosgw "$STATE/log/rgw.out" "$STATE/log/client.rgw.log"
    [[ $(curl -s -o /dev/null -w '%{http_code}' "$endpoint/" || true) == 200 ]] && break
    [[ $i == 300 ]] && die_with_log "radosgw did not answer HTTP 200 on $endpoint within 30 s" "$STATE/log/rgw.out" "$STATE/log/client.rgw.log"
    sleep 0.1
  done

  timeout 30 radosgw-admin -c "$STATE/ceph.conf" user create --uid=evidence-test --display-name='Evidence Vault tests' \
    --access-key="$ACCESS_KEY" --secret-key="$SECRET_KEY" >>"$STATE/log/setup.log" 2>&1 ||
    die_with_log "radosgw-admin user create failed" "$STATE/log/setup.log"

  cat >"$STATE/env" <<EOF
export EVIDENCE_TEST_S3_ENDPOINT=$endpoint
export EVIDENCE_TEST_S3_ACCESS_KEY_ID=$ACCESS_KEY
export EVIDENCE_TEST_S3_SECRET_ACCESS_KEY=$SECRET_KEY
EOF
  echo "s3-store: S3 with Object Lock at $endpoint (source $STATE/env; stop with: $0 stop $STATE)"
}

stop() {
  [[ -d $STATE ]] || return 0
  STATE=$(cd "$STATE" && pwd)
  stop_pids
  rm -f "$STATE/env"
}

[[ $# == 2 ]] || die "usage: $0 start|stop STATE_DIR"
STATE=$2
case $1 in
  start) start ;;
  stop) stop ;;
  *) die "usage: $0 start|stop STATE_DIR (got '$1')" ;;
esac
