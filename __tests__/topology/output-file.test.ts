// visualize and flux --output onto a directory or into a missing folder: one line naming the path and a file name
// to give instead, never Node's raw EISDIR or ENOENT. The real CLI on the word count example.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTree } from '../helpers/process-tree.js';

const bin = fileURLToPath(new URL('../../bin/stp.js', import.meta.url));
const topology = fileURLToPath(new URL('../../examples/wordcount/topologies/wordcount.ts', import.meta.url));
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'stp-output-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const stp = (...args: string[]) => runTree(process.execPath, [bin, ...args], { env: { ...process.env, NO_COLOR: '1' }, timeoutMs: 60_000 });

it('an existing directory, for visualize and flux', async () => {
  const [picture, flux] = await Promise.all([stp('visualize', topology, '--output', dir), stp('flux', topology, '--output', dir)]);
  expect({ status: picture.status, stderr: picture.stderr }).toEqual({ status: 2, stderr: `stp: --output ${dir} is a directory; give a file name, e.g. --output ${join(dir, 'wordcount.svg')}\n` });
  expect({ status: flux.status, stderr: flux.stderr }).toEqual({ status: 2, stderr: `stp: --output ${dir} is a directory; give a file name, e.g. --output ${join(dir, 'topology.yaml')}\n` });
});

it('a folder that does not exist', async () => {
  const missing = join(dir, 'nope', 'wc.dot');
  const result = await stp('visualize', topology, '--output', missing);
  expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 2, stderr: `stp: --output ${missing} is in a folder that does not exist; create the folder first, or write e.g. --output wordcount.dot\n` });
});
