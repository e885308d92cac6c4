// Comparing two plans: a variant of the open plan, another saved plan, a file or
// a link, side by side. Release build behind nginx with the strict CSP.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, waitForApp, assertClean, screenshot, runAxe, openPlans } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const attr = (page, testid, name) => page.getByTestId(testid).getAttribute(name);

test('a variant with Lab on host A: host A grows by Lab’s share, host B and Lab’s undersized server are gone, the original is untouched', { timeout: 120_000 }, async () => {
  const page = await openPage(browser);
  await waitForApp(page);
  // The worked example is an unsaved copy: keep it, then start a variant of it.
  await openPlans(page);
  await page.getByTestId('start-variant').click();
  const panel = page.getByTestId('compare-panel');
  await panel.waitFor();
  assert.match(await page.getByTestId('status-plan-name').innerText(), /\(variant\)$/);
  assert.match(await page.getByTestId('compare-verdict-a').innerText(), /^A: Worked example: HQ, Branch and Lab \(the original/);
  assert.match(await page.getByTestId('compare-verdict-b').innerText(), /\(variant\) \(the open plan\)/);
  // Nothing differs yet but the name.
  assert.equal(await page.getByTestId('compare-figures').locator('tbody tr').count(), 0);
  assert.deepEqual(await page.getByTestId('compare-inputs').locator('li[data-field]').evaluateAll((els) => els.map((e) => e.dataset.field)), ['name']);

  // In the variant: Lab's database moves to host A, and host B goes.
  await page.locator('#f-instances-2-sql_host').selectOption('A');
  await page.getByTestId('host-editor-B').getByRole('button', { name: /Remove/ }).click();
  await page.getByTestId('cmp-bom-sql-B').waitFor();

  // Host A grows by Lab's share: 175,500,000 B of database, Lab's write IOPS.
  const sized = page.getByTestId('cmp-host-A-database_bytes');
  assert.equal(await sized.getAttribute('data-change'), 'changed');
  assert.equal(Number(await sized.getAttribute('data-a')), 3627000000);
  assert.equal(Number(await sized.getAttribute('data-b')), 3802500000);
  assert.equal(Number(await sized.getAttribute('data-delta')), 175500000);
  assert.match(await sized.innerText(), /3\.38 GB\s+3\.54 GB\s+\+167\.37 MB\s+\+4\.8 %/);
  assert.ok(Math.abs(Number(await attr(page, 'cmp-host-A-write_iops', 'data-delta')) - 0.06944444) < 1e-6);
  // Every reporting figure on host A grows: HQ's and Branch's reports read Lab's events too.
  for (const key of ['reporting_iops', 'guidance_total_iops', 'total_iops']) {
    assert.ok(Number(await attr(page, `cmp-host-A-${key}`, 'data-delta')) > 0, key);
    for (const inst of ['hq', 'branch']) assert.ok(Number(await attr(page, `cmp-instance-${inst}-${key}`, 'data-delta')) > 0, `${inst} ${key}`);
  }
  // Host B is gone: its row in what to deploy and its figures are only in A.
  assert.equal(await attr(page, 'cmp-bom-sql-B', 'data-change'), 'only in A');
  assert.equal(await attr(page, 'cmp-host-B-database_bytes', 'data-change'), 'only in A');
  assert.equal(await attr(page, 'cmp-bom-sql-A', 'data-change'), 'changed');
  assert.equal(await attr(page, 'cmp-bom-server-hq', 'data-change'), 'same');
  // Lab's server-undersized finding is gone; B has no finding A lacks.
  assert.equal(await page.getByTestId('compare-only-a').locator('[data-rule="server-undersized"][data-subject="lab"]').count(), 1);
  assert.equal(await page.getByTestId('compare-only-b').locator('li').count(), 0);
  // Lab's users, workspaces and consoles are unchanged: the inputs that differ are
  // the name, host B and Lab's database host only.
  const inputs = page.getByTestId('compare-inputs');
  assert.equal(await inputs.locator('li[data-kind="Workspace"], li[data-kind="Console"]').count(), 0);
  const lab = inputs.locator('li[data-kind="Instance"]');
  assert.equal(await lab.count(), 1);
  assert.deepEqual(await lab.locator('li[data-field]').evaluateAll((els) => els.map((e) => [e.dataset.field, e.innerText])), [['sql_host', 'SQL Server holding the database: B → A']]);
  assert.equal(await inputs.locator('li[data-kind="SqlHost"][data-id="B"]').getAttribute('data-change'), 'only in A');
  assert.equal(await page.getByTestId('cmp-instance-lab-active_clients').count(), 0);
  await page.getByTestId('compare-all-figures').check();
  assert.equal(await attr(page, 'cmp-instance-lab-active_clients', 'data-change'), 'same');
  assert.equal(await attr(page, 'cmp-instance-lab-workspaces', 'data-change'), 'same');
  // Both plans' size and IOPS charts.
  await page.getByTestId('compare-chart-DatabaseByRetention').waitFor();
  await page.getByTestId('compare-chart-IopsByHost').waitFor();
  // Swapping puts the open plan on the A side.
  await page.getByTestId('compare-swap').click();
  assert.equal(await attr(page, 'cmp-bom-sql-B', 'data-change'), 'only in B');
  assert.equal(Number(await attr(page, 'cmp-host-A-database_bytes', 'data-delta')), -175500000);
  // The comparison as a document.
  const download = page.waitForEvent('download');
  await page.getByTestId('compare-download').click();
  const file = await download;
  assert.match(file.suggestedFilename(), /^comparison-.*\.md$/);
  await screenshot(page, 'compare-variant');
  const violations = await runAxe(page);
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));

  // On a phone the comparison's tables scroll in their frames; the page does not scroll sideways.
  await page.setViewportSize({ width: 360, height: 740 });
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(sideways <= 1, `the page scrolls sideways by ${sideways}px`);
  const frame = await page.getByTestId('compare-figures').evaluate((t) => [t.parentElement.scrollWidth > t.parentElement.clientWidth, getComputedStyle(t.parentElement).overflowX]);
  assert.deepEqual(frame, [true, 'auto'], 'the figures table scrolls in its frame');
  await page.setViewportSize({ width: 1280, height: 800 });

  // Comparing changed neither plan: the original, opened again, still has host B.
  await page.getByTestId('compare-close').click();
  assert.equal(await page.getByTestId('compare-panel').count(), 0);
  await openPlans(page);
  const original = page.getByTestId('saved-plan').filter({ hasText: /^Worked example: HQ, Branch and Lab\b(?! \(variant)/ });
  await original.getByTestId('open-saved').click();
  await page.getByTestId('bom-sql-B').waitFor();
  assert.equal(await page.locator('#f-instances-2-sql_host').inputValue(), 'B');
  await assertClean(page);
  await page.context().close();
});

