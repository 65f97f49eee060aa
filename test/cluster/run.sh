#!/usr/bin/env bash
# npm run test:cluster — the fault suite on the multi-host test bed (deploy/cluster/README.md). Not part of
# `npm test`: it takes about 10 minutes and root (network namespaces). Builds the apps, brings the test bed up, runs
# the Jest project `cluster` on the test bed's client host, and takes the test bed down again whatever happened.
# Arguments go to Jest (e.g. -t 'partition').
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
[[ $(id -u) -eq 0 ]] || { echo "test:cluster needs root (ip netns)" >&2; exit 1; }
TESTBED=deploy/cluster/testbed.sh
npm run --silent build
# CLUSTER_KEEP=1 leaves the test bed up afterwards, to look into a failure (then: bash deploy/cluster/testbed.sh down).
if [[ ${CLUSTER_KEEP:-} == 1 ]]; then trap 'echo "test bed left up (CLUSTER_KEEP=1)"' EXIT; else trap 'bash "$TESTBED" down' EXIT; fi
trap 'exit 130' INT TERM
bash "$TESTBED" up
# The tests' own services are the test bed's (test/support/test-environment.ts reads these).
ip netns exec sp-client env PARK_CLUSTER_TESTS=1 \
  TEST_PG_ADMIN_URL=postgres://postgres@10.77.0.20:5432/postgres \
  TEST_INFLUX_URL=http://10.77.0.20:8086 \
  TEST_KAFKA_BROKERS=10.77.0.11:9092,10.77.0.12:9092,10.77.0.13:9092 \
  TEST_MQTT_URL=mqtt://10.77.0.30:1883 \
  npx jest --selectProjects cluster --runInBand --forceExit "$@"
