// `npm run bench [-- id...]`: runs the benchmarks in bench/*.bench.ts (all, or those named), prints their
// tables, and rewrites each one's section of docs/performance.md.
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import type { Bench, BenchRow } from './harness.js';

const docs = new URL('../docs/performance.md', import.meta.url);
const wanted = process.argv.slice(2);

function format(value: number): string {
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toPrecision(3);
}

function table(rows: readonly BenchRow[]): string {
  const lines = ['| measured | value | ratio |', '| --- | ---: | --- |'];
  for (const row of rows) {
    const ratio = row.ratio ? `${row.ratio.value.toFixed(2)}x of ${row.ratio.of}${row.ratio.goal ? ` (goal: ${row.ratio.goal})` : ''}` : '';
    lines.push(`| ${row.name} | ${format(row.value)} ${row.unit} | ${ratio} |`);
  }
  return lines.join('\n');
}

function section(bench: Bench, rows: readonly BenchRow[]): string {
  const when = new Date().toISOString().slice(0, 10);
  const machine = `${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown cpu'}, Node ${process.version}`;
  return `<!-- bench:${bench.id} -->\n## ${bench.title}\n\n${bench.method}\n\n${table(rows)}\n\n_Measured ${when} on ${machine}; \`npm run bench -- ${bench.id}\`._\n<!-- /bench:${bench.id} -->`;
}

function writeSection(text: string, id: string): void {
  const header = '# Performance\n\nFigures from `npm run bench`, each measured side by side with its baseline in one run.\n';
  let doc = existsSync(docs) ? readFileSync(docs, 'utf8') : header;
  const pattern = new RegExp(`<!-- bench:${id} -->[\\s\\S]*?<!-- /bench:${id} -->`);
  doc = pattern.test(doc) ? doc.replace(pattern, text) : `${doc.trimEnd()}\n\n${text}\n`;
  writeFileSync(docs, doc);
}

const files = readdirSync(new URL('.', import.meta.url)).filter((f) => f.endsWith('.bench.ts')).sort();
const benches: Bench[] = [];
for (const file of files) benches.push(((await import(`./${file}`)) as { default: Bench }).default);
const unknown = wanted.filter((id) => !benches.some((b) => b.id === id));
if (unknown.length > 0) {
  console.error(`unknown bench ${unknown.join(', ')}; known: ${benches.map((b) => b.id).join(', ')}`);
  process.exit(2);
}
for (const bench of benches) {
  if (wanted.length > 0 && !wanted.includes(bench.id)) continue;
  console.log(`\n# ${bench.title}`);
  const rows = await bench.run();
  const text = section(bench, rows);
  console.log(table(rows));
  writeSection(text, bench.id);
}
