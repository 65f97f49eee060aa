#!/usr/bin/env bash
# deploy/local/services.sh — the real services that the microservices mode and the tests talk to,
# on a Debian machine without containers.
#
#   bash deploy/local/services.sh up              start what is down, reuse what is up (idempotent)
#   bash deploy/local/services.sh status          one line per service; exit 0 only if all are up
#   bash deploy/local/services.sh down            stop InfluxDB, Kafka, park-mosquitto and smtp if this script started them
#   bash deploy/local/services.sh reload-park-mosquitto  re-read park-mosquitto's password and ACL files
#   bash deploy/local/services.sh restart-kafka   stop + start the script's Kafka (fault injection)
#   bash deploy/local/services.sh stop-kafka | start-kafka
#   bash deploy/local/services.sh stop-influxdb   stop the script's InfluxDB (fault injection)
#   bash deploy/local/services.sh start-influxdb  start InfluxDB again
#   bash deploy/local/services.sh kafka-class CLASS [ARGS...]
#                                                 run a Kafka CLI class on the broker's classpath, e.g.
#                                                 kafka-class org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 --list
#
# Services and ports (all on loopback):
#   postgresql 127.0.0.1:5432  the machine's own (trust auth); started only if it does not answer; never stopped
#   mosquitto  127.0.0.1:1883  the machine's own (anonymous);  started only if it does not answer; never stopped
#   park-mosquitto 127.0.0.1:1884  ours: authenticated + ACL from the records, persistent, queue limits raised
#                              (deploy/local/mosquitto/park-mosquitto.conf.in); devices connect here, the
#                  127.0.0.1:1885  platform's services (ingestion) on this second listener
#   influxdb   127.0.0.1:8086  Debian's influxdb 1.6 (installed with apt-get if missing), run with
#                              deploy/local/influxdb/influxdb.conf, never as the system service
#   kafka      127.0.0.1:9092  Apache Kafka 3.9.1 (kafka/pom.xml) from Maven Central, single-node KRaft
#                              (controller on 127.0.0.1:9093)
#   smtp       127.0.0.1:2525  a real SMTP server for the e-mail notification tests: Debian's python3-aiosmtpd
#                              (installed with apt-get if missing), every message stored in the Maildir
#                              <runtime>/smtp/maildir (PARK_SMTP_PORT overrides the port)
#   chromium   (no port)       Debian's chromium and a CJK font for the web end-to-end tests (test/e2e);
#                              installed by `up` when missing, nothing to start or stop
#
# Runtime folder: ${PARK_SERVICES_HOME:-/var/tmp/smart-park-services}. It lives outside the repository on
# purpose: every clone on the machine (a developer's, CI's fresh clone) shares one set of services and
# one copy of the Kafka jars, so a new clone neither refetches ~50 MB nor fights over ports 8086/9092.
# Layout: kafka/libs (jars), kafka/data (log.dirs), kafka/logs (server.log ...), kafka/kafka.out,
# kafka/kafka.pid, influxdb/{meta,data,wal}, influxdb/influxd.log, influxdb/influxd.pid.
#
# Why Kafka 3.9.x and not 4.x — see docs/decisions/001-kafka-3.9-for-kafkajs.md. In short: the services
# use kafkajs 2.2.4, the last kafkajs release (2023), built and tested against Kafka 2.x/3.x and not
# maintained since. Kafka 4.0 removed the protocol API versions older than Kafka 2.1 (KIP-896), dropped
# message formats v0/v1 (KIP-724) and kept only the new group coordinator. KIP-896 deliberately kept the
# versions KafkaJS uses, and a kafkajs smoke test passed against 4.1.1 as well, but nobody maintains
# kafkajs to fix whatever a 4.x broker does differently. 3.9 is the last line that still serves every
# older protocol version (deprecated, not removed) while running KRaft without ZooKeeper: the newest
# broker kafkajs was actually built for.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
RUNTIME=${PARK_SERVICES_HOME:-/var/tmp/smart-park-services}

HOST=127.0.0.1
PG_PORT=5432
MQTT_PORT=1883
PARK_MQTT_PORT=${PARK_MQTT_PORT:-1884}
PARK_MQTT_SERVICE_PORT=${PARK_MQTT_SERVICE_PORT:-1885}
INFLUX_PORT=8086
KAFKA_PORT=9092
KAFKA_CONTROLLER_PORT=9093
SMTP_PORT=${PARK_SMTP_PORT:-2525}

# Seconds to wait for each service to answer.
PG_TIMEOUT=${PARK_PG_TIMEOUT:-60}
MQTT_TIMEOUT=${PARK_MQTT_TIMEOUT:-30}
SMTP_TIMEOUT=${PARK_SMTP_TIMEOUT:-30}
INFLUX_TIMEOUT=${PARK_INFLUX_TIMEOUT:-60}
KAFKA_TIMEOUT=${PARK_KAFKA_TIMEOUT:-90}
STOP_TIMEOUT=${PARK_STOP_TIMEOUT:-30}

INFLUX_CONF="$SCRIPT_DIR/influxdb/influxdb.conf"
INFLUX_HOME="$RUNTIME/influxdb"
INFLUX_PID="$INFLUX_HOME/influxd.pid"
INFLUX_LOG="$INFLUX_HOME/influxd.log"

