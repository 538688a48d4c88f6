#!/usr/bin/env bash
# The one test command: ./scripts/test.sh from the repository root.
# Builds the solution, runs every test project (unit, integration, bUnit and real-browser E2E)
# and ends with a single line "N passed, N failed[, N skipped]" that CI reads.
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
  --logger "trx" --results-directory "$results_dir" "$@" || test_status=$?

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
for trx in "${trx_files[@]}"; do
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)"
  passed=$((passed + $(attr passed)))
  # "error" counts tests that crashed the runner or a fixture that threw; they are failures too.
  failed=$((failed + $(attr failed) + $(attr error) + $(attr timeout) + $(attr aborted)))
  # A skipped test is a result with outcome "NotExecuted"; the Counters element does not count it.
  skipped=$((skipped + $({ grep -o '<UnitTestResult [^>]*outcome="NotExecuted"' "$trx" || true; } | wc -l)))
done

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
