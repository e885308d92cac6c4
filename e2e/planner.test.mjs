// A planner's journey through the release build, served by nginx with the strict CSP.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, openPage, waitForApp, assertClean, assertSameOrigin, screenshot, runAxe } from './harness.mjs';
import { openPlans } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const value = (page, testid) => page.getByTestId(testid).getAttribute('data-value');
const rules = (page) => page.locator('[data-testid="finding"]').evaluateAll((els) => els.map((e) => e.dataset.rule));

test('the worked example opens with its exact figures', { timeout: 60_000 }, async () => {
  const page = await openPage(browser);
  await waitForApp(page);
  assert.equal(await value(page, 'instance-hq-workspace_storage_bytes'), '368640');
  assert.equal(await value(page, 'instance-hq-records_per_day'), '100000');
  assert.equal(await value(page, 'instance-hq-database_raw_bytes'), '1800000000');
  assert.equal(await value(page, 'instance-hq-database_bytes'), '2925000000');
  assert.equal(await value(page, 'instance-branch-database_bytes'), '702000000');
  assert.equal(await value(page, 'instance-lab-database_bytes'), '175500000');
  assert.equal(Number(await value(page, 'instance-hq-write_iops')).toFixed(4), '1.1574');
  assert.equal(Number(await value(page, 'instance-hq-write_iops_with_burst')).toFixed(4), '1.4468');
  assert.equal(await value(page, 'host-A-database_raw_bytes'), '2232000000');
  assert.equal(await value(page, 'host-A-database_bytes'), '3627000000');
  assert.equal(Number(await value(page, 'host-A-write_iops')).toFixed(4), '1.4352');
  assert.equal(Number(await value(page, 'host-A-write_iops_with_burst')).toFixed(4), '1.7940');
  assert.equal(await value(page, 'host-B-database_bytes'), '175500000');
  // P3: each report on host A reads HQ's and Branch's events.
  assert.equal(Number(await value(page, 'instance-hq-reporting_iops')).toFixed(4), '11.7733');
  assert.equal(Number(await value(page, 'instance-branch-reporting_iops')).toFixed(4), '11.7733');
  assert.equal(Number(await value(page, 'instance-lab-reporting_iops')).toFixed(4), '0.5700');
  assert.equal(Number(await value(page, 'instance-hq-total_iops')).toFixed(4), '13.2201');
  assert.equal(Number(await value(page, 'instance-branch-total_iops')).toFixed(4), '12.1206');
  assert.equal(Number(await value(page, 'instance-lab-total_iops')).toFixed(4), '0.6568');
  assert.equal(Number(await value(page, 'host-A-reporting_iops')).toFixed(4), '23.5467');
  assert.equal(Number(await value(page, 'host-A-total_iops')).toFixed(4), '25.3406');
  assert.equal(Number(await value(page, 'host-B-total_iops')).toFixed(4), '0.6568');
  // Lab's server also runs SQL Server and is entered too small for it.
  await page.locator('[data-testid="finding"][data-rule="server-undersized"][data-subject="lab"]').waitFor();
  assert.equal(await value(page, 'instance-hq-outage-bytes_total'), '60000000');
  assert.equal(await value(page, 'instance-hq-outage-catch_up_writes_per_second'), '5000');
  // The readable size first, the exact bytes on hover and in the math.
  assert.equal(await page.getByTestId('instance-hq-database_bytes').innerText(), '2.72 GB');
  assert.equal(await page.getByTestId('instance-hq-database_bytes').getAttribute('title'), '2,925,000,000 B (2.72 GB)');
  assert.equal(await page.getByTestId('instance-hq-total_iops').innerText(), '13.22');
  assert.equal(await page.getByTestId('instance-lab-write_iops').innerText(), '0.069');
  // The math is written out when its panel opens, not before.
  assert.equal(await page.getByTestId('instance-results-hq').locator('details.math p.formula').count(), 0);
  await page.getByTestId('instance-results-hq').locator('details.math summary').nth(3).click();
  await assert.doesNotReject(page.getByText('5,000 × 20 × 200 B × 90 days × (1 + 25 %) × (1 + 30 %)').first().waitFor());
  await assert.doesNotReject(page.getByTestId('no-errors').waitFor());
  await screenshot(page, 'planner-example');
  await assertClean(page);
  assertSameOrigin(page);
  await page.context().close();
});