KAFKA_POM="$SCRIPT_DIR/kafka/pom.xml"
KAFKA_VERSION=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$KAFKA_POM")
KAFKA_HOME="$RUNTIME/kafka"
KAFKA_LIBS="$KAFKA_HOME/libs"
KAFKA_DATA="$KAFKA_HOME/data"
KAFKA_LOGS="$KAFKA_HOME/logs"
KAFKA_CONF="$KAFKA_HOME/server.properties"
KAFKA_PID="$KAFKA_HOME/kafka.pid"
KAFKA_OUT="$KAFKA_HOME/kafka.out"
KAFKA_CLUSTER_ID_FILE="$KAFKA_HOME/cluster.id"
KAFKA_HEAP=${PARK_KAFKA_HEAP:--Xms256m -Xmx1g}

# --- small helpers -------------------------------------------------------------------------------------

say() { printf '%s\n' "$*"; }
warn() { printf 'services.sh: %s\n' "$*" >&2; }
die() { warn "ERROR: $*"; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# fail_with_log NAME SECONDS LOGFILE [MORE_LOGFILES...]: the standard "did not come up" report, then
# exit 1. Empty or missing extra log files are skipped.
fail_with_log() {
  local name=$1 secs=$2 log=$3 extra
  shift 3
  warn "ERROR: $name did not come up within ${secs}s. Log: $log"
  if [[ -f $log ]]; then
    warn "---- last 20 lines of $log ----"
    tail -n 20 "$log" >&2 || true
    warn "---- end of $log ----"
  else
    warn "(the log file $log does not exist)"
  fi
  for extra in "$@"; do
    [[ -s $extra ]] || continue
    warn "---- last 20 lines of $extra ----"
    tail -n 20 "$extra" >&2 || true
    warn "---- end of $extra ----"
  done
  exit 1
}

# tcp_open PORT: something accepts TCP connections on $HOST:PORT.
tcp_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/$HOST/$1" 2>/dev/null
}

# pid_running PIDFILE PATTERN: the pid file names a live (non-zombie) process whose command line
# contains PATTERN (guards against a recycled pid after a reboot or a killed process).
pid_running() {
  local pidfile=$1 pattern=$2 pid state cmdline
  [[ -f $pidfile ]] || return 1
  pid=$(<"$pidfile")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [[ -r /proc/$pid/stat ]] || return 1
  state=$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null) 2>/dev/null || return 1
  [[ $state != Z ]] || return 1
  cmdline=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") 2>/dev/null || return 1
  [[ $cmdline == *"$pattern"* ]]
}

# stop_pid NAME PIDFILE PATTERN: SIGTERM, wait up to STOP_TIMEOUT, then SIGKILL. Removes the pid file.
stop_pid() {
  local name=$1 pidfile=$2 pattern=$3 pid i
  if ! pid_running "$pidfile" "$pattern"; then
    rm -f "$pidfile"
    return 1
  fi
  pid=$(<"$pidfile")
  say "$name: stopping pid $pid (SIGTERM)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < STOP_TIMEOUT * 5; i++)); do
    pid_running "$pidfile" "$pattern" || break
    sleep 0.2
  done
  if pid_running "$pidfile" "$pattern"; then
    warn "$name: still running after ${STOP_TIMEOUT}s, sending SIGKILL to $pid"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
      pid_running "$pidfile" "$pattern" || break
      sleep 0.1
    done
  fi
  rm -f "$pidfile"
  return 0
}

# One `up`/`down`/... at a time per runtime folder (two clones running `up` together must not start two
# brokers on one data dir). `status` takes no lock. Every long-lived process started below gets `9>&-`:
# a daemon that inherited fd 9 would hold the lock for as long as it runs.
take_lock() {
  mkdir -p "$RUNTIME"
  exec 9>"$RUNTIME/.lock"
  if ! flock -w 300 9; then
    die "another services.sh holds $RUNTIME/.lock for more than 300s"
  fi
}

# --- probes: "does the service answer?" ----------------------------------------------------------------

pg_up() { pg_isready -q -h "$HOST" -p "$PG_PORT" -t 3 >/dev/null 2>&1; }

mqtt_up() {
  if command -v mosquitto_pub >/dev/null 2>&1; then
    timeout 5 mosquitto_pub -h "$HOST" -p "$MQTT_PORT" -t park/healthcheck -m x -q 1 \
      -i "park-healthcheck-$$" >/dev/null 2>&1
  else
    tcp_open "$MQTT_PORT"
  fi
}

# park_mqtt_up: our authenticated broker accepts the ingestion service account on the services' listener.
park_mqtt_up() {
  [[ -s $PARK_MQTT_SECRET ]] || return 1
  timeout 5 mosquitto_pub -h "$HOST" -p "$PARK_MQTT_SERVICE_PORT" -u park-ingestion -P "$(cat "$PARK_MQTT_SECRET")" \
    -t park/healthcheck -m x -q 0 -i "park-healthcheck-$$" >/dev/null 2>&1
}

