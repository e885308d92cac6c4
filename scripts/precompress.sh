#!/usr/bin/env bash
# Writes FILE.gz (gzip -9) beside each content-hashed asset of a build, so a server that sends
# a file already compressed sends it at once: nginx with `gzip_static on`
# (deploy/nginx/medv-planner.conf) answers with FILE.gz instead of compressing the module,
# about 1.6 MB, on every request, at its own (lower) level. See docs/hosting.md.
#
#   bash scripts/precompress.sh DIST        # e.g. dist
#
# Idempotent: each .gz is written again from its file, with the file's time.
set -euo pipefail
dir=${1:?usage: $0 DIST}
[ -d "$dir/assets" ] || { echo "$dir has no assets/: build first (scripts/build.sh)" >&2; exit 1; }
for f in "$dir"/assets/*.wasm "$dir"/assets/*.js "$dir"/assets/*.css; do
  [ -f "$f" ] || continue
  # -n: no name or time inside the .gz, so the same file gives the same bytes.
  gzip -9 -n -c "$f" > "$f.gz.part"
  touch -r "$f" "$f.gz.part"
  mv "$f.gz.part" "$f.gz"
done