test('more than 5,000 clients is an error until fixed', { timeout: 60_000 }, async () => {
  const page = await openPage(browser);
  await waitForApp(page);
  const clients = page.locator('#f-instances-0-active_clients');
  await clients.fill('5,200');
  await page.locator('[data-testid="finding"][data-rule="clients-over-limit"]').waitFor();
  assert.equal(await value(page, 'instance-hq-active_clients'), '5200');
  assert.equal(await value(page, 'count-errors'), '1');
  assert.match(await page.locator('#f-instances-0-active_clients-msg').innerText(), /at most 5,000/);
  await screenshot(page, 'planner-over-limit');
  // The finding takes the user to the field.
  await clients.blur();
  await page.locator('[data-testid="finding"][data-rule="clients-over-limit"] button').click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-instances-0-active_clients');
  await clients.fill('4000');
  await page.getByTestId('no-errors').waitFor();
  assert.ok(!(await rules(page)).includes('clients-over-limit'));
  await assertClean(page);
  await page.context().close();
});

test('add an instance and a console', { timeout: 60_000 }, async () => {
  const page = await openPage(browser);
  await waitForApp(page);
  await page.getByTestId('add-instance').click();
  const editor = page.getByTestId('instance-editor-i1');
  await editor.waitFor();
  assert.equal(await value(page, 'instance-i1-active_clients'), '1000');
  // A new instance comes with one console like the typical client.
  assert.equal(await editor.getByTestId('console-row').count(), 1);
  assert.ok(!(await rules(page)).includes('console-none'));
  await editor.getByTestId('add-console').click();
  assert.equal(await editor.getByTestId('console-row').count(), 2);
  await editor.getByLabel('Instance name').fill('Plant floor');
  await page.getByTestId('instance-results-i1').getByText('Plant floor').waitFor();
  // Duplicate and remove, with undo.
  await page.getByRole('button', { name: 'Remove instance Plant floor' }).click();
  await page.getByTestId('undo-bar').waitFor();
  assert.equal(await page.getByTestId('instance-editor-i1').count(), 0);
  await page.getByTestId('undo').click();
  await page.getByTestId('instance-editor-i1').waitFor();
  // Duplicating HQ twice creates no error: names, workspaces and consoles stay distinct.
  await page.getByRole('button', { name: 'Duplicate instance HQ' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'f-instances-1-name');
  assert.equal(await page.locator('#f-instances-1-name').inputValue(), 'HQ (2)');
  await page.getByRole('button', { name: 'Duplicate instance HQ', exact: true }).click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid^="instance-editor-"]').length === 6);
  assert.equal(await page.getByTestId('plan-status').getAttribute('data-status'), 'warning');
  assert.equal(await page.getByTestId('count-errors').getAttribute('data-value'), '0');
  for (const rule of ['workspace-duplicate', 'console-duplicate', 'id-duplicate']) assert.ok(!(await rules(page)).includes(rule), rule);
  // Reordering: the moved instance keeps the focus on its button.
  const order = () => page.locator('[data-testid^="instance-editor-"]').evaluateAll((els) => els.map((e) => e.dataset.testid.replace('instance-editor-', '')));
  const before = await order();
  await page.getByRole('button', { name: 'Move instance Plant floor up' }).click();
  await page.waitForFunction(() => document.activeElement?.id?.startsWith('move-up-'));
  const after = await order();
  const k = before.indexOf('i1');
  assert.deepEqual(after, [...before.slice(0, k - 1), 'i1', before[k - 1], ...before.slice(k + 1)]);
  assert.match(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), /Plant floor up/);
  await screenshot(page, 'planner-added');
  await assertClean(page);
  await page.context().close();
});

