// Browser benchmarks for scripts/bench.sh (not a test: it measures and prints, never fails
// on slowness). Prints one JSON object.
//
//   node e2e/bench.mjs PLANNER_URL BARE_URL FIFTY_INSTANCE_LINK_FRAGMENT [LOADS]
//
// Start-up is measured against the floor (bench/bare: a bare Leptos + plotters-canvas +
// gloo-storage app) in the same run, loads alternating, each in a fresh browser context
// (no cache, no storage), so the ratio holds on a machine whose absolute speed drifts.
import { launch } from './harness.mjs';

const [planner, bare, fiftyFragment, loadsArg] = process.argv.slice(2);
const LOADS = Number(loadsArg ?? 21);

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const summary = (xs) => ({
  median: quantile(xs, 0.5),
  p25: quantile(xs, 0.25),
  p75: quantile(xs, 0.75),
  min: Math.min(...xs),
  max: Math.max(...xs),
  runs: xs.length,
});

// Records, in the page, when a figure first appears in the document (ms since navigation
// start), the browser's first contentful paint, and each largest contentful paint: the first
// of those at or after the figure is the frame that put it on screen.
function probe(selector) {
  globalThis.__lcp = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) globalThis.__lcp.push(e.startTime);
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  new MutationObserver((_, obs) => {
    if (document.querySelector(selector) && globalThis.__first === undefined) {
      globalThis.__first = performance.now();
      obs.disconnect();
    }
  }).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
}

const PLANNER_FIGURE = '[data-testid$="-database_bytes"][data-value]:not([data-value=""])';
const BARE_FIGURE = '[data-testid="bare-figure"]:not(:empty)';

async function load(browser, url, selector) {
  const context = await browser.newContext();
  await context.addInitScript(probe, selector);
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => globalThis.__first !== undefined);
  // The paint that shows it; none (null) if no larger content was painted within 5 s.
  await page
    .waitForFunction(() => globalThis.__lcp.some((t) => t >= globalThis.__first), null, { timeout: 5000 })
    .catch(() => {});
  const r = await page.evaluate(() => ({
    first: globalThis.__first,
    painted: globalThis.__lcp.find((t) => t >= globalThis.__first) ?? null,
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
  }));
  await context.close();
  return r;
}

// The 50-instance plan opened: besides its first figures (`probe`, as for start-up), when its
// inputs and its charts are in the page, and the longest task the page gave the browser
// meanwhile (Chromium's long tasks, 50 ms or more), so input waits at most that.
function steps() {
  globalThis.__long = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) globalThis.__long.push(e.duration);
  }).observe({ type: 'longtask', buffered: true });
  new MutationObserver((_, obs) => {
    const now = performance.now();
    if (globalThis.__inputs === undefined && document.querySelector('[id$="instances-0-active_clients"]')) globalThis.__inputs = now;
    if (globalThis.__charts === undefined && document.querySelector('canvas.chart')) globalThis.__charts = now;
    if (globalThis.__charts !== undefined && globalThis.__inputs !== undefined) obs.disconnect();
  }).observe(document, { childList: true, subtree: true, attributes: true });
}

async function loadLarge(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(probe, PLANNER_FIGURE);
  await context.addInitScript(steps);
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => globalThis.__charts !== undefined && globalThis.__inputs !== undefined);
  // Long tasks are reported after they end: give the last one time to arrive.
  await page.waitForTimeout(300);
  const r = await page.evaluate(() => ({
    first: globalThis.__first,
    inputs: globalThis.__inputs,
    charts: globalThis.__charts,
    longest: Math.max(0, ...globalThis.__long),
  }));
  await context.close();
  return r;
}

const browser = await launch();
const out = {};

// One warm-up load each (the server's page cache, the browser's process pool), not counted.
await load(browser, bare, BARE_FIGURE);
await load(browser, planner, PLANNER_FIGURE);
const runs = { bare: [], planner: [], bareFcp: [], plannerFcp: [], barePainted: [], plannerPainted: [], ratios: [], paintedRatios: [] };
for (let i = 0; i < LOADS; i++) {
  // Alternate which goes first, so neither always follows the other.
  const order = i % 2 === 0 ? ['bare', 'planner'] : ['planner', 'bare'];
  const pair = {};
  for (const which of order) {
    const r = which === 'bare' ? await load(browser, bare, BARE_FIGURE) : await load(browser, planner, PLANNER_FIGURE);
    pair[which] = r;
    runs[which].push(r.first);
    if (r.fcp !== null) runs[`${which}Fcp`].push(r.fcp);
    if (r.painted !== null) runs[`${which}Painted`].push(r.painted);
  }
  runs.ratios.push(pair.planner.first / pair.bare.first);
  if (pair.planner.painted !== null && pair.bare.painted !== null) runs.paintedRatios.push(pair.planner.painted / pair.bare.painted);
}
out.startup = {
  bare_first_figure_ms: summary(runs.bare),
  planner_first_figures_ms: summary(runs.planner),
  bare_fcp_ms: summary(runs.bareFcp),
  planner_fcp_ms: summary(runs.plannerFcp),
  ratio_of_medians: quantile(runs.planner, 0.5) / quantile(runs.bare, 0.5),
  pair_ratio: summary(runs.ratios),
  bare_painted_ms: summary(runs.barePainted),
  planner_painted_ms: summary(runs.plannerPainted),
  painted_ratio_of_medians: quantile(runs.plannerPainted, 0.5) / quantile(runs.barePainted, 0.5),
  painted_pair_ratio: summary(runs.paintedRatios),
};

