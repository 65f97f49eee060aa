#!/usr/bin/env bash
# deploy/cluster/testbed.sh — a multi-host test bed on one machine: network namespaces as hosts on one bridge.
#
#   bash deploy/cluster/testbed.sh up                 create the hosts, start Kafka ×3, PostgreSQL, InfluxDB, Mosquitto
#   bash deploy/cluster/testbed.sh down               kill every process in the hosts, delete hosts, bridge, data
#   bash deploy/cluster/testbed.sh status             one line per host and service; exit 0 only if all answer
#   bash deploy/cluster/testbed.sh exec HOST CMD...   run a command on a host (ip netns exec sp-HOST ...)
#   bash deploy/cluster/testbed.sh app HOST APP [VAR=VALUE...]
#                                                     start dist/apps/APP/src/main.js on HOST (APP: ingestion,
#                                                     rules, api); prints its pid; log: $HOME/logs/HOST.log
#   bash deploy/cluster/testbed.sh kill HOST [SIGNAL] signal (default KILL) the app started on HOST
#   bash deploy/cluster/testbed.sh start-kafka N      start broker N (1-3) again after a kill
#   bash deploy/cluster/testbed.sh link HOST up|down  connect / cut HOST's cable to the bridge (a partition)
#   bash deploy/cluster/testbed.sh reload-mqtt        make Mosquitto re-read its password and ACL files
#
# Hosts (namespace sp-NAME, address 10.77.0.X/24 on eth0, the other end of its veth on the bridge br0, which lives
# in its own namespace sp-sw — nothing is added to the machine's own network namespace):
#   kafka1..3 .11-.13  Apache Kafka 3.9.1, KRaft, broker+controller each (three voters), :9092, controller :9093
#   db        .20      PostgreSQL (a private cluster, trust from 10.77.0.0/24) :5432, InfluxDB 1.x :8086
#   mqtt      .30      Mosquitto with park-mosquitto's two listeners: devices :1883, services :1884
#   ingest1/2 .41/.42  rules1/2 .51/.52  api1/2 .61/.62   the apps (started by `app`)
#   client    .100     the load generator and the test runner (npm run test:cluster runs Jest here)
#
# Runtime folder: ${PARK_CLUSTER_HOME:-/var/tmp/smart-park-cluster} (pids/, logs/, data of every service).
# `up` is idempotent (reuses what answers); `down` works after a half-finished `up` and removes the data (logs stay).
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$SCRIPT_DIR/../.." && pwd)
HOME_DIR=${PARK_CLUSTER_HOME:-/var/tmp/smart-park-cluster}
KAFKA_LIBS=${PARK_SERVICES_HOME:-/var/tmp/smart-park-services}/kafka/libs
KAFKA_HEAP=${PARK_CLUSTER_KAFKA_HEAP:--Xmx384m -Xms384m}
NET=10.77.0
SW=sp-sw
BRIDGE=br0
CLUSTER_ID=ParkClusterTestBed0001
PIDS="$HOME_DIR/pids"
LOGS="$HOME_DIR/logs"

declare -A ADDR=(
  [kafka1]=11 [kafka2]=12 [kafka3]=13 [db]=20 [mqtt]=30
  [ingest1]=41 [ingest2]=42 [rules1]=51 [rules2]=52 [api1]=61 [api2]=62 [client]=100
)
HOSTS=(kafka1 kafka2 kafka3 db mqtt ingest1 ingest2 rules1 rules2 api1 api2 client)

say() { printf 'testbed: %s\n' "$*"; }
die() {
  printf 'testbed: ERROR: %s\n' "$*" >&2
  exit 1
}
addr() { printf '%s.%s' "$NET" "${ADDR[$1]}"; }
ns() { printf 'sp-%s' "$1"; }
in_host() {
  local host=$1
  shift
  ip netns exec "$(ns "$host")" "$@"
}
have_ns() { ip netns list | awk '{ print $1 }' | grep -qx "$1"; }

