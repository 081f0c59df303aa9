// The protocol's synchronous writes (lib/multilang/blocking-write.ts) over a real pipe: a writer that outruns its
// reader waits (the pipe answers EAGAIN, the write is partial) and every byte still arrives once, in order.
import { fileURLToPath } from 'node:url';
import { startTree, killTree } from '../helpers/process-tree.js';
import { ioCounterSteady } from '../helpers/proc-io.js';
import { until } from '../helpers/until.js';

const writer = fileURLToPath(new URL('../../dist/lib/multilang/blocking-write.js', import.meta.url));

it('writes 4 MB through a pipe its reader holds back: the writer waits, then every byte arrives in order', async () => {
  // Lines 0..N, 4 MB in all: any byte lost, doubled or reordered breaks the sequence.
  const script = `
    const { writeFully } = await import(${JSON.stringify(writer)});
    process.stdout; // as the runtime: Node's stream makes the pipe non-blocking, so a full pipe answers EAGAIN
    let text = '';
    for (let i = 0; text.length < 4 * 1024 * 1024; i++) text += i + '\\n';
    writeFully(1, text);
    process.stderr.write('done ' + text.length + '\\n');
  `;
  const child = startTree(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    child.stdout!.pause();
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (t: string) => (stderr += t));
    // Held back: it wrote a pipe's worth and waits, its bytes written (/proc/<pid>/io wchar) staying put.
    const writes = ioCounterSteady(child.pid!, 'wchar');
    await until(writes, 20_000, 'the writer to wait for the full pipe');
    expect(stderr).toBe('');
    expect(writes.last()).toBeLessThan(1024 * 1024);
    const chunks: Buffer[] = [];
    child.stdout!.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stdout!.resume();
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(code).toBe(0);
    const lines = Buffer.concat(chunks).toString('utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.every((line, i) => line === String(i))).toBe(true);
    expect(stderr).toBe(`done ${lines.reduce((n, l) => n + l.length + 1, 0)}\n`);
  } finally {
    killTree(child);
  }
});