// Input event to updated results and, when it is near the screen, the redrawn chart (the tab
// shown), on a 50-instance plan.
// `field` is a CSS selector; `figure`, the element whose data-value (or text) an edit changes.
// A number typed is `start + step * k`; a name, `Renamed k`.
const edits = async (page, field, change, figure, [start, step] = [1000, 1]) =>
  page.evaluate(
    async ({ field, change, figure, start, step }) => {
      const input = document.querySelector(field);
      const shown = () => {
        const el = document.querySelector(figure);
        return el?.dataset.value ?? el?.textContent;
      };
      const times = [];
      for (let k = 0; k < 40; k++) {
        const before = shown();
        const t0 = performance.now();
        input.value = change === 'number' ? String(start + step * k) : `Renamed ${k}`;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        // Everything an edit changes is done within the frame that follows it: the figures
        // synchronously, the chart (when near the screen) in that frame's animation callback.
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        const t1 = performance.now();
        if (change === 'number' && shown() === before) throw new Error(`${figure} did not change`);
        times.push(t1 - t0);
        await new Promise((r) => setTimeout(r, 30));
      }
      return times;
    },
    { field, change, figure, start, step },
  );

// The work itself, without the wait for a frame: a Chromium trace of edits 150 ms apart
// (nothing else runs on the page between them), the renderer's main-thread tasks summed and
// split into script (the app: input handling, the analysis, reactive updates, charts) and
// the browser's rendering (style, layout, paint). Per edit, over all the edits.
const work = async (context, page, field, change, [start, step] = [2000, 1], n = 20) => {
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  await page.evaluate(
    async ({ field, change, n, start, step }) => {
      const input = document.querySelector(field);
      for (let k = 0; k < n; k++) {
        input.value = change === 'number' ? String(start + step * k) : `Work ${k}`;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((r) => setTimeout(r, 150));
      }
    },
    { field, change, n, start, step },
  );
  await cdp.send('Tracing.end');
  await done;
  await cdp.detach();
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const on = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur);
  // Outermost events of a kind only: a kind's events nest (a paint within a paint).
  const outer = (names) => {
    const xs = on.filter((e) => names.includes(e.name)).sort((a, b) => a.ts - b.ts);
    let total = 0, end = -1;
    for (const e of xs) if (e.ts >= end) { total += e.dur; end = e.ts + e.dur; }
    return total / 1000 / n;
  };
  const busy = outer(['RunTask']);
  const script = outer(['FunctionCall', 'TimerFire', 'EventDispatch', 'FireAnimationFrame', 'RunMicrotasks', 'V8.Execute']);
  const layout = outer(['UpdateLayoutTree', 'Layout']);
  const paint = outer(['PrePaint', 'Paint', 'Layerize', 'Commit', 'HitTest']);
  return { busy, script, layout, paint, edits: n };
};

// The floor, measured the same way: its number typed → its figure and both charts drawn again
// (its figure is users / 5,000 rounded up: each edit adds 5,000 users, from 7,500, so each changes it).
{
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(bare);
  await page.locator(BARE_FIGURE).waitFor();
  out.bare_input_to_update_ms = summary(await edits(page, 'input[type=number]', 'number', '[data-testid="bare-figure"]', [7500, 5000]));
  out.bare_input_work_ms = await work(context, page, 'input[type=number]', 'number', [2500, 5000]);
  await context.close();
}

// The worked example (3 instances), the plan a first visit opens: the same number typed, so
// the cost of an edit on a small page stands beside the 50-instance one.
{
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(planner);
  await page.locator('#f-instances-0-active_clients').waitFor();
  const figure = '[data-testid="instance-hq-database_bytes"]';
  out.small_input_to_update_ms = { ...summary(await edits(page, '#f-instances-0-active_clients', 'number', figure)), instances: 3 };
  out.small_input_work_ms = await work(context, page, '#f-instances-0-active_clients', 'number');
  await context.close();
}

{
  await loadLarge(browser, planner + fiftyFragment);
  const large = [];
  for (let i = 0; i < 9; i++) large.push(await loadLarge(browser, planner + fiftyFragment));
  out.large_open = {
    first_figures_ms: summary(large.map((r) => r.first)),
    inputs_ms: summary(large.map((r) => r.inputs)),
    charts_ms: summary(large.map((r) => r.charts)),
    longest_task_ms: summary(large.map((r) => r.longest)),
  };
}

const context = await browser.newContext();
const page = await context.newPage();
await page.goto(planner + fiftyFragment);
await page.getByTestId('instance-results-i49').waitFor();
// Large plans open their instance editors from the instances table.
await page.getByTestId('edit-i0').click();
await page.locator('#f-instances-0-active_clients').waitFor();
const FIGURE = '[data-testid="instance-i0-database_bytes"]';
out.input_to_update_ms = { ...summary(await edits(page, '#f-instances-0-active_clients', 'number', FIGURE)), instances: 50 };
out.rename_to_update_ms = { ...summary(await edits(page, '#f-instances-0-name', 'text', FIGURE)), instances: 50 };
out.input_work_ms = await work(context, page, '#f-instances-0-active_clients', 'number');
out.rename_work_ms = await work(context, page, '#f-instances-0-name', 'text');
// The same number typed with the chart on screen (the field is not scrolled to): the chart,
// far below the editor above, is drawn only near the screen.
await page.getByTestId('chart-DatabaseByRetention').scrollIntoViewIfNeeded();
await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
out.input_chart_to_update_ms = { ...summary(await edits(page, '#f-instances-0-active_clients', 'number', FIGURE, [3000, 1])), instances: 50 };
out.input_chart_work_ms = await work(context, page, '#f-instances-0-active_clients', 'number', [4000, 1]);
await context.close();
await browser.close();
console.log(JSON.stringify(out));
