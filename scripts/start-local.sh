#!/usr/bin/env bash
# npm run start:microservices — the MICROSERVICES stack (ingestion, telemetry writer, rules, api as separate processes) on the
# local real services: PostgreSQL, Mosquitto, InfluxDB and Kafka. (`npm start` is the standalone mode.)
set -euo pipefail
cd "$(dirname "$0")/.."

bash deploy/local/services.sh up
npm run --silent build
npm run --silent build:web >/dev/null

data_dir=.park-data
mkdir -p "$data_dir"
# Secrets come from the environment; for a local first run one is generated once and kept in .park-data/.
if [ -z "${JWT_SECRET:-}" ]; then
  [ -s "$data_dir/jwt-secret" ] || head -c 48 /dev/urandom | base64 | tr -d '\n=' > "$data_dir/jwt-secret"
  JWT_SECRET=$(cat "$data_dir/jwt-secret")
  export JWT_SECRET
fi
# The alert links in notification messages: signed by rules, checked by the api, with one secret of their own.
if [ -z "${ALERT_LINK_SECRET:-}" ]; then
  [ -s "$data_dir/alert-link-secret" ] || head -c 48 /dev/urandom | base64 | tr -d '\n=' > "$data_dir/alert-link-secret"
  ALERT_LINK_SECRET=$(cat "$data_dir/alert-link-secret")
  export ALERT_LINK_SECRET
fi
# Where messages send people: this machine's web platform unless the park says otherwise.
export PUBLIC_BASE_URL=${PUBLIC_BASE_URL:-http://127.0.0.1:${API_PORT:-3000}}
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/smart_park}
db_name=${DATABASE_URL##*/}
if ! psql "${DATABASE_URL%/*}/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = '$db_name'" | grep -q 1; then
  psql "${DATABASE_URL%/*}/postgres" -qc "CREATE DATABASE \"$db_name\""
fi
node dist/scripts/cli.js seed-demo

# Devices and ingestion use the project's authenticated broker (park-mosquitto: devices on port 1884, the
# platform's services on 1885): regenerate its password and ACL files from the records and make it re-read them
# (which also disconnects devices disabled or given a new credential since the last time); the watcher below
# keeps doing it while the platform runs.
services_home=${PARK_SERVICES_HOME:-/var/tmp/smart-park-services}
PARK_INGESTION_MQTT_PASSWORD=$(cat "$services_home/mosquitto/ingestion.secret")
export PARK_INGESTION_MQTT_PASSWORD
node dist/scripts/cli.js mosquitto-auth "$services_home/mosquitto"
bash deploy/local/services.sh reload-park-mosquitto
export MQTT_URL=${MQTT_URL:-mqtt://127.0.0.1:${PARK_MQTT_SERVICE_PORT:-1885}}
export MQTT_USERNAME=${MQTT_USERNAME:-park-ingestion}
export MQTT_PASSWORD=${MQTT_PASSWORD:-$PARK_INGESTION_MQTT_PASSWORD}

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

run() {
  local name=$1; shift
  # Process substitution keeps $! the node process itself, so cleanup stops the app, not its log filter.
  # A command other than a script (e.g. `nice … node …`) runs as given.
  if [ "${1##*.}" = js ]; then set -- node "$@"; fi
  "$@" > >(sed -u "s/^/[$name] /") 2>&1 &
  pids+=($!)
}
# Keeps park-mosquitto's files in step with the records: a device disabled or given a new credential through the
# API loses its open session within a second (rewrite + reload on every device change).
run broker-files dist/scripts/cli.js mosquitto-auth-watch "$services_home/mosquitto"
# Ingestion as two processes: the MQTT ingress (latency-critical: a device's PUBACK waits for Kafka) alone, and the
# bulk consumers of the telemetry topic — the InfluxDB writer and the liveness watcher — in a second one, so a large
# write batch never holds up the ingress's event loop. The bulk one runs at a lower CPU priority
# (TELEMETRY_WRITER_NICE, 10): on a small machine it yields to the alert path, and catches up from Kafka.
RUN_TELEMETRY_WRITER=false RUN_LIVENESS=false run ingestion dist/apps/ingestion/src/main.js
RUN_MQTT_INGRESS=false INGEST_HTTP_PORT=${TELEMETRY_WRITER_HTTP_PORT:-9465} \
  run telemetry-writer nice -n "${TELEMETRY_WRITER_NICE:-10}" node dist/apps/ingestion/src/main.js
run rules dist/apps/rules/src/main.js
run api dist/apps/api/src/main.js

port=${API_PORT:-3000}
for _ in $(seq 1 60); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
  sleep 1
done
cat <<MSG

  Smart park platform (microservices mode) is running.
  API:        http://127.0.0.1:$port   (health: /health)
  Try it:     npm run watch-alerts      # in another terminal, logs in as "officer"
              mosquitto_pub -h 127.0.0.1 -p ${PARK_MQTT_PORT:-1884} -q 1 -u demo-gas-001 -P ${DEMO_DEVICE_SECRET:-demo-device-secret} \\
                -t park/v1/devices/demo-gas-001/telemetry -m '{"ts":'\$(date +%s%3N)',"values":{"lel":30}}'
  Logins:     admin / officer / operator / manager, password "${DEMO_PASSWORD:-park-demo-2025}"
  Stop:       Ctrl-C

MSG
# Exit (and stop the others) as soon as one app dies.
wait -n "${pids[@]}"
