// Submit-side costs, each side by side with a baseline in the same run:
// - `stp jar` (the CLI, bundling included) for the example wordcount and a generated 50-component topology, and
//   the jar-writing step alone against `zip -r` of the very same files;
// - jar upload to a Thrift server playing Nimbus on 127.0.0.1 (307,200-byte chunks, one call each) against a raw
//   socket write of the same bytes;
// (CLI start-up has its own benchmark: startup.bench.ts.)
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, connect, type AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleTopology } from '../lib/bundle/component-bundle.js';
import { collectFiles, writeJar } from '../lib/bundle/jar.js';
import { NimbusClient } from '../lib/nimbus/client.js';
import { FakeNimbus } from '../__tests__/nimbus/fake-nimbus.js';
import { median, type Bench, type BenchRow } from './harness.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin/stp.js');
const work = path.join(root, '_build', 'bench-submit');

function timeMs(run: () => void, times: number): number {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    run();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

async function timeAsyncMs(run: () => Promise<void>, times: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

/** A topology of one spout and 49 counting bolts in a chain, in a folder inside the repository (so `stp` resolves). */
function fiftyComponentProject(): string {
  const dir = path.join(work, 'fifty');
  mkdirSync(path.join(dir, 'topologies'), { recursive: true });
  const src = path.relative(path.join(dir, 'topologies'), path.join(root, 'examples/wordcount/src'));
  const bolts = Array.from({ length: 49 }, (_, i) => `  .bolt('count${i + 1}', WordCounter).fields('${i === 0 ? 'words' : `count${i}`}', ['word'])`);
  writeFileSync(
    path.join(dir, 'topologies', 'fifty.ts'),
    `import { topology } from 'storm-ts';\nimport { WordCounter } from '${src}/bolts/count.js';\nimport { WordSpout } from '${src}/spouts/words.js';\n\n` +
      `export default topology('fifty')\n  .spout('words', WordSpout)\n${bolts.join('\n')};\n`,
  );
  return path.join(dir, 'topologies', 'fifty.ts');
}

async function jarRows(label: string, topologyFile: string, cwd: string): Promise<BenchRow[]> {
  const key = label.replace(/\W+/g, '-');
  const out = path.join(work, `${key}.jar`);
  const cli = timeMs(() => execFileSync(process.execPath, [bin, 'jar', topologyFile, '--output', out], { cwd, stdio: 'pipe' }), 3);
  // The same files, written by the jar step alone and by zip -r.
  const resources = path.join(work, `${key}-files`, 'resources');
  rmSync(path.dirname(resources), { recursive: true, force: true });
  await bundleTopology({ topologyFile, outDir: resources });
  const files = await collectFiles(resources);
  const jarOnly = await timeAsyncMs(async () => {
    await writeJar(out, { resources: files });
  }, 5);
  const zipOut = path.join(work, `${key}.zip`);
  const zip = timeMs(() => {
    rmSync(zipOut, { force: true });
    execFileSync('zip', ['-q', '-r', '-X', zipOut, 'resources'], { cwd: path.dirname(resources) });
  }, 5);
  const count = files.size;
  return [
    { name: `stp jar ${label} (CLI: start-up, bundle ${count} files, jar)`, value: cli, unit: 'ms' },
    { name: `jar step alone, ${label} (${count} files, ${Math.round(statSync(out).size / 1024)} KiB)`, value: jarOnly, unit: 'ms', ratio: { value: jarOnly / zip, of: 'zip -r' } },
    { name: `zip -r -X of the same files (${label})`, value: zip, unit: 'ms' },
  ];
}

async function uploadRows(): Promise<BenchRow[]> {
  const bytes = 32 * 1024 * 1024;
  const file = path.join(work, 'upload.bin');
  const data = randomBytes(bytes);
  writeFileSync(file, data);
  const nimbus = await FakeNimbus.start();
  let thrift: number;
  try {
    const client = await NimbusClient.connect({ host: '127.0.0.1', port: nimbus.port });
    try {
      thrift = await timeAsyncMs(async () => {
        await client.uploadJar(file);
      }, 3);
    } finally {
      client.close();
    }
  } finally {
    await nimbus.close();
  }
  // Raw: one socket write of the same bytes to a server that only counts them.
  const sink = createServer((socket) => {
    let got = 0;
    socket.on('data', (chunk: Buffer) => {
      got += chunk.length;
      if (got >= bytes) socket.end('k');
    });
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const port = (sink.address() as AddressInfo).port;
  const raw = await timeAsyncMs(
    () =>
      new Promise<void>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.write(data));
        socket.on('data', () => {
          socket.destroy();
          resolve();
        });
        socket.on('error', reject);
      }),
    3,
  );
  await new Promise<void>((resolve) => sink.close(() => resolve()));
  const mibps = (ms: number) => bytes / 1024 / 1024 / (ms / 1000);
  return [
    { name: 'jar upload to Nimbus on 127.0.0.1 (32 MiB, 307,200-byte chunks)', value: mibps(thrift), unit: 'MiB/s', ratio: { value: mibps(thrift) / mibps(raw), of: 'raw socket write' } },
    { name: 'raw socket write of the same 32 MiB', value: mibps(raw), unit: 'MiB/s' },
  ];
}

const bench: Bench = {
  id: 'submit',
  title: 'stp jar and jar upload',
  method:
    "Medians: `stp jar` run as a CLI 3 times per topology (the example wordcount, and 1 spout + 49 bolts), the jar step alone 5 times against `zip -q -r -X` of the same bundled files; a 32 MiB upload 3 times to a Thrift server playing Nimbus on 127.0.0.1 (in the benchmark's own process, so its work is counted too; one chunk per round trip, as Storm's client) against one raw socket write of the same bytes. CLI start-up: see the startup section.",
  async run() {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    try {
      const example = path.join(root, 'examples/wordcount/topologies/wordcount.ts');
      return [
        ...(await jarRows('wordcount', example, path.join(root, 'examples/wordcount'))),
        ...(await jarRows('50 components', fiftyComponentProject(), path.join(work, 'fifty'))),
        ...(await uploadRows()),
      ];
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
};

export default bench;
