import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTopologyJar, defaultJarPath } from '../../lib/bundle/jar-topology.js';
import { readZipEntries } from '../../lib/bundle/jar-read.js';
import { writeJar } from '../../lib/bundle/jar.js';
import { STP_SERIALIZER_CLASS } from '../../lib/bundle/multilang-serializer.js';
import type { TopologySpec } from '../../lib/topology/spec.js';

const spec: TopologySpec = {
  name: 'wc',
  conf: {},
  components: [
    { id: 'words', role: 'spout', impl: { kind: 'typescript', className: 'Words' }, streams: { default: { fields: ['word'], direct: false } }, inputs: [], parallelism: 1, conf: {} },
    {
      id: 'split',
      role: 'bolt',
      impl: { kind: 'shell', command: 'python3', script: 'splitter.py' },
      streams: { default: { fields: ['word'], direct: false } },
      inputs: [{ source: 'words', stream: 'default', grouping: { type: 'shuffle' } }],
      parallelism: 2,
      conf: {},
    },
  ],
};

const bundles = new Map([
  ['words.js', Buffer.from('console.log("words")\n')],
  ['words.js.map', Buffer.from('{"version":3}')],
]);

describe('topology jar', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stp-jar-'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'proj', version: '1.2.3' }));
    mkdirSync(join(dir, 'resources', 'lib'), { recursive: true });
    writeFileSync(join(dir, 'resources', 'splitter.py'), 'print("split")\n');
    writeFileSync(join(dir, 'resources', 'lib', 'util.py'), 'X = 1\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function extraJar(name: string, files: Record<string, string>): string {
    const src = join(dir, `src-${name}`);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(src, path, '..'), { recursive: true });
      writeFileSync(join(src, path), text);
    }
    execFileSync('zip', ['-q', '-r', join(dir, name), '.'], { cwd: src });
    return name;
  }

  it('writes _build/<topology>-<version>.jar, manifest first, with bundles, maps and resources/', async () => {
    const result = await buildTopologyJar({ root: dir, spec, bundles });
    expect(result.path).toBe(join(dir, '_build', 'wc-1.2.3.jar'));
    expect(defaultJarPath(dir, 'wc')).toBe(result.path);
    const entries = await readZipEntries(result.path);
    expect(entries.map((e) => e.name)).toEqual([
      'META-INF/',
      'META-INF/MANIFEST.MF',
      'resources/',
      'resources/lib/',
      'resources/lib/util.py',
      'resources/splitter.py',
      'resources/words.js',
      'resources/words.js.map',
      'stormts/',
      'stormts/multilang/',
      'stormts/multilang/Json.class',
      'stormts/multilang/StpJsonSerializer.class',
    ]);
    expect(entries[1]?.data.toString()).toMatch(/^Manifest-Version: 1\.0\r\n/);
    expect(entries.find((e) => e.name === 'resources/words.js')?.data.toString()).toBe('console.log("words")\n');
    // The system's unzip agrees it is a sound archive.
    expect(execFileSync('unzip', ['-tq', result.path], { encoding: 'utf8' })).toMatch(/No errors detected/);
  });

  it("carries stp's multilang serializer at its class path, as Java 8 class files (major version 52)", async () => {
    const entries = await readZipEntries((await buildTopologyJar({ root: dir, spec, bundles })).path);
    const serializer = entries.find((e) => e.name === `${STP_SERIALIZER_CLASS.replaceAll('.', '/')}.class`);
    expect(serializer).toBeDefined();
    const classes = entries.filter((e) => e.name.endsWith('.class'));
    expect(classes.map((e) => e.name)).toEqual(['stormts/multilang/Json.class', 'stormts/multilang/StpJsonSerializer.class']);
    for (const { data } of classes) {
      expect(data.readUInt32BE(0)).toBe(0xcafebabe);
      expect(data.readUInt16BE(6)).toBe(52);
    }
  });

  it('is byte-identical for the same inputs, whatever the files’ timestamps', async () => {
    const first = readFileSync((await buildTopologyJar({ root: dir, spec, bundles, outFile: join(dir, 'a.jar') })).path);
    utimesSync(join(dir, 'resources', 'splitter.py'), new Date(2020, 1, 1), new Date(2020, 1, 1));
    const second = readFileSync((await buildTopologyJar({ root: dir, spec, bundles, outFile: join(dir, 'b.jar') })).path);
    expect(second.equals(first)).toBe(true);
    writeFileSync(join(dir, 'resources', 'splitter.py'), 'print("changed")\n');
    const third = readFileSync((await buildTopologyJar({ root: dir, spec, bundles, outFile: join(dir, 'c.jar') })).path);
    expect(third.equals(first)).toBe(false);
  });

  it('merges extra jars without their manifests and signatures, joining service files', async () => {
    const kafka = extraJar('kafka.jar', {
      'META-INF/MANIFEST.MF': 'Manifest-Version: 1.0\n',
      'META-INF/KAFKA.SF': 'sig',
      'META-INF/KAFKA.RSA': 'sig',
      'META-INF/services/x.Provider': 'a.Impl\n',
      'org/apache/kafka/Spout.class': 'kafka',
    });
    const other = extraJar('other.jar', {
      'META-INF/services/x.Provider': 'b.Impl',
      'org/apache/kafka/Spout.class': 'other',
      'com/other/Thing.class': 'thing',
    });
    const result = await buildTopologyJar({ root: dir, spec, bundles, extraJars: [kafka, other] });
    const entries = await readZipEntries(result.path);
    const names = entries.map((e) => e.name);
    expect(names.filter((n) => n === 'META-INF/MANIFEST.MF')).toHaveLength(1);
    expect(names).not.toContain('META-INF/KAFKA.SF');
    expect(names).not.toContain('META-INF/KAFKA.RSA');
    expect(names).toEqual(expect.arrayContaining(['org/', 'org/apache/kafka/Spout.class', 'com/other/Thing.class']));
    expect(entries.find((e) => e.name === 'org/apache/kafka/Spout.class')?.data.toString()).toBe('kafka');
    expect(entries.find((e) => e.name === 'META-INF/services/x.Provider')?.data.toString()).toBe('a.Impl\nb.Impl\n');
    expect(result.duplicates).toEqual(['org/apache/kafka/Spout.class']);
  });

  it('names a missing shell script, a missing bundle and a missing extra jar', async () => {
    rmSync(join(dir, 'resources', 'splitter.py'));
    await expect(buildTopologyJar({ root: dir, spec, bundles: new Map() })).rejects.toThrow(
      'component "words" has no bundle words.js; the bundler did not produce it\ncomponent "split" runs "python3 splitter.py" but resources/splitter.py is missing',
    );
    writeFileSync(join(dir, 'resources', 'splitter.py'), '');
    await expect(buildTopologyJar({ root: dir, spec, bundles, extraJars: ['jars/nope.jar'] })).rejects.toThrow(
      /extra_jars: "jars\/nope\.jar" does not exist/,
    );
    writeFileSync(join(dir, 'bad.jar'), 'not a zip');
    await expect(buildTopologyJar({ root: dir, spec, bundles, extraJars: ['bad.jar'] })).rejects.toThrow(/extra jar .*bad\.jar is not a valid zip\/jar file/);
    expect(existsSync(join(dir, '_build', 'wc-1.2.3.jar'))).toBe(false);
  });

  it('leaves no partial file when writing fails', async () => {
    writeFileSync(join(dir, 'blocker'), '');
    await expect(writeJar(join(dir, 'blocker', 'x.jar'), { resources: bundles })).rejects.toThrow();
  });
});