influx_up() { curl -sf -o /dev/null --max-time 2 "http://$HOST:$INFLUX_PORT/ping"; }

# kafka_up: a Kafka ApiVersions v0 request answered with our correlation id. Cheap (no JVM), and it
# proves a broker is processing requests, not merely that the port is bound.
kafka_up() {
  # shellcheck disable=SC2016 # the inner script is single-quoted on purpose; host and port are $1 $2
  timeout 3 bash -c '
    exec 3<>"/dev/tcp/$1/$2" || exit 1
    # size=12 | api_key=18 (ApiVersions) | api_version=0 | correlation_id="PARK" | client_id="hc"
    printf "\x00\x00\x00\x0c\x00\x12\x00\x00PARK\x00\x02hc" >&3
    reply=$(head -c 8 <&3 | od -An -tx1 | tr -d " \n")
    [[ ${reply:8:8} == 5041524b ]]
  ' kafka-probe "$HOST" "$KAFKA_PORT" 2>/dev/null
}

# --- PostgreSQL (the machine's) ----------------------------------------------------------------------

ensure_postgresql() {
  if pg_up; then
    say "postgresql: up on $HOST:$PG_PORT (the machine's; reused)"
    return
  fi
  local ver t0 deadline
  # shellcheck disable=SC2012 # version directory names are plain (15, 16, ...)
  ver=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
  [[ -n $ver ]] || die "postgresql: not answering on $HOST:$PG_PORT and no cluster under /etc/postgresql"
  say "postgresql: not answering; starting cluster $ver/main"
  t0=$(now)
  pg_ctlcluster --skip-systemctl-redirect "$ver" main start 9>&- || true
  deadline=$((SECONDS + PG_TIMEOUT))
  while ((SECONDS < deadline)); do
    if pg_up; then
      say "postgresql: up on $HOST:$PG_PORT after $(since "$t0")s"
      return
    fi
    sleep 1
  done
  fail_with_log postgresql "$PG_TIMEOUT" "/var/log/postgresql/postgresql-$ver-main.log"
}

# --- Mosquitto (the machine's) -----------------------------------------------------------------------

ensure_mosquitto() {
  if mqtt_up; then
    say "mosquitto: up on $HOST:$MQTT_PORT (the machine's; reused)"
    return
  fi
  local t0 deadline log=/var/log/mosquitto/mosquitto.log
  command -v mosquitto >/dev/null 2>&1 || die "mosquitto: not answering on $HOST:$MQTT_PORT and not installed"
  say "mosquitto: not answering; starting mosquitto -d -c /etc/mosquitto/mosquitto.conf"
  t0=$(now)
  mosquitto -d -c /etc/mosquitto/mosquitto.conf 9>&- || true
  deadline=$((SECONDS + MQTT_TIMEOUT))
  while ((SECONDS < deadline)); do
    if mqtt_up; then
      say "mosquitto: up on $HOST:$MQTT_PORT after $(since "$t0")s"
      return
    fi
    sleep 0.5
  done
  fail_with_log mosquitto "$MQTT_TIMEOUT" "$log"
}

# --- Mosquitto (ours: authenticated, on 1884) -------------------------------------------------------------

PARK_MQTT_HOME="$RUNTIME/mosquitto"
PARK_MQTT_CONF="$PARK_MQTT_HOME/mosquitto.conf"
PARK_MQTT_PID="$PARK_MQTT_HOME/mosquitto.pid"
PARK_MQTT_LOG="$PARK_MQTT_HOME/mosquitto.log"
# The ingestion service's MQTT password: generated once, kept here (0600), read by npm start.
PARK_MQTT_SECRET="$PARK_MQTT_HOME/ingestion.secret"

