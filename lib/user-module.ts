// A project's own modules (topologies/*.ts, hooks.ts) load with no build step. The compiled stp has no TypeScript
// loader of its own, so tsx loads them and what they import, scoped to that one import; tsx is loaded only then
// (it costs more to start than the rest of a cluster command). From the sources (jest, which transforms
// TypeScript itself), a plain import does.
import { pathToFileURL } from 'node:url';
import { COMPILED } from './package-root.js';

export async function importUserModule(file: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(file).href;
  if (!COMPILED) return (await import(url)) as Record<string, unknown>;
  const { tsImport } = await import('tsx/esm/api');
  return (await tsImport(url, import.meta.url)) as Record<string, unknown>;
}
