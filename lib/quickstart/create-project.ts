// `stp quickstart NAME`: copy scaffolds/project into NAME/, filling in the project's name and how it depends on
// stp. Refuses to write into anything that already exists, so nothing of the user's is ever overwritten.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createEmitter, type TypedEventEmitter } from '../events.js';
import { PACKAGE_ROOT } from '../package-root.js';

export const SCAFFOLD_DIR = path.join(PACKAGE_ROOT, 'scaffolds/project');

export type QuickstartEvents = {
  /** A file or directory was created, relative to the new project's parent. */
  create: (relativePath: string) => void;
};

export interface QuickstartOptions {
  /** Where NAME/ is created; default: the current directory. */
  readonly cwd?: string;
  /** The dependency spec written for "storm-ts" (the stp package) in the new package.json; default: see `defaultStpSpec`. */
  readonly stpSpec?: string;
  readonly events?: TypedEventEmitter<QuickstartEvents>;
}

export class QuickstartError extends Error {
  override name = 'QuickstartError';
}

/** A valid npm package name and Storm topology name (which may not contain `.`): lower case, digits, `-`, `_`. */
const PROJECT_NAME = /^[a-z0-9][a-z0-9_-]{0,213}$/;

export function checkProjectName(name: string): void {
  if (!PROJECT_NAME.test(name)) {
    throw new QuickstartError(
      `invalid project name ${JSON.stringify(name)}: use lower-case letters, digits, "-" or "_" (it becomes the npm package name and the topology's prefix), e.g. "wordcount"`,
    );
  }
}

/**
 * How the new project depends on stp: the published version when stp runs from an installed package, or this very
 * checkout (`file:`) when it runs from a clone, so the scaffold works before stp is published.
 */
export async function defaultStpSpec(): Promise<string> {
  const pkg = JSON.parse(await readFile(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
  const insideNodeModules = PACKAGE_ROOT.split(path.sep).includes('node_modules');
  return insideNodeModules ? `^${pkg.version}` : `file:${PACKAGE_ROOT}`;
}

/** Template files are stored with these names because `npm pack` drops or rewrites the real ones. */
const RENAMES: Readonly<Record<string, string>> = { _gitignore: '.gitignore' };

export async function createProject(name: string, options: QuickstartOptions = {}): Promise<string> {
  checkProjectName(name);
  const cwd = options.cwd ?? process.cwd();
  const target = path.resolve(cwd, name);
  if (existsSync(target)) {
    throw new QuickstartError(`${target} already exists; quickstart never overwrites: pick another name or remove it`);
  }
  const values: Record<string, string> = { name, stpSpec: options.stpSpec ?? (await defaultStpSpec()) };
  await mkdir(target, { recursive: true });
  options.events?.emit('create', name);
  await copyTree(SCAFFOLD_DIR, target, name, values, options.events);
  return target;
}

async function copyTree(
  from: string,
  to: string,
  relative: string,
  values: Record<string, string>,
  events: TypedEventEmitter<QuickstartEvents> | undefined,
): Promise<void> {
  const entries = (await readdir(from, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const name = RENAMES[entry.name] ?? entry.name;
    const source = path.join(from, entry.name);
    const destination = path.join(to, name);
    const shown = `${relative}/${name}`;
    if (entry.isDirectory()) {
      await mkdir(destination);
      events?.emit('create', `${shown}/`);
      await copyTree(source, destination, shown, values, events);
    } else {
      await writeFile(destination, fill(await readFile(source, 'utf8'), values));
      events?.emit('create', shown);
    }
  }
}

/** Replaces `{{key}}` placeholders; an unknown key is a bug in the scaffold, so it throws. */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`scaffold placeholder {{${key}}} has no value`);
    return value;
  });
}

export function quickstartEvents(): TypedEventEmitter<QuickstartEvents> {
  return createEmitter<QuickstartEvents>();
}
