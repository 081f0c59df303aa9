// Reads and validates a project's config.json.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from './errors.js';
import { parseJsonWithComments } from './jsonc.js';
import { formatIssues } from './issues.js';
import { configSchema, type StpConfig } from './schema.js';

export const CONFIG_FILE = 'config.json';

export interface LoadedConfig {
  readonly config: StpConfig;
  /** The project directory (where config.json is). */
  readonly root: string;
  readonly file: string;
}

/** Validates already-parsed JSON; `where` names the source in messages. */
export function parseConfig(json: unknown, where = CONFIG_FILE): StpConfig {
  const result = configSchema.safeParse(json, { reportInput: true });
  if (result.success) return result.data;
  const problems = formatIssues(result.error.issues, where);
  throw new ConfigError(problems.join('\n'), problems);
}

/** Loads `<cwd>/config.json`; a missing file is an error that says how to create one. */
export function loadConfig(cwd: string = process.cwd()): LoadedConfig {
  const root = resolve(cwd);
  const file = join(root, CONFIG_FILE);
  if (!existsSync(file)) {
    throw new ConfigError(
      `no ${CONFIG_FILE} in ${root}; run stp from the project folder, or create one with an "envs" entry (see docs/config.md)`,
    );
  }
  return { config: parseConfig(parseJsonWithComments(readFileSync(file, 'utf8'), file), file), root, file };
}
