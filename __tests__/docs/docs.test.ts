// The docs are product: every TypeScript block in README.md and docs/*.md compiles against the package's exports
// (`storm-ts`, `storm-ts/testing`) as a user's project would compile it, and every `stp ...` command they show parses
// with the CLI's own flags (the real cac instance of cli/main.ts, through the same parseArgv the CLI runs).
//
// A TypeScript block is compiled as a file of the scaffolded project (scaffolds/project, with its tsconfig), so
// `../src/bolts/count.js` means the quickstart's WordCounter. A block whose first line is a path comment
// (`// topologies/wordcount.ts`) is compiled at that path. A block that is not meant to compile (a signature, a few
// lines from inside a class) says so in its fence: ```ts fragment. A fence marked `synopsis` shows a command's
// shape with placeholders, one marked `capture` a terminal's output; neither is parsed.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CAC } from 'cac';
import ts from 'typescript';
import { parseArgv } from '../../cli/argv.js';
import { drawPicture, PICTURES } from '../../scripts/docs-pictures.js';
import { runTreeSync } from '../helpers/process-tree.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const project = join(root, 'scaffolds', 'project');
const pages = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md') && f !== 'cli.md').map((f) => `docs/${f}`)];

interface Block {
  readonly page: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly info: string;
  readonly text: string;
}

function blocks(page: string): Block[] {
  const lines = readFileSync(join(root, page), 'utf8').split('\n');
  const found: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const indent = open[1]!.length;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !/^\s*```\s*$/.test(lines[j]!)) body.push(lines[j++]!.slice(indent));
    found.push({ page, line: i + 1, info: open[2]!.trim(), text: body.join('\n') });
    i = j;
  }
  return found;
}

const all = pages.flatMap(blocks);
const isTypeScript = (b: Block) => /^(ts|typescript|tsx)\b/.test(b.info);
const typescript = all.filter((b) => isTypeScript(b) && !/\bfragment\b/.test(b.info));

describe('TypeScript in the docs', () => {
  /** Where each block is compiled: its path comment's path, else a file of its own in topologies/. */
  function fileFor(block: Block): string {
    const named = /^\/\/ ((?:topologies|src|__tests__)\/[\w./-]+\.ts|hooks\.ts)$/.exec(block.text.split('\n')[0] ?? '');
    const stem = `${block.page.replace(/\W/g, '_')}_${block.line}`;
    // Beside the file it names (so its relative imports mean the same), under a name of its own: two pages may show
    // the same file, and a page's version must not replace the scaffold's for the other blocks.
    if (!named) return join(project, 'topologies', `${stem}.doc.ts`);
    // A file the scaffold does not have is compiled at its own path, so the page's other blocks can import it.
    const own = join(project, named[1]!);
    return existsSync(own) ? join(project, dirname(named[1]!), `${stem}.doc.ts`) : own;
  }

  const files = new Map(typescript.map((block) => [fileFor(block), block]));
  let diagnostics: Map<string, string[]>;

  beforeAll(() => {
    const parsed = ts.getParsedCommandLineOfConfigFile(join(project, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
    if (!parsed) throw new Error('cannot read scaffolds/project/tsconfig.json');
    const options: ts.CompilerOptions = {
      ...parsed.options,
      noEmit: true,
      // What an installed package gives a user's project: storm-ts and storm-ts/testing, nothing under them.
      paths: { 'storm-ts': [join(root, 'lib/index.ts')], 'storm-ts/testing': [join(root, 'lib/testing/index.ts')] },
      typeRoots: [join(root, 'node_modules/@types')],
    };
    const host = ts.createCompilerHost(options);
    const readFile = host.readFile.bind(host);
    const fileExists = host.fileExists.bind(host);
    host.readFile = (name) => files.get(name)?.text ?? readFile(name);
    host.fileExists = (name) => files.has(name) || fileExists(name);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (name, language, ...rest) => {
      const block = files.get(name);
      return block ? ts.createSourceFile(name, block.text, language, true) : getSourceFile(name, language, ...rest);
    };
    const program = ts.createProgram({ rootNames: [...files.keys()], options, host });
    diagnostics = new Map([...files.keys()].map((f) => [f, []]));
    for (const d of ts.getPreEmitDiagnostics(program)) {
      const name = d.file?.fileName;
      if (!name || !files.has(name)) continue;
      const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      diagnostics.get(name)!.push(`line ${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    }
  });

  it('finds the blocks', () => {
    expect(typescript.length).toBeGreaterThanOrEqual(12);
  });

  it.each([...files].map(([file, block]) => [`${block.page}:${block.line}`, file, block] as const))('%s compiles', (_, file, block) => {
    expect(diagnostics.get(file)).toEqual([]);
    // Only the package's exports, Node's modules and the project's own files.
    for (const match of block.text.matchAll(/from '([^']+)'/g)) {
      const spec = match[1]!;
      const ok = spec === 'storm-ts' || spec === 'storm-ts/testing' || spec.startsWith('node:') || (spec.startsWith('.') && !relative(project, join(dirname(file), spec)).startsWith('..'));
      expect([spec, ok]).toEqual([spec, true]);
    }
  });
});

// ---- stp command lines ----