test('compare with a saved plan, a file or a link; what is not a plan is refused and changes nothing', { timeout: 90_000 }, async () => {
  const page = await openPage(browser);
  await waitForApp(page);
  // A second saved plan: a duplicate of the open one, then with HQ at 4,000 clients.
  await page.locator('#f-instances-0-active_clients').fill('4000');
  await openPlans(page);
  await page.getByTestId('saved-plan').first().getByTestId('duplicate-saved').click();
  await page.getByTestId('saved-plan').nth(1).waitFor();
  await page.getByTestId('compare-with').click();
  const panel = page.getByTestId('compare-panel');
  await panel.waitFor();
  // A damaged link: said, nothing compared, the open plan unchanged.
  await page.getByTestId('compare-link').fill('https://intranet.example/p/#p=1.damaged');
  await page.getByTestId('compare-link-go').click();
  assert.match(await page.getByTestId('compare-problem').innerText(), /does not hold a plan/);
  // A file that is not a plan.
  await page.getByTestId('compare-file').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "other"}') });
  await page.getByTestId('compare-problem').filter({ hasText: /notes\.json.*is not a plan/ }).waitFor();
  assert.equal(await page.getByTestId('compare-verdict-a').count(), 0);
  // A plan file: a one-instance plan.
  const small = { format: 'medv-plan', version: 2, name: 'Small', instances: [{ id: 'hq', name: 'HQ', active_clients: 100 }] };
  await page.getByTestId('compare-file').setInputFiles({ name: 'small.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(small)) });
  await page.getByTestId('compare-verdict-b').waitFor();
  assert.match(await page.getByTestId('compare-verdict-b').innerText(), /^B: Small \(file “small\.json”\)/);
  assert.equal(await attr(page, 'cmp-instance-lab-database_bytes', 'data-change'), 'only in A');
  assert.equal(await page.getByTestId('compare-inputs').locator('li[data-kind="Instance"][data-id="branch"]').getAttribute('data-change'), 'only in A');
  // Another saved plan, from the list: the duplicate, the same as the open plan.
  await page.getByTestId('compare-another').click();
  await page.getByTestId('compare-saved').selectOption({ label: 'Worked example: HQ, Branch and Lab (2)' });
  await page.getByTestId('compare-verdict-b').waitFor();
  assert.equal(await page.getByTestId('compare-figures').locator('tbody tr').count(), 0);
  // The worked example as it ships: HQ's 1,000 clients more.
  await page.getByTestId('compare-another').click();
  await page.getByTestId('compare-saved').selectOption({ label: 'The worked example' });
  await page.getByTestId('compare-verdict-b').waitFor();
  assert.equal(Number(await attr(page, 'cmp-instance-hq-active_clients', 'data-delta')), 1000);
  // Edits to the open plan show at once.
  await page.locator('#f-instances-0-active_clients').fill('5000');
  await page.waitForFunction(() => !document.querySelector('[data-testid="cmp-instance-hq-active_clients"]'));
  // The open plan is what it was.
  assert.equal(await page.locator('#f-instances-2-sql_host').inputValue(), 'B');
  // A large plan: the first 300 rows of figures, then every row on request.
  await page.getByTestId('compare-another').click();
  await page.getByTestId('compare-file').setInputFiles(new URL('../examples/twenty-five-sites.json', import.meta.url).pathname);
  await page.getByTestId('compare-verdict-b').filter({ hasText: /twenty-five-sites\.json/ }).waitFor();
  await page.getByTestId('compare-all-figures').check();
  const rows = page.getByTestId('compare-figures').locator('tbody tr');
  assert.equal(await rows.count(), 300);
  await page.getByTestId('compare-every-row').click();
  assert.ok((await rows.count()) > 600);
  await assertClean(page);
  await page.context().close();
});
