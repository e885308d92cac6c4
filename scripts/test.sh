#!/usr/bin/env bash
# Everything CI checks, in the order that fails fastest: formatting, lints on both
# targets, native tests, browser unit tests, the release build, then end-to-end tests
# of that build behind nginx with the production headers.
#
#   bash scripts/test.sh
#
# Exits non-zero at the first failure; the last header printed names the failing step.
set -Eeuo pipefail

# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$MEDV_ROOT"

total_start=$SECONDS
step_name=""
step_start=$SECONDS
step() {
  [ -z "$step_name" ] || echo "-- $step_name: $((SECONDS - step_start)) s"
  step_name=$1
  step_start=$SECONDS
  medv_section "$step_name"
}
trap 'echo "FAILED in step: $step_name" >&2' ERR

step "tools"
bash scripts/ensure-tools.sh
export MEDV_TOOLS_READY=1 # so build.sh doesn't check them again

step "cargo fmt --check"
cargo fmt --all -- --check

step "clippy (native, all targets)"
cargo clippy --workspace --all-targets -- -D warnings

step "clippy (wasm32, app)"
# --all-targets also lints the wasm-only browser tests, which the native pass skips.
cargo clippy --target wasm32-unknown-unknown -p medv-planner --all-targets -- -D warnings

step "cargo test (native)"
cargo test --workspace

step "sizing core as the web app builds it (no field paths)"
cargo test -p medv-sizing --no-default-features --lib

step "share-link decoder fuzz (1,000,000 corrupted links, release)"
cargo test --release -p medv-sizing --test links -- --ignored --nocapture

step "cargo test (wasm32, headless Chromium)"
# Only when the app has browser tests: the runner then starts chromedriver for nothing.
# They are gated with #![cfg(target_arch = "wasm32")], so the native run above skips them.
if [ -d tests ] && grep -rqs --include='*.rs' 'wasm_bindgen_test' tests; then
  cargo test --target wasm32-unknown-unknown -p medv-planner
else
  echo "no wasm-bindgen tests in tests/: skipped"
fi

step "release build"
bash scripts/build.sh

step "end-to-end (nginx + Chromium)"
# The hostile-plan test makes its share link with the CLI.
cargo build --release -q -p medv-sizing --bin medv-plan
# A free loopback port, so a developer's own server on 8080/8081 doesn't collide.
port="$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')"
trap 'bash scripts/nginx-test-server.sh stop "$port"' EXIT
bash scripts/nginx-test-server.sh start "$port" dist
rm -rf e2e/artifacts
# Explicit file list: `node --test DIR` is read as a glob on newer Node versions.
E2E_BASE_URL="http://127.0.0.1:$port/tools/medv-planner/" node --test e2e/*.test.mjs
echo "screenshots: e2e/artifacts/"

step "done"
echo "all checks passed in $((SECONDS - total_start)) s"
