#!/usr/bin/env bash
# Release build of the web app into dist/, then checks that the output can run under
# the strict Content-Security-Policy the servers send (see deploy/nginx/medv-planner.conf).
#
#   bash scripts/build.sh
#
# The CSP work itself happens inside Trunk (Trunk.toml `pattern_script` + loader.js):
# the page gets no inline script. This script verifies that and fails loudly otherwise,
# because an inline script or style would be silently blocked in production only.
set -euo pipefail

# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$MEDV_ROOT"

# test.sh has already run ensure-tools; a direct call should still work on a fresh machine.
[ "${MEDV_TOOLS_READY:-}" = 1 ] || bash scripts/ensure-tools.sh

medv_section "trunk build --release"
start=$SECONDS
trunk build --release
echo "trunk build took $((SECONDS - start)) s"

medv_section "check dist/ for a strict CSP"
html=dist/index.html
fail=0
# Any <script> without src= is inline: blocked by script-src 'self'.
if grep -Eo '<script\b[^>]*>' "$html" | grep -Ev '\bsrc=' >/dev/null; then
  echo "error: $html contains an inline <script>:" >&2
  grep -Eo '<script\b[^>]*>' "$html" | grep -Ev '\bsrc=' >&2
  fail=1
fi
# <style> elements and style="" attributes are blocked by style-src 'self'.
if grep -Eiq '<style\b|[[:space:]]style=' "$html"; then
  echo "error: $html contains an inline style (element or attribute)" >&2
  fail=1
fi
# Inline event handlers (onload=, onclick=...) are inline scripts too.
if grep -Eiq '<[^>]+[[:space:]]on[a-z]+=' "$html"; then
  echo "error: $html contains an inline event handler attribute" >&2
  fail=1
fi
# The page must not load anything from another origin (no CDN, fonts or telemetry).
if grep -Eio '(src|href)="(https?:)?//[^"]*"' "$html"; then
  echo "error: $html references another origin (above)" >&2
  fail=1
fi
[ "$fail" -eq 0 ] || exit 1
echo "ok: no inline script, style or handler; no external URL"

medv_section "check dist/ is precompressed (scripts/precompress.mjs, Trunk's post-build hook)"
for f in dist/assets/*.wasm dist/assets/*.js dist/assets/*.css; do
  [ -f "$f.gz" ] || { echo "error: $f has no $f.gz" >&2; exit 1; }
done
grep -Eq '<link rel="preload" href="[^"]+_bg\.wasm\.gz"' dist/index.html ||
  { echo "error: dist/index.html does not preload the module's .gz" >&2; exit 1; }
echo "ok: every asset has its .gz; the module is preloaded as its .gz"

medv_section "dist/ sizes"
for f in dist/assets/*.wasm dist/assets/*.js dist/assets/*.css; do
  [ -f "$f" ] || continue
  printf '%-55s %8d B raw %8d B gzip (shipped as .gz) %8d B brotli\n' "$f" \
    "$(wc -c <"$f")" "$(wc -c <"$f.gz")" "$(brotli -c -q 11 "$f" | wc -c)"
done