# tcp_open HOST PORT: something on HOST accepts TCP on PORT (probed from the client host).
tcp_open() { in_host client timeout 2 bash -c "exec 3<>/dev/tcp/$(addr "$1")/$2" 2>/dev/null; }

pid_alive() {
  local file=$PIDS/$1.pid pid
  [[ -f $file ]] || return 1
  pid=$(<"$file")
  [[ -r /proc/$pid/stat ]] && [[ $(awk '{ print $3 }' "/proc/$pid/stat") != Z ]]
}

# spawn NAME HOST LOG CMD...: a daemon on HOST, its pid in pids/NAME.pid (ip netns exec and setpriv exec, so the
# recorded pid is the service's own).
spawn() {
  local name=$1 host=$2 log=$3
  shift 3
  nohup setsid ip netns exec "$(ns "$host")" "$@" >>"$log" 2>&1 </dev/null &
  echo $! >"$PIDS/$name.pid"
}

wait_until() {
  local what=$1 secs=$2 log=$3
  shift 3
  local deadline=$((SECONDS + secs))
  until "$@"; do
    if ((SECONDS > deadline)); then
      tail -n 30 "$log" >&2 || true
      die "$what did not come up within ${secs}s (log: $log)"
    fi
    sleep 0.5
  done
}

# --- network -----------------------------------------------------------------------------------------------------

net_up() {
  have_ns "$SW" || ip netns add "$SW"
  ip -n "$SW" link show "$BRIDGE" >/dev/null 2>&1 || ip -n "$SW" link add "$BRIDGE" type bridge
  ip -n "$SW" link set lo up
  ip -n "$SW" link set "$BRIDGE" up
  local host n
  for host in "${HOSTS[@]}"; do
    n=$(ns "$host")
    have_ns "$n" || ip netns add "$n"
    ip -n "$n" link set lo up
    if ! ip -n "$n" link show eth0 >/dev/null 2>&1; then
      # Created in the switch namespace, one end moved to the host: the machine's namespace never sees either.
      ip -n "$SW" link del "v-$host" >/dev/null 2>&1 || true
      ip -n "$SW" link add "v-$host" type veth peer name eth0 netns "$n"
      ip -n "$n" addr add "$(addr "$host")/24" dev eth0
    fi
    ip -n "$SW" link set "v-$host" master "$BRIDGE"
    ip -n "$SW" link set "v-$host" up
    ip -n "$n" link set eth0 up
  done
}

net_down() {
  local host
  for host in "${HOSTS[@]}"; do
    have_ns "$(ns "$host")" && ip netns del "$(ns "$host")"
  done
  have_ns "$SW" && ip netns del "$SW"
  return 0
}

# --- Kafka -------------------------------------------------------------------------------------------------------

kafka_answers() {
  # shellcheck disable=SC2016 # the inner script is single-quoted on purpose
  in_host client timeout 3 bash -c '
    exec 3<>"/dev/tcp/$1/9092" || exit 1
    printf "\x00\x00\x00\x0c\x00\x12\x00\x00PARK\x00\x02hc" >&3
    reply=$(head -c 8 <&3 | od -An -tx1 | tr -d " \n")
    [[ ${reply:8:8} == 5041524b ]]
  ' probe "$(addr "kafka$1")" 2>/dev/null
}

kafka_config() {
  local n=$1
  local dir=$HOME_DIR/kafka$n
  mkdir -p "$dir/data"
  cat >"$dir/server.properties" <<EOF
process.roles=broker,controller
node.id=$n
controller.quorum.voters=1@$(addr kafka1):9093,2@$(addr kafka2):9093,3@$(addr kafka3):9093
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://$(addr "kafka$n"):9092,CONTROLLER://$(addr "kafka$n"):9093
advertised.listeners=PLAINTEXT://$(addr "kafka$n"):9092
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$dir/data
num.partitions=6
default.replication.factor=3
min.insync.replicas=2
offsets.topic.replication.factor=3
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=3
transaction.state.log.min.isr=2
auto.create.topics.enable=false
unclean.leader.election.enable=false
group.initial.rebalance.delay.ms=0
replica.lag.time.max.ms=10000
num.network.threads=2
num.io.threads=2
num.recovery.threads.per.data.dir=1
log.retention.hours=6
EOF
  if [[ ! -f $dir/data/meta.properties ]]; then
    java -Xmx256m -XX:TieredStopAtLevel=1 -Dlog4j.configuration="file:$REPO/deploy/local/kafka/tools-log4j.properties" \
      -cp "$KAFKA_LIBS/*" kafka.tools.StorageTool format -t "$CLUSTER_ID" -c "$dir/server.properties" \
      --ignore-formatted >/dev/null
  fi
}

