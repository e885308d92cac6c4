// Hostile plans, hostile input, keyboard-only use and accessibility, against the release
// build behind nginx with the strict CSP.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { launch, openPage, waitForApp, assertClean, assertSameOrigin, screenshot, runAxe, BASE_URL } from './harness.mjs';
import { openPlans } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const HOSTILE = {
  html: '<img src=x onerror="window.__xss=1">',
  script: '<script>window.__xss=2</script>',
  link: 'javascript:window.__xss=3',
  formula: '=HYPERLINK("http://x","y")',
  bidi: 'evil\u202Egnp.exe\u200B',
};

function hostilePlanLink() {
  const plan = {
    format: 'medv-plan',
    version: 1,
    name: `${HOSTILE.html} ${HOSTILE.bidi}`,
    notes: `${HOSTILE.script}\n[click](${HOSTILE.link})`,
    sql_hosts: [{ id: 's1', name: HOSTILE.script }],
    instances: [
      {
        id: 'a',
        name: HOSTILE.html,
        active_clients: 6000,
        sql_host: 's1',
        workspaces: [{ name: HOSTILE.formula }],
        server: { site: HOSTILE.link },
        consoles: [{ name: HOSTILE.bidi, os: 'windows_server' }],
      },
    ],
  };
  const bin = process.env.MEDV_PLAN_BIN ?? 'target/release/medv-plan';
  return execFileSync(bin, ['link', '-', '--base', BASE_URL], { input: JSON.stringify(plan) }).toString().trim();
}

test('nothing in a plan runs: page, findings, charts, exports', { timeout: 90_000 }, async () => {
  const link = hostilePlanLink();
  const page = await openPage(browser, link.slice(BASE_URL.length));
  await waitForApp(page);
  await page.getByTestId('instance-results-a').waitFor();
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.equal(await page.locator('img').count(), 0, 'no element was created from a name');
  assert.equal(await page.locator('main script').count(), 0);
  assert.match(await page.getByTestId('instance-results-a').locator('h3').innerText(), /<img src=x onerror=/);
  assert.match(await page.locator('[data-testid="finding"][data-rule="console-os-unsupported"]').innerText(), /evil\u202Egnp/);
  await page.getByTestId('share').click();
  await page.getByTestId('share').click();
  const md = page.waitForEvent('download');
  await openPlans(page);
  await page.getByTestId('export-markdown').click();
  const mdDownload = await md;
  assert.match(mdDownload.suggestedFilename(), /^[a-z0-9-]+\.md$/);
  const text = await readFile(await mdDownload.path(), 'utf8');
  // Plan text stays text: no HTML, and no link (the brackets of "[x](javascript:…)" are escaped).
  assert.ok(!text.includes('<img') && !text.includes('<script') && !/[^\\]\]\(javascript/.test(text), 'Markdown is escaped');
  assert.ok(text.includes('[U+202E]'), 'bidi characters are shown, not obeyed');
  const csv = page.waitForEvent('download');
  await openPlans(page);
  await page.getByTestId('export-csv').click();
  const csvText = await readFile(await (await csv).path(), 'utf8');
  for (const line of csvText.split('\r\n').slice(1).filter(Boolean)) {
    const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g).map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''));
    for (const cell of cells.slice(1, 3)) assert.ok(!/^[=+\-@\t\r]/.test(cell), `CSV cell ${cell}`);
  }
  await screenshot(page, 'hardening-hostile-plan');
  await assertClean(page);
  assertSameOrigin(page);
  await page.context().close();
});

