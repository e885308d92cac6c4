// The shipped server configurations: nginx is exercised for real (the suite runs behind
// it); IIS's web.config is checked for what it must contain.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { BASE_URL } from './harness.mjs';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

test('web.config maps .wasm, sends the CSP and sets caching', async () => {
  for (const file of ['public/web.config', 'dist/web.config']) {
    const xml = await readFile(file, 'utf8');
    assert.match(xml, /<remove fileExtension="\.wasm" \/>\s*<mimeMap fileExtension="\.wasm" mimeType="application\/wasm" \/>/, file);
    assert.ok(xml.includes(`value="${CSP}"`), `${file}: CSP header`);
    assert.match(xml, /name="X-Content-Type-Options" value="nosniff"/);
    assert.match(xml, /name="Referrer-Policy" value="no-referrer"/);
    assert.match(xml, /<clientCache cacheControlMode="DisableCache" \/>/, 'index.html revalidated');
    assert.match(xml, /<location path="assets">[\s\S]*cacheControlMaxAge="365\.00:00:00"[\s\S]*immutable/, 'hashed assets cached a year');
    assert.match(xml, /<error statusCode="404" path="index\.html" responseMode="File" \/>/, '%23p= links answered by the app');
    assert.ok(!xml.includes('<rewrite>'), 'no URL Rewrite module needed');
    assert.match(xml, /<urlCompression doStaticCompression="true" doDynamicCompression="false" \/>/, 'static files compressed');
    assert.match(xml, /<remove fileExtension="\.gz" \/>\s*<mimeMap fileExtension="\.gz" mimeType="application\/gzip" \/>/, 'the module\'s .gz is served');
  }
});

test('nginx serves the sub-path with the right types, headers and caching', async () => {
  const index = await fetch(BASE_URL);
  assert.equal(index.status, 200);
  assert.equal(index.headers.get('content-security-policy'), CSP);
  assert.equal(index.headers.get('cache-control'), 'no-cache');
  const html = await index.text();
  const wasm = html.match(/content="\.\/(assets\/[^"]+\.wasm)"/)[1];
  const asset = await fetch(new URL(wasm, BASE_URL));
  assert.equal(asset.status, 200);
  assert.equal(asset.headers.get('content-type'), 'application/wasm');
  assert.match(asset.headers.get('cache-control'), /max-age=31536000.*immutable/);
  // Asked for as itself (a browser without DecompressionStream), it is sent precompressed
  // (gzip_static): the build's .gz of this very module, whole, not a stream compressed on
  // the fly (which has no Content-Length).
  const gz = await readFile(`dist/${wasm}.gz`);
  assert.equal(asset.headers.get('content-encoding'), 'gzip');
  assert.equal(Number(asset.headers.get('content-length')), gz.length, 'the .gz written by the build');
  assert.ok(Buffer.from(await asset.arrayBuffer()).equals(await readFile(`dist/${wasm}`)), 'the .gz holds the module as built');
  // The page preloads the .gz and loader.js inflates it: sent as it is, cached like the rest.
  assert.match(html, new RegExp(`<link rel="preload" href="\\./${wasm.replace(/[.]/g, '\\.')}\\.gz" crossorigin="anonymous" as="fetch">`));
  const packed = await fetch(new URL(`${wasm}.gz`, BASE_URL), { headers: { 'accept-encoding': 'identity' } });
  assert.equal(packed.status, 200);
  assert.equal(packed.headers.get('content-encoding'), null, 'no Content-Encoding: the page inflates it');
  assert.match(packed.headers.get('cache-control'), /max-age=31536000.*immutable/);
  assert.ok(Buffer.from(await packed.arrayBuffer()).equals(gz));
  const bare = await fetch(BASE_URL.replace(/\/$/, ''), { redirect: 'manual' });
  assert.equal(bare.status, 301, 'the sub-path without its slash redirects');
  const safeLink = await fetch(`${BASE_URL}%23p=1.abc`);
  assert.equal(safeLink.status, 200, 'a %23p= link gets the app');
  assert.match(await safeLink.text(), /medv-planner:wasm/);
  assert.equal((await fetch(`${BASE_URL}web.config`)).status, 404, 'web.config is not served');
});
