#!/usr/bin/env bash
# Load run of ClaimTracker's reading pages with the Blazor circuit load client (../shared/tools/circuits or $CIRCUITS_TOOL),
# as docs/performance.md records it: a published Release build in Production, on a fresh seeded database, each circuit
# navigating /claims -> /claims/2 -> /actors/1 -> /sources/1 -> / every 5 s.
#
#   scripts/perf/circuits.sh 1000            # circuits; more options after it go to load.mjs, e.g. --duration 120
#   PUBLISH_DIR=out/publish scripts/perf/circuits.sh 500 --no-mirror
#
# Publishes into $PUBLISH_DIR (default out/perf) unless it holds a build already; prints the load client's summary and
# writes its JSON to out/perf-results/circuits-<N>.json.
set -euo pipefail
cd "$(dirname "$0")/../.."

circuits=${1:?usage: scripts/perf/circuits.sh CIRCUITS [load.mjs options]}
shift
tool=${CIRCUITS_TOOL:-../shared/tools/circuits}
publish=${PUBLISH_DIR:-out/perf}
port=${PORT:-5301}
results=out/perf-results
mkdir -p "$results"

if [[ ! -d "$tool/node_modules" ]]; then
  (cd "$tool" && npm ci)
fi

source scripts/perf/published-app.sh
start_published_app "$publish" "$port" "$results/server-$circuits.log"

node "$tool/load.mjs" --base "http://127.0.0.1:$port" --path / --nav /claims,/claims/2,/actors/1,/sources/1,/ \
  --circuits "$circuits" --ramp 25 --interval 5000 --duration 60 --server-pid "$server" \
  --json-out "$results/circuits-$circuits.json" "$@"
