#!/usr/bin/env bash
# Development server: builds the app and serves it on http://127.0.0.1:8080/ with live
# reload. Trunk's dev server sends no CSP header (its reload helper is an inline script);
# to try the production headers, run scripts/build.sh and
# `bash scripts/nginx-test-server.sh start 8081 dist`.
#
#   bash scripts/serve.sh [extra trunk serve options]
set -euo pipefail

# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$MEDV_ROOT"

bash scripts/ensure-tools.sh

echo "Serving on http://127.0.0.1:8080/ (Ctrl+C stops)"
# --address 127.0.0.1: a planning tool in progress need not be reachable from the network.
exec trunk serve --address 127.0.0.1 --port 8080 "$@"
