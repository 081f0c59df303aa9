// The topology jar: META-INF/MANIFEST.MF first, then resources/ (component bundles, source maps, the project's
// resources/ folder), stp's own classes (the multilang serializer), then the entries of extra jars (their manifests and signatures left out). The supervisor
// extracts resources/ into the directory shell components run in. Reproducible: fixed timestamps and modes, a
// fixed order, so the same inputs give byte-identical jars.
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { finished } from 'node:stream/promises';
import yazl from 'yazl';
import { readZipEntries } from './jar-read.js';

/** Every entry's timestamp (zip's DOS dates start in 1980; a fixed date keeps builds byte-identical). */
export const JAR_ENTRY_TIME = new Date(Date.UTC(2000, 0, 1, 0, 0, 0));
const FILE_MODE = 0o100644;
const DIR_MODE = 0o40755;

export interface JarInput {
  /** Jar path → file contents, each placed under resources/ (e.g. "count.js" → "resources/count.js"). */
  readonly resources: ReadonlyMap<string, Buffer>;
  /** Jar path → contents placed at that path, on the worker's classpath (e.g. stp's multilang serializer). */
  readonly classes?: ReadonlyMap<string, Buffer>;
  /** Jars whose entries are merged in, in this order (a name already present is kept from the first source). */
  readonly extraJars?: readonly string[];
  /** Written into the manifest as Created-By. */
  readonly createdBy?: string;
}

export interface JarResult {
  readonly path: string;
  readonly bytes: number;
  readonly entries: number;
  /** Entries of extra jars skipped because an earlier source had the same name. */
  readonly duplicates: readonly string[];
}

/** Manifests and signatures of merged jars: a merged jar is no longer the signed one, so the JVM would refuse it. */
function isDroppedFromExtraJar(name: string): boolean {
  const upper = name.toUpperCase();
  if (upper === 'META-INF/MANIFEST.MF' || upper === 'META-INF/INDEX.LIST') return true;
  return upper.startsWith('META-INF/') && /\.(SF|RSA|DSA|EC)$/.test(upper) && !upper.slice(9).includes('/');
}

/** Reads every file under `dir` into a map of forward-slash relative paths (sorted), for `resources`. */
export async function collectFiles(dir: string, prefix = ''): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  async function walk(current: string): Promise<void> {
    const names = (await readdir(current)).sort();
    for (const name of names) {
      const path = join(current, name);
      const info = await stat(path);
      if (info.isDirectory()) await walk(path);
      else if (info.isFile()) files.set(prefix + relative(dir, path).split(sep).join('/'), await readFile(path));
    }
  }
  await walk(dir);
  return files;
}

function manifest(createdBy: string): Buffer {
  return Buffer.from(`Manifest-Version: 1.0\r\nCreated-By: ${createdBy}\r\n\r\n`, 'utf8');
}

/** Directory entries for every parent folder of `names` (jar tools expect them, and so does the supervisor's unpacker). */
function parentDirs(names: Iterable<string>): string[] {
  const dirs = new Set<string>();
  for (const name of names) {
    const parts = name.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(`${parts.slice(0, i).join('/')}/`);
  }
  return [...dirs];
}

/** Writes the jar to `path` (atomically: a failed build leaves no half jar behind). */
export async function writeJar(path: string, input: JarInput): Promise<JarResult> {
  const entries = new Map<string, Buffer>();
  const duplicates: string[] = [];
  for (const [name, data] of [...input.resources].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    entries.set(`resources/${name}`, data);
  }
  for (const [name, data] of input.classes ?? []) entries.set(name, data);
  const services = new Map<string, Buffer[]>();
  for (const jar of input.extraJars ?? []) {
    for (const entry of await readZipEntries(jar, `extra jar ${jar}`)) {
      if (entry.name.endsWith('/') || isDroppedFromExtraJar(entry.name)) continue;
      // ServiceLoader files list implementations; merged jars must keep every line, not just the first jar's.
      if (entry.name.startsWith('META-INF/services/')) {
        services.set(entry.name, [...(services.get(entry.name) ?? []), entry.data]);
        continue;
      }
      if (entries.has(entry.name)) duplicates.push(entry.name);
      else entries.set(entry.name, entry.data);
    }
  }
  for (const [name, parts] of services) {
    entries.set(name, Buffer.concat(parts.map((part) => (part.length && part[part.length - 1] !== 0x0a ? Buffer.concat([part, Buffer.from('\n')]) : part))));
  }

  const zip = new yazl.ZipFile();
  const fixed = { mtime: JAR_ENTRY_TIME, forceDosTimestamp: true };
  zip.addEmptyDirectory('META-INF/', { ...fixed, mode: DIR_MODE });
  zip.addBuffer(manifest(input.createdBy ?? 'stp'), 'META-INF/MANIFEST.MF', { ...fixed, mode: FILE_MODE, compress: true });
  const names = [...entries.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const dirs = parentDirs(names).filter((dir) => dir !== 'META-INF/');
  const all = [...dirs.map((dir) => ({ name: dir, dir: true })), ...names.map((name) => ({ name, dir: false }))].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const { name, dir } of all) {
    if (dir) zip.addEmptyDirectory(name, { ...fixed, mode: DIR_MODE });
    else zip.addBuffer(entries.get(name)!, name, { ...fixed, mode: FILE_MODE, compress: true });
  }

  await mkdir(dirname(path), { recursive: true });
  const partial = `${path}.partial`;
  const out = createWriteStream(partial);
  zip.outputStream.pipe(out);
  zip.end();
  try {
    await finished(out);
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  const { size } = await stat(path);
  return { path, bytes: size, entries: all.length + 2, duplicates };
}
