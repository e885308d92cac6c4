// Plans that last and travel: saved plans, share links, files, and every way
// storage can fail — in headless Chromium against the release build behind nginx.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launch, openPage, waitForApp, assertClean, assertSameOrigin, screenshot, BASE_URL } from './harness.mjs';
import { openPlans } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const value = (page, testid) => page.getByTestId(testid).getAttribute('data-value');
const saved = (page) => page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.textContent.includes('Saved'));
const figures = (page) =>
  page.evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-testid^="instance-"][data-value], [data-testid^="host-"][data-value]')].map((e) => [e.dataset.testid, e.dataset.value])));

async function shareLink(page, { privately = false } = {}) {
  await page.getByTestId('share').click();
  if (privately) await page.getByTestId('share-private').check();
  const link = await page.getByTestId('share-link').inputValue();
  await page.getByTestId('share').click();
  return link;
}

test('edits survive a reload', { timeout: 60_000 }, async () => {
  const page = await openPage(browser);
  await waitForApp(page);
  await page.locator('#f-instances-0-active_clients').fill('4321');
  await page.locator('#f-name').fill('Reload test');
  await saved(page);
  await page.reload();
  await waitForApp(page);
  assert.equal(await value(page, 'instance-hq-active_clients'), '4321');
  assert.equal(await page.locator('#f-name').inputValue(), 'Reload test');
  await assertClean(page);
  await page.context().close();
});

test('two saved plans, switching between them', { timeout: 60_000 }, async () => {
  const page = await openPage(browser);
  await waitForApp(page);
  await page.locator('#f-name').fill('First plan');
  await saved(page);
  await openPlans(page);
  await page.getByTestId('new-plan').click();
  await page.locator('#f-name').fill('Second plan');
  await page.getByTestId('add-instance').click();
  await page.locator('#f-instances-0-active_clients').fill('777');
  await saved(page);
  await openPlans(page);
  const list = page.getByTestId('saved-plan');
  assert.equal(await list.count(), 2);
  await openPlans(page);
  await page.getByTestId('open-saved').filter({ hasText: 'First plan' }).click();
  assert.equal(await page.locator('#f-name').inputValue(), 'First plan');
  assert.equal(await value(page, 'instance-hq-active_clients'), '5000');
  await openPlans(page);
  await page.getByTestId('open-saved').filter({ hasText: 'Second plan' }).click();
  assert.equal(await value(page, 'instance-i1-active_clients'), '777');
  // Rename, duplicate, delete with undo.
  const second = list.filter({ hasText: 'Second plan' });
  await openPlans(page);
  await second.getByTestId('rename').click();
  await openPlans(page);
  await page.getByTestId('rename-input').fill('Second, renamed');
  await openPlans(page);
  await page.getByTestId('rename-ok').click();
  await list.filter({ hasText: 'Second, renamed' }).first().waitFor();
  await openPlans(page);
  await list.filter({ hasText: 'First plan' }).getByTestId('duplicate-saved').click();
  await list.filter({ hasText: 'First plan (2)' }).waitFor();
  assert.equal(await list.count(), 3);
  await openPlans(page);
  await list.filter({ hasText: 'First plan (2)' }).getByTestId('delete-saved').click();
  assert.equal(await list.count(), 2);
  await page.getByTestId('undo-delete').click();
  await list.filter({ hasText: 'First plan (2)' }).waitFor();
  await screenshot(page, 'plans-list');
  await assertClean(page);
  await page.context().close();
});

test('a share link opens the same plan in a fresh browser', { timeout: 60_000 }, async () => {
  const page = await openPage(browser);
  await waitForApp(page);
  await page.locator('#f-instances-1-active_clients').fill('3333');
  await page.getByTestId('add-instance').click();
  const original = await figures(page);
  const link = await shareLink(page);
  assert.ok(link.startsWith(BASE_URL) && link.includes('#p=2.'), link);
  await page.context().close();

  const fresh = await openPage(browser, link.slice(BASE_URL.length));
  await waitForApp(fresh);
  assert.deepEqual(await figures(fresh), original);
  await fresh.getByTestId('notice').filter({ hasText: 'Opened from a link' }).waitFor();
  await openPlans(fresh);
  assert.equal(await fresh.getByTestId('saved-plan').count(), 0, 'a link never writes into my plans by itself');
  await fresh.getByTestId('save-copy-inline').click();
  await saved(fresh);
  await openPlans(fresh);
  assert.equal(await fresh.getByTestId('saved-plan').count(), 1);
  assert.ok(!fresh.url().includes('#p='), 'once saved, the address no longer carries the plan');
  await assertClean(fresh);
  assertSameOrigin(fresh);
  await fresh.context().close();
});

