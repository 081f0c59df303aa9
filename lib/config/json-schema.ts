// config.json as a JSON Schema, made from the zod schema stp itself validates with (so editors complete and check
// what stp accepts). The package ships it as schema/config.schema.json; `npm run schema` writes it, and a test
// checks the shipped file matches this. Checks zod runs in code (host:port, absolute worker directories,
// node_executable without flags) are beyond JSON Schema: there the schema says "string" and stp says the rest.
import { z } from 'zod';
import { configSchema } from './schema.js';

/** The package-relative path of the shipped schema. */
export const CONFIG_SCHEMA_FILE = 'schema/config.schema.json';

export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
  return { ...schema, title: 'stp config.json' };
}
