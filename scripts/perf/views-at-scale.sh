#!/usr/bin/env bash
# Whole responses of the published app on a large database, as a browser or a data desk's script gets them: the views of
# who stands where (server-rendered pages: the matrix, a claim map, timelines, /consistency, a comparison) and the CSV
# exports, each timed with curl (time to the first byte and to the last, and the size).
#
#   scripts/perf/views-at-scale.sh /tmp/claimtracker-1m.db          # a file made by the app's generate command
#   RUNS=20 PUBLISH_DIR=out/perf scripts/perf/views-at-scale.sh DB
#
# The app runs on a copy of the file (it migrates it to the current schema at start-up), in Production, from a Release
# publish into $PUBLISH_DIR (default out/perf). Each page is asked for once (the first request, from the database), then
# $RUNS times (default 20; from the read-model cache where the page uses it, as nothing writes meanwhile); each export
# once and then twice. Prints one table row per address: the first request, and p50 and p95 of the runs.
set -euo pipefail
cd "$(dirname "$0")/../.."

source_db=${1:?usage: scripts/perf/views-at-scale.sh DATABASE}
publish=${PUBLISH_DIR:-out/perf}
port=${PORT:-5302}
runs=${RUNS:-20}
results=$(pwd)/out/perf-results
mkdir -p "$results"

source scripts/perf/published-app.sh
start_published_app "$publish" "$port" "$results/views-at-scale-server.log" "$source_db"
db=$published_app_db
# Scratch files beside the copy, deleted with it.
work=$(dirname "$db")
q() { sqlite3 "$db" "$1"; }
busiest_actor=$(q "SELECT ActorId FROM Attributions WHERE IsDeleted = 0 GROUP BY ActorId ORDER BY COUNT(*) DESC, ActorId LIMIT 1")
second_actor=$(q "SELECT ActorId FROM Attributions WHERE IsDeleted = 0 GROUP BY ActorId ORDER BY COUNT(*) DESC, ActorId LIMIT 1 OFFSET 1")
median_actor=$(q "SELECT ActorId FROM (SELECT ActorId, COUNT(*) AS n FROM Attributions WHERE IsDeleted = 0 GROUP BY ActorId) ORDER BY n, ActorId LIMIT 1 OFFSET (SELECT COUNT(DISTINCT ActorId) / 2 FROM Attributions)")
hub_claim=$(q "SELECT ClaimId FROM (SELECT FromClaimId AS ClaimId FROM ClaimRelations WHERE IsDeleted = 0 UNION ALL SELECT ToClaimId FROM ClaimRelations WHERE IsDeleted = 0) GROUP BY ClaimId ORDER BY COUNT(*) DESC, ClaimId LIMIT 1")
busiest_claim=$(q "SELECT ClaimId FROM Attributions WHERE IsDeleted = 0 GROUP BY ClaimId ORDER BY COUNT(*) DESC, ClaimId LIMIT 1")
topic=${TOPIC:-energy}
echo "Database: $(du -h "$source_db" | cut -f1), $(q "SELECT COUNT(*) FROM Attributions") statements, $(q "SELECT COUNT(*) FROM Claims") claims"
echo "Busiest actor $busiest_actor, next $second_actor, median $median_actor; claim with most relations $hub_claim, with most statements $busiest_claim; topic $topic"
echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M') UTC; $runs runs per page"
echo
echo "| address | first request | runs | first byte p50 | p50 | p95 | max | size |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"

# time_starttransfer and time_total in seconds, size in bytes; a status other than 200 stops the run.
measure() {
  local path=$1 count=$2 line code
  # The first request loads from the database; later ones may be served from the read-model cache until a write.
  local cold
  cold=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port$path")
  local firsts=() totals=() size=0
  for _ in $(seq 1 "$count"); do
    line=$(curl -s -o /dev/null -w '%{http_code} %{time_starttransfer} %{time_total} %{size_download}' "http://127.0.0.1:$port$path")
    read -r code first total size <<< "$line"
    [[ $code == 200 ]] || { echo "$path answered $code" >&2; exit 1; }
    firsts+=("$first"); totals+=("$total")
  done
  printf '%s\n' "${totals[@]}" | sort -g > "$work/totals"
  printf '%s\n' "${firsts[@]}" | sort -g > "$work/firsts"
  # Nearest rank, as the benchmark project computes it.
  local p50 p95 max f50
  p50=$(sed -n "$(( (count * 50 + 99) / 100 ))p" "$work/totals")
  p95=$(sed -n "$(( (count * 95 + 99) / 100 ))p" "$work/totals")
  max=$(tail -n 1 "$work/totals")
  f50=$(sed -n "$(( (count * 50 + 99) / 100 ))p" "$work/firsts")
  awk -v p="$path" -v n="$count" -v c="$cold" -v f="$f50" -v a="$p50" -v b="$p95" -v m="$max" -v s="$size" 'BEGIN {
    unit = s >= 1048576 ? sprintf("%.1f MB", s / 1048576) : sprintf("%.0f KB", s / 1024);
    printf "| `%s` | %.0f ms | %d | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %s |\n", p, c * 1000, n, f * 1000, a * 1000, b * 1000, m * 1000, unit }'
}

measure "/matrix" "$runs"
measure "/matrix?topic=$topic" "$runs"
measure "/matrix?actor=$busiest_actor" "$runs"
measure "/matrix?q=ceasefire" "$runs"
measure "/claims/$hub_claim/map" "$runs"
measure "/claims/$hub_claim/map?hops=2&actors=true" "$runs"
measure "/map?topic=$topic" "$runs"
measure "/claims/$busiest_claim/timeline" "$runs"
measure "/actors/$busiest_actor/timeline" "$runs"
measure "/actors/$busiest_actor" "$runs"
measure "/consistency" "$runs"
measure "/consistency?topic=$topic" "$runs"
measure "/actors/compare?a=$busiest_actor&b=$second_actor" "$runs"
measure "/actors/compare?a=$busiest_actor&b=$median_actor" "$runs"
measure "/api/actors/$busiest_actor" "$runs"
measure "/api/claims?updatedSince=2026-01-01T00:00:00Z" "$runs"
measure "/api/export/claims.csv?topic=$topic" 2
measure "/api/export/attributions.csv?actor=$busiest_actor" 2
measure "/api/export/actors.csv" 2
measure "/api/export/claims.csv" 2
measure "/api/export/attributions.csv" 2
echo
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