test('garbage in number fields gives messages, never a broken page', { timeout: 90_000 }, async () => {
  const page = await openPage(browser);
  await waitForApp(page);
  const fields = [
    '#f-instances-0-active_clients',
    '#f-instances-0-server-cpu_ghz',
    '#f-instances-0-workspaces-0-count',
    '#f-assumptions-retention_days',
    '#f-total_users',
  ];
  await page.locator('details.assumptions summary').click();
  for (const sel of fields) {
    for (const bad of ['abc', '12.', '1e400', 'NaN', '🚀', '-5', '9'.repeat(500), '2,8']) {
      await page.locator(sel).fill(bad);
      assert.equal(await page.locator(sel).inputValue(), bad, `${sel} keeps ${bad.slice(0, 20)}`);
      const msg = await page.locator(`${sel}-msg`).innerText();
      assert.ok(msg.trim().length > 0, `${sel} explains ${bad.slice(0, 20)}`);
    }
  }
  await screenshot(page, 'planner-garbage');
  // A whole-number field refuses "12.000" (twelve thousand in much of Europe), and the
  // results keep the last number entered, which the message names.
  const clients = '#f-instances-0-active_clients';
  await page.locator(clients).fill('4000');
  await page.waitForFunction(() => document.querySelector('[data-testid="instance-hq-active_clients"]').dataset.value === '4000');
  await page.locator(clients).fill('12.000');
  let msg = await page.locator(`${clients}-msg`).innerText();
  assert.match(msg, /ambiguous: 12 or 12,000\?/);
  assert.match(msg, /type 12000 \(or 12,000\), or 12\./);
  assert.match(msg, /the results use the last number entered, 4,000/);
  assert.equal(await page.getByTestId('instance-hq-active_clients').getAttribute('data-value'), '4000');
  // An older range message goes while the field holds text that is not a number.
  await page.locator(clients).fill('-5');
  await page.locator(`${clients}-msg [data-rule="invalid-value"]`).waitFor();
  await page.locator(clients).fill('abc');
  msg = await page.locator(`${clients}-msg`).innerText();
  assert.match(msg, /the last number entered, -5/);
  assert.equal(await page.locator(`${clients}-msg [data-rule]`).count(), 0, 'the range message of -5 is gone');
  // The page still works: a valid value recomputes.
  await page.locator('#f-instances-0-active_clients').fill('2500');
  await page.waitForFunction(() => document.querySelector('[data-testid="instance-hq-active_clients"]').dataset.value === '2500');
  await assertClean(page);
  await page.context().close();
});

test('light and dark themes, both accessible', { timeout: 90_000 }, async () => {
  const page = await openPage(browser);
  await waitForApp(page);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.getByTestId('theme').selectOption('dark');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  const dark = await background();
  await screenshot(page, 'planner-dark');
  assert.deepEqual(await runAxe(page), []);
  await page.getByTestId('theme').selectOption('light');
  const light = await background();
  assert.notEqual(dark, light);
  assert.deepEqual(await runAxe(page), []);
  // The choice survives a reload.
  await page.getByTestId('theme').selectOption('dark');
  await page.reload();
  await waitForApp(page);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await assertClean(page);
  assertSameOrigin(page);
  await page.context().close();
});

test('usable on a 360-pixel-wide screen', { timeout: 60_000 }, async () => {
  const page = await openPage(browser, '', { contextOptions: { viewport: { width: 360, height: 740 } } });
  await waitForApp(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `page scrolls sideways by ${overflow}px`);
  await screenshot(page, 'planner-360');
  await assertClean(page);
  await page.context().close();
});

