#!/usr/bin/env bash
# Installs every tool the build and the tests need, each only when it is missing or at
# the wrong version, so a second run takes a few seconds and a fresh machine gets all.
#
#   bash scripts/ensure-tools.sh          # install what is missing
#   source scripts/env.sh                 # then put the tools on PATH in your shell
#
# Only registries reachable from our machines are used: Debian apt, crates.io, npm.
# Nothing here downloads a prebuilt binary from anywhere else (Trunk, Playwright and
# wasm-pack would all try to, and all fail on a closed network).
set -euo pipefail

# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$MEDV_ROOT"

log() { printf '[ensure-tools] %s\n' "$*"; }
die() { printf '[ensure-tools] error: %s\n' "$*" >&2; exit 1; }

# --- Node.js: comes with the machine; Debian's own (18) is too old for playwright-core ---
command -v node >/dev/null && command -v npm >/dev/null \
  || die "node and npm are required (Node.js >= 20); they come with this kind of machine"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || die "Node.js >= 20 is required, found $(node --version)"

# --- Debian packages: the browser and its driver, the test web server, brotli for size reports ---
# command -v name -> Debian package that provides it.
declare -A apt_pkg_for=([chromium]=chromium [chromedriver]=chromium-driver [nginx]=nginx [brotli]=brotli)
missing_pkgs=()
for cmd in "${!apt_pkg_for[@]}"; do
  # nginx sits in /usr/sbin, which a non-login PATH may lack.
  command -v "$cmd" >/dev/null || [ -x "/usr/sbin/$cmd" ] || missing_pkgs+=("${apt_pkg_for[$cmd]}")
done
if [ "${#missing_pkgs[@]}" -gt 0 ]; then
  log "apt: installing ${missing_pkgs[*]}"
  [ "$(id -u)" -eq 0 ] || die "installing Debian packages needs root"
  # A fresh machine has no package lists yet: without update, install finds nothing.
  apt-get update -qq
  # Recommends stay on: they bring the fonts Chromium needs to render text in screenshots.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing_pkgs[@]}"
else
  log "apt: chromium, chromium-driver, nginx, brotli present"
fi

# --- Rust: the wasm target and the lint/format components ---
command -v cargo >/dev/null || die "cargo not found: the Rust toolchain comes with this kind of machine"
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "rustup: wasm32-unknown-unknown present"
else
  log "rustup: adding target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    log "rustup: adding component $component"
    rustup component add "$component"
  fi
done

# --- Trunk: pinned, because 0.22 needs a newer rustc than our machines have ---
if command -v trunk >/dev/null && [ "$(trunk --version 2>/dev/null)" = "trunk $MEDV_TRUNK_VERSION" ]; then
  log "trunk $MEDV_TRUNK_VERSION present"
else
  log "cargo install trunk $MEDV_TRUNK_VERSION (takes several minutes)"
  # --locked: trunk's own lock file is known to build with our rustc.
  cargo install trunk --version "$MEDV_TRUNK_VERSION" --locked
fi

# --- wasm-bindgen-cli: must equal the wasm-bindgen crate in Cargo.lock, to the patch ---
wb_version="$(medv_wasm_bindgen_version)"
[ -n "$wb_version" ] || die "no wasm-bindgen package in Cargo.lock"
if command -v wasm-bindgen >/dev/null && [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $wb_version" ] \
  && command -v wasm-bindgen-test-runner >/dev/null; then
  log "wasm-bindgen-cli $wb_version present"
else
  log "cargo install wasm-bindgen-cli $wb_version (takes a few minutes)"
  # No --locked: wasm-bindgen-cli's lock file pins a crate version crates.io no longer serves.
  cargo install wasm-bindgen-cli --version "$wb_version"
fi

# --- npm: wasm-opt (binaryen 132), playwright-core, axe-core, exactly as package-lock.json says ---
# npm ci wipes and reinstalls node_modules, so only run it when the lock file changed
# since the last successful install (recorded by its checksum).
lock_sum="$(sha256sum package-lock.json | cut -d' ' -f1)"
stamp=node_modules/.medv-lock.sha256
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_sum" ] && [ -x node_modules/.bin/wasm-opt ]; then
  log "npm: node_modules matches package-lock.json"
else
  log "npm ci"
  npm ci --no-audit --no-fund
  printf '%s\n' "$lock_sum" >"$stamp"
fi

# Trunk would reject a wrong wasm-opt too, but say it here, where the cause is obvious.
wasm-opt --version | grep -q 'version 132' \
  || die "wasm-opt on PATH is not binaryen 132: $(command -v wasm-opt) -> $(wasm-opt --version)"

log "all tools ready"
