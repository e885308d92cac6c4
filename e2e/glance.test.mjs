// The answer first: what to deploy, where, and whether it is safe — at a glance,
// at any plan size, quick to build. Release build behind nginx with the strict CSP.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { launch, openPage, waitForApp, assertClean, assertSameOrigin, screenshot, runAxe, openPlans, BASE_URL } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const value = (page, testid) => page.getByTestId(testid).getAttribute('data-value');
const cli = process.env.MEDV_PLAN_BIN ?? 'target/release/medv-plan';
const linkOf = (file) =>
  execFileSync(cli, ['link', '-', '--base', BASE_URL], { input: readFileSync(new URL(file, import.meta.url)) }).toString().trim().slice(BASE_URL.length);

async function inView(page, locator, viewport) {
  const box = await locator.boundingBox();
  return box !== null && box.y >= 0 && box.y + Math.min(box.height, 24) <= viewport.height;
}

test('the first screen shows the status, what to deploy and the start of the bill of materials, on desktop and phone', { timeout: 90_000 }, async () => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 360, height: 740 }]) {
    const page = await openPage(browser, '', { contextOptions: { viewport } });
    await waitForApp(page);
    assert.ok(await inView(page, page.getByTestId('plan-status'), viewport), `status chip at ${viewport.width} px`);
    assert.ok(await inView(page, page.getByTestId('status-deployment'), viewport), `deployment line at ${viewport.width} px`);
    assert.ok(await inView(page, page.getByTestId('bom-server-hq'), viewport), `first bill-of-materials row at ${viewport.width} px`);
    await screenshot(page, `glance-first-screen-${viewport.width}`);
    await page.context().close();
  }
});

