# shellcheck shell=bash
# Environment shared by every script: source it, don't run it.
#
# Puts the project's tools first on PATH and switches off Trunk's update check.
# Installing them is scripts/ensure-tools.sh's job; this file only points at them,
# so sourcing it is instant and safe anywhere.

# Repository root, whichever script sourced us and from wherever it was started.
MEDV_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export MEDV_ROOT

# node_modules/.bin first: Trunk finds wasm-opt with `which` and must get binaryen 132
# from npm, never an older Debian binaryen that may also be installed.
# ~/.cargo/bin next: trunk, wasm-bindgen and wasm-bindgen-test-runner live there.
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in
  *":$MEDV_ROOT/node_modules/.bin:$CARGO_BIN:"*) ;;
  *) export PATH="$MEDV_ROOT/node_modules/.bin:$CARGO_BIN:$PATH" ;;
esac
unset CARGO_BIN

# Trunk asks GitHub for a newer release on start; that can only fail on our closed network.
export TRUNK_SKIP_VERSION_CHECK=true

# The one version of each tool the project is tested with (see shared TOOLCHAIN notes).
export MEDV_TRUNK_VERSION=0.21.14

# wasm-bindgen-cli must match the wasm-bindgen crate exactly; Cargo.lock is the only truth.
medv_wasm_bindgen_version() {
  awk '
    $0 == "[[package]]"                   { in_pkg = 0 }
    $0 == "name = \"wasm-bindgen\""       { in_pkg = 1; next }
    in_pkg && /^version = "/              { gsub(/^version = "|"$/, ""); print; exit }
  ' "$MEDV_ROOT/Cargo.lock"
}

# Section header for the long scripts, so a CI log is easy to scan.
medv_section() {
  printf '\n==== %s ====\n' "$*"
}