# start_park_mosquitto: the broker devices and ingestion use in microservices mode. Its password and ACL files
# are generated from the records (scripts/cli.ts mosquitto-auth); until then it knows only the ingestion account.
start_park_mosquitto() {
  local t0 deadline user_line="" rendered
  # Started as root, Mosquitto would switch to the mosquitto user, who cannot read this private folder.
  [[ $(id -u) -eq 0 ]] && user_line="user root"
  rendered=$(sed -e "s|@RUNTIME@|$RUNTIME|g" -e "s|@PORT@|$PARK_MQTT_PORT|g" \
    -e "s|@SERVICE_PORT@|$PARK_MQTT_SERVICE_PORT|g" -e "s|@USER_LINE@|$user_line|" \
    "$SCRIPT_DIR/mosquitto/park-mosquitto.conf.in")
  if park_mqtt_up && [[ -f $PARK_MQTT_CONF && $(<"$PARK_MQTT_CONF") == "$rendered" ]]; then
    say "park-mosquitto: up on $HOST:$PARK_MQTT_PORT and $HOST:$PARK_MQTT_SERVICE_PORT (reused)"
    return
  fi
  # Ours, but started from an older configuration (most of its settings are not reloadable): restart it. Its
  # sessions and queued messages survive in the persistence file.
  if pid_running "$PARK_MQTT_PID" "$PARK_MQTT_CONF"; then
    say "park-mosquitto: configuration changed; restarting"
    stop_park_mosquitto
  fi
  tcp_open "$PARK_MQTT_PORT" && die "park-mosquitto: port $PARK_MQTT_PORT is taken by another program"
  tcp_open "$PARK_MQTT_SERVICE_PORT" &&
    die "park-mosquitto: port $PARK_MQTT_SERVICE_PORT is taken by another program"
  t0=$(now)
  mkdir -p "$PARK_MQTT_HOME/data"
  chmod 700 "$PARK_MQTT_HOME"
  if [[ ! -s $PARK_MQTT_SECRET ]]; then
    (umask 077 && head -c 32 /dev/urandom | base64 | tr -d '\n=/+' >"$PARK_MQTT_SECRET")
  fi
  # Until `cli mosquitto-auth` writes them from the records: no device yet, and the ingestion account.
  [[ -f $PARK_MQTT_HOME/passwd ]] || (umask 077 && : >"$PARK_MQTT_HOME/passwd")
  [[ -f $PARK_MQTT_HOME/acl ]] ||
    (umask 077 && printf 'pattern write park/v1/devices/%%u/telemetry\npattern write park/v1/devices/%%u/status\n' \
      >"$PARK_MQTT_HOME/acl")
  if [[ ! -s $PARK_MQTT_HOME/passwd-services ]]; then
    # Upgrading from the one-listener layout: the ingestion account leaves the devices' files.
    sed -i '/^park-ingestion:/d' "$PARK_MQTT_HOME/passwd"
    (umask 077 && printf 'pattern write park/v1/devices/%%u/telemetry\npattern write park/v1/devices/%%u/status\n' \
      >"$PARK_MQTT_HOME/acl")
    (umask 077 && : >"$PARK_MQTT_HOME/passwd-services")
    mosquitto_passwd -b "$PARK_MQTT_HOME/passwd-services" park-ingestion "$(cat "$PARK_MQTT_SECRET")" >/dev/null
    (umask 077 && printf 'user park-ingestion\ntopic read park/v1/devices/+/telemetry\ntopic read park/v1/devices/+/status\n' \
      >"$PARK_MQTT_HOME/acl-services")
  fi
  printf '%s\n' "$rendered" >"$PARK_MQTT_CONF"
  say "park-mosquitto: starting on $HOST:$PARK_MQTT_PORT (devices) and $HOST:$PARK_MQTT_SERVICE_PORT (services)"
  mosquitto -d -c "$PARK_MQTT_CONF" >>"$PARK_MQTT_LOG" 2>&1 9>&- || true
  deadline=$((SECONDS + MQTT_TIMEOUT))
  while ((SECONDS < deadline)); do
    if park_mqtt_up; then
      say "park-mosquitto: up on $HOST:$PARK_MQTT_PORT and $HOST:$PARK_MQTT_SERVICE_PORT after $(since "$t0")s"
      return
    fi
    sleep 0.3
  done
  fail_with_log park-mosquitto "$MQTT_TIMEOUT" "$PARK_MQTT_LOG"
}

stop_park_mosquitto() {
  stop_pid park-mosquitto "$PARK_MQTT_PID" "$PARK_MQTT_CONF" || say "park-mosquitto: not running"
}

# reload_park_mosquitto: re-read the password and ACL files (after `cli mosquitto-auth` rewrote them). Mosquitto
# 2.0 then re-checks every connected client against the new files and disconnects those no longer in them or
# whose password no longer matches: a disabled device, or one whose credential was rotated, loses its session.
reload_park_mosquitto() {
  if pid_running "$PARK_MQTT_PID" "$PARK_MQTT_CONF"; then
    kill -HUP "$(<"$PARK_MQTT_PID")"
    say "park-mosquitto: reloaded password and ACL files (sessions of disabled or rotated devices closed)"
  else
    die "park-mosquitto: not running; run: services.sh up"
  fi
}

# --- InfluxDB (ours) -------------------------------------------------------------------------------------

install_influxdb() {
  command -v influxd >/dev/null 2>&1 && return
  [[ $(id -u) -eq 0 ]] || die "influxdb: influxd is missing; install it as root: apt-get install -y influxdb"
  local t0
  t0=$(now)
  say "influxdb: influxd missing; installing Debian's influxdb package"
  export DEBIAN_FRONTEND=noninteractive
  local apt_log="$INFLUX_HOME/apt.log"
  mkdir -p "$INFLUX_HOME"
  if ! apt-get install -y -q influxdb >"$apt_log" 2>&1 9>&-; then
    say "influxdb: apt-get install failed (package lists missing or stale?); running apt-get update and retrying"
    if ! { apt-get update -q && apt-get install -y -q influxdb; } >>"$apt_log" 2>&1 9>&-; then
      warn "---- last 20 lines of $apt_log ----"
      tail -n 20 "$apt_log" >&2 || true
      die "influxdb: apt-get install -y influxdb failed (log: $apt_log)"
    fi
  fi
  command -v influxd >/dev/null 2>&1 || die "influxdb: installed, but influxd is not on PATH"
  # The package's postinst may start the system service (unless policy-rc.d forbids it). It would hold
  # 8086/8088 with /etc/influxdb/influxdb.conf; the project runs its own influxd instead.
  if [[ -x /etc/init.d/influxdb ]] && /etc/init.d/influxdb status >/dev/null 2>&1; then
    say "influxdb: stopping the system service the package started"
    /etc/init.d/influxdb stop >/dev/null 2>&1 || true
  fi
  say "influxdb: installed ($(influxd version 2>/dev/null | head -n 1)) in $(since "$t0")s"
}

