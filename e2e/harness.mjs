// Shared end-to-end harness: headless Debian Chromium driven by playwright-core, with
// recorders that make every test fail on what users would never see but must not happen:
// a console error, an uncaught exception, a Content-Security-Policy violation, a failed
// or 4xx/5xx request, or a request to any origin other than the app's own.
//
//   const browser = await launch();
//   const page = await openPage(browser);          // fresh context, recorders attached
//   await waitForApp(page);                         // the wasm app has mounted
//   await assertClean(page); assertSameOrigin(page);
//   await screenshot(page, 'name');                // e2e/artifacts/name.png
//   const violations = await runAxe(page);         // serious + critical only
//
// E2E_BASE_URL points at the build under test; scripts/test.sh sets it to the private
// nginx (scripts/nginx-test-server.sh), which sends the production CSP header.

import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** The app's URL, always with a trailing slash (relative asset URLs depend on it). */
export const BASE_URL = (() => {
  const url = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:8081/tools/medv-planner/';
  return url.endsWith('/') ? url : `${url}/`;
})();

export const ARTIFACTS_DIR = path.join(here, 'artifacts');

// The flags that behave on a closed network: without the background-networking ones,
// Chromium keeps trying to reach Google services and logs refused connections.
const CHROMIUM_ARGS = [
  '--no-sandbox', // we run as root in CI, where the sandbox cannot start
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches Debian's Chromium (never a downloaded browser build). */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

/** What happened on each page, filled by the listeners attached in openPage. */
const records = new WeakMap();

function record(page) {
  const rec = records.get(page);
  assert.ok(rec, 'this page was not opened with openPage()');
  return rec;
}

// Runs in the page before any of its own scripts. CDP injects it, so the page's CSP
// does not apply to it. Reporting through an exposed binding keeps the record on the
// Node side even if the page navigates or crashes right after.
function cspListener() {
  document.addEventListener('securitypolicyviolation', (e) => {
    globalThis.__medvCspViolation({
      directive: e.effectiveDirective,
      blockedURI: e.blockedURI,
      source: `${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
      sample: e.sample,
    });
  });
}

/**
 * Opens `relativePath` (resolved against BASE_URL) in a fresh browser context, so
 * storage and cache never leak between tests, and waits for the load event.
 */
export async function openPage(browser, relativePath = '', { contextOptions = {} } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...contextOptions });
  const page = await context.newPage();
  const rec = {
    origin: new URL(BASE_URL).origin,
    requests: [],
    consoleErrors: [],
    pageErrors: [],
    cspViolations: [],
    failedRequests: [],
    response: null,
  };
  records.set(page, rec);

  await context.exposeFunction('__medvCspViolation', (v) => rec.cspViolations.push(v));
  await context.addInitScript(cspListener);

  // Context-level: also catches requests from workers and popups.
  context.on('request', (req) => rec.requests.push(req.url()));
  context.on('requestfailed', (req) => {
    rec.failedRequests.push(`${req.url()}: ${req.failure()?.errorText ?? 'failed'}`);
  });
  context.on('response', (res) => {
    if (res.status() >= 400) rec.failedRequests.push(`${res.url()}: HTTP ${res.status()}`);
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      rec.consoleErrors.push(`${msg.text()} (${loc.url}:${loc.lineNumber})`);
    }
  });
  page.on('pageerror', (err) => rec.pageErrors.push(err.stack ?? String(err)));

  rec.response = await page.goto(new URL(relativePath, BASE_URL).href, { waitUntil: 'load' });
  return page;
}

/** The HTTP response of the document openPage() loaded (headers, status). */
export function documentResponse(page) {
  return record(page).response;
}

/** CSP violations seen so far on this page (for tests that provoke one on purpose). */
export function cspViolations(page) {
  return [...record(page).cspViolations];
}

// Violations and console messages arrive asynchronously: give queued events and one
// animation frame a chance to land before judging.
async function settle(page) {
  if (page.isClosed()) return;
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
}

/**
 * Waits until the wasm app has mounted (its element with data-testid=`testId` exists).
 * If it never does, reports what went wrong in the page (a CSP violation, a panic, a
 * 404) rather than only "timeout".
 */
export async function waitForApp(page, { testId = 'app', timeout = 30_000 } = {}) {
  try {
    await page.getByTestId(testId).waitFor({ timeout });
  } catch (err) {
    await assertClean(page);
    throw err;
  }
}

/** Fails on any console error, uncaught exception, CSP violation or failed request. */
export async function assertClean(page) {
  await settle(page);
  const { consoleErrors, pageErrors, cspViolations: csp, failedRequests } = record(page);
  const problems = [
    ...csp.map((v) => `CSP violation: ${JSON.stringify(v)}`),
    ...pageErrors.map((e) => `uncaught exception: ${e}`),
    ...consoleErrors.map((e) => `console error: ${e}`),
    ...failedRequests.map((r) => `failed request: ${r}`),
  ];
  assert.deepEqual(problems, [], `the page was not clean:\n  ${problems.join('\n  ')}`);
}

/** Fails if the page (or anything it started) requested another origin. */
export function assertSameOrigin(page) {
  const { origin, requests } = record(page);
  // data: URLs never leave the browser; blob: URLs belong to the page's own origin.
  const foreign = requests.filter((url) => !url.startsWith('data:') && new URL(url).origin !== origin);
  assert.deepEqual(foreign, [], `requests left ${origin}:\n  ${foreign.join('\n  ')}`);
}

/** Saves a full-page PNG as e2e/artifacts/<name>.png and returns its path. */
export async function screenshot(page, name) {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

let axeSource;

/**
 * Runs axe-core on the current page and returns its serious and critical violations.
 *
 * Under `script-src 'self'` the usual page.addScriptTag({content}) adds an inline
 * <script> that the CSP blocks (and reports, failing assertClean). page.evaluate goes
 * through the DevTools protocol instead, which CSP does not govern, so axe is installed
 * into the page without weakening the policy under test (no bypassCSP context) and
 * without a violation. axe-core itself needs neither eval nor inline styles.
 */
export async function runAxe(page, { impacts = ['serious', 'critical'], options = {} } = {}) {
  axeSource ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => typeof globalThis.axe === 'object'))) {
    await page.evaluate(axeSource);
  }
  const violations = await page.evaluate(
    (opts) => globalThis.axe.run(document, { resultTypes: ['violations'], ...opts }).then((r) => r.violations),
    options,
  );
  return violations
    .filter((v) => impacts.includes(v.impact))
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
}

/** Opens the plan menu in the status bar, unless it is open already. */
export async function openPlans(page) {
  const button = page.getByTestId('plan-menu-button');
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await page.getByTestId('plans-panel').waitFor();
}