test('the bill of materials: a row per machine by site, entered against needed, a status word, subtotals', { timeout: 60_000 }, async () => {
  const page = await openPage(browser);
  await waitForApp(page);
  const bom = page.getByTestId('bom');
  // The worked example: three sites, and host A at no site.
  assert.deepEqual(await bom.locator('.bom-site th').allInnerTexts(), ['HQ', 'Branch', 'Lab', 'No site given']);
  const hq = page.getByTestId('bom-server-hq');
  assert.equal(await hq.getAttribute('data-status'), 'ok');
  assert.match(await hq.innerText(), /MED-V server HQ\s+2\.8 GHz, 2 cores, 2 GB\s+2\.8 GHz, 2 cores, 2 GB, 360\.00 KB disk\s+✔ ok/);
  // Lab's server runs SQL Server and is entered too small: a warning, in words.
  const lab = page.getByTestId('bom-server-lab');
  assert.equal(await lab.getAttribute('data-status'), 'warning');
  assert.match(await lab.innerText(), /4 cores, 4 GB.*runs SQL Server\s+▲ warning/s);
  assert.match(await page.getByTestId('bom-sql-B').innerText(), /SQL Server SQL host B \(on MED-V server Lab\)/);
  assert.match(await page.getByTestId('bom-sql-A').innerText(), /3\.38 GB database, 25\.34 IOPS/);
  assert.match(await page.getByTestId('bom-consoles-lab').innerText(), /1 console for Lab/);
  // A subtotal where a site has more than one machine: Lab's server and the SQL Server on it.
  assert.equal(await bom.locator('.bom-subtotal').count(), 1);
  assert.match(await bom.locator('.bom-subtotal').innerText(), /Subtotal: 1 MED-V server, 1 SQL Server host, 1 console; 167\.37 MB, 0\.66 IOPS/);
  // What the planned outages do, in a sentence per instance, hosts by name.
  // Open at once for a small plan.
  assert.match(await page.getByTestId('outages').innerText(), /HQ: users are locked out after 23\.75 h .* if SQL Server SQL host A is down 8 h/);
  // Editing a server updates its row.
  await page.locator('#f-instances-2-server-cores').fill('4');
  await page.locator('#f-instances-2-server-ram_gb').fill('4');
  await page.waitForFunction(() => document.querySelector('[data-testid="bom-server-lab"]').dataset.status === 'ok');
  // The skip link reaches it.
  await page.keyboard.press('Tab');
  await page.getByRole('link', { name: 'Skip to what to deploy' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'bom');
  await assertClean(page);
  await page.context().close();
});

test('the three-site design from an empty plan in under 40 actions, with no error', { timeout: 120_000 }, async () => {
  const viewport = { width: 1280, height: 800 };
  const page = await openPage(browser, '', { contextOptions: { viewport } });
  await waitForApp(page);
  let actions = 0;
  const click = async (locator) => { actions += 1; await locator.click(); };
  const fill = async (selector, text) => { actions += 1; await page.locator(selector).fill(text); };
  const choose = async (selector, option) => { actions += 1; await page.locator(selector).selectOption(option); };

  await click(page.getByTestId('plan-menu-button'));
  await click(page.getByTestId('new-plan'));
  await fill('#f-name', 'Europe: London, Paris and Lisbon');
  for (const [k, name, users] of [[0, 'London', '6000'], [1, 'Paris', '4,000'], [2, 'Lisbon', '2000']]) {
    await click(page.getByTestId('add-site'));
    await fill(`#f-sites-${k}-name`, name);
    await fill(`#f-sites-${k}-users`, users);
  }
  // One SQL Server in London with log shipping.
  await click(page.getByTestId('add-host'));
  await fill('#f-sql_hosts-0-name', 'London SQL Server');
  await choose('#f-sql_hosts-0-site', { label: 'London' });
  await choose('#f-sql_hosts-0-edition', { label: 'Enterprise' });
  await choose('#f-sql_hosts-0-fault_tolerance', { index: 1 });
  // The links to London.
  await click(page.getByTestId('add-site-link'));
  await fill('#f-site_links-0-mbps', '100');
  await click(page.getByTestId('add-site-link'));
  await choose('#f-site_links-1-b', { label: 'Lisbon' });
  await fill('#f-site_links-1-mbps', '20');
  // Service levels.
  await fill('#f-service_levels-max_medv_outage_hours', '24');
  await fill('#f-service_levels-max_sql_outage_hours', '8');
  // And the instances the sites need, in one action.
  await click(page.getByTestId('create-site-instances'));
  await page.getByTestId('notice').filter({ hasText: 'Added 4 instances: London A, London B, Paris, Lisbon' }).waitFor();

  assert.ok(actions < 40, `${actions} actions`);
  console.log(`# the three-site design took ${actions} actions`);
  const rows = page.locator('[data-testid^="instance-row-"]');
  assert.equal(await rows.count(), 4);
  assert.deepEqual(await rows.locator('th[scope="row"]').allInnerTexts(), ['London A', 'London B', 'Paris', 'Lisbon']);
  for (const [id, clients] of [['i1', '3000'], ['i2', '3000'], ['i3', '4000'], ['i4', '2000']]) {
    assert.equal(await value(page, `instance-${id}-active_clients`), clients);
  }
  // Every site has what it needs, each server at its site in the bill of materials.
  for (const row of await page.getByTestId('site-row').all()) {
    assert.equal(await row.getByTestId('site-needed').innerText(), await row.getByTestId('site-planned').innerText());
  }
  assert.deepEqual(await page.getByTestId('bom').locator('.bom-site th').allInnerTexts(), ['London', 'Paris', 'Lisbon']);
  assert.equal(await value(page, 'count-errors'), '0');
  assert.notEqual(await page.getByTestId('plan-status').getAttribute('data-status'), 'incomplete');
  // Duplicating an instance adds no error either.
  await page.getByRole('button', { name: 'Duplicate instance Paris' }).click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid^="instance-row-"]').length === 5);
  assert.equal(await value(page, 'count-errors'), '0');
  await screenshot(page, 'glance-three-sites-built');
  await assertClean(page);
  await page.context().close();
});