test('links rewritten by mail tools still open; the address becomes #p=', { timeout: 60_000 }, async () => {
  const page = await openPage(browser);
  await waitForApp(page);
  const link = await shareLink(page, { privately: true });
  await page.context().close();
  const payload = link.split('#p=')[1];
  for (const suffix of [`%23p=${payload}`, `?p=${payload}`]) {
    const p = await openPage(browser, suffix);
    await waitForApp(p);
    assert.equal(await value(p, 'instance-hq-database_bytes'), '2925000000');
    assert.ok(p.url().endsWith(`#p=${payload}`), p.url());
    // Names were left out of the private link.
    assert.equal(await p.locator('#f-name').inputValue(), '');
    await assertClean(p);
    await p.context().close();
  }
});

test('a truncated link says so and shows no other plan', { timeout: 60_000 }, async () => {
  const page = await openPage(browser);
  await waitForApp(page);
  const link = await shareLink(page);
  await page.context().close();
  const cut = link.slice(BASE_URL.length, link.length - 25);
  const broken = await openPage(browser, cut);
  await waitForApp(broken);
  const notice = broken.getByTestId('notice');
  await notice.waitFor();
  assert.match(await notice.innerText(), /incomplete or damaged/);
  assert.equal(await broken.locator('[data-testid^="instance-results-"]').count(), 0, 'no plan is shown in its place');
  await screenshot(broken, 'plans-broken-link');
  await assertClean(broken);
  await broken.context().close();
});

test('a full storage warns, keeps the plan in memory and damages nothing', { timeout: 90_000 }, async () => {
  const page = await openPage(browser);
  await waitForApp(page);
  await page.locator('#f-name').fill('Kept safe');
  await saved(page);
  const before = await page.evaluate(() => Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith('medv-planner.plan.')).map((k) => [k, localStorage.getItem(k)])));
  assert.equal(Object.keys(before).length, 1);
  await page.evaluate(() => {
    let n = 0;
    for (const size of [1 << 20, 1 << 16, 1 << 12, 1 << 8, 16, 1]) {
      const chunk = 'x'.repeat(size);
      for (;;) {
        try {
          localStorage.setItem(`filler-${n++}`, chunk);
        } catch {
          break;
        }
      }
    }
  });
  // A bigger plan than the one stored: it cannot fit.
  await page.locator('#f-notes').fill('A long note. '.repeat(300));
  await page.locator('#f-instances-0-active_clients').fill('1234');
  await page.getByTestId('save-failed').waitFor();
  assert.match(await page.getByTestId('save-failed').innerText(), /full/);
  assert.equal(await value(page, 'instance-hq-active_clients'), '1234', 'the edit stays on the page');
  const after = await page.evaluate((keys) => Object.fromEntries(keys.map((k) => [k, localStorage.getItem(k)])), Object.keys(before));
  assert.deepEqual(after, before, 'nothing already saved was damaged');
  // Export still works.
  const download = page.waitForEvent('download');
  await openPlans(page);
  await page.getByTestId('export-plan').click();
  const file = await (await download).path();
  assert.match(await readFile(file, 'utf8'), /"active_clients": 1234/);
  await screenshot(page, 'plans-storage-full');
  await assertClean(page);
  await page.context().close();
});

test('a damaged entry is kept aside and every other plan still opens', { timeout: 60_000 }, async () => {
  const page = await openPage(browser);
  await waitForApp(page);
  await page.locator('#f-name').fill('Healthy');
  await saved(page);
  await page.evaluate(() => localStorage.setItem('medv-planner.plan.broken', '{"format":"medv-planner-saved-plan","schema":1,"plan":'));
  await page.reload();
  await waitForApp(page);
  assert.equal(await page.locator('#f-name').inputValue(), 'Healthy');
  await openPlans(page);
  const damaged = page.locator('[data-testid="saved-plan"][data-damaged="true"]');
  await damaged.waitFor();
  assert.match(await damaged.innerText(), /cannot be read/);
  const download = page.waitForEvent('download');
  await openPlans(page);
  await damaged.getByTestId('download-raw').click();
  assert.equal(await readFile(await (await download).path(), 'utf8'), '{"format":"medv-planner-saved-plan","schema":1,"plan":');
  assert.equal(await page.evaluate(() => localStorage.getItem('medv-planner.plan.broken')), '{"format":"medv-planner-saved-plan","schema":1,"plan":', 'kept untouched');
  await openPlans(page);
  await page.getByTestId('open-saved').filter({ hasText: 'Healthy' }).click();
  await assertClean(page);
  await page.context().close();
});