test('a large plan opens instance editors on request; a finding opens the one it needs', { timeout: 60_000 }, async () => {
  const { execFileSync } = await import('node:child_process');
  const { BASE_URL } = await import('./harness.mjs');
  const instances = Array.from({ length: 8 }, (_, k) => ({ id: `s${k}`, name: `Site ${k}`, active_clients: k === 7 ? 6000 : 1000 }));
  const plan = JSON.stringify({ format: 'medv-plan', version: 1, name: 'Eight sites', instances });
  const link = execFileSync(process.env.MEDV_PLAN_BIN ?? 'target/release/medv-plan', ['link', '-', '--base', BASE_URL], { input: plan }).toString().trim();
  const page = await openPage(browser, link.slice(BASE_URL.length));
  await waitForApp(page);
  await page.getByTestId('instance-results-s7').waitFor();
  assert.equal(await page.locator('#f-instances-7-active_clients').count(), 0, 'closed at first');
  await page.locator('[data-testid="finding"][data-rule="clients-over-limit"] button').click();
  await page.locator('#f-instances-7-active_clients').waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'f-instances-7-active_clients');
  await page.getByTestId('toggle-s7').click();
  assert.equal(await page.locator('#f-instances-7-active_clients').count(), 0, 'closed again');
  // Findings are grouped by rule: one line for the eight instances without a console,
  // each named, each a link to its own field.
  const group = page.locator('[data-testid="finding-group"][data-rule="console-none"]');
  assert.equal(await group.count(), 1, 'shown once, not eight times');
  assert.equal(await group.getAttribute('data-count'), '8');
  const groupText = await group.innerText();
  assert.match(groupText, /×8/);
  for (let k = 0; k < 8; k++) assert.match(groupText, new RegExp(`Site ${k}\\b`));
  assert.doesNotMatch(groupText, /\bs3\b/, 'names, not ids');
  await group.locator('[data-subject="s3"] button').click();
  await page.waitForFunction(() => document.activeElement?.closest('#f-instances-3') !== null);
  await page.getByTestId('toggle-s3').click();
  // Above six instances, the table is the list: a row's name opens its fields.
  await page.getByTestId('edit-s0').click();
  await page.locator('#f-instances-0-active_clients').fill('1500');
  assert.equal(await value(page, 'instance-s0-active_clients'), '1500');
  await assertClean(page);
  await page.context().close();
});

test('the status says incomplete, warning or ok; sites count the instances they need', { timeout: 90_000 }, async () => {
  const { execFileSync } = await import('node:child_process');
  const { BASE_URL } = await import('./harness.mjs');
  const page = await openPage(browser);
  await waitForApp(page);
  // The worked example: Lab's server is undersized, a warning.
  assert.equal(await page.getByTestId('plan-status').getAttribute('data-status'), 'warning');
  assert.match(await page.getByTestId('deployment').innerText(), /3 MED-V servers · 2 SQL Server hosts \(1 machine of its own\)/);
  // A new empty plan is incomplete, never green.
  await openPlans(page);
  await page.getByTestId('new-plan').click();
  await page.locator('[data-testid="plan-status"][data-status="incomplete"]').waitFor();
  await page.context().close();

  // The three-site design opened from a link.
  const plan = readFileSync(new URL('../examples/three-sites.json', import.meta.url));
  const link = execFileSync(process.env.MEDV_PLAN_BIN ?? 'target/release/medv-plan', ['link', '-', '--base', BASE_URL], { input: plan }).toString().trim();
  const sites = await openPage(browser, link.slice(BASE_URL.length));
  await waitForApp(sites);
  await sites.getByTestId('instance-results-lisbon').waitFor();
  assert.equal(await sites.getByTestId('plan-status').getAttribute('data-status'), 'ok');
  const london = sites.getByTestId('site-row').first();
  assert.equal(await london.getByTestId('site-needed').innerText(), '2');
  assert.equal(await london.getByTestId('site-planned').innerText(), '2');
  // Removing a London instance: London needs two.
  await sites.getByRole('button', { name: 'Remove instance London B' }).click();
  await sites.locator('[data-testid="finding"][data-rule="instances-too-few"][data-subject="London"]').waitFor();
  assert.equal(await sites.getByTestId('plan-status').getAttribute('data-status'), 'warning');
  // A slow Lisbon link is flagged for Lisbon, and the finding goes to the link's bandwidth.
  await sites.locator('#f-site_links-1-mbps').fill('1');
  const slow = sites.locator('[data-testid="finding"][data-rule="site-link-slow"][data-subject="lisbon"]');
  await slow.waitFor();
  await slow.locator('button').click();
  assert.equal(await sites.evaluate(() => document.activeElement.id), 'f-site_links-1-mbps');
  await screenshot(sites, 'planner-three-sites');
  await assertClean(sites);
  await sites.context().close();
});

