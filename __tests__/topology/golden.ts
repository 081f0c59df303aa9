// Golden files: the expected output lives in __tests__/topology/golden/<name>. Run with UPDATE_GOLDEN=1 to
// rewrite them after an intended change, then review the diff.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function expectGolden(name: string, actual: string): void {
  const file = fileURLToPath(new URL(`./golden/${name}`, import.meta.url));
  if (process.env['UPDATE_GOLDEN'] || !existsSync(file)) {
    if (!process.env['UPDATE_GOLDEN']) throw new Error(`golden file ${name} is missing; run with UPDATE_GOLDEN=1 to create it`);
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

/** JSON with Maps as `{ "$map": [[key, value], ...] }` and bigints as strings, for golden files. */
export function toGoldenJson(value: unknown): string {
  return `${JSON.stringify(
    value,
    (_key, v: unknown) => (v instanceof Map ? { $map: [...v.entries()] } : typeof v === 'bigint' ? `${v}n` : v),
    2,
  )}\n`;
}