start_influxdb() {
  if influx_up; then
    if pid_running "$INFLUX_PID" influxd; then
      say "influxdb: up on $HOST:$INFLUX_PORT (started earlier by this script, pid $(<"$INFLUX_PID"); reused)"
    else
      say "influxdb: up on $HOST:$INFLUX_PORT (not started by this script; reused, and down leaves it alone)"
    fi
    return
  fi
  install_influxdb
  local t0 deadline pid
  t0=$(now)
  if pid_running "$INFLUX_PID" influxd; then
    say "influxdb: pid $(<"$INFLUX_PID") is running but not answering yet; waiting"
  else
    if tcp_open "$INFLUX_PORT"; then
      die "influxdb: port $INFLUX_PORT is taken by something that does not answer /ping"
    fi
    mkdir -p "$INFLUX_HOME/meta" "$INFLUX_HOME/data" "$INFLUX_HOME/wal"
    say "influxdb: starting influxd -config $INFLUX_CONF (data in $INFLUX_HOME, log $INFLUX_LOG)"
    # The committed config names the default runtime folder; these overrides follow PARK_SERVICES_HOME.
    INFLUXDB_META_DIR="$INFLUX_HOME/meta" \
      INFLUXDB_DATA_DIR="$INFLUX_HOME/data" \
      INFLUXDB_DATA_WAL_DIR="$INFLUX_HOME/wal" \
      nohup setsid influxd -config "$INFLUX_CONF" >>"$INFLUX_LOG" 2>&1 </dev/null 9>&- &
    pid=$!
    echo "$pid" >"$INFLUX_PID"
  fi
  deadline=$((SECONDS + INFLUX_TIMEOUT))
  while ((SECONDS < deadline)); do
    if influx_up; then
      say "influxdb: up on $HOST:$INFLUX_PORT after $(since "$t0")s (pid $(<"$INFLUX_PID"))"
      return
    fi
    if ! pid_running "$INFLUX_PID" influxd; then
      warn "influxdb: influxd exited during startup"
      fail_with_log influxdb "$INFLUX_TIMEOUT" "$INFLUX_LOG"
    fi
    sleep 0.25
  done
  warn "influxdb: pid $(<"$INFLUX_PID") is still running; 'services.sh up' waits for it again, 'services.sh down' stops it"
  fail_with_log influxdb "$INFLUX_TIMEOUT" "$INFLUX_LOG"
}

stop_influxdb() {
  if stop_pid influxdb "$INFLUX_PID" influxd; then
    say "influxdb: stopped"
  elif influx_up; then
    say "influxdb: up on $HOST:$INFLUX_PORT but not started by this script; left alone"
  else
    say "influxdb: not running"
  fi
}

# --- Kafka (ours) ----------------------------------------------------------------------------------------

# The jars: fetched once per pom content into $KAFKA_LIBS (shared by every clone on the machine).
ensure_kafka_libs() {
  local stamp="$KAFKA_LIBS/.complete" want tmp t0
  want="kafka $KAFKA_VERSION pom $(sha256sum "$KAFKA_POM" | cut -d' ' -f1)"
  if [[ -f $stamp && $(<"$stamp") == "$want" ]]; then
    return
  fi
  command -v mvn >/dev/null 2>&1 || die "kafka: mvn is not installed (needed once to fetch Kafka from Maven Central)"
  command -v java >/dev/null 2>&1 || die "kafka: java is not installed (Kafka $KAFKA_VERSION needs Java 11+; 17 here)"
  t0=$(now)
  say "kafka: fetching Apache Kafka $KAFKA_VERSION and its runtime dependencies from Maven Central into $KAFKA_LIBS"
  tmp="$KAFKA_LIBS.tmp.$$"
  rm -rf "$tmp"
  mkdir -p "$KAFKA_HOME"
  if ! mvn -B -Dstyle.color=never -f "$KAFKA_POM" dependency:copy-dependencies \
    -DoutputDirectory="$tmp" -DincludeScope=runtime >"$KAFKA_HOME/mvn.log" 2>&1 9>&-; then
    rm -rf "$tmp"
    warn "---- last 30 lines of $KAFKA_HOME/mvn.log ----"
    tail -n 30 "$KAFKA_HOME/mvn.log" >&2 || true
    die "kafka: mvn dependency:copy-dependencies failed (log: $KAFKA_HOME/mvn.log)"
  fi
  [[ -f $tmp/kafka_2.13-$KAFKA_VERSION.jar ]] || die "kafka: kafka_2.13-$KAFKA_VERSION.jar missing after the fetch"
  echo "$want" >"$tmp/.complete"
  rm -rf "$KAFKA_LIBS"
  mv "$tmp" "$KAFKA_LIBS"
  say "kafka: fetched $(find "$KAFKA_LIBS" -name '*.jar' | wc -l) jars in $(since "$t0")s"
}

