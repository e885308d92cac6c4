// Where the shipped WebAssembly module's bytes go, by crate, raw and brotli: reads a module
// optimised exactly as shipped (wasm-bindgen, then wasm-opt -Oz) but keeping its function
// names, and the floor's module built the same way, and prints a Markdown table and the
// figures the size target is measured against. Used by scripts/bench.sh.
//
//   node scripts/module-breakdown.mjs PLANNER_NAMED.wasm FLOOR_NAMED.wasm PLANNER_SITE_BROTLI_BYTES FLOOR_SITE_BROTLI_BYTES
//
// A part's brotli figure is what it adds to the compressed module: brotli -q 11 of the code
// and data of every part, less brotli of all of them but this one. Text and code compress
// with what surrounds them, so these contributions do not add up exactly to the whole.
import { readFileSync } from 'node:fs';
import zlib from 'node:zlib';

const [plannerFile, floorFile, siteArg, floorSiteArg] = process.argv.slice(2);

/** The module's function bodies with their names, and its data segments. */
function readModule(file) {
  const buf = readFileSync(file);
  let p = 8;
  const leb = () => {
    let r = 0;
    let shift = 0;
    let b;
    do {
      b = buf[p++];
      r += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    return r;
  };
  const name = () => {
    const n = leb();
    const s = buf.subarray(p, p + n).toString();
    p += n;
    return s;
  };
  const skipLimits = () => {
    const flags = buf[p++];
    leb();
    if (flags & 1) leb();
  };
  const sections = [];
  while (p < buf.length) {
    const id = buf[p++];
    const size = leb();
    sections.push({ id, start: p, size });
    p += size;
  }
  let imported = 0;
  for (const s of sections.filter((s) => s.id === 2)) {
    p = s.start;
    for (let n = leb(); n > 0; n--) {
      name();
      name();
      const kind = buf[p++];
      if (kind === 0) {
        leb();
        imported++;
      } else if (kind === 1) {
        p++;
        skipLimits();
      } else if (kind === 2) skipLimits();
      else if (kind === 3) p += 2;
      else if (kind === 4) {
        p++;
        leb();
      }
    }
  }
  const names = new Map();
  for (const s of sections.filter((s) => s.id === 0)) {
    p = s.start;
    if (name() !== 'name') continue;
    while (p < s.start + s.size) {
      const sub = buf[p++];
      const size = leb();
      const end = p + size;
      if (sub === 1) for (let n = leb(); n > 0; n--) names.set(leb(), name());
      p = end;
    }
  }
  const functions = [];
  for (const s of sections.filter((s) => s.id === 10)) {
    p = s.start;
    const count = leb();
    for (let i = 0; i < count; i++) {
      const size = leb();
      functions.push({ name: names.get(imported + i) ?? '', body: buf.subarray(p, p + size) });
      p += size;
    }
  }
  const data = [];
  for (const s of sections.filter((s) => s.id === 11)) {
    p = s.start;
    for (let n = leb(); n > 0; n--) {
      const kind = leb();
      if (kind === 2) leb();
      if (kind !== 1) {
        // The segment's offset: one constant or global.get (opcode, LEB128 operand), then `end`.
        p++;
        leb();
        if (buf[p++] !== 0x0b) throw new Error(`${file}: a data segment's offset is not a constant`);
      }
      const size = leb();
      data.push(buf.subarray(p, p + size));
      p += size;
    }
  }
  const coded = sections.filter((s) => s.id === 10 || s.id === 11).reduce((a, s) => a + s.size, 0);
  const other = sections.filter((s) => s.id !== 0).reduce((a, s) => a + s.size, 0) - coded;
  return { functions, data, other };
}

const LABELS = {
  medv_planner: 'medv_planner (the page, with the Leptos views it instantiates)',
  medv_sizing: 'medv_sizing (the sizing core)',
  core: 'core (Rust; generics instantiated by the code above)',
  alloc: 'alloc (Rust)',
  std: 'std (Rust)',
};
const DATA = 'read-only data (text, tables)';
const UNNAMED = 'other (glue, unnamed)';
const REST = 'everything else';

/** Parts by the crate that names each function (generic code under the crate defining it). */
function parts(module) {
  const groups = new Map();
  const add = (label, bytes) => {
    if (!groups.has(label)) groups.set(label, []);
    groups.get(label).push(bytes);
  };
  for (const f of module.functions) {
    const crate = f.name.match(/([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::/);
    add(crate ? (LABELS[crate[1]] ?? crate[1]) : UNNAMED, f.body);
  }
  for (const d of module.data) add(DATA, d);
  return groups;
}

const brotli = (chunks) =>
  zlib.brotliCompressSync(Buffer.concat(chunks), {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_LGWIN]: 24 },
  }).length;

/** The raw bytes of the `shown` parts (the rest as one), and what each adds to the compressed module. */
function measure(groups, shown) {
  const merged = new Map();
  for (const [label, chunks] of groups) {
    const key = shown.includes(label) ? label : REST;
    merged.set(key, [...(merged.get(key) ?? []), ...chunks]);
  }
  const all = brotli([...merged.values()].flat());
  const out = new Map();
  for (const [label, chunks] of merged) {
    const rest = [...merged].filter(([k]) => k !== label).flatMap(([, v]) => v);
    out.set(label, { raw: chunks.reduce((a, c) => a + c.length, 0), brotli: all - brotli(rest) });
  }
  return { parts: out, all, raw: [...out.values()].reduce((a, v) => a + v.raw, 0), crates: groups.size };
}

/** The 14 largest parts of a module, by raw bytes. */
const largest = (groups) =>
  [...groups]
    .map(([label, chunks]) => [label, chunks.reduce((a, c) => a + c.length, 0)])
    .sort((a, b) => b[1] - a[1])
    .slice(0, 14)
    .map(([label]) => label);

const plannerParts = parts(readModule(plannerFile));
const shown = largest(plannerParts);
const planner = measure(plannerParts, shown);
const floor = measure(parts(readModule(floorFile)), shown);
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const num = (b) => b.toLocaleString('en-US');
console.log("| part | bytes | share | adds, brotli | the floor's, brotli |");
console.log('|---|---:|---:|---:|---:|');
for (const [label, v] of [...planner.parts].sort((a, b) => (a[0] === REST) - (b[0] === REST) || b[1].brotli - a[1].brotli)) {
  const f = floor.parts.get(label);
  const name = label === REST ? `everything else (${planner.crates - shown.length} crates)` : label;
  console.log(`| ${name} | ${num(v.raw)} | ${((100 * v.raw) / planner.raw).toFixed(1)} % | ${kb(v.brotli)} | ${f ? kb(f.brotli) : '—'} |`);
}
console.log(`| **code and data** | **${num(planner.raw)}** | | **${kb(planner.all)}** | **${kb(floor.all)}** |`);

// What the size target would take: the planner's whole site against it, and what the parts
// the floor does not have add to the floor's whole site, before anything else grows.
const [site, floorSite] = [Number(siteArg), Number(floorSiteArg)];
const adds = (label) => planner.parts.get(label)?.brotli ?? 0;
const fl = (label) => floor.parts.get(label)?.brotli ?? 0;
const sizing = adds(LABELS.medv_sizing);
const text = adds(DATA) - fl(DATA);
const json = adds('serde_json') - fl('serde_json');
const page = adds(LABELS.medv_planner);
const framework = ['leptos', 'tachys', 'reactive_graph'].reduce((a, k) => a + adds(k) - fl(k), 0);
const target = 230 * 1024;
const bound = floorSite + sizing + text + json + page;
const rest = site - bound - framework;
console.log(`
the site is ${kb(site)} (1 KB = 1,024 bytes), so the target asks for ${kb(site - target)} less, ${((100 * (site - target)) / site).toFixed(0)} % of it.
Were every part the floor also has no larger than the floor's (Leptos, Rust's core and alloc, plotters,
the glue, the module's structure, the style sheet), the floor's whole site of ${kb(floorSite)} and the
parts it does not have would still come to ${kb(bound)}: the sizing core adds ${kb(sizing)}, the text
and tables beyond the floor's ${kb(text)}, serde_json beyond the floor's ${kb(json)} and the page's own
code ${kb(page)}${bound > target ? `, ${kb(bound - target)} over the target` : ''}. Beyond the floor's, the Leptos code the page's views
instantiate adds ${kb(framework)} (\`leptos\`, \`tachys\`, \`reactive_graph\`) and the rest about ${kb(rest)}.`);
