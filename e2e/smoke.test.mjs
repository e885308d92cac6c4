// Smoke test: the release build boots under the production headers, asks nothing of any
// other origin, and is clean in the console and for axe's serious/critical rules.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  launch,
  openPage,
  waitForApp,
  assertClean,
  assertSameOrigin,
  screenshot,
  runAxe,
  documentResponse,
  cspViolations,
} from './harness.mjs';

// scripts/test.sh serves the build through nginx with the production CSP. Pointing
// E2E_BASE_URL at a server without it (trunk serve) needs E2E_EXPECT_CSP=0.
const expectCsp = process.env.E2E_EXPECT_CSP !== '0';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('the app boots with a clean console and no foreign request', { timeout: 60_000 }, async () => {
  const page = await openPage(browser);
  await waitForApp(page);

  assert.match(await page.title(), /MED-V Planner$/);
  // The start-up shell of index.html has given way to the app: one header, one title.
  assert.equal(await page.getByTestId('boot').count(), 0);
  assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1);
  // It computed: the worked example's figures and verdict are on the page.
  assert.equal(await page.getByTestId('instance-hq-database_bytes').getAttribute('data-value'), '2925000000');
  assert.equal(await page.getByTestId('plan-status').getAttribute('data-status'), 'warning');
  // And it painted: the screenshot is a real, non-blank PNG of the page.
  const png = await readFile(await screenshot(page, 'smoke'));
  assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47], 'a PNG');
  assert.ok(png.length > 20_000, `a page with content, not a blank one (${png.length} bytes)`);
  await assertClean(page);
  assertSameOrigin(page);
  await page.context().close();
});

test('before the app starts the page shows its header; a module that cannot load says so there', { timeout: 60_000 }, async () => {
  // The module never arrives (neither its .gz nor itself): the first paint is the header
  // and "Opening the planner…".
  const page = await openPage(browser);
  await page.context().route(/_bg\.wasm(\.gz)?$/, () => {});
  await page.reload({ waitUntil: 'domcontentloaded' });
  await page.getByTestId('boot-status').getByText('Opening the planner…').waitFor();
  assert.equal(await page.getByRole('heading', { level: 1, name: 'MED-V Planner' }).count(), 1);
  await page.context().close();
  // The module fails to load (as when a server refuses .wasm files): the page says why.
  const failing = await openPage(browser);
  await failing.context().route(/_bg\.wasm(\.gz)?$/, (route) => route.fulfill({ status: 404, contentType: 'text/html', body: 'Not Found' }));
  await failing.reload({ waitUntil: 'domcontentloaded' });
  await failing.getByTestId('boot-status').getByText(/The planner could not start in this browser .*application\/wasm/).waitFor();
  assert.equal(await failing.getByTestId('app').count(), 0);
  await failing.context().close();
});

test('the page is served with the strict CSP and security headers', { skip: !expectCsp }, async () => {
  const page = await openPage(browser);
  const headers = documentResponse(page).headers();
  const csp = headers['content-security-policy'] ?? '';
  for (const directive of [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
  ]) {
    assert.ok(csp.includes(directive), `CSP lacks ${directive}: ${csp}`);
  }
  assert.equal(headers['x-content-type-options'], 'nosniff');
  assert.equal(headers['referrer-policy'], 'no-referrer');
  assert.equal(headers['cache-control'], 'no-cache');
  await page.context().close();
});

test('the harness notices a CSP violation (the clean result above is meaningful)', { skip: !expectCsp }, async () => {
  const page = await openPage(browser);
  await waitForApp(page);
  // An inline script added by the page itself must be blocked and reported.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true;';
    document.body.append(script);
  });
  await assert.rejects(assertClean(page), /CSP violation/);
  assert.equal(await page.evaluate(() => window.__inlineRan), undefined);
  assert.ok(cspViolations(page).some((v) => v.directive === 'script-src-elem'));
  await page.context().close();
});

test('axe finds no serious or critical accessibility violation', { timeout: 60_000 }, async () => {
  const page = await openPage(browser);
  await waitForApp(page);
  const violations = await runAxe(page);
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
  // Installing and running axe must not itself trip the CSP.
  await assertClean(page);
  await page.context().close();
});