test('export then import gives an identical plan', { timeout: 60_000 }, async () => {
  const page = await openPage(browser);
  await waitForApp(page);
  await page.locator('#f-instances-2-active_clients').fill('450');
  await page.getByTestId('add-instance').click();
  const exported = page.waitForEvent('download');
  await openPlans(page);
  await page.getByTestId('export-plan').click();
  const download = await exported;
  assert.match(download.suggestedFilename(), /\.medv-plan\.json$/);
  const text = await readFile(await download.path(), 'utf8');
  const original = await figures(page);
  await openPlans(page);
  await page.getByTestId('new-plan').click();
  assert.equal(await page.locator('[data-testid^="instance-results-"]').count(), 0);
  const dir = await mkdtemp(path.join(tmpdir(), 'medv-'));
  const file = path.join(dir, 'plan.json');
  await writeFile(file, text);
  await openPlans(page);
  await page.getByTestId('import-plan').setInputFiles(file);
  await page.getByTestId('notice').filter({ hasText: 'as a copy' }).waitFor();
  assert.deepEqual(await figures(page), original);
  const again = page.waitForEvent('download');
  await openPlans(page);
  await page.getByTestId('export-plan').click();
  assert.equal(await readFile(await (await again).path(), 'utf8'), text, 'byte for byte');
  // A file that is not a plan is refused with a reason, and nothing changes.
  await writeFile(file, '{"format":"medv-plan","version":1,"instances":[{"id":"a","active_clients":1,"servr":{}}]}');
  await openPlans(page);
  await page.getByTestId('import-plan').setInputFiles(file);
  await page.getByTestId('notice').filter({ hasText: 'unknown field' }).waitFor();
  assert.deepEqual(await figures(page), original);
  // The design document and the CSV.
  const md = page.waitForEvent('download');
  await openPlans(page);
  await page.getByTestId('export-markdown').click();
  assert.match(await readFile(await (await md).path(), 'utf8'), /^# MED-V server infrastructure design/);
  const csv = page.waitForEvent('download');
  await openPlans(page);
  await page.getByTestId('export-csv').click();
  assert.match(await readFile(await (await csv).path(), 'utf8'), /^scope,id,name,figure,value,unit/);
  await assertClean(page);
  await page.context().close();
});

test('backup and restore all plans', { timeout: 60_000 }, async () => {
  const page = await openPage(browser);
  await waitForApp(page);
  await page.locator('#f-name').fill('Backed up');
  await saved(page);
  const exported = page.waitForEvent('download');
  await openPlans(page);
  await page.getByTestId('export-all').click();
  const text = await readFile(await (await exported).path(), 'utf8');
  assert.match(text, /"format": "medv-planner-backup"/);
  await page.context().close();
  const fresh = await openPage(browser);
  await waitForApp(fresh);
  const dir = await mkdtemp(path.join(tmpdir(), 'medv-'));
  await writeFile(path.join(dir, 'backup.json'), text);
  await openPlans(fresh);
  await fresh.getByTestId('restore-backup').setInputFiles(path.join(dir, 'backup.json'));
  await fresh.getByTestId('notice').filter({ hasText: '1 plan added' }).waitFor();
  await openPlans(fresh);
  await fresh.getByTestId('open-saved').filter({ hasText: 'Backed up' }).click();
  assert.equal(await fresh.locator('#f-name').inputValue(), 'Backed up');
  await assertClean(fresh);
  await fresh.context().close();
});

test('two tabs: a save in one is noticed in the other, never silently overwritten', { timeout: 60_000 }, async () => {
  const first = await openPage(browser);
  await waitForApp(first);
  await first.locator('#f-name').fill('Shared between tabs');
  await saved(first);
  const second = await first.context().newPage();
  await second.goto(first.url());
  await waitForApp(second);
  assert.equal(await second.locator('#f-name').inputValue(), 'Shared between tabs');
  await second.locator('#f-instances-0-active_clients').fill('1111');
  await saved(second);
  await first.getByTestId('conflict').waitFor();
  // The first tab edits: autosave waits, the other tab's save stays.
  await first.locator('#f-instances-0-active_clients').fill('2222');
  await first.waitForTimeout(1000);
  const stored = await first.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('medv-planner.plan.')).map((k) => localStorage.getItem(k)));
  assert.ok(stored.some((s) => s.includes('1111')), 'the other tab’s save is intact');
  await first.getByTestId('load-theirs').click();
  assert.equal(await value(first, 'instance-hq-active_clients'), '1111');
  await screenshot(first, 'plans-two-tabs');
  await assertClean(first);
  await first.context().close();
});

test('without storage the app still works and says plans are not kept', { timeout: 60_000 }, async () => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  const page = await context.newPage();
  await page.goto(BASE_URL);
  await page.getByTestId('app').waitFor();
  await page.getByTestId('storage-off').waitFor();
  await page.locator('#f-instances-0-active_clients').fill('2000');
  assert.equal(await page.getByTestId('instance-hq-active_clients').getAttribute('data-value'), '2000');
  const download = page.waitForEvent('download');
  await openPlans(page);
  await page.getByTestId('export-plan').click();
  assert.match(await readFile(await (await download).path(), 'utf8'), /"active_clients": 2000/);
  await context.close();
});