test('every editable field survives bad values; saved plans stay intact', { timeout: 240_000 }, async () => {
  const page = await openPage(browser);
  await waitForApp(page);
  // A second saved plan that must come through untouched.
  await page.locator('#f-name').fill('Keep me intact');
  await page.waitForFunction(() => document.querySelector('[data-testid="save-status"]').textContent.includes('Saved'));
  const keptKey = await page.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith('medv-planner.plan.')));
  const kept = await page.evaluate((k) => localStorage.getItem(k), keptKey);
  await openPlans(page);
  await page.getByTestId('new-plan').click();
  await openPlans(page);
  await page.getByTestId('open-example').click();
  // Every collapsed section open, so that every field is there.
  await page.evaluate(() => document.querySelectorAll('main details').forEach((d) => (d.open = true)));
  const big = 'x'.repeat(1 << 20);
  const values = ['', '-1', '1e400', 'NaN', '9'.repeat(10_000), 'abc', '🚀🚀', big];
  const fields = await page.locator('main input[type="text"], main textarea').evaluateAll((els) => els.map((e) => e.id).filter(Boolean));
  assert.ok(fields.length > 100, `only ${fields.length} fields`);
  for (const id of fields) {
    for (const v of values) {
      await page.evaluate(
        ([id, v]) => {
          const el = document.getElementById(id);
          if (!el) return;
          // As a paste would: the browser cuts text at the field's maxlength.
          el.value = el.maxLength > 0 ? v.slice(0, el.maxLength) : v;
          el.dispatchEvent(new Event('input', { bubbles: true }));
        },
        [id, v],
      );
    }
  }
  await screenshot(page, 'hardening-bad-values');
  // The page still works.
  await page.getByTestId('add-instance').click();
  await page.getByTestId('instance-results-i1').waitFor();
  assert.ok((await page.locator('.msg').count()) > 20, 'bad values are explained');
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), keptKey), kept, 'the other saved plan is intact');
  await assertClean(page);
  await page.context().close();
});

async function tabTo(page, selector, limit = 600) {
  for (let i = 0; i < limit; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`keyboard focus never reached ${selector}`);
}

test('keyboard only: create a plan, edit an instance, read a finding, share', { timeout: 120_000 }, async () => {
  const page = await openPage(browser);
  await waitForApp(page);
  // The plan menu opens from the keyboard, and its first item is a new plan.
  await tabTo(page, '[data-testid="plan-menu-button"]');
  await page.keyboard.press('Enter');
  await tabTo(page, '[data-testid="new-plan"]');
  await page.keyboard.press('Enter');
  await tabTo(page, '[data-testid="add-instance"]');
  await page.keyboard.press('Enter');
  await tabTo(page, '#f-instances-0-active_clients');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('6000');
  await page.locator('[data-testid="finding"][data-rule="clients-over-limit"]').waitFor();
  await tabTo(page, '[data-testid="finding"][data-rule="clients-over-limit"] button');
  const message = await page.evaluate(() => document.activeElement.textContent);
  assert.match(message, /at most 5,000/);
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-instances-0-active_clients');
  await page.keyboard.press('Shift+Tab');
  await tabTo(page, '[data-testid="share"]', 2000);
  await page.keyboard.press('Enter');
  await tabTo(page, '[data-testid="share-copy"]');
  await page.keyboard.press('Enter');
  assert.match(await page.getByTestId('share-link').inputValue(), /#p=2\./);
  // Focus is always visible.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none');
  await screenshot(page, 'hardening-keyboard');
  await assertClean(page);
  await page.context().close();
});

test('axe: no serious or critical violation on any main view, in both themes', { timeout: 180_000 }, async () => {
  const views = {
    example: async () => {},
    'assumptions and overrides open': async (page) => {
      await page.locator('details.assumptions summary').click();
      await page.locator('details.overrides summary').first().click();
      await page.locator('details.math summary').first().click();
      await page.locator('.charts details summary').first().click();
    },
    'share panel': async (page) => page.getByTestId('share').click(),
    'errors and messages': async (page) => {
      await page.locator('#f-instances-0-active_clients').fill('abc');
      await page.locator('#f-instances-1-active_clients').fill('7000');
    },
    'empty plan': async (page) => { await openPlans(page); await page.getByTestId('new-plan').click(); },
    'damaged link': async (page) => {
      await page.goto(`${BASE_URL}#p=1.eNqrVkrLz1eyUkpKLFKqBQAd4wRx`);
      await waitForApp(page);
    },
  };
  for (const theme of ['light', 'dark']) {
    for (const [name, setUp] of Object.entries(views)) {
      const page = await openPage(browser);
      await waitForApp(page);
      await page.getByTestId('theme').selectOption(theme);
      await setUp(page);
      await page.getByTestId('theme').selectOption(theme);
      const violations = await runAxe(page);
      assert.deepEqual(violations, [], `${name}, ${theme}: ${JSON.stringify(violations, null, 1)}`);
      await page.context().close();
    }
  }
});