start_kafka() {
  local n=$1
  local dir=$HOME_DIR/kafka$n
  if pid_alive "kafka$n"; then return; fi
  mkdir -p "$dir/logs"
  # shellcheck disable=SC2086 # KAFKA_HEAP is a list of JVM options
  spawn "kafka$n" "kafka$n" "$LOGS/kafka$n.out" java $KAFKA_HEAP -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true -Dkafka.logs.dir="$dir/logs" \
    -Dlog4j.configuration="file:$REPO/deploy/local/kafka/log4j.properties" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$dir/server.properties"
}

# --- PostgreSQL and InfluxDB on db ---------------------------------------------------------------------------------

pg_bin() {
  local v
  # shellcheck disable=SC2012 # plain version numbers
  v=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  printf '/usr/lib/postgresql/%s/bin' "$v"
}

start_pg() {
  local dir=$HOME_DIR/pg
  pid_alive pg && return
  if [[ ! -f $dir/data/PG_VERSION ]]; then
    mkdir -p "$dir"
    chown postgres:postgres "$dir"
    setpriv --reuid=postgres --regid=postgres --init-groups "$(pg_bin)/initdb" -D "$dir/data" -U postgres \
      --auth=trust -E UTF8 --locale=C.UTF-8 >"$LOGS/pg-initdb.log" 2>&1
    printf 'host all all %s.0/24 trust\n' "$NET" >>"$dir/data/pg_hba.conf"
  fi
  touch "$LOGS/pg.log"
  chown postgres:postgres "$LOGS/pg.log"
  spawn pg db "$LOGS/pg.log" setpriv --reuid=postgres --regid=postgres --init-groups "$(pg_bin)/postgres" \
    -D "$dir/data" -c listen_addresses="$(addr db)" -c unix_socket_directories="$dir" -c max_connections=300 \
    -c shared_buffers=128MB -c fsync=on -c synchronous_commit=on
}

start_influx() {
  local dir=$HOME_DIR/influx
  pid_alive influx && return
  mkdir -p "$dir"
  sed -e "s#/var/tmp/smart-park-services/influxdb#$dir#g" \
    -e "s#bind-address = \"127.0.0.1:8088\"#bind-address = \"$(addr db):8088\"#" \
    -e "s#bind-address = \"127.0.0.1:8086\"#bind-address = \"$(addr db):8086\"#" \
    -e 's#cache-max-memory-size = "1g"#cache-max-memory-size = "256m"#' \
    "$REPO/deploy/local/influxdb/influxdb.conf" >"$dir/influxdb.conf"
  spawn influx db "$LOGS/influx.log" influxd -config "$dir/influxdb.conf"
}

# --- Mosquitto on mqtt --------------------------------------------------------------------------------------------

