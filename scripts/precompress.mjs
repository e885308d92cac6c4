// Trunk's post-build hook (Trunk.toml, bench/bare/Trunk.toml): writes FILE.gz beside each
// content-hashed asset of the build, and points index.html's preload of the WebAssembly
// module at its .gz, which loader.js fetches and inflates. So any web server sends the
// module compressed (about 615 KB against 1.6 MB), whether or not it compresses .wasm itself;
// nginx with `gzip_static on` (deploy/nginx/medv-planner.conf) also sends the JS and CSS .gz.
//
//   node scripts/precompress.mjs [DIR]     # DIR defaults to $TRUNK_STAGING_DIR
//
// gzip -9 for a release build, -1 for a debug one (trunk serve: quick rebuilds). Idempotent.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('usage: node scripts/precompress.mjs DIR (or run as a Trunk hook)');
  process.exit(2);
}
const level = process.env.TRUNK_PROFILE === 'debug' ? 1 : 9;
const assets = path.join(dir, 'assets');

for (const name of readdirSync(assets).filter((n) => /\.(wasm|js|css)$/.test(n))) {
  const file = path.join(assets, name);
  // gzip's own deflate is about 1 % smaller than Node's here; -n: no name or time inside.
  let gz;
  try {
    gz = execFileSync('gzip', [`-${level}`, '-n', '-c', file], { maxBuffer: 1 << 30 });
  } catch {
    gz = gzipSync(readFileSync(file), { level });
  }
  writeFileSync(`${file}.gz.part`, gz);
  const { atime, mtime } = statSync(file);
  utimesSync(`${file}.gz.part`, atime, mtime);
  renameSync(`${file}.gz.part`, `${file}.gz`);
}

// Trunk's preload of the module: <link rel="preload" href="…_bg.wasm" … integrity="…"
// as="fetch" type="application/wasm">, pointed at the .gz. Without its integrity: browsers
// ignore integrity on a fetch preload (and Chromium says so in the console), and loader.js's
// request must match the preload to reuse it.
const html = path.join(dir, 'index.html');
const page = readFileSync(html, 'utf8');
let found = 0;
const rewritten = page.replace(/<link rel="preload" href="([^"]+\.wasm)"([^>]*)>/g, (_, href, rest) => {
  found++;
  const attrs = rest.replace(/ integrity="[^"]*"/, '').replace(/ type="application\/wasm"/, '');
  return `<link rel="preload" href="${href}.gz"${attrs}>`;
});
if (found === 0 && !/<link rel="preload" href="[^"]+\.wasm\.gz"/.test(page)) {
  console.error(`${html}: no preload of the WebAssembly module to point at its .gz`);
  process.exit(1);
}
writeFileSync(html, rewritten);
console.log(`precompressed ${assets} (gzip -${level}); module preload: ${found ? 'pointed at its .gz' : 'already at its .gz'}`);
