#!/usr/bin/env bash
# Lighthouse (performance, accessibility, best practices) on the reading pages of a published Release build in
# Production, mobile and desktop, with Lighthouse's default devtools throttling, as docs/performance.md records it.
#
#   scripts/perf/lighthouse.sh               # every page, both form factors, one run each
#   RUNS=3 scripts/perf/lighthouse.sh        # the median of three runs per page
#
# Needs Chromium (/usr/bin/chromium, or $CHROME_PATH) and Lighthouse from npm (installed into out/lighthouse once).
set -euo pipefail
cd "$(dirname "$0")/../.."

publish=${PUBLISH_DIR:-out/perf}
port=${PORT:-5302}
runs=${RUNS:-1}
results=out/perf-results/lighthouse
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
mkdir -p "$results"

if [[ ! -x out/lighthouse/node_modules/.bin/lighthouse ]]; then
  mkdir -p out/lighthouse && (cd out/lighthouse && npm init -y > /dev/null && npm install --no-audit --no-fund lighthouse)
fi
lighthouse=$(pwd)/out/lighthouse/node_modules/.bin/lighthouse

source scripts/perf/published-app.sh
start_published_app "$publish" "$port" "$results/server.log"

printf '%-14s %-8s %5s %5s %6s %6s %6s %5s\n' page form perf a11y FCP_ms LCP_ms TBT_ms CLS
for path in / /claims /claims/2 /actors/1 /sources/1; do
  for form in mobile desktop; do
    preset=()
    [[ $form == desktop ]] && preset=(--preset=desktop)
    name=$(echo "$path" | tr '/' '_')
    scores=()
    for run in $(seq 1 "$runs"); do
      out="$results/${form}${name}-$run.json"
      "$lighthouse" "http://127.0.0.1:$port$path" "${preset[@]}" --only-categories=performance,accessibility,best-practices \
        --chrome-flags="--headless=new --no-sandbox" --output=json --output-path="$out" --quiet
      scores+=("$(node -e '
        const r = require(process.argv[1]); const a = r.audits;
        console.log([Math.round(r.categories.performance.score * 100), Math.round(r.categories.accessibility.score * 100),
          Math.round(a["first-contentful-paint"].numericValue), Math.round(a["largest-contentful-paint"].numericValue),
          Math.round(a["total-blocking-time"].numericValue), a["cumulative-layout-shift"].numericValue.toFixed(3)].join(" "));' "$(pwd)/$out")")
    done
    # The run with the median performance score.
    median=$(printf '%s\n' "${scores[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
    printf '%-14s %-8s %5s %5s %6s %6s %6s %5s\n' "$path" "$form" $median
  done
done
