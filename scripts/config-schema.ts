// `npm run schema`: writes schema/config.schema.json (the JSON Schema of config.json that the package ships) from
// the zod schema in lib/config. A test fails when the committed file differs from what this writes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_SCHEMA_FILE, configJsonSchema } from '../lib/config/json-schema.js';

const file = join(fileURLToPath(new URL('..', import.meta.url)), CONFIG_SCHEMA_FILE);
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
console.log(`wrote ${CONFIG_SCHEMA_FILE}`);