test('a 25-instance plan: one sortable table, a filter, rows that expand, a page at most 3× the example', { timeout: 120_000 }, async () => {
  const viewport = { width: 1280, height: 800 };
  const example = await openPage(browser, '', { contextOptions: { viewport } });
  await waitForApp(example);
  const exampleHeight = await example.evaluate(() => document.documentElement.scrollHeight);
  await example.context().close();

  const page = await openPage(browser, linkOf('../sizing/tests/golden/twenty-five-sites.json'), { contextOptions: { viewport } });
  await waitForApp(page);
  const table = page.getByTestId('results-table-instance');
  await table.waitFor();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  console.log(`# page height: worked example ${exampleHeight} px, 25 instances ${height} px`);
  assert.ok(height <= 3 * exampleHeight, `${height} px against ${exampleHeight} px`);
  await screenshot(page, 'glance-25-instances');

  // Every figure column keeps its test id and exact value.
  const rows = table.locator('tbody > tr[data-testid^="instance-results-"]');
  assert.equal(await rows.count(), 25);
  const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.testid.replace('instance-results-', '')));
  const sizes = async () => table.locator('[data-testid$="-database_bytes"]').evaluateAll((els) => els.map((e) => Number(e.dataset.value)));
  // Sorted by database size, descending then ascending; the header says so.
  await page.getByTestId('sort-instance-database_bytes').click();
  let asc = await sizes();
  assert.deepEqual(asc, [...asc].sort((a, b) => a - b));
  await page.getByTestId('sort-instance-database_bytes').click();
  const desc = await sizes();
  assert.deepEqual(desc, [...desc].sort((a, b) => b - a));
  assert.equal(await page.getByTestId('sort-instance-database_bytes').locator('xpath=..').getAttribute('aria-sort'), 'descending');
  // Only the rows with findings.
  await page.getByTestId('only-findings-instance').check();
  const flagged = await rows.count();
  assert.ok(flagged < 25, `${flagged} rows with findings`);
  for (const row of await rows.all()) assert.doesNotMatch(await row.locator('td').nth(-2).innerText(), /^0 · 0$/);
  await page.getByTestId('only-findings-instance').uncheck();
  // A row expands into its other figures and the math.
  const first = ids[0];
  assert.equal(await page.getByTestId(`instance-${first}-records_per_day`).count(), 0);
  await page.getByTestId(`show-figures-${first}`).click();
  assert.ok(Number(await value(page, `instance-${first}-records_per_day`)) > 0);
  // Every finding is reachable from the grouped list.
  const total = Number(await value(page, 'count-errors')) + Number(await value(page, 'count-warnings')) + Number(await value(page, 'count-infos'));
  const grouped = await page.getByTestId('finding-group').evaluateAll((els) => els.reduce((n, e) => n + Number(e.dataset.count), 0));
  assert.equal(grouped, total);
  await assertClean(page);
  assertSameOrigin(page);
  await page.context().close();
});

test('charts in tabs, each with its data table; the plan menu; print and dark screenshots', { timeout: 90_000 }, async () => {
  const page = await openPage(browser, '', { contextOptions: { viewport: { width: 1280, height: 800 } } });
  await waitForApp(page);
  const canvases = () => page.locator('canvas.chart').count();
  assert.equal(await canvases(), 1, 'only the chart on screen is drawn');
  await page.getByTestId('chart-tab-1').click();
  await page.getByTestId('chart-IopsByHost').waitFor();
  assert.equal(await page.getByTestId('chart-tab-1').getAttribute('aria-selected'), 'true');
  await page.keyboard.press('ArrowRight');
  await page.getByTestId('chart-BacklogByOutage').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'chart-tab-2');
  await page.getByTestId('chart-panel-BacklogByOutage').getByText('Chart data as a table').click();
  // The rows are built on the details' toggle event, which the browser fires in a task of
  // its own after the click: wait for them rather than read the table at once.
  await page.getByTestId('chart-panel-BacklogByOutage').locator('tbody tr').first().waitFor();
  assert.match(await page.getByTestId('chart-panel-BacklogByOutage').locator('table').innerText(), /HQ/);
  await page.getByTestId('chart-panel-BacklogByOutage').scrollIntoViewIfNeeded();
  await screenshot(page, 'glance-chart-tabs');

  // The plan menu: open, Escape closes it and gives the focus back.
  await page.getByTestId('plan-menu-button').click();
  await page.getByTestId('plans-panel').waitFor();
  await page.keyboard.press('Escape');
  await page.getByTestId('plans-panel').waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'plan-menu-button');

  // Print: the design document's order, every chart drawn.
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.waitForFunction(() => document.querySelectorAll('canvas.chart').length === 3);
  // Drawn, wherever they are on the page: a canvas with nothing drawn is all transparent.
  await page.waitForFunction(() => [...document.querySelectorAll('canvas.chart')].every((c) => {
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    return data.some((v, i) => i % 4 === 3 && v !== 0);
  }));
  await screenshot(page, 'glance-print');
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await page.emulateMedia({ media: 'screen', colorScheme: 'dark' });
  await screenshot(page, 'glance-dark');
  assert.deepEqual(await runAxe(page), []);
  await assertClean(page);
  await page.context().close();
});

