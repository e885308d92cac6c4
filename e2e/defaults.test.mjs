// Organization defaults: site-defaults.json beside index.html, read from the page's own
// origin. Each case is served by its own nginx with the shipped configuration, under the
// sub-path: no file (the suite's own server), a valid file, a file with a mistake.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launch, openPage, waitForApp, assertClean, assertSameOrigin, screenshot, openPlans, BASE_URL } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const example = JSON.parse(readFileSync(path.join(root, 'examples/site-defaults.json'), 'utf8'));

let browser;
const servers = [];
const dirs = [];

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/** A copy of the build with `file` as its site-defaults.json, behind its own nginx. */
async function serveWith(file) {
  const dir = mkdtempSync(path.join(tmpdir(), 'medv-defaults-'));
  dirs.push(dir);
  cpSync(path.join(root, 'dist'), dir, { recursive: true });
  writeFileSync(path.join(dir, 'site-defaults.json'), file);
  const port = await freePort();
  execFileSync('bash', [path.join(root, 'scripts/nginx-test-server.sh'), 'start', String(port), dir], { cwd: root, stdio: 'ignore' });
  servers.push(port);
  return `http://127.0.0.1:${port}/tools/medv-planner/`;
}

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
  for (const port of servers) execFileSync('bash', [path.join(root, 'scripts/nginx-test-server.sh'), 'stop', String(port)], { cwd: root, stdio: 'ignore' });
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function newPlan(page) {
  await openPlans(page);
  await page.getByTestId('new-plan').click();
  await page.locator('#f-standard_server_ram_gb').waitFor();
}

test('no site-defaults.json: silence and the built-in defaults', { timeout: 60_000 }, async () => {
  const answer = await fetch(`${BASE_URL}site-defaults.json`);
  assert.equal(answer.status, 204, 'the shipped nginx configuration answers a missing file with 204');
  const page = await openPage(browser);
  await waitForApp(page);
  await newPlan(page);
  assert.equal(await page.locator('#f-standard_server_ram_gb').inputValue(), '2');
  assert.equal(await page.getByTestId('organization').count(), 0);
  assert.equal(await page.getByTestId('defaults-problem').count(), 0);
  assert.equal(await page.locator('.org-reset').count(), 0);
  await assertClean(page);
  assertSameOrigin(page);
  await page.context().close();
});

test('a site-defaults.json with 4 GB of standard server RAM: new plans start from the organization’s values', { timeout: 90_000 }, async () => {
  const url = await serveWith(JSON.stringify(example, null, 2));
  const page = await openPage(browser, url);
  await waitForApp(page);
  await page.getByTestId('organization').filter({ hasText: 'Contoso IT' }).waitFor();
  // The worked example keeps its own values; each field the organization sets offers its value.
  await page.locator('#f-standard_server_ram_gb').waitFor();
  assert.equal(await page.locator('#f-standard_server_ram_gb').inputValue(), '2');
  const offer = page.getByTestId('org-reset-f-standard_server_ram_gb');
  assert.match(await offer.innerText(), /Organization default: 4 GB/);
  await offer.getByRole('button', { name: 'Use the organization default for Standard server RAM: 4 GB' }).click();
  assert.equal(await page.locator('#f-standard_server_ram_gb').inputValue(), '4');
  assert.equal(await offer.count(), 0, 'no offer once the plan holds the organization value');
  assert.equal(await page.getByTestId('org-reset-f-sql_hosts-1-edition').count(), 1, 'host B (Express) is offered Enterprise');

  // A new plan: the organization's standards, service levels, assumptions and sites.
  await newPlan(page);
  assert.equal(await page.locator('#f-standard_server_ram_gb').inputValue(), '4');
  assert.equal(await page.locator('#f-typical_client-cpu_ghz').inputValue(), '2.4');
  assert.equal(await page.locator('#f-service_levels-max_medv_outage_hours').inputValue(), '8');
  assert.equal(await page.locator('#f-assumptions-retention_days').inputValue(), '180');
  assert.equal(await page.locator('.org-reset').count(), 0, 'a new plan holds every organization value');
  await page.locator('details.assumptions > summary').click();
  await page.getByTestId('org-default-retention_days').waitFor();
  assert.equal(await page.getByTestId('reset-assumption-retention_days').isDisabled(), true);
  await page.locator('#f-assumptions-retention_days').fill('30');
  await page.getByTestId('reset-assumption-retention_days').click();
  assert.equal(await page.locator('#f-assumptions-retention_days').inputValue(), '180');
  // Its sites, and new rows: an instance on the standard server, a host of the organization's edition.
  assert.match(await page.locator('#f-sites-0-name').inputValue(), /London/);
  await page.getByTestId('add-instance').click();
  assert.equal(await page.locator('#f-instances-0-server-ram_gb').inputValue(), '4');
  await page.getByTestId('add-host').click();
  assert.equal(await page.locator('#f-sql_hosts-0-edition').inputValue(), 'enterprise');
  assert.equal(await page.locator('#f-sql_hosts-0-fault_tolerance').inputValue(), 'log_shipping');
  // A plan file that leaves fields out: they take the organization's values.
  await openPlans(page);
  const minimal = { format: 'medv-plan', version: 2, name: 'Hand-written', instances: [{ id: 'a', name: 'A', active_clients: 100 }] };
  await page.getByTestId('import-plan').setInputFiles({ name: 'hand.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(minimal)) });
  await page.getByTestId('status-plan-name').filter({ hasText: 'Hand-written' }).waitFor();
  assert.equal(await page.locator('#f-standard_server_ram_gb').inputValue(), '4');
  assert.equal(await page.locator('#f-assumptions-retention_days').inputValue(), '180');
  // The design document says which values are the organization's.
  await openPlans(page);
  const download = page.waitForEvent('download');
  await page.getByTestId('export-markdown').click();
  const md = readFileSync(await (await download).path(), 'utf8');
  assert.match(md, /\| Retention \| 180 days \| 180 days \(Contoso IT; built in: 90 days\) \| organization default/);
  await screenshot(page, 'defaults-new-plan');
  await assertClean(page);
  await page.context().close();
});

test('a site-defaults.json with a mistake: a banner naming it and its line, and the app works on built-in defaults', { timeout: 60_000 }, async () => {
  const bad = '{\n  "format": "medv-site-defaults",\n  "version": 1,\n  "standard_server_ram_gb": 4,\n  "colour": "blue"\n}\n';
  const url = await serveWith(bad);
  const page = await openPage(browser, url);
  await waitForApp(page);
  const banner = page.getByTestId('defaults-problem');
  await banner.waitFor();
  assert.match(await banner.innerText(), /site-defaults\.json were not used: line 5, column \d+: unknown field `colour`/);
  assert.equal(await page.getByTestId('organization').count(), 0);
  await newPlan(page);
  assert.equal(await page.locator('#f-standard_server_ram_gb').inputValue(), '2');
  await page.getByTestId('add-instance').click();
  assert.equal(await page.locator('#f-instances-0-server-ram_gb').inputValue(), '2');
  await assertClean(page);
  await page.context().close();
});
