// What cac (through mri) does not do for us with flag values:
// - a value that starts with "-" (`-p -3`, `--timeout -5`) is read as another flag ("Unknown option `-3`"), so the
//   command never sees the value it could explain;
// - values that look like numbers become numbers (`-w 1e3` is 1000, `-n 99999999999999999999` is 1e20, `--name 007`
//   is 7), so checks cannot see what was typed.
// parseArgv fixes both for every flag that takes a value: a number-like value after such a flag is attached to it,
// and every such flag reaches its command as the text typed (a list when repeated). Commands then check the text.
import type { CAC, Command } from 'cac';

type Option = Command['options'][number];

/** "-3", "-0.5", "-.5": what follows a value flag as its value, not as a flag. */
const NUMBER_LIKE = /^-(\d|\.\d)/;

const camel = (name: string): string => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

interface Walk {
  readonly argv: string[];
  readonly positionals: string[];
  readonly raw: Map<Option, string[]>;
}

/** Walks the arguments after the script as mri would for these options, noting each value flag's text. */
function walk(args: readonly string[], options: readonly Option[]): Walk {
  const byName = new Map<string, Option>();
  for (const option of options) for (const name of option.names) byName.set(name, option);
  const out: string[] = [];
  const positionals: string[] = [];
  const raw = new Map<Option, string[]>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      out.push(...args.slice(i));
      break;
    }
    if (!arg.startsWith('-') || arg === '-' || NUMBER_LIKE.test(arg)) {
      out.push(arg);
      if (!arg.startsWith('-') || arg === '-') positionals.push(arg);
      continue;
    }
    const dashes = arg.startsWith('--') ? 2 : 1;
    const eq = arg.indexOf('=');
    const option = byName.get(camel(arg.slice(dashes, eq === -1 ? undefined : eq)));
    if (!option || option.isBoolean) {
      out.push(arg);
      continue;
    }
    let value: string;
    if (eq !== -1) {
      value = arg.slice(eq + 1);
      out.push(arg);
    } else {
      const next = args[i + 1];
      if (next === undefined || next === '--' || (next.startsWith('-') && !NUMBER_LIKE.test(next))) {
        out.push(arg); // no value: cac says so
        continue;
      }
      value = next;
      i++;
      out.push(`${arg}=${value}`);
    }
    raw.set(option, [...(raw.get(option) ?? []), value]);
  }
  return { argv: out, positionals, raw };
}

/**
 * Parses `argv` (process.argv form) with `cli` without running anything, with the two fixes above. The matched
 * command is the one whose name (or alias) is the first positional once its own value flags are skipped.
 */
export function parseArgv(cli: CAC, argv: readonly string[]): void {
  const args = argv.slice(2);
  const global = cli.globalCommand.options;
  let chosen = walk(args, global);
  for (const command of cli.commands) {
    const walked = walk(args, [...global, ...command.options]);
    if (walked.positionals[0] !== undefined && command.isMatched(walked.positionals[0])) {
      chosen = walked;
      break;
    }
  }
  cli.parse([...argv.slice(0, 2), ...chosen.argv], { run: false });
  for (const [option, values] of chosen.raw) {
    const value = values.length === 1 ? values[0] : values;
    for (const name of option.names) cli.options[name] = value;
  }
}
