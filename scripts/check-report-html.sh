#!/usr/bin/env bash
# Opens a `c4j compare` report.html in headless Chromium and checks that the browser drew its charts:
# the rendered DOM must hold SVG charts with learning-curve lines and bars, and the page must reference nothing
# outside itself. Also saves a screenshot to look at.
#   scripts/check-report-html.sh runs/compare-…/report.html [screenshot.png]
# Needs Chromium (Debian: apt-get install -y chromium); the normal build does not (ComparisonReportHtmlTest
# checks the page's structure in plain Java).
set -euo pipefail

page="${1:?usage: $0 REPORT_HTML [SCREENSHOT_PNG]}"
shot="${2:-${page%.html}.png}"
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
[ -n "$browser" ] || { echo "check-report-html: no Chromium found (apt-get install -y chromium)" >&2; exit 2; }
[ -f "$page" ] || { echo "check-report-html: no such file: $page" >&2; exit 2; }
url="file://$(cd "$(dirname "$page")" && pwd)/$(basename "$page")"
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --disable-background-networking
       --no-first-run --user-data-dir="$(mktemp -d)")

fail() { echo "check-report-html: FAIL: $*" >&2; exit 1; }

# Nothing outside the file: no scripts, style sheets, images or frames from anywhere.
if grep -Eq '<script|<link|<img|<iframe|src=|href=' "$page"; then
  fail "the page references something outside itself"
fi

dom="$("$browser" "${flags[@]}" --dump-dom "$url" 2>/dev/null)"
count() { grep -o "$1" <<<"$dom" | wc -l; }
charts=$(count '<svg ')
curves=$(count 'class="curve"')
bars=$(count 'class="bar"')
tables=$(count '<table')
echo "rendered: $charts charts, $curves learning-curve lines, $bars bars, $tables tables"
[ "$charts" -ge 2 ] || fail "expected at least 2 SVG charts, found $charts"
[ "$curves" -ge 1 ] || fail "expected learning-curve lines, found none"
[ "$bars" -ge 1 ] || fail "expected bars, found none"
[ "$tables" -ge 1 ] || fail "expected the results table, found none"

"$browser" "${flags[@]}" --window-size=1200,2600 --screenshot="$shot" "$url" >/dev/null 2>&1
[ -s "$shot" ] || fail "no screenshot written"
echo "screenshot: $shot"
echo "check-report-html: OK"
