// The JSON Schema of config.json that the package ships: current with the zod schema, accepting the scaffold's
// config.json (which names it with "$schema"), and agreeing with stp on what a config may hold.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse, type ParseError } from 'jsonc-parser';
import { CONFIG_SCHEMA_FILE, configJsonSchema } from '../../lib/config/json-schema.js';
import { parseConfig } from '../../lib/config/index.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const shipped = JSON.parse(readFileSync(path.join(repo, CONFIG_SCHEMA_FILE), 'utf8')) as Record<string, unknown>;
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(shipped);

function scaffoldConfig(): unknown {
  const errors: ParseError[] = [];
  const config: unknown = parse(readFileSync(path.join(repo, 'scaffolds/project/config.json'), 'utf8'), errors);
  expect(errors).toEqual([]);
  return config;
}

it(`${CONFIG_SCHEMA_FILE} is what the zod schema makes (after a config change, run "npm run schema")`, () => {
  expect(shipped).toEqual(configJsonSchema());
});

it("the scaffold's config.json names the shipped schema and validates against it, and stp reads it", () => {
  const config = scaffoldConfig();
  expect(config).toMatchObject({ $schema: `./node_modules/storm-ts/${CONFIG_SCHEMA_FILE}` });
  expect(validate(config) ? [] : validate.errors).toEqual([]);
  expect(parseConfig(config).envs['prod']?.nimbus).toBe('nimbus.example.com:6627');
});

it.each([
  ['a misspelt top-level key', { topology_spec: 'topologies/' }],
  ['a misspelt env key', { envs: { prod: { nimbus: 'n', worker: ['w1'] } } }],
  ['an env without nimbus', { envs: { prod: { workers: [] } } }],
  ['a wrong type', { envs: { prod: { nimbus: 'n', use_ssh_for_nimbus: 'yes' } } }],
  ['a log level stp does not know', { envs: { prod: { nimbus: 'n', log: { level: 'verbose' } } } }],
])('the schema and stp both refuse %s', (_what, config) => {
  expect(validate(config)).toBe(false);
  expect(() => parseConfig(config)).toThrow();
});
