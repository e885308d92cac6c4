// Where the shipped WebAssembly module's bytes go, by crate: reads `twiggy top --format csv`
// of a module optimised exactly as shipped (wasm-opt -Oz) but keeping its function names,
// and prints a Markdown table. Used by scripts/bench.sh.
//
//   node scripts/module-breakdown.mjs TWIGGY.csv
import { readFileSync } from 'node:fs';

const [file] = process.argv.slice(2);
const lines = readFileSync(file, 'utf8').trim().split('\n').slice(1);
const totals = new Map();
let all = 0;
for (const line of lines) {
  // Name is the first column and may itself hold commas: the sizes are the next two.
  const m = line.match(/^"?(.*?)"?,(\d+),([\d.]+),/);
  if (!m) continue;
  const [, name, bytes] = m;
  // Names and other custom sections are dropped from the shipped module.
  if (name.startsWith('custom section') || name.includes('"function names"') || name.includes('function names')) continue;
  let group;
  if (name.startsWith('data segment')) group = 'read-only data (text, tables)';
  else {
    const crate = name.match(/([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::/);
    group = crate ? crate[1] : 'other (glue, tables, unnamed)';
  }
  const label = {
    medv_planner: 'medv_planner (the page, with the Leptos views it instantiates)',
    medv_sizing: 'medv_sizing (the sizing core)',
    core: 'core (Rust; generics instantiated by the code above)',
    alloc: 'alloc (Rust)',
    std: 'std (Rust)',
  }[group] ?? group;
  totals.set(label, (totals.get(label) ?? 0) + Number(bytes));
  all += Number(bytes);
}
const rows = [...totals.entries()].sort((a, b) => b[1] - a[1]);
const shown = rows.slice(0, 14);
const rest = rows.slice(14).reduce((s, [, b]) => s + b, 0);
console.log('| part | bytes | share |');
console.log('|---|---:|---:|');
for (const [k, b] of shown) console.log(`| ${k} | ${b.toLocaleString('en-US')} | ${((100 * b) / all).toFixed(1)} % |`);
console.log(`| everything else (${rows.length - shown.length} crates) | ${rest.toLocaleString('en-US')} | ${((100 * rest) / all).toFixed(1)} % |`);
console.log(`| **total** | **${all.toLocaleString('en-US')}** | |`);