test('the design document and the CSV from the page: answer first, names not ids, findings in the CSV', { timeout: 60_000 }, async () => {
  const page = await openPage(browser);
  await waitForApp(page);
  await openPlans(page);
  const md = page.waitForEvent('download');
  await page.getByTestId('export-markdown').click();
  const text = await readFile(await (await md).path(), 'utf8');
  const at = (h) => text.indexOf(`${h}\n`);
  assert.ok(at('## Summary') < at('### Bill of materials') && at('### Bill of materials') < at('## Findings') && at('## Findings') < at('# Appendices'));
  assert.ok(text.includes('# MED-V server infrastructure design: Worked example: HQ, Branch and Lab'), 'no escaping of plain words');
  assert.ok(text.includes('(on MED-V server Lab)'));
  const csv = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const csvText = await readFile(await (await csv).path(), 'utf8');
  assert.ok(csvText.startsWith('scope,id,name,figure,value,unit,rounded,label,severity,message\r\n'));
  assert.ok(csvText.includes('instance,hq,HQ,database_bytes,2925000000,B,2.72 GB,Sized database,,'));
  assert.match(csvText, /\r\nfinding,lab,Lab,server-undersized,,,,[^\r]*,warning,/);
  await page.context().close();
});

test('a T-SQL script per SQL Server host from what to deploy: sized from the plan, the database name quoted', { timeout: 60_000 }, async () => {
  const page = await openPage(browser);
  await waitForApp(page);
  const script = async (host) => {
    const file = page.waitForEvent('download');
    await page.getByTestId(`sql-script-${host}`).click();
    const download = await file;
    return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
  };
  // Host A holds HQ's and Branch's databases: 3,627,000,000 B, the host's figure.
  assert.equal(await value(page, 'host-A-database_bytes'), '3627000000');
  const a = await script('A');
  assert.match(a.name, /-a\.sql$/);
  assert.ok(a.text.includes('CREATE DATABASE [MEDV];'));
  assert.ok(a.text.includes(`SIZE = ${Math.ceil(3627000000 / 1048576)}MB`));
  assert.ok(a.text.includes('SET RECOVERY SIMPLE;'));
  assert.match(a.text, /Generated by MED-V Planner on \d{4}-\d{2}-\d{2}/);
  // Host B is co-located with Lab: its own script.
  assert.ok((await script('B')).text.includes('instances whose databases it holds: Lab'));
  // A database kept on Lab's own MED-V server (no host named) has its own row and script.
  await page.locator('#f-instances-2-sql_host').selectOption('');
  const own = await script('lab.local');
  assert.ok(own.text.includes('instances whose databases it holds: Lab'), own.text);
  assert.equal(await page.getByTestId('bom-sql-lab.local').getByTestId('sql-script-lab.local').count(), 1);
  assert.equal(await page.getByTestId('sql-script-hq.local').count(), 0, 'HQ keeps its database on host A');
  await page.locator('#f-instances-2-sql_host').selectOption('B');
  // A hostile name stays one identifier, its ] doubled.
  await page.getByTestId('sql-database').fill(']; DROP DATABASE x; --');
  assert.ok((await script('A')).text.includes('CREATE DATABASE []]; DROP DATABASE x; --];'));
  // A name SQL Server refuses is said at the field, and no file is offered.
  await page.getByTestId('sql-database').fill('bad\u0007name');
  assert.equal(await page.getByTestId('sql-database').getAttribute('aria-invalid'), 'true');
  await page.getByTestId('sql-script-A').click();
  await assert.doesNotReject(page.getByText(/No T-SQL script: the database name/).first().waitFor());
  await assertClean(page);
  assertSameOrigin(page);
  await page.context().close();
});

