// Browser benchmarks for scripts/bench.sh (not a test: it measures and prints, never fails
// on slowness). Prints one JSON object.
//
//   node e2e/bench.mjs BASE_URL FIFTY_INSTANCE_LINK_FRAGMENT
import { launch } from './harness.mjs';

const [base, fiftyFragment] = process.argv.slice(2);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

// Records, in the page, when the first figure appears (ms since navigation start).
function firstResultProbe() {
  const seen = () => document.querySelector('[data-testid$="-database_bytes"][data-value]:not([data-value=""])');
  new MutationObserver((_, obs) => {
    if (seen() && globalThis.__firstResult === undefined) {
      globalThis.__firstResult = performance.now();
      obs.disconnect();
    }
  }).observe(document, { childList: true, subtree: true, attributes: true });
}

const browser = await launch();
const out = {};

// Navigation to first results, cold context each time (no cache, no storage).
const firsts = [];
for (let i = 0; i < 15; i++) {
  const context = await browser.newContext();
  await context.addInitScript(firstResultProbe);
  const page = await context.newPage();
  await page.goto(base);
  await page.waitForFunction(() => globalThis.__firstResult !== undefined);
  firsts.push(await page.evaluate(() => globalThis.__firstResult));
  await context.close();
}
out.first_results_ms = { median: median(firsts), min: Math.min(...firsts), max: Math.max(...firsts), runs: firsts.length };

// Input event to updated results and the redrawn chart (the visible tab), on a 50-instance plan.
const context = await browser.newContext();
const page = await context.newPage();
await page.goto(base + fiftyFragment);
await page.getByTestId('instance-results-i49').waitFor();
// Large plans open their instance editors from the instances table.
await page.getByTestId('edit-i0').click();
await page.locator('#f-instances-0-active_clients').waitFor();
const inputs = await page.evaluate(async () => {
  const field = document.getElementById('f-instances-0-active_clients');
  // Read afresh each time: a results table row is drawn again when its figures change.
  const figure = () => document.querySelector('[data-testid="instance-i0-database_bytes"]')?.dataset.value;
  const canvases = [...document.querySelectorAll('canvas.chart')];
  const times = [];
  for (let k = 0; k < 40; k++) {
    const redrawn = new Set();
    const before = figure();
    const done = new Promise((resolve) => {
      const obs = new MutationObserver((records) => {
        for (const r of records) if (r.target.tagName === 'CANVAS') redrawn.add(r.target);
        if (redrawn.size === canvases.length && figure() !== before) {
          obs.disconnect();
          resolve(performance.now());
        }
      });
      obs.observe(document.body, { attributes: true, childList: true, subtree: true, attributeFilter: ['width', 'data-value'] });
    });
    const t0 = performance.now();
    field.value = String(1000 + k);
    field.dispatchEvent(new Event('input', { bubbles: true }));
    const t1 = await done;
    times.push(t1 - t0);
    await new Promise((r) => setTimeout(r, 20));
  }
  return times;
});
out.input_to_update_ms = { median: median(inputs), min: Math.min(...inputs), max: Math.max(...inputs), runs: inputs.length, instances: 50 };
await context.close();
await browser.close();
console.log(JSON.stringify(out));