test('focus follows adding and removing an instance; rename takes Enter and Escape', { timeout: 60_000 }, async () => {
  const page = await openPage(browser);
  await waitForApp(page);
  const focused = () => page.evaluate(() => document.activeElement?.id ?? '');
  await page.getByTestId('add-instance').click();
  await page.waitForFunction(() => document.activeElement?.id === 'f-instances-3-name');
  // Removing an instance moves the focus to the one that took its place, or the one before.
  await page.getByRole('button', { name: 'Remove instance Branch' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'f-instances-1');
  assert.match(await page.locator('#f-instances-1').innerText(), /Lab/);
  await page.getByRole('button', { name: 'Remove instance Instance 4' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'f-instances-1');
  assert.equal(await focused(), 'f-instances-1');
  // Rename in the list: Enter commits, Escape cancels; each button names its plan.
  await page.locator('#f-name').fill('Keyboard plan');
  await openPlans(page);
  await page.getByRole('button', { name: 'Rename Keyboard plan' }).waitFor();
  await page.getByRole('button', { name: 'Rename Keyboard plan' }).click();
  await openPlans(page);
  await page.getByTestId('rename-input').fill('Renamed by Enter');
  await openPlans(page);
  await page.getByTestId('rename-input').press('Enter');
  await openPlans(page);
  await page.getByTestId('open-saved').filter({ hasText: 'Renamed by Enter' }).waitFor();
  await page.getByRole('button', { name: 'Rename Renamed by Enter' }).click();
  await openPlans(page);
  await page.getByTestId('rename-input').fill('Not kept');
  await openPlans(page);
  await page.getByTestId('rename-input').press('Escape');
  await openPlans(page);
  await page.getByTestId('rename-input').waitFor({ state: 'detached' });
  assert.equal(await page.locator('#f-name').inputValue(), 'Renamed by Enter');
  assert.equal(await page.getByRole('button', { name: 'Duplicate Renamed by Enter' }).count(), 1);
  assert.equal(await page.getByRole('button', { name: 'Delete Renamed by Enter' }).count(), 1);
  await assertClean(page);
  await page.context().close();
});

test('the status bar stays in view with the verdict and what to deploy, on desktop and phone', { timeout: 90_000 }, async () => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 360, height: 740 }]) {
    const page = await openPage(browser, '', { contextOptions: { viewport } });
    await waitForApp(page);
    const bar = page.getByTestId('status-bar');
    const inView = async (testid) => {
      const box = await page.getByTestId(testid).boundingBox();
      return box !== null && box.y >= 0 && box.y + box.height <= viewport.height;
    };
    // The first screen answers: status, the one-line deployment, Share and Print.
    for (const testid of ['plan-status', 'status-deployment', 'share', 'print']) {
      assert.ok(await inView(testid), `${testid} on the first screen at ${viewport.width} px`);
    }
    assert.equal(await page.getByTestId('plan-status').getAttribute('data-status'), 'warning');
    assert.match(await page.getByTestId('plan-status').innerText(), /Warnings/, 'a word, not colour alone');
    assert.match(await page.getByTestId('status-deployment').innerText(), /MED-V server/);
    await screenshot(page, `status-bar-${viewport.width}`);
    // Scrolled to the end, the bar is still at the top of the screen.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForFunction(() => window.scrollY > 1000);
    const box = await bar.boundingBox();
    assert.ok(box.y >= 0 && box.y < 5, `the bar stays at the top (y = ${box.y})`);
    assert.ok(box.height < viewport.height / 4, `the bar stays compact (${box.height} px)`);
    assert.ok(await inView('plan-status'));
    // A new empty plan is incomplete, never green, and the bar says so at once.
    await openPlans(page);
    await page.getByTestId('new-plan').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="plan-status"]').dataset.status === 'incomplete');
    assert.match(await page.getByTestId('plan-status').innerText(), /Incomplete/);
    assert.match(await page.getByTestId('status-plan-name').innerText(), /Untitled plan/);
    assert.deepEqual(await runAxe(page), []);
    await assertClean(page);
    await page.context().close();
  }
});