test('rows keyed by their ids: what was typed and opened stays with its instance when a row before it goes', { timeout: 60_000 }, async () => {
  const page = await openPage(browser);
  await waitForApp(page);
  // Branch is the second instance: type text that is not a number, open a math panel.
  const branchClients = page.locator('[data-testid="instance-editor-branch"] input[id$="-active_clients"]');
  await branchClients.fill('12 hundred');
  await page.getByTestId('instance-results-branch').locator('details.math summary').first().click();
  assert.equal(await branchClients.getAttribute('id'), 'f-instances-1-active_clients');
  // HQ goes: Branch is now the first instance, and keeps both.
  await page.getByRole('button', { name: 'Remove instance HQ' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid="instance-editor-branch"] input[id$="-active_clients"]')?.id === 'f-instances-0-active_clients');
  assert.equal(await branchClients.inputValue(), '12 hundred');
  assert.match(await page.locator('#f-instances-0-active_clients-msg').innerText(), /the last number entered, 1,200/);
  assert.equal(await page.getByTestId('instance-results-branch').locator('details.math[open]').count(), 1);
  // Undo brings HQ back before it; Branch keeps what was typed, at its old place again.
  await page.getByTestId('undo').click();
  await page.getByTestId('instance-editor-hq').waitFor();
  assert.equal(await branchClients.getAttribute('id'), 'f-instances-1-active_clients');
  assert.equal(await branchClients.inputValue(), '12 hundred');
  // A number typed now goes to Branch.
  await branchClients.fill('1500');
  assert.equal(await value(page, 'instance-branch-active_clients'), '1500');
  assert.equal(await value(page, 'instance-hq-active_clients'), '5000');
  await assertClean(page);
  await page.context().close();
});

test('an edit redraws only what it changes: every row keeps its element, open messages and an open math panel follow', { timeout: 90_000 }, async () => {
  const viewport = { width: 1280, height: 800 };
  const page = await openPage(browser, linkOf('../sizing/tests/golden/twenty-five-sites.json'), { contextOptions: { viewport } });
  await waitForApp(page);
  await page.getByTestId('results-table-instance').waitFor();
  await page.getByTestId('host-results-sql-eu').waitFor();
  // The rows of the results table, of what to deploy and of the instances table, and the
  // host editors, as they are now.
  const rows = 'tr[data-testid^="instance-results-"], tr[data-testid^="bom-"], tr[data-testid^="instance-row-"], article[data-testid^="host-editor-"]';
  const marked = await page.evaluate((sel) => {
    window.__rows = [...document.querySelectorAll(sel)];
    for (const e of window.__rows) e.__kept = true;
    return window.__rows.length;
  }, rows);
  assert.ok(marked >= 3 * 25, `${marked} rows`);
  const before = await value(page, 'instance-amsterdam-database_bytes');
  const hostBefore = await value(page, 'host-sql-eu-database_bytes');
  const bomBefore = await page.getByTestId('bom-sql-sql-eu').innerText();
  // Every message of the shared-database notes, opened: Europe SQL's quotes its size.
  const shared = page.locator('[data-testid="finding-group"][data-rule="sql-shared-database"]');
  await shared.locator('details.group-messages summary').click();
  const messages = shared.locator('details.group-messages[open] li').first();
  const messageBefore = await messages.innerText();
  assert.match(messageBefore, /Europe SQL/);
  await page.evaluate(() => { document.querySelector('[data-testid="finding-group"][data-rule="sql-shared-database"]').__kept = true; });
  // Each finding's subject, as it is now; Europe SQL's message (on hover) quotes its size.
  const subject = page.locator('[data-testid="finding"][data-rule="sql-shared-database"][data-subject="sql-eu"] .finding-btn');
  const titleBefore = await subject.getAttribute('title');
  assert.match(titleBefore, /Europe SQL/);
  const findings = await page.evaluate(() => {
    window.__findings = [...document.querySelectorAll('[data-testid="finding"]')];
    // What the edit writes into the findings' subjects.
    window.__written = [];
    new MutationObserver((ms) => {
      for (const m of ms) if (m.type === 'attributes') window.__written.push(`${m.target.closest('[data-testid="finding"]')?.dataset.subject} ${m.attributeName}`);
    }).observe(document.querySelector('[aria-labelledby="findings-h"]'), { subtree: true, attributes: true });
    return window.__findings.length;
  });
  assert.ok(findings >= 2, `${findings} findings`);
  // Amsterdam's active clients, typed in the instances table.
  await page.locator('#t-f-instances-0-active_clients').fill('4000');
  await page.waitForFunction((b) => document.querySelector('[data-testid="instance-amsterdam-database_bytes"]')?.dataset.value !== b, before);
  assert.equal(await value(page, 'instance-amsterdam-active_clients'), '4000');
  assert.ok(Number(await value(page, 'host-sql-eu-database_bytes')) > Number(hostBefore), 'its host grew');
  assert.notEqual(await page.getByTestId('bom-sql-sql-eu').innerText(), bomBefore, "its host's row of what to deploy changed");
  // The note's message follows, in the same group, still open.
  await page.waitForFunction((b) => document.querySelector('[data-rule="sql-shared-database"] details.group-messages li')?.textContent !== b, messageBefore);
  assert.equal(await shared.locator('details.group-messages[open]').count(), 1, 'the open messages stay open');
  assert.ok(await shared.evaluate((e) => e.__kept === true), 'the group is the element it was');
  // Its subject's message on hover follows too, and no finding was drawn again.
  assert.notEqual(await subject.getAttribute('title'), titleBefore);
  assert.deepEqual(await page.evaluate(() => window.__findings.filter((e) => !e.isConnected).map((e) => `${e.dataset.rule} ${e.dataset.subject}`)), []);
  assert.deepEqual(await page.evaluate(() => [...new Set(window.__written.filter((w) => !w.startsWith('undefined')))]), ['sql-eu title'], 'only the changed message is written');
  // Every row is still the element it was: the changed cells were rewritten in place.
  assert.deepEqual(await page.evaluate(() => window.__rows.filter((e) => !e.isConnected).map((e) => e.dataset.testid)), []);
  assert.deepEqual(await page.evaluate((sel) => [...document.querySelectorAll(sel)].filter((e) => !e.__kept).map((e) => e.dataset.testid), rows), []);
  await assertClean(page);
  await page.context().close();

  // An open "Show the math" follows the plan (the page analyses without the math until one is open).
  const example = await openPage(browser, '', { contextOptions: { viewport } });
  await waitForApp(example);
  await example.getByTestId('instance-results-hq').locator('details.math summary').nth(3).click();
  await example.getByText('5,000 × 20 × 200 B × 90 days').first().waitFor();
  await example.locator('#f-instances-0-active_clients').fill('4000');
  await assert.doesNotReject(example.getByText('4,000 × 20 × 200 B × 90 days').first().waitFor());
  // The chart is drawn again only when what it shows changes, and only near the screen: an
  // instance's name is not in the retention chart (its hosts' are), the instance's clients are.
  const chart = example.getByTestId('chart-DatabaseByRetention');
  await chart.waitFor();
  await example.evaluate(() => {
    window.__draws = 0;
    const canvas = document.querySelector('[data-testid="chart-DatabaseByRetention"]');
    new MutationObserver((ms) => { window.__draws += ms.filter((m) => m.attributeName === 'width').length; }).observe(canvas, { attributes: true });
  });
  const frames = () => example.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const draws = () => example.evaluate(() => window.__draws);
  // Typed while the chart is far below the screen (the field at the top of the page).
  const far = () => example.evaluate(() => document.querySelector('[data-testid="chart-DatabaseByRetention"]').getBoundingClientRect().top > 2 * innerHeight);
  await example.locator('#f-instances-0-active_clients').fill('4200');
  await example.getByText('4,200 × 20 × 200 B × 90 days').first().waitFor();
  await frames();
  assert.ok(await far(), 'the chart is more than a screen below');
  assert.equal(await draws(), 0, 'a chart far from the screen is not drawn');
  // Scrolled to, it is drawn once, with what changed meanwhile.
  await chart.scrollIntoViewIfNeeded();
  await example.waitForFunction(() => window.__draws > 0);
  await frames();
  assert.equal(await draws(), 1, 'drawn once when it came into view');
  // On screen: a name it does not show is not drawn again; clients are. Typed without
  // scrolling to the field, so the chart stays on screen.
  const type = (id, text) => example.evaluate(([id, text]) => {
    const input = document.getElementById(id);
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, [id, text]);
  await type('f-instances-0-name', 'Headquarters East');
  await example.getByTestId('bom').getByText('Headquarters East').first().waitFor();
  await frames();
  assert.equal(await draws(), 1, 'a name the chart does not show: not drawn again');
  await type('f-instances-0-active_clients', '4500');
  await example.waitForFunction(() => window.__draws > 1);
  await frames();
  assert.equal(await draws(), 2, 'clients typed: drawn once more');
  // Scrolled away and back with nothing changed: not drawn again.
  await example.evaluate(() => window.scrollTo(0, 0));
  await frames();
  await chart.scrollIntoViewIfNeeded();
  await frames();
  await frames();
  assert.equal(await draws(), 2, 'coming back into view unchanged: not drawn again');
  await assertClean(example);
  await example.context().close();

  // The bandwidth a remote database needs has math only while the database is across a link,
  // and gains it when an edit moves it there.
  const sites = await openPage(browser, linkOf('../examples/three-sites.json'), { contextOptions: { viewport } });
  await waitForApp(sites);
  const remoteMath = (id) => sites.locator(`.figure:has([data-testid="instance-${id}-remote_link-needed_mbps"]) details.math`);
  assert.equal(await remoteMath('paris').isVisible(), true, "Paris's database is across a link");
  assert.equal(await remoteMath('london-a').isVisible(), false, "London A's is at its own site");
  if (!(await sites.locator('#f-instances-0-server-site').isVisible())) await sites.getByTestId('edit-london-a').click();
  await sites.locator('#f-instances-0-server-site').selectOption('paris');
  await remoteMath('london-a').waitFor({ state: 'visible' });
  await remoteMath('london-a').locator('summary').click();
  await remoteMath('london-a').getByText('max(minimum link').waitFor();
  await assertClean(sites);
  await sites.context().close();
});

test('a name typed shows wherever the plan quotes it, and a name listed twice is still found', { timeout: 60_000 }, async () => {
  // The page analyses the plan with the names it only quotes set aside: typing one that stays
  // unique runs no analysis, and every text that quotes it takes it back.
  const page = await openPage(browser, '', { contextOptions: { viewport: { width: 1280, height: 800 } } });
  await waitForApp(page);
  await page.getByTestId('finding-group').first().waitFor();
  await page.locator('#f-sql_hosts-0-name').fill('Primary SQL');
  await page.getByTestId('bom-sql-A').getByText('Primary SQL').waitFor();
  await page.getByTestId('instance-results-hq').getByText('database on Primary SQL').waitFor();
  await page.locator('[data-testid="finding"][data-rule="sql-shared-database"]').getByText(/SQL Server host Primary SQL holds/).waitFor();
  assert.equal(await page.getByText('SQL host A', { exact: false }).count(), 0, 'the old name is gone');
  // The same console name under a second instance (case and spaces aside) is an error.
  const hqConsole = await page.locator('#f-instances-0-consoles-0-name').inputValue();
  const branchConsole = page.locator('#f-instances-1-consoles-0-name');
  const branchName = await branchConsole.inputValue();
  await branchConsole.fill(` ${hqConsole.toUpperCase()} `);
  await page.locator('[data-testid="finding"][data-rule="console-duplicate"]').waitFor();
  await branchConsole.fill(branchName);
  await page.locator('[data-testid="finding"][data-rule="console-duplicate"]').waitFor({ state: 'detached' });
  await branchConsole.fill('Branch help desk');
  await page.getByTestId('bom-consoles-branch').getByText('Branch help desk').waitFor();
  // No token of a name set aside reaches the page.
  assert.ok(!(await page.evaluate(() => document.documentElement.outerHTML.includes('\uE000'))));
  await assertClean(page);
  await page.context().close();
});
