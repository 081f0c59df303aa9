// The deploy view: Ink (ink-testing-library) and the plain lines used off a TTY.
import { render } from 'ink-testing-library';
import { createEmitter } from '../../lib/events.js';
import type { DeployEvents } from '../../lib/nimbus/deploy.js';
import { renderDeployPlain } from '../../cli/views/DeployPlain.js';
import { createPrompts, DeployView } from '../../cli/views/DeployView.js';
import { progressText } from '../../cli/ui/ProgressBar.js';
import { formatTable } from '../../cli/ui/table.js';
import { until } from '../helpers/until.js';

/** The last frame, once it satisfies `check` (a busy machine renders late). */
const frameWhen = async (lastFrame: () => string | undefined, check: (frame: string) => boolean, what: string): Promise<string> => {
  await until(() => check(lastFrame() ?? ''), 10_000, what);
  return lastFrame()!;
};
const result = { name: 'wc', topologyId: 'wc-7-1700000000', uiUrl: 'http://ui:8080/topology.html?id=wc-7-1700000000', jar: '/p/_build/wc-0.1.0.jar', inactive: false };

describe('DeployView (Ink)', () => {
  it('turns steps from pending to running to done, shows the upload bar and the final line', async () => {
    const emitter = createEmitter<DeployEvents>();
    const { lastFrame, unmount } = render(<DeployView title='Submitting "wc"' emitter={emitter} />);
    await frameWhen(lastFrame, (f) => f.includes('Submitting'), 'the first frame');
    emitter.emit('plan', ['validate', 'jar', 'upload', 'submit']);
    emitter.emit('step:start', 'validate');
    expect(await frameWhen(lastFrame, (f) => f.includes('› Validate'), 'the validate step')).toMatch(/› Validate topology\n· Build jar\n· Upload jar\n· Submit topology/);

    emitter.emit('step:done', 'validate', { durationMs: 12, detail: '3 components' });
    emitter.emit('step:start', 'jar');
    emitter.emit('step:done', 'jar', { durationMs: 1500, detail: '_build/wc-0.1.0.jar (1.2 MiB)' });
    emitter.emit('step:start', 'upload');
    emitter.emit('upload:progress', { sentBytes: 1024 * 1024, totalBytes: 4 * 1024 * 1024, elapsedMs: 1000 });
    const uploading = await frameWhen(lastFrame, (f) => f.includes('25%'), 'the upload bar');
    expect(uploading).toContain('✓ Validate topology 12 ms 3 components');
    expect(uploading).toContain('✓ Build jar 1.5 s _build/wc-0.1.0.jar (1.2 MiB)');
    expect(uploading).toContain('› Upload jar');
    expect(uploading).toContain('25% 1.0 MiB / 4.0 MiB  1.0 MiB/s  ETA 3.0 s');

    emitter.emit('step:done', 'upload', { durationMs: 4000 });
    emitter.emit('step:start', 'submit');
    emitter.emit('step:done', 'submit', { durationMs: 300 });
    emitter.emit('done', result);
    const done = await frameWhen(lastFrame, (f) => f.includes('Submitted'), 'the final line');
    expect(done).not.toContain('ETA');
    expect(done).toContain('✓ Submit topology 300 ms');
    expect(done).toContain('Submitted "wc" as wc-7-1700000000\nStorm UI, if one runs there: http://ui:8080/topology.html?id=wc-7-1700000000');
    unmount();
  });

  it('names the failed step and its reason', async () => {
    const emitter = createEmitter<DeployEvents>();
    const { lastFrame, unmount } = render(<DeployView title="t" emitter={emitter} />);
    await frameWhen(lastFrame, (f) => f.includes('t'), 'the first frame');
    emitter.emit('plan', ['validate', 'upload']);
    emitter.emit('step:start', 'upload');
    emitter.emit('step:failed', 'upload', { durationMs: 2000, error: new Error('Nimbus at n:6627 closed the connection during the call') });
    await frameWhen(lastFrame, (f) => f.includes('Upload jar failed'), 'the failure');
    expect(lastFrame()).toContain('✗ Upload jar 2.0 s Nimbus at n:6627 closed the connection during the call');
    expect(lastFrame()).toContain('Upload jar failed: Nimbus at n:6627 closed the connection during the call');
    unmount();
  });

  it('asks whether to replace a running topology, and Ctrl-C cancels', async () => {
    const emitter = createEmitter<DeployEvents>();
    const prompts = createPrompts();
    let cancelled = 0;
    const { lastFrame, stdin, unmount } = render(<DeployView title="t" emitter={emitter} prompts={prompts.emitter} onCancel={() => cancelled++} />);
    await frameWhen(lastFrame, (f) => f.includes('t'), 'the first frame');
    const answer = prompts.ask('A topology named "wc" is running. Kill it and submit the new one?');
    await until(() => (lastFrame() ?? '').includes('(y/N)'), 10_000, 'the question');
    expect(lastFrame()).toContain('A topology named "wc" is running. Kill it and submit the new one? (y/N)');
    stdin.write('y');
    await expect(answer).resolves.toBe(true);
    await until(() => !(lastFrame() ?? '').includes('(y/N)'), 10_000, 'the question to go');

    const second = prompts.ask('Again?');
    await until(() => (lastFrame() ?? '').includes('Again? (y/N)'), 10_000, 'the second question');
    stdin.write('n');
    await expect(second).resolves.toBe(false);

    stdin.write('\u0003');
    await until(() => cancelled === 1 && (lastFrame() ?? '').includes('Cancelling… nothing will be submitted.'), 10_000, 'the cancel');
    expect(cancelled).toBe(1);
    unmount();
  });

  it('a key typed before the question has rendered still answers it', async () => {
    const prompts = createPrompts();
    const { stdin, unmount } = render(<DeployView title="t" emitter={createEmitter<DeployEvents>()} prompts={prompts.emitter} />);
    await new Promise((resolve) => setImmediate(resolve));
    const answer = prompts.ask('Replace?');
    stdin.write('y');
    await expect(answer).resolves.toBe(true);
    unmount();
  });
});

