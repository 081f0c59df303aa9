// Pre- and post-submit hooks: an optional project module (config.json's "hooks", else hooks.ts / hooks.js in the
// project) exporting `preSubmit` and/or `postSubmit(topologyName, envName, envConfig)`, async. A failing
// preSubmit stops the submit with its error.
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { EnvConfig } from '../config/schema.js';
import { importUserModule } from '../user-module.js';

export type SubmitHook = (topologyName: string, envName: string, envConfig: EnvConfig) => unknown;

export interface SubmitHooks {
  readonly file: string;
  readonly preSubmit?: SubmitHook;
  readonly postSubmit?: SubmitHook;
}

const DEFAULT_HOOK_FILES = ['hooks.ts', 'hooks.mts', 'hooks.js', 'hooks.mjs'];

/** The hooks of the project at `root`, or undefined when it has none. */
export async function loadSubmitHooks(root: string, configured?: string): Promise<SubmitHooks | undefined> {
  let file: string | undefined;
  if (configured !== undefined) {
    file = resolve(root, configured);
    if (!existsSync(file)) throw new Error(`config.json: "hooks" names ${configured}, which does not exist (looked at ${file})`);
  } else {
    file = DEFAULT_HOOK_FILES.map((name) => resolve(root, name)).find((path) => existsSync(path));
    if (file === undefined) return undefined;
  }
  const shown = relative(root, file) || file;
  let module: Record<string, unknown>;
  try {
    module = await importUserModule(file);
  } catch (error) {
    throw new Error(`could not load the submit hooks ${shown}: ${(error as Error).message}`);
  }
  const pick = (name: 'preSubmit' | 'postSubmit'): SubmitHook | undefined => {
    const value = module[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'function') throw new Error(`${shown}: "${name}" must be a function (topologyName, envName, envConfig), not ${typeof value}`);
    return value as SubmitHook;
  };
  const preSubmit = pick('preSubmit');
  const postSubmit = pick('postSubmit');
  if (!preSubmit && !postSubmit) throw new Error(`${shown} exports neither preSubmit nor postSubmit; export one, or remove the file`);
  return { file: shown, ...(preSubmit ? { preSubmit } : {}), ...(postSubmit ? { postSubmit } : {}) };
}
