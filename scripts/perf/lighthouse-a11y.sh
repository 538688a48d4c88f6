#!/usr/bin/env bash
# Lighthouse's accessibility score on every page, signed out and signed in (editor, admin), on a phone (Lighthouse's
# mobile preset), against a published Release build in Production. Prints one line per page and each audit that
# failed; exits non-zero when any page scores under 100.
#
#   scripts/perf/lighthouse-a11y.sh
#
# The demo accounts are switched on for this throwaway server only (ClaimTracker:DemoAccounts=true); a sign-in through
# the real form gives the cookie Lighthouse then sends.
set -euo pipefail
cd "$(dirname "$0")/../.."

publish=${PUBLISH_DIR:-out/perf}
port=${PORT:-5303}
results=out/perf-results/lighthouse-a11y
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
mkdir -p "$results"

if [[ ! -x out/lighthouse/node_modules/.bin/lighthouse ]]; then
  mkdir -p out/lighthouse && (cd out/lighthouse && npm init -y > /dev/null && npm install --no-audit --no-fund lighthouse)
fi
lighthouse=$(pwd)/out/lighthouse/node_modules/.bin/lighthouse

export ClaimTracker__DemoAccounts=true ClaimTracker__KnownProxies=127.0.0.1
source scripts/perf/published-app.sh
start_published_app "$publish" "$port" "$results/server.log"
base="http://127.0.0.1:$port"

# Production sets its cookies Secure and expects TLS from a proxy in front: this stands in for that proxy, telling the
# app (which trusts loopback as its proxy here) that the request came over HTTPS.
forwarded='X-Forwarded-Proto: https'

# The Cookie header of a signed-in session: the login form's antiforgery token and cookie, then the form post. Read
# from the Set-Cookie headers (curl's cookie jar drops Secure cookies received over plain HTTP).
cookies_in() { grep -i '^set-cookie:' "$1" | sed 's/^[Ss]et-[Cc]ookie: *//; s/;.*//' | paste -sd ';' | sed 's/;/; /g'; }
cookie_for() {
  local dir token antiforgery
  dir=$(mktemp -d)
  curl -s -H "$forwarded" -D "$dir/get" -o "$dir/page" "$base/account/login"
  token=$(grep -o '<input[^>]*__RequestVerificationToken[^>]*>' "$dir/page" | head -n 1 | sed 's/.*value="\([^"]*\)".*/\1/')
  antiforgery=$(cookies_in "$dir/get")
  curl -s -H "$forwarded" -H "Cookie: $antiforgery" -D "$dir/post" -o /dev/null -X POST "$base/account/login" \
    --data-urlencode "email=$1" --data-urlencode "password=ClaimTracker-demo-1!" \
    --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "returnUrl=/"
  cookies_in "$dir/post"
  rm -rf "$dir"
}

editor=$(cookie_for editor@claimtracker.test)
admin=$(cookie_for admin@claimtracker.test)
[[ $editor == *Identity* ]] || { echo "Signing in as the editor gave no session cookie" >&2; exit 1; }

failed=0
printf '%-28s %-8s %5s\n' page as a11y
run() {
  local who=$1 path=$2 cookie=$3 name out headers
  name=$(echo "$who$path" | tr '/?=' '___')
  out="$results/$name.json"
  headers="{\"X-Forwarded-Proto\": \"https\"${cookie:+, \"Cookie\": \"$cookie\"}}"
  "$lighthouse" "$base$path" --extra-headers "$headers" --only-categories=accessibility \
    --chrome-flags="--headless=new --no-sandbox" --output=json --output-path="$out" --quiet
  local line
  line=$(node -e '
    const r = require(process.argv[1]);
    const score = Math.round(r.categories.accessibility.score * 100);
    const bad = r.categories.accessibility.auditRefs.map(a => r.audits[a.id])
      .filter(a => a.score !== null && a.score < 1 && a.scoreDisplayMode !== "manual" && a.scoreDisplayMode !== "notApplicable")
      .map(a => a.id);
    console.log(score + (bad.length ? "  failed: " + bad.join(", ") : ""));' "$(pwd)/$out")
  printf '%-28s %-8s %s\n' "$path" "$who" "$line"
  [[ $line == 100* ]] || failed=1
}

for path in / /claims "/claims?q=kremlin" /claims/2 /actors /actors/1 /sources /sources/1 /account/login; do run anyone "$path" ""; done
for path in /claims/2 /sources/1 /sources/1/review /sources/new /claims/deleted; do run editor "$path" "$editor"; done
run admin /admin/users "$admin"
exit $failed