# kafka_java CLASS ARGS...: a short-lived Kafka tool JVM (logs WARN+ to stderr).
kafka_java() {
  java -Xmx512m -XX:TieredStopAtLevel=1 -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$SCRIPT_DIR/kafka/tools-log4j.properties" \
    -cp "$KAFKA_LIBS/*" "$@"
}

render_kafka_config() {
  mkdir -p "$KAFKA_DATA" "$KAFKA_LOGS"
  sed "s#@KAFKA_DATA_DIR@#$KAFKA_DATA#g" "$SCRIPT_DIR/kafka/server.properties.in" >"$KAFKA_CONF.tmp"
  mv "$KAFKA_CONF.tmp" "$KAFKA_CONF"
}

# Format the KRaft storage once (meta.properties missing); the cluster id is kept in cluster.id.
format_kafka_storage() {
  [[ -f $KAFKA_DATA/meta.properties ]] && return
  local cid
  if [[ -s $KAFKA_CLUSTER_ID_FILE ]]; then
    cid=$(<"$KAFKA_CLUSTER_ID_FILE")
  else
    cid=$(kafka_java kafka.tools.StorageTool random-uuid)
    echo "$cid" >"$KAFKA_CLUSTER_ID_FILE"
  fi
  say "kafka: formatting KRaft storage $KAFKA_DATA (cluster id $cid)"
  kafka_java kafka.tools.StorageTool format -t "$cid" -c "$KAFKA_CONF" --ignore-formatted >/dev/null
}

kafka_topics_list() {
  timeout 60 java -Xmx256m -XX:TieredStopAtLevel=1 -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$SCRIPT_DIR/kafka/tools-log4j.properties" \
    -cp "$KAFKA_LIBS/*" org.apache.kafka.tools.TopicCommand \
    --bootstrap-server "$HOST:$KAFKA_PORT" --list
}

start_kafka() {
  if kafka_up; then
    if pid_running "$KAFKA_PID" kafka.Kafka; then
      say "kafka: up on $HOST:$KAFKA_PORT (started earlier by this script, pid $(<"$KAFKA_PID"); reused)"
    else
      say "kafka: up on $HOST:$KAFKA_PORT (not started by this script; reused, and down leaves it alone)"
    fi
    return
  fi
  local t0 deadline pid
  if pid_running "$KAFKA_PID" kafka.Kafka; then
    t0=$(now)
    say "kafka: pid $(<"$KAFKA_PID") is running but not answering yet; waiting"
  else
    ensure_kafka_libs
    t0=$(now)
    if tcp_open "$KAFKA_PORT" || tcp_open "$KAFKA_CONTROLLER_PORT"; then
      die "kafka: port $KAFKA_PORT or $KAFKA_CONTROLLER_PORT is taken by something that is not a Kafka broker"
    fi
    render_kafka_config
    format_kafka_storage
    say "kafka: starting Apache Kafka $KAFKA_VERSION (KRaft, data in $KAFKA_DATA, logs in $KAFKA_LOGS)"
    [[ -f $KAFKA_OUT ]] && mv -f "$KAFKA_OUT" "$KAFKA_OUT.prev"
    # nohup + setsid: the broker outlives this script and its terminal/process group.
    # shellcheck disable=SC2086 # KAFKA_HEAP is a list of JVM options
    nohup setsid java $KAFKA_HEAP -server \
      -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
      -XX:+ExplicitGCInvokesConcurrent -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
      -Dkafka.logs.dir="$KAFKA_LOGS" \
      -Dlog4j.configuration="file:$SCRIPT_DIR/kafka/log4j.properties" \
      -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_CONF" >"$KAFKA_OUT" 2>&1 </dev/null 9>&- &
    pid=$!
    echo "$pid" >"$KAFKA_PID"
  fi
  deadline=$((SECONDS + KAFKA_TIMEOUT))
  while ((SECONDS < deadline)); do
    if kafka_up; then
      break
    fi
    if ! pid_running "$KAFKA_PID" kafka.Kafka; then
      warn "kafka: the broker exited during startup (stdout/stderr: $KAFKA_OUT)"
      fail_with_log kafka "$KAFKA_TIMEOUT" "$KAFKA_LOGS/server.log" "$KAFKA_OUT"
    fi
    sleep 0.5
  done
  if ! kafka_up; then
    warn "kafka: pid $(<"$KAFKA_PID") is still running; 'services.sh up' waits for it again, 'services.sh down' stops it"
    fail_with_log kafka "$KAFKA_TIMEOUT" "$KAFKA_LOGS/server.log" "$KAFKA_OUT"
  fi
  # A real client round trip (metadata request through the Java AdminClient), once per start.
  if ! kafka_topics_list >/dev/null; then
    warn "kafka: the broker answers ApiVersions but listing topics failed"
    fail_with_log kafka "$KAFKA_TIMEOUT" "$KAFKA_LOGS/server.log" "$KAFKA_OUT"
  fi
  say "kafka: up on $HOST:$KAFKA_PORT after $(since "$t0")s (pid $(<"$KAFKA_PID"))"
}

stop_kafka() {
  if stop_pid kafka "$KAFKA_PID" kafka.Kafka; then
    say "kafka: stopped"
  elif kafka_up; then
    say "kafka: up on $HOST:$KAFKA_PORT but not started by this script; left alone"
  else
    say "kafka: not running"
  fi
}

# --- SMTP (for the e-mail notification tests) ----------------------------------------------------------------

# aiosmtpd from Debian's python3-aiosmtpd, with its Mailbox handler: every message it accepts is added to a Maildir
# (one file per message under new/), which the e-mail test reads back. It accepts any sender and recipient and
# relays nothing: a real SMTP dialogue (EHLO, MAIL, RCPT, DATA, reply codes) for nodemailer, not a mail service.
# Debian's own python3 runs it: a python3 earlier on PATH (pyenv) has no aiosmtpd.
SMTP_HOME="$RUNTIME/smtp"
SMTP_MAILDIR="$SMTP_HOME/maildir"
SMTP_PID="$SMTP_HOME/aiosmtpd.pid"
SMTP_LOG="$SMTP_HOME/aiosmtpd.log"
SMTP_PYTHON=/usr/bin/python3

# smtp_up: an SMTP server greets with 220 and answers QUIT with 221.
smtp_up() {
  # shellcheck disable=SC2016 # the inner script is single-quoted on purpose; host and port are $1 $2
  timeout 3 bash -c '
    exec 3<>"/dev/tcp/$1/$2" || exit 1
    IFS= read -r -t 2 greeting <&3 || exit 1
    [[ $greeting == 220* ]] || exit 1
    printf "QUIT\r\n" >&3
    IFS= read -r -t 2 bye <&3 || exit 1
    [[ $bye == 221* ]]
  ' smtp-probe "$HOST" "$SMTP_PORT" 2>/dev/null
}

install_smtp() {
  "$SMTP_PYTHON" -c 'import aiosmtpd' >/dev/null 2>&1 && return
  [[ $(id -u) -eq 0 ]] || die "smtp: python3-aiosmtpd is missing; install it as root: apt-get install -y python3-aiosmtpd"
  local t0 apt_log="$SMTP_HOME/apt.log"
  t0=$(now)
  mkdir -p "$SMTP_HOME"
  say "smtp: installing Debian's python3-aiosmtpd"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q --no-install-recommends python3-aiosmtpd >"$apt_log" 2>&1 9>&-; then
    say "smtp: apt-get install failed (package lists missing or stale?); running apt-get update and retrying"
    if ! { apt-get update -q && apt-get install -y -q --no-install-recommends python3-aiosmtpd; } \
      >>"$apt_log" 2>&1 9>&-; then
      warn "---- last 20 lines of $apt_log ----"
      tail -n 20 "$apt_log" >&2 || true
      die "smtp: apt-get install -y python3-aiosmtpd failed (log: $apt_log)"
    fi
  fi
  "$SMTP_PYTHON" -c 'import aiosmtpd' >/dev/null 2>&1 || die "smtp: installed, but $SMTP_PYTHON cannot import aiosmtpd"
  say "smtp: installed python3-aiosmtpd in $(since "$t0")s"
}

start_smtp() {
  # aiosmtpd's Mailbox creates the Maildir's folders only when the Maildir itself does not exist yet.
  mkdir -p "$SMTP_MAILDIR/tmp" "$SMTP_MAILDIR/new" "$SMTP_MAILDIR/cur"
  if smtp_up; then
    say "smtp: up on $HOST:$SMTP_PORT (Maildir $SMTP_MAILDIR; reused)"
    return
  fi
  install_smtp
  local t0 deadline pid
  t0=$(now)
  if pid_running "$SMTP_PID" aiosmtpd; then
    say "smtp: pid $(<"$SMTP_PID") is running but not answering yet; waiting"
  else
    tcp_open "$SMTP_PORT" && die "smtp: port $SMTP_PORT is taken by something that does not speak SMTP"
    say "smtp: starting aiosmtpd on $HOST:$SMTP_PORT (Maildir $SMTP_MAILDIR, log $SMTP_LOG)"
    nohup setsid "$SMTP_PYTHON" -m aiosmtpd -n -l "$HOST:$SMTP_PORT" -c aiosmtpd.handlers.Mailbox "$SMTP_MAILDIR" \
      >>"$SMTP_LOG" 2>&1 </dev/null 9>&- &
    pid=$!
    echo "$pid" >"$SMTP_PID"
  fi
  deadline=$((SECONDS + SMTP_TIMEOUT))
  while ((SECONDS < deadline)); do
    if smtp_up; then
      say "smtp: up on $HOST:$SMTP_PORT after $(since "$t0")s (pid $(<"$SMTP_PID"))"
      return
    fi
    if ! pid_running "$SMTP_PID" aiosmtpd; then
      warn "smtp: aiosmtpd exited during startup"
      fail_with_log smtp "$SMTP_TIMEOUT" "$SMTP_LOG"
    fi
    sleep 0.25
  done
  fail_with_log smtp "$SMTP_TIMEOUT" "$SMTP_LOG"
}

stop_smtp() {
  if stop_pid smtp "$SMTP_PID" aiosmtpd; then
    say "smtp: stopped"
  elif smtp_up; then
    say "smtp: up on $HOST:$SMTP_PORT but not started by this script; left alone"
  else
    say "smtp: not running"
  fi
}

# --- Chromium (for the web end-to-end tests) ----------------------------------------------------------------

# Debian's chromium drives test/e2e through playwright-core (executablePath /usr/bin/chromium; a browser build
# of playwright's own cannot be downloaded here), plus one small CJK font so the Chinese UI renders as text,
# not boxes, in the screenshots, and poppler-utils (pdftoppm, pdftotext) for the reports' PDF checks
# (test/e2e/reports.e2e-spec.ts, docs/decisions/011-pdf-reports-pdfmake-noto-sans-sc.md). Installed once, only when missing; not a service, nothing to start or stop.
CHROMIUM_HOME="$RUNTIME/chromium"
CHROMIUM_PACKAGES=(chromium fonts-wqy-microhei poppler-utils)

chromium_ready() {
  command -v chromium >/dev/null 2>&1 && dpkg -s fonts-wqy-microhei >/dev/null 2>&1 &&
    command -v pdftoppm >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1
}

ensure_chromium() {
  if chromium_ready; then
    say "chromium: installed ($(chromium --version 2>/dev/null | head -n 1))"
    return
  fi
  if [[ $(id -u) -ne 0 ]]; then
    warn "chromium: missing and not root; the web end-to-end tests need it: apt-get install -y ${CHROMIUM_PACKAGES[*]}"
    return
  fi
  local t0 apt_log="$CHROMIUM_HOME/apt.log"
  t0=$(now)
  mkdir -p "$CHROMIUM_HOME"
  say "chromium: installing Debian's ${CHROMIUM_PACKAGES[*]} (for the web end-to-end tests)"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q --no-install-recommends "${CHROMIUM_PACKAGES[@]}" >"$apt_log" 2>&1 9>&-; then
    say "chromium: apt-get install failed (package lists missing or stale?); running apt-get update and retrying"
    if ! { apt-get update -q && apt-get install -y -q --no-install-recommends "${CHROMIUM_PACKAGES[@]}"; } \
      >>"$apt_log" 2>&1 9>&-; then
      warn "---- last 20 lines of $apt_log ----"
      tail -n 20 "$apt_log" >&2 || true
      die "chromium: apt-get install -y ${CHROMIUM_PACKAGES[*]} failed (log: $apt_log)"
    fi
  fi
  chromium_ready || die "chromium: installed, but chromium is not on PATH"
  say "chromium: installed ($(chromium --version 2>/dev/null | head -n 1)) in $(since "$t0")s"
}

# --- commands ----------------------------------------------------------------------------------------------

status_line() {
  local name=$1 port=$2 probe=$3
  if "$probe"; then
    say "$name $HOST:$port up"
    return 0
  fi
  say "$name $HOST:$port down"
  return 1
}

cmd_status() {
  local rc=0
  status_line postgresql "$PG_PORT" pg_up || rc=1
  status_line mosquitto "$MQTT_PORT" mqtt_up || rc=1
  status_line park-mosquitto "$PARK_MQTT_PORT+$PARK_MQTT_SERVICE_PORT" park_mqtt_up || rc=1
  status_line influxdb "$INFLUX_PORT" influx_up || rc=1
  status_line kafka "$KAFKA_PORT" kafka_up || rc=1
  status_line smtp "$SMTP_PORT" smtp_up || rc=1
  return "$rc"
}

cmd_up() {
  local t0
  t0=$(now)
  take_lock
  say "services: runtime folder $RUNTIME"
  ensure_postgresql
  ensure_mosquitto
  start_park_mosquitto
  start_influxdb
  start_kafka
  start_smtp
  ensure_chromium
  say "services: all up in $(since "$t0")s"
}

cmd_down() {
  take_lock
  stop_smtp
  stop_kafka
  stop_influxdb
  stop_park_mosquitto
  say "postgresql, mosquitto: left running (they belong to the machine)"
}

usage() {
  sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
}

main() {
  local cmd=${1:-}
  [[ $# -gt 0 ]] && shift
  case $cmd in
    up) cmd_up ;;
    down) cmd_down ;;
    status) cmd_status ;;
    restart-kafka)
      take_lock
      stop_kafka
      start_kafka
      ;;
    stop-kafka)
      take_lock
      stop_kafka
      ;;
    start-kafka)
      take_lock
      start_kafka
      ;;
    stop-influxdb)
      take_lock
      stop_influxdb
      ;;
    start-influxdb)
      take_lock
      start_influxdb
      ;;
    reload-park-mosquitto) reload_park_mosquitto ;;
    kafka-class)
      [[ $# -gt 0 ]] || die "usage: services.sh kafka-class CLASS [ARGS...]"
      [[ -f $KAFKA_LIBS/.complete ]] || die "kafka: no jars in $KAFKA_LIBS yet; run: services.sh up"
      kafka_java "$@"
      ;;
    -h | --help | help) usage ;;
    *)
      usage >&2
      exit 2
      ;;
  esac
}

main "$@"
