// `-o key=value` overrides, parsed the way Storm parses `-c key=value`: the value is JSON when it reads as JSON
// (numbers, booleans, null, arrays, objects, quoted strings), else the raw text is a string.

export class ConfOverrideError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfOverrideError';
  }
}

/** `"10"` -> 10, `"true"` -> true, `'["a"]'` -> ['a'], `"info"` -> 'info'. */
export function parseConfValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Parses every `key=value` pair; the last pair wins for a key given twice. */
export function parseConfOverrides(pairs: readonly string[]): Record<string, unknown> {
  const conf: Record<string, unknown> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) {
      throw new ConfOverrideError(
        `invalid conf override ${JSON.stringify(pair)}: expected key=value, e.g. -o topology.message.timeout.secs=10`,
      );
    }
    conf[pair.slice(0, at).trim()] = parseConfValue(pair.slice(at + 1));
  }
  return conf;
}
