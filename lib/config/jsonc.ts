// config.json is JSON with comments, as tsconfig.json is.
import * as jsonc from 'jsonc-parser';
import { ConfigError } from './errors.js';

/**
 * JSON plus line and block comments and trailing commas (as tsconfig.json allows), so that config.json can
 * carry commented examples. Syntax errors name the line and column.
 */
export function parseJsonWithComments(text: string, file: string): unknown {
  const errors: jsonc.ParseError[] = [];
  const json: unknown = jsonc.parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  const [first] = errors;
  if (first) {
    const before = text.slice(0, first.offset).split('\n');
    const line = before.length;
    const column = (before.at(-1)?.length ?? 0) + 1;
    const found = JSON.stringify(text.slice(first.offset, first.offset + Math.max(first.length, 1)));
    throw new ConfigError(`${file}:${line}:${column} is not valid JSON: ${jsonc.printParseErrorCode(first.error)} at ${found}`);
  }
  return json;
}
