// Turns schema issues into sentences: the key path, what was found, and what is allowed.
import type { z } from 'zod';
import { configSchema, envSchema, logSchema } from './schema.js';

/** streamparse keys that have a Node analog here, so migrating users are told the new name. */
const RENAMED: Readonly<Record<string, string>> = {
  virtualenv_root: 'node_modules_root',
  virtualenv_flags: 'npm_flags',
  use_virtualenv: 'use_node_modules',
  install_virtualenv: 'install_node_modules',
  virtualenv_specs: 'nothing: dependencies come from package.json',
  virtualenv_name: 'nothing: each topology gets its own install under node_modules_root',
  library: 'nothing: stp needs no Clojure library',
};

export function keyPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : /^[A-Za-z_][\w-]*$/.test(String(part)) ? `${index ? '.' : ''}${String(part)}` : `[${JSON.stringify(String(part))}]`,
    )
    .join('');
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array ${truncate(JSON.stringify(value))}`;
  if (typeof value === 'object') return `an object ${truncate(JSON.stringify(value))}`;
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function allowed(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'int' ? 'an integer' : `a value of type ${issue.expected}`;
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return issue.origin === 'string'
        ? 'a non-empty string'
        : issue.origin === 'array'
          ? `at least ${String(issue.minimum)} item(s)`
          : `a number ${issue.inclusive ? '>=' : '>'} ${String(issue.minimum)}`;
    case 'too_big':
      return `a number ${issue.inclusive ? '<=' : '<'} ${String(issue.maximum)}`;
    default:
      return issue.message;
  }
}

/** One sentence per problem; a file name prefixes each when given. */
export function formatIssues(issues: readonly z.core.$ZodIssue[], where: string): string[] {
  const problems: string[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = keyPath([...issue.path, key]);
        const hint = RENAMED[key];
        problems.push(
          hint
            ? `${where}: unknown key "${path}" (a streamparse key; use ${hint})`
            : `${where}: unknown key "${path}"; allowed here: ${allowedKeys(issue.path).join(', ')}`,
        );
      }
      continue;
    }
    problems.push(`${where}: "${keyPath(issue.path)}" is ${describeValue(issue.input)}; expected ${allowed(issue)}`);
  }
  return problems;
}

/** The keys the object at `path` accepts (top level, an env, or an env's log). */
function allowedKeys(path: readonly PropertyKey[]): string[] {
  const shape = path.length === 0 ? configSchema.shape : path[0] === 'envs' && path.length === 2 ? envSchema.shape : logSchema.shape;
  return Object.keys(shape);
}
