// Component log file names, written here and read back by `stp tail` and `stp remove-logs`.
//
// Current scheme: `stp.<topology>.<component>.<task>.<pid>.log`. Each name keeps letters, digits, "_" and "-"
// and writes every other byte as %XX (so "." becomes %2E): "." only ever separates fields, and a file names
// exactly one topology and one component. Rotated copies add `.1`, `.2`, ... and nothing else (`.log.bak` is not one).
//
// Legacy scheme (stp before this one): `stp_<topology>_<component>_<task>_<pid>.log`, other characters replaced
// by "_". Both names may hold "_", so `stp_wordcount_x_count_1_1.log` is topology `wordcount_x` with component
// `count` or topology `wordcount` with component `x_count`. Such files are read only where the owner is certain:
// see legacyComponent.

export interface LogNameParts {
  readonly topology: string;
  readonly component: string;
  readonly task: number;
  readonly pid: number;
}

/** A name parsed from the current scheme, or the undivided `<topology>_<component>` of a legacy one. */
export type ParsedLogName =
  | { readonly scheme: 'current'; readonly topology: string; readonly component: string; readonly task: number; readonly pid: number; readonly rotated: boolean }
  | { readonly scheme: 'legacy'; readonly middle: string; readonly task: number; readonly pid: number; readonly rotated: boolean };

const KEPT = /[A-Za-z0-9_-]/;

/** One name as a file name field: letters, digits, "_" and "-" as they are, every other UTF-8 byte as %XX. */
export function escapeLogName(name: string): string {
  let out = '';
  for (const char of name) {
    if (KEPT.test(char)) out += char;
    else for (const byte of Buffer.from(char, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function logFileName(parts: LogNameParts): string {
  return `stp.${escapeLogName(parts.topology)}.${escapeLogName(parts.component)}.${parts.task}.${parts.pid}.log`;
}

// What the rotation writes (log-file.ts: rotating-file-stream's classic mode, uncompressed): `.1` … `.N`.
const ROTATION = '(\\.[1-9]\\d*)?';
const CURRENT = new RegExp(`^stp\\.([A-Za-z0-9_%-]+)\\.([A-Za-z0-9_%-]+)\\.(\\d+)\\.(\\d+)\\.log${ROTATION}$`);
// `[^\n]` rather than `.`: a name with a line break is never one of ours (see log-files.ts).
const LEGACY = new RegExp(`^stp_([^\\n]+)_(\\d+)_(\\d+)\\.log${ROTATION}$`);

function unescape(field: string): string | undefined {
  try {
    return decodeURIComponent(field);
  } catch {
    return undefined;
  }
}

/** The parts of a log file name in either scheme, or undefined for any other file. */
export function parseLogName(name: string): ParsedLogName | undefined {
  const current = CURRENT.exec(name);
  if (current) {
    const topology = unescape(current[1]!);
    const component = unescape(current[2]!);
    if (topology === undefined || component === undefined || topology === '' || component === '') return undefined;
    return { scheme: 'current', topology, component, task: Number(current[3]), pid: Number(current[4]), rotated: current[5] !== undefined };
  }
  const legacy = LEGACY.exec(name);
  if (legacy) return { scheme: 'legacy', middle: legacy[1]!, task: Number(legacy[2]), pid: Number(legacy[3]), rotated: legacy[4] !== undefined };
  return undefined;
}

/** How the legacy scheme wrote a name. */
export function legacyLogName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}

/**
 * Which component of `topology` wrote a legacy file whose `<topology>_<component>` part is `middle`, or undefined
 * when it is not certainly that topology's. With the topology's component ids, the rest must be one of them;
 * without, the name must have no other way to split (exactly one "_" between the two names).
 */
export function legacyComponent(middle: string, topology: string, componentIds?: readonly string[]): string | undefined {
  const prefix = `${legacyLogName(topology)}_`;
  if (!middle.startsWith(prefix)) return undefined;
  const rest = middle.slice(prefix.length);
  if (rest === '') return undefined;
  if (componentIds) return componentIds.find((id) => legacyLogName(id) === rest);
  return middle.indexOf('_') === prefix.length - 1 && !rest.includes('_') ? rest : undefined;
}
