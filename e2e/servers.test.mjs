// Any web server: the page fetches its module as the build's .gz and inflates it
// (loader.js), so a server that compresses nothing still sends about 615 KB, not 1.6 MB.
// Each case serves dist/ from a small server of its own, the way some servers do:
// compressing nothing, decoding .gz files itself, lacking the .gz, answering every path
// with the page, sending a damaged .gz; and a browser without DecompressionStream.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { launch } from './harness.mjs';

const DIST = path.resolve('dist');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.gz': 'application/gzip',
};

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Serves dist/ as `mode` says; `sent` counts the bytes sent for each path. */
async function serve(mode) {
  const sent = new Map();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
    const file = path.join(DIST, rel);
    const isGz = rel.endsWith('.gz');
    const exists = file.startsWith(DIST) && (await stat(file).then((s) => s.isFile(), () => false));
    const send = (status, headers, body) => {
      sent.set(url.pathname, (sent.get(url.pathname) ?? 0) + body.length);
      res.writeHead(status, { 'Content-Length': body.length, ...headers });
      res.end(body);
    };
    // As the shipped configurations do: no organization defaults is "204 No Content".
    if (rel === 'site-defaults.json') return send(204, {}, Buffer.alloc(0));
    // The last two cases: a copy of the site without the .gz files.
    if (!exists || (isGz && !['plain', 'decodes-gz', 'damaged-gz'].includes(mode))) {
      // A server that answers every path with the page (some single-page set-ups).
      if (mode === 'page-for-everything') return send(200, { 'Content-Type': TYPES['.html'] }, await readFile(path.join(DIST, 'index.html')));
      return send(404, { 'Content-Type': 'text/plain' }, Buffer.from('not found'));
    }
    // A .gz that inflates, but not to a module (a copy damaged on its way to the server).
    if (isGz && mode === 'damaged-gz') return send(200, { 'Content-Type': TYPES['.gz'] }, gzipSync(Buffer.from('not a module')));
    const body = await readFile(file);
    if (isGz && mode === 'decodes-gz') {
      // As Apache does with `AddEncoding gzip .gz`: the browser inflates it itself.
      const inner = path.extname(rel.slice(0, -3));
      return send(200, { 'Content-Type': TYPES[inner] ?? 'application/octet-stream', 'Content-Encoding': 'gzip' }, body);
    }
    return send(200, { 'Content-Type': TYPES[path.extname(rel)] ?? 'application/octet-stream' }, body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, sent, close: () => new Promise((r) => server.close(r)) };
}

/** Opens the page, waits for its first figures; what it asked for and what went wrong. */
async function open(url, { withoutDecompressionStream = false } = {}) {
  const context = await browser.newContext();
  if (withoutDecompressionStream) await context.addInitScript(() => delete globalThis.DecompressionStream);
  const page = await context.newPage();
  const requests = [];
  const problems = [];
  const warnings = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  page.on('pageerror', (e) => problems.push(`uncaught: ${e}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await page.goto(url);
  await page.locator('[data-testid="instance-hq-database_bytes"][data-value]').waitFor({ timeout: 30_000 });
  const figure = await page.getByTestId('instance-hq-database_bytes').getAttribute('data-value');
  await context.close();
  return { requests, problems, warnings, figure };
}

const wasmName = async () => (await readFile(path.join(DIST, 'index.html'), 'utf8')).match(/content="\.\/(assets\/[^"]+\.wasm)"/)[1];

/** Runs `check(server, wasm)` against a server of `mode`, then stops the server. */
async function withServer(mode, check) {
  const server = await serve(mode);
  try {
    await check(server, await wasmName());
  } finally {
    await server.close();
  }
}

test('a server that compresses nothing sends the module as the build compressed it', () =>
  withServer('plain', async (server, wasm) => {
    const { requests, problems, figure } = await open(server.url);
    assert.deepEqual(problems, []);
    assert.ok(Number(figure) > 0, 'the worked example is computed');
    assert.ok(requests.includes(`/${wasm}.gz`), 'the .gz is fetched');
    assert.ok(!requests.includes(`/${wasm}`), 'the module itself is not');
    assert.equal(requests.filter((r) => r === `/${wasm}.gz`).length, 1, 'once: the preload is the request the loader uses');
    const gz = (await stat(path.join(DIST, `${wasm}.gz`))).size;
    assert.equal(server.sent.get(`/${wasm}.gz`), gz);
    assert.ok(gz < (await stat(path.join(DIST, wasm))).size / 2, 'less than half the module');
  }));

test('a server that decodes .gz files itself (Content-Encoding: gzip) still starts the page', () =>
  withServer('decodes-gz', async (server, wasm) => {
    const { requests, problems, figure } = await open(server.url);
    assert.deepEqual(problems, []);
    assert.ok(Number(figure) > 0);
    assert.ok(requests.includes(`/${wasm}.gz`) && !requests.includes(`/${wasm}`));
  }));

test('without the .gz, or with a page where it should be, the module itself is fetched', async () => {
  for (const mode of ['no-gz', 'page-for-everything']) {
    await withServer(mode, async (server, wasm) => {
      const { requests, problems, figure } = await open(server.url);
      // The browser reports the missing .gz (404) as a failed resource; nothing else.
      assert.deepEqual(problems.filter((p) => !/404/.test(p)), [], mode);
      assert.ok(Number(figure) > 0, mode);
      assert.ok(requests.includes(`/${wasm}`), `${mode}: falls back to the module`);
    });
  }
});

test('a browser without DecompressionStream fetches the module itself', () =>
  withServer('plain', async (server, wasm) => {
    const { requests, problems, figure } = await open(server.url, { withoutDecompressionStream: true });
    assert.deepEqual(problems, []);
    assert.ok(Number(figure) > 0);
    assert.ok(requests.includes(`/${wasm}`));
  }));

test('a damaged .gz: the page says so in the console and starts from the module itself', () =>
  withServer('damaged-gz', async (server, wasm) => {
    const { requests, problems, warnings, figure } = await open(server.url);
    assert.deepEqual(problems, []);
    assert.ok(Number(figure) > 0);
    assert.ok(requests.includes(`/${wasm}.gz`) && requests.includes(`/${wasm}`));
    assert.ok(warnings.some((w) => /The compressed module could not be used/.test(w)), warnings.join('\n'));
  }));
