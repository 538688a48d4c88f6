# Sourced by the scripts beside it: the published app in Production on a fresh database of its own, or on a copy of one.
#
#   start_published_app PUBLISH_DIR PORT LOG_FILE [DATABASE]
#
# Publishes into PUBLISH_DIR first when it holds no build. With DATABASE (a SQLite file, e.g. one made by the app's
# generate command) the app runs on a copy of it, left untouched; without, on a new one. Sets $server to the app's
# process id and $published_app_db to its database, stops the app and deletes that database when the calling script
# exits, and returns once the home page answers (the first start migrates, and seeds a new database); if it never does,
# the calling script stops with the end of the app's log.

start_published_app() {
  local publish=$1 port=$2 log
  # Absolute: the app starts in its publish folder.
  log=$(cd "$(dirname "$3")" && pwd)/$(basename "$3")
  if [[ ! -x "$publish/ClaimTracker.Web" ]]; then
    dotnet publish src/ClaimTracker.Web -c Release -o "$publish" --nologo
  fi
  local publish_abs
  publish_abs=$(cd "$publish" && pwd)
  published_app_db=$(mktemp -d)/claimtracker.db
  if [[ -n "${4:-}" ]]; then
    cp "$4" "$published_app_db"
  fi
  (cd "$publish_abs" && ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__ClaimTracker="Data Source=$published_app_db" \
    exec ./ClaimTracker.Web --urls "http://127.0.0.1:$port" > "$log" 2>&1) &
  server=$!
  trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$(dirname "$published_app_db")"' EXIT
  for _ in $(seq 1 240); do
    if curl -sf -o /dev/null "http://127.0.0.1:$port/"; then
      return 0
    fi
    sleep 0.5
  done
  echo "The app did not answer on port $port within 2 minutes; the end of $log:" >&2
  tail -n 20 "$log" >&2
  exit 1
}