/** Words as a POSIX shell splits them (quotes, backslashes), up to a comment, a pipe or `&&`. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      let text = '';
      for (; line[j] !== '"'; j++) text += line[j] === '\\' ? line[++j] : line[j];
      word = (word ?? '') + text;
      i = j;
    } else if (c === '\\') {
      word = (word ?? '') + line[++i];
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (word === undefined && (c === '#' || c === '|' || c === '&' || c === ';')) {
      break;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

interface CommandLine {
  readonly where: string;
  readonly args: string[];
  /** A whole command line (in a code block), not a mention in prose (`stp quickstart` prints ...). */
  readonly complete: boolean;
}

/** The stp command lines of a page: in code blocks (not `synopsis` ones) and inline code without placeholders. */
function commandLines(page: string): CommandLine[] {
  const found: CommandLine[] = [];
  const invocation = /^(?:\$ )?(?:npx stp|stp|npx storm-ts|node (?:\S*\/)?bin\/stp\.js) (.*)$/;
  for (const block of blocks(page)) {
    if (/\b(synopsis|capture)\b/.test(block.info) || isTypeScript(block) || block.info === 'json') continue;
    block.text.split('\n').forEach((text, i) => {
      const match = invocation.exec(text.trim());
      if (match) found.push({ where: `${page}:${block.line + 1 + i}`, args: shellWords(match[1]!), complete: true });
    });
  }
  const prose = readFileSync(join(root, page), 'utf8').replace(/^\s*```[\s\S]*?^\s*```/gm, (fence) => fence.replace(/[^\n]/g, ''));
  prose.split('\n').forEach((text, i) => {
    for (const span of text.matchAll(/`([^`]+)`/g)) {
      const match = invocation.exec(span[1]!);
      // Synopses (`stp tail [--pattern REGEX]`, `stp visualize --format svg|dot|mermaid`) are not commands.
      if (match && !/[[\]|…]|\.\.\./.test(match[1]!)) found.push({ where: `${page}:${i + 1}`, args: shellWords(match[1]!), complete: false });
    }
  });
  return found;
}

describe('stp commands in the docs', () => {
  let cli: CAC;

  beforeAll(async () => {
    // cli/main.ts runs the command line it is given when imported: give it one that only prints the version.
    const argv = process.argv;
    const log = console.log;
    process.argv = [process.execPath, 'stp', '--version'];
    console.log = () => {};
    try {
      ({ cli } = await import('../../cli/main.js'));
    } finally {
      process.argv = argv;
      console.log = log;
    }
  });

  /** What the CLI would say before running anything: the command, unknown flags, missing values and arguments. */
  function parseProblem(args: string[], complete: boolean): string | undefined {
    try {
      parseArgv(cli, ['node', 'stp', ...args]);
      const command = cli.matchedCommand;
      if (!command) return cli.options['help'] || cli.options['version'] ? undefined : `no command "${args[0]}"`;
      if (cli.options['help']) return undefined;
      command.checkUnknownOptions();
      command.checkOptionValue();
      if (!complete) return undefined;
      command.checkRequiredArgs();
      const extra = cli.args.slice(command.args.length);
      return extra.length > 0 ? `more arguments than "${command.rawName}" takes: ${extra.join(' ')}` : undefined;
    } catch (error) {
      return (error as Error).message;
    }
  }

  const lines = pages.flatMap(commandLines);

  it('finds the commands', () => {
    expect(lines.length).toBeGreaterThanOrEqual(60);
  });

  it('splits words as a shell does', () => {
    expect(shellWords(`run -o 'a=b c' -o "x=\\"y\\"" -t 10   # ten seconds`)).toEqual(['run', '-o', 'a=b c', '-o', 'x="y"', '-t', '10']);
  });

  it.each(lines.map((l) => [l.where, l.args.join(' '), l] as const))('%s: stp %s parses', (_, __, line) => {
    expect(parseProblem(line.args, line.complete)).toBeUndefined();
  });
});

describe('pictures in the README', () => {
  it.each(PICTURES.map((p) => [p.file, p] as const))('%s is what stp draws today (regenerate with `npm run docs:pictures`)', (file, picture) => {
    expect(readFileSync(join(root, file), 'utf8')).toBe(drawPicture(picture));
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain(`](${file})`);
  });
});

describe('captures of stp output in the docs', () => {
  it('quickstart.md shows what `stp quickstart wordcount` prints today', () => {
    const shown = blocks('docs/quickstart.md').find((b) => b.text.startsWith('Creating your wordcount stp project...'));
    expect(shown?.info).toBe('capture');
    const dir = mkdtempSync(join(tmpdir(), 'stp-docs-quickstart-'));
    try {
      const result = runTreeSync(process.execPath, [join(root, 'bin/stp.js'), 'quickstart', 'wordcount'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, timeoutMs: 60_000 });
      expect(result.stderr).toBe('');
      expect(`${shown?.text}\n`).toBe(result.stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the README shows the captures the pages keep', () => {
  it("shows remote.md's capture of stp top", () => {
    const capture = (page: string) => blocks(page).find((b) => b.info === 'capture' && b.text.startsWith('stp top wordcount'))?.text;
    expect(capture('README.md')).toBeDefined();
    expect(capture('README.md')).toBe(capture('docs/remote.md'));
  });
});