describe('plain deploy lines', () => {
  it('prints one line per finished step, upload quarters, the final line; failures on stderr', () => {
    const emitter = createEmitter<DeployEvents>();
    const out: string[] = [];
    const err: string[] = [];
    const stop = renderDeployPlain(emitter, { write: (l) => out.push(l), error: (l) => err.push(l) });
    emitter.emit('plan', ['validate', 'upload', 'submit']);
    emitter.emit('step:start', 'validate');
    emitter.emit('step:done', 'validate', { durationMs: 5, detail: '2 components' });
    emitter.emit('step:start', 'upload');
    for (const sent of [100, 300, 600, 900, 1000]) emitter.emit('upload:progress', { sentBytes: sent, totalBytes: 1000, elapsedMs: sent });
    emitter.emit('step:done', 'upload', { durationMs: 1000 });
    emitter.emit('step:start', 'submit');
    emitter.emit('step:failed', 'submit', { durationMs: 40, error: new Error('Nimbus rejected "wc" as invalid: bad') });
    stop();
    emitter.emit('done', result);
    expect(out).toEqual([
      '✓ Validate topology (5 ms): 2 components',
      '  upload 25%: 300 B of 1000 B, 1000 B/s',
      '  upload 50%: 600 B of 1000 B, 1000 B/s',
      '  upload 75%: 900 B of 1000 B, 1000 B/s',
      '✓ Upload jar (1.0 s)',
    ]);
    expect(err).toEqual(['✗ Submit topology (40 ms): Nimbus rejected "wc" as invalid: bad']);
  });
});

describe('shared view helpers', () => {
  it('formats a table with right-aligned numbers', () => {
    expect(formatTable([{ n: 'wc', w: 12 }, { n: 'longer-name', w: 3 }], [{ header: 'NAME', value: (r) => r.n }, { header: 'W', value: (r) => r.w, right: true }])).toEqual([
      'NAME          W',
      '-----------  --',
      'wc           12',
      'longer-name   3',
    ]);
  });

  it('draws a progress bar with rate and ETA', () => {
    expect(progressText({ done: 50, total: 100, elapsedMs: 2000, width: 10 })).toBe('█████░░░░░ 50% 50 B / 100 B  25 B/s  ETA 2.0 s');
    expect(progressText({ done: 0, total: 100, elapsedMs: 0, width: 4 })).toBe('░░░░ 0% 0 B / 100 B  –  ETA –');
  });
});