start_mqtt() {
  local dir=$HOME_DIR/mqtt
  pid_alive mqtt && return
  # data/: the sessions' persistence (persistence_location); without it every autosave fails and a restarted broker
  # would come back without the ingestion sessions' queued readings.
  mkdir -p "$dir/data"
  chmod 700 "$dir"
  # The platform's service account (as deploy/local/services.sh): a generated secret, its hash, read-only ACL.
  if [[ ! -s $dir/ingestion.secret ]]; then
    (umask 077 && head -c 32 /dev/urandom | base64 | tr -d '\n=/+' >"$dir/ingestion.secret")
    (umask 077 && : >"$dir/passwd-services")
    mosquitto_passwd -b "$dir/passwd-services" park-ingestion "$(<"$dir/ingestion.secret")" >/dev/null
    (umask 077 && printf 'user park-ingestion\ntopic read park/v1/devices/+/telemetry\ntopic read park/v1/devices/+/status\n' \
      >"$dir/acl-services")
  fi
  # Devices: written by the tests from the records (renderMosquittoAuth), then reload-mqtt; none until then.
  [[ -f $dir/passwd ]] || (umask 077 && : >"$dir/passwd")
  [[ -f $dir/acl ]] ||
    (umask 077 && printf 'pattern write park/v1/devices/%%u/telemetry\npattern write park/v1/devices/%%u/status\n' >"$dir/acl")
  sed -e "s|@RUNTIME@/mosquitto|$dir|g" -e "s|@PORT@ 127.0.0.1|1883 $(addr mqtt)|" \
    -e "s|@SERVICE_PORT@ 127.0.0.1|1884 $(addr mqtt)|" -e "s|@USER_LINE@|user root|" \
    -e "s|^log_dest file .*|log_dest file $LOGS/mqtt.log|" -e '/^pid_file/d' \
    "$REPO/deploy/local/mosquitto/park-mosquitto.conf.in" >"$dir/mosquitto.conf"
  spawn mqtt mqtt "$LOGS/mqtt.out" mosquitto -c "$dir/mosquitto.conf"
}

# --- commands -----------------------------------------------------------------------------------------------------

cmd_up() {
  [[ $(id -u) -eq 0 ]] || die "needs root (ip netns)"
  [[ -f $KAFKA_LIBS/.complete ]] || die "no Kafka jars in $KAFKA_LIBS: run deploy/local/services.sh up once"
  mkdir -p "$PIDS" "$LOGS"
  local t0=$SECONDS n
  net_up
  say "network: ${#HOSTS[@]} hosts on $NET.0/24 (bridge $BRIDGE in $SW)"
  for n in 1 2 3; do kafka_config "$n"; done
  for n in 1 2 3; do start_kafka "$n"; done
  start_pg
  start_influx
  start_mqtt
  wait_until postgresql 60 "$LOGS/pg.log" in_host client pg_isready -q -h "$(addr db)" -p 5432 -t 2
  wait_until influxdb 60 "$LOGS/influx.log" in_host client curl -sf -o /dev/null --max-time 2 "http://$(addr db):8086/ping"
  wait_until mosquitto 30 "$LOGS/mqtt.log" tcp_open mqtt 1884
  for n in 1 2 3; do wait_until "kafka$n" 120 "$HOME_DIR/kafka$n/logs/server.log" kafka_answers "$n"; done
  say "up in $((SECONDS - t0))s: kafka $(addr kafka1),$(addr kafka2),$(addr kafka3):9092; postgres://postgres@$(addr db):5432;" \
    "http://$(addr db):8086; mqtt://$(addr mqtt):1883 (devices), :1884 (services)"
}

kill_pidfile() {
  local name=$1 signal=${2:-TERM} pid
  [[ -f $PIDS/$name.pid ]] || return 0
  pid=$(<"$PIDS/$name.pid")
  pid_alive "$name" && kill "-$signal" "$pid" 2>/dev/null
  return 0
}

