#!/usr/bin/env bash
# The one test command: ./scripts/test.sh from the repository root.
# Builds the solution, runs every test project (unit, integration, bUnit and real-browser E2E) on SQLite, then the
# PostgreSQL leg: the integration classes where the engine matters ([BothEngines]) again on PostgreSQL. Ends with a
# single line "N passed, N failed[, N skipped]" that CI reads.
# PostgreSQL: CLAIMTRACKER_TEST_POSTGRES (a connection string to a server the tests may create databases on, no database
# named) when set; otherwise Debian's postgresql is installed if missing and a throwaway cluster is started for the run
# (initdb into a temporary folder as an unprivileged user, a free port on 127.0.0.1, stopped and deleted at the end).
# Extra arguments go to dotnet test, e.g. ./scripts/test.sh --filter "FullyQualifiedName~Smoke".
# Exits non-zero if any test failed or if no test ran at all (a silent zero is a broken run, not a green one).
set -euo pipefail

cd "$(dirname "$0")/.."

results_dir="TestResults"
chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"

# The E2E tests drive the distribution's Chromium: Playwright's own browser download does not work
# in our environment. A fresh CI machine has none, so install it. The apt-get update is needed there,
# because a fresh image has empty package lists.
if [[ ! -x "$chromium_path" ]]; then
  echo "Chromium not found at $chromium_path; installing Debian's chromium package."
  if [[ "$(id -u)" -eq 0 ]]; then
    sudo_cmd=()
  else
    sudo_cmd=(sudo)
  fi
  "${sudo_cmd[@]}" apt-get update
  # env, not a plain prefix: sudo would drop the variable.
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
fi

# A throwaway PostgreSQL server for the run, unless one is given.
pg_dir=""
stop_postgres() {
  if [[ -n "$pg_dir" && -d "$pg_dir" ]]; then
    "${pg_run[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
if [[ -z "${CLAIMTRACKER_TEST_POSTGRES:-}" ]]; then
  if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
    echo "PostgreSQL not found; installing Debian's postgresql package."
    if [[ "$(id -u)" -eq 0 ]]; then sudo_cmd=(); else sudo_cmd=(sudo); fi
    "${sudo_cmd[@]}" apt-get update
    "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
  fi
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  # PostgreSQL refuses to run as root: as root, the cluster belongs to the unprivileged postgres user.
  if [[ "$(id -u)" -eq 0 ]]; then pg_run=(runuser -u postgres --); else pg_run=(); fi
  pg_dir="$(mktemp -d /tmp/claimtracker-pg.XXXXXX)"
  [[ "$(id -u)" -eq 0 ]] && chown postgres "$pg_dir"
  trap stop_postgres EXIT
  # A free port: the first in the range that nothing answers on.
  pg_port=""
  for candidate in $(seq 55433 55533); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then pg_port="$candidate"; break; fi
  done
  [[ -n "$pg_port" ]] || { echo "No free port for the test PostgreSQL server." >&2; exit 1; }
  "${pg_run[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  # fsync off: the cluster is thrown away after the run, and tests should not wait on the disk. Connections: every
  # test class's app has a pool of its own.
  "${pg_run[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
    -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=400" start >/dev/null
  export CLAIMTRACKER_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres"
  echo "Test PostgreSQL server: $("$pg_bin/postgres" --version), port $pg_port."
fi

# dotnet-ef and any other local tools the build may call.
dotnet tool restore

# Build once, up front, so that a compile error is reported as such, not as a test failure.
dotnet build ClaimTracker.sln --nologo

# Stale .trx files from an earlier run would be counted again.
rm -rf "$results_dir"

# Let dotnet test fail without stopping the script: the summary below is printed either way,
# and the exit status is decided from the counts.
test_status=0
# -maxcpucount:1 runs the test projects one after the other. In parallel, the integration suite (dozens of app
# instances) starved the browser tests of the machine's two cores, and their timing-sensitive steps timed out.
dotnet test ClaimTracker.sln --no-build --nologo -maxcpucount:1 \
  --logger "trx;LogFilePrefix=sqlite" --results-directory "$results_dir" "$@" || test_status=$?

# The PostgreSQL leg: the integration classes where the engine matters, on PostgreSQL (see the README, "Running at scale").
# A --filter given to this script narrows the leg too: dotnet test takes one filter, so the two are joined.
postgres_filter="Engine=Both"
postgres_args=()
while (($# > 0)); do
  if [[ "$1" == "--filter" && $# -ge 2 ]]; then
    postgres_filter="Engine=Both&($2)"
    shift 2
  else
    postgres_args+=("$1")
    shift
  fi
done
postgres_status=0
CLAIMTRACKER_TEST_DATABASE=Postgres dotnet test tests/ClaimTracker.Tests --no-build --nologo \
  --filter "$postgres_filter" --logger "trx;LogFilePrefix=postgres" --results-directory "$results_dir" "${postgres_args[@]}" || postgres_status=$?
if ((test_status == 0)); then test_status=$postgres_status; fi

# Each test assembly writes one .trx; its <Counters> element holds the totals.
shopt -s nullglob
trx_files=("$results_dir"/*.trx)
shopt -u nullglob

# The value of attribute $1 in the <Counters .../> element held in $counters; 0 if absent.
attr() {
  local value
  value="$(printf '%s' "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p")"
  echo "${value:-0}"
}

passed=0
failed=0
skipped=0
declare -A passed_on failed_on
for trx in "${trx_files[@]}"; do
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)"
  engine="$(basename "$trx" | cut -d_ -f1)"
  trx_passed=$(attr passed)
  # "error" counts tests that crashed the runner or a fixture that threw; they are failures too.
  trx_failed=$(($(attr failed) + $(attr error) + $(attr timeout) + $(attr aborted)))
  passed=$((passed + trx_passed))
  failed=$((failed + trx_failed))
  passed_on[$engine]=$((${passed_on[$engine]:-0} + trx_passed))
  failed_on[$engine]=$((${failed_on[$engine]:-0} + trx_failed))
  # A skipped test is a result with outcome "NotExecuted"; the Counters element does not count it.
  skipped=$((skipped + $({ grep -o '<UnitTestResult [^>]*outcome="NotExecuted"' "$trx" || true; } | wc -l)))
done
for engine in sqlite postgres; do
  echo "On ${engine}: ${passed_on[$engine]:-0} passed, ${failed_on[$engine]:-0} failed"
done
if [[ "$postgres_filter" == "Engine=Both" ]] && ((${passed_on[postgres]:-0} == 0)); then
  echo "The PostgreSQL leg passed no test: it is broken." >&2
  failed=$((failed + 1))
fi

# Decide the outcome first, so the summary is the very last line of output, where CI looks for it.
status=0
if ((failed > 0)); then
  status=1
elif ((passed == 0)); then
  echo "No test passed: the run is broken (no test project ran a test, or every test was skipped)." >&2
  status=1
elif ((test_status != 0)); then
  # dotnet test can fail with no failed test, e.g. when a test host crashes before writing results.
  echo "dotnet test exited with status $test_status although no test failed." >&2
  status=$test_status
fi

summary="$passed passed, $failed failed"
if ((skipped > 0)); then
  summary="$summary, $skipped skipped"
fi
echo
echo "$summary"
exit "$status"
