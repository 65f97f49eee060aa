#!/usr/bin/env bash
# npm test: make sure the real services are up, run the type and lint gates, then every Jest suite.
# Ends with one line "N passed, N failed" (totals over every suite).
set -uo pipefail
cd "$(dirname "$0")/.."

bash deploy/local/services.sh up || { echo "services did not come up"; echo "0 passed, 1 failed"; exit 1; }
npm run --silent typecheck || { echo "0 passed, 1 failed"; exit 1; }
npm run --silent lint || { echo "0 passed, 1 failed"; exit 1; }
# Some integration suites run the apps as real processes (kill -9 fault test): build them first.
npm run --silent build >/dev/null || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
# The committed OpenAPI document and the web app's types generated from it must be what the code generates.
node dist/scripts/openapi.js --check || { echo "0 passed, 1 failed"; exit 1; }

mkdir -p test-output
rm -f test-output/security-tally.jsonl
npx jest --ci --json --outputFile=test-output/jest.json "$@"
status=$?
node scripts/security-summary.js test-output/security-tally.jsonl
node scripts/jest-summary.js test-output/jest.json || status=1
exit $status