cmd_down() {
  local host name pid
  # Every process recorded, then every process still inside one of the hosts (`ip netns pids`): whatever started
  # them (a test's load generator, an app, a half-finished up), none outlives the test bed.
  if [[ -d $PIDS ]]; then
    for name in "$PIDS"/*.pid; do
      [[ -e $name ]] || continue
      kill_pidfile "$(basename "$name" .pid)" TERM
    done
  fi
  local deadline=$((SECONDS + 10))
  while ((SECONDS < deadline)); do
    local left=0
    for host in "${HOSTS[@]}"; do
      have_ns "$(ns "$host")" || continue
      [[ -n $(ip netns pids "$(ns "$host")" 2>/dev/null) ]] && left=1
    done
    ((left == 0)) && break
    sleep 0.2
  done
  for host in "${HOSTS[@]}"; do
    have_ns "$(ns "$host")" || continue
    for pid in $(ip netns pids "$(ns "$host")" 2>/dev/null); do
      # Never the process running this script (when `down` is called from inside a host, e.g. by the tests).
      [[ $pid == "$$" || $pid == "$PPID" ]] && continue
      kill -KILL "$pid" 2>/dev/null || true
    done
  done
  rm -rf "$PIDS"
  net_down
  rm -rf "$HOME_DIR/kafka1" "$HOME_DIR/kafka2" "$HOME_DIR/kafka3" "$HOME_DIR/pg" "$HOME_DIR/influx" "$HOME_DIR/mqtt"
  say "down: processes ended, namespaces and bridge deleted, data removed (logs kept in $LOGS)"
}

cmd_status() {
  local rc=0 host n
  for host in "${HOSTS[@]}"; do
    if have_ns "$(ns "$host")"; then say "host $host $(addr "$host") present"; else
      say "host $host absent"
      rc=1
    fi
  done
  have_ns "$(ns client)" || return 1
  for n in 1 2 3; do
    if kafka_answers "$n"; then say "kafka$n up"; else
      say "kafka$n down"
      rc=1
    fi
  done
  if in_host client pg_isready -q -h "$(addr db)" -p 5432 -t 2; then say "postgresql up"; else
    say "postgresql down"
    rc=1
  fi
  if in_host client curl -sf -o /dev/null --max-time 2 "http://$(addr db):8086/ping"; then say "influxdb up"; else
    say "influxdb down"
    rc=1
  fi
  if tcp_open mqtt 1883; then say "mosquitto up"; else
    say "mosquitto down"
    rc=1
  fi
  for host in ingest1 ingest2 rules1 rules2 api1 api2; do
    pid_alive "app-$host" && say "app on $host: pid $(<"$PIDS/app-$host.pid")"
  done
  return "$rc"
}

cmd_app() {
  local host=$1 app=$2
  shift 2
  [[ -n ${ADDR[$host]:-} ]] || die "unknown host $host"
  [[ -f $REPO/dist/apps/$app/src/main.js ]] || die "no dist/apps/$app/src/main.js: npm run build first"
  pid_alive "app-$host" && die "an app already runs on $host (pid $(<"$PIDS/app-$host.pid"))"
  mkdir -p "$PIDS" "$LOGS"
  printf '\n==== %s: %s on %s ====\n' "$(date -u +%FT%TZ)" "$app" "$host" >>"$LOGS/$host.log"
  spawn "app-$host" "$host" "$LOGS/$host.log" env "$@" node "$REPO/dist/apps/$app/src/main.js"
  cat "$PIDS/app-$host.pid"
}

main() {
  local cmd=${1:-}
  [[ $# -gt 0 ]] && shift
  case $cmd in
    up) cmd_up ;;
    down) cmd_down ;;
    status) cmd_status ;;
    exec)
      [[ $# -ge 2 ]] || die "usage: testbed.sh exec HOST CMD..."
      local host=$1
      shift
      in_host "$host" "$@"
      ;;
    app)
      [[ $# -ge 2 ]] || die "usage: testbed.sh app HOST APP [VAR=VALUE...]"
      cmd_app "$@"
      ;;
    kill)
      [[ $# -ge 1 ]] || die "usage: testbed.sh kill HOST [SIGNAL]"
      kill_pidfile "app-$1" "${2:-KILL}"
      ;;
    kill-kafka) kill_pidfile "kafka$1" "${2:-KILL}" ;;
    start-kafka) start_kafka "$1" ;;
    link)
      [[ $# -eq 2 && ($2 == up || $2 == down) ]] || die "usage: testbed.sh link HOST up|down"
      ip -n "$SW" link set "v-$1" "$2"
      ;;
    reload-mqtt) kill_pidfile mqtt HUP ;;
    -h | --help | help) sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//' ;;
    *)
      sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//' >&2
      exit 2
      ;;
  esac
}

main "$@"
