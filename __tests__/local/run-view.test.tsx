// The views of `stp run`: the Ink live view (ink-testing-library), plain lines and JSON records, the summary.
import { render } from 'ink-testing-library';
import { createEmitter } from '../../lib/events.js';
import type { RunEvents, RunResult, StatsSnapshot } from '../../lib/local/events.js';
import { crashLine, endText, restartLine, summaryTable } from '../../lib/local/report.js';
import { renderJson, renderPlain } from '../../cli/views/RunPlain.js';
import { RunApp, RunView } from '../../cli/views/RunView.js';

const snapshot: StatsSnapshot = {
  topology: 'wc',
  uptimeMs: 12_400,
  pendingTrees: 7, crashes: 0, chaosKills: 0,
  components: [
    { component: 'sentences', role: 'spout', tasks: [4], executors: 1, emitted: 1234, transferred: 1234, acked: 1200, failed: 3, timedOut: 1, emitRate: 617, ackRate: 600, latencyMs: 3.14159, queued: 0, restarts: 0, reliable: 0, replayed: 0, gaveUp: 0, lost: 0, open: 0 },
    { component: 'count', role: 'bolt', tasks: [1, 2], executors: 2, emitted: 0, transferred: 0, acked: 25_000, failed: 0, timedOut: 0, emitRate: 0, ackRate: 12_500, latencyMs: 0.5, queued: 0, restarts: 0, reliable: 0, replayed: 0, gaveUp: 0, lost: 0, open: 0 },
  ],
};

const result: RunResult = { topology: 'wc', reason: 'duration', stats: snapshot, untrackedInFlight: 0, logDir: '/p/logs' };

// eslint-free ANSI check: ESC [
const ANSI = /\u001b\[/;

describe('RunView (Ink)', () => {
  it('shows each component with tasks, counts, rate and latency, and the last log lines', () => {
    const { lastFrame } = render(
      <RunView state={{ topology: 'wc', status: 'running', stats: snapshot, lines: ['[count:1] one', '[count:2] two', '[count:1] three'], logDir: '/p/logs' }} color={false} maxLines={2} />,
    );
    const frame = lastFrame()!;
    expect(frame).toContain('stp run wc running 12s · pending trees 7');
    expect(frame).toMatch(/component\s+tasks\s+emitted\s+rate\s+acked\s+failed\s+latency/);
    expect(frame).toMatch(/sentences\s+1\s+1234\s+617\/s\s+1200\s+3\s+3.14 ms/);
    expect(frame).toMatch(/count\s+2\s+0\s+12.5k\/s\s+25.0k\s+0\s+0.50 ms/);
    expect(frame).not.toContain('[count:1] one');
    expect(frame).toContain('[count:2] two');
    expect(frame).toContain('[count:1] three');
    expect(frame).toContain('logs: /p/logs · Ctrl-C stops');
    expect(frame).not.toMatch(ANSI);
  });

  it('RunApp follows the run: starting, running with stats and logs, stopped', async () => {
    const events = createEmitter<RunEvents>();
    const { lastFrame, unmount } = render(<RunApp topology="wc" events={events} color={false} debug />);
    expect(lastFrame()).toContain('stp run wc starting');
    events.emit('started', { topology: 'wc', tasks: [], logDir: '/p/logs', pidDir: '/tmp/x' });
    events.emit('stats', snapshot);
    events.emit('log', { component: 'count', task: 2, level: 'warn', message: 'careful' });
    events.emit('tuple', { component: 'sentences', task: 4, stream: 'default', values: ['a b'], to: [{ component: 'split', task: 3 }], messageId: 1 });
    for (const end = Date.now() + 10000; !lastFrame()!.includes('emit sentences:4') && Date.now() < end; ) await new Promise((r) => setTimeout(r, 20));
    const frame = lastFrame()!;
    expect(frame).toContain('stp run wc running');
    expect(frame).toContain('[count:2] WARN careful');
    expect(frame).toContain('emit sentences:4 default ["a b"] -> split:3 (id 1)');
    events.emit('stopped', result);
    for (const end = Date.now() + 10000; !lastFrame()!.includes('stp run wc stopped') && Date.now() < end; ) await new Promise((r) => setTimeout(r, 20));
    expect(lastFrame()).toContain('stp run wc stopped');
    unmount();
    expect(events.listenerCount('log')).toBe(0);
  });
});

class Capture {
  text = '';
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

describe('plain and JSON output', () => {
  it('plain: a start line, log lines with component and task, stats lines, debug tuples, no escape codes', () => {
    const events = createEmitter<RunEvents>();
    const out = new Capture();
    const stop = renderPlain(events, out, { debug: true, everyMs: 0 });
    events.emit('started', { topology: 'wc', tasks: [{ component: 'count', task: 1, pid: 10 }], logDir: '/p/logs', pidDir: '/tmp/x' });
    events.emit('log', { component: 'split', task: 3, level: 'info', message: 'hello' });
    events.emit('log', { component: 'split', task: 3, level: 'stderr', message: 'oops' });
    events.emit('tuple', { component: 'split', task: 3, stream: 'default', values: ['dog'], to: [{ component: 'count', task: 1 }], anchors: ['17'] });
    events.emit('stats', snapshot);
    stop();
    events.emit('log', { component: 'split', task: 3, level: 'info', message: 'after stop' });
    expect(out.text.split('\n')).toEqual([
      "stp run: topology 'wc' started with 1 task(s); component logs in /p/logs",
      '[split:3] hello',
      '[split:3] (stderr) oops',
      'emit split:3 default ["dog"] -> count:1 (anchored to 17)',
      '[  12s] sentences  emitted 1234 (617/s)  acked 1200 (600/s)  failed 3  complete latency 3.14 ms',
      '[  12s] count      emitted 0 (0/s)  acked 25.0k (12.5k/s)  failed 0  execute latency 0.50 ms',
      '',
    ]);
    expect(out.text).not.toMatch(ANSI);
  });

  it('JSON: one record per event with its type, tuples only in debug', () => {
    const events = createEmitter<RunEvents>();
    const out = new Capture();
    renderJson(events, out, { debug: false });
    events.emit('log', { component: 'split', task: 3, level: 'info', message: 'hello' });
    events.emit('tuple', { component: 'split', task: 3, stream: 'default', values: ['dog'], to: [] });
    events.emit('stopped', result);
    const records = out.text.trim().split('\n').map((l) => JSON.parse(l) as { type: string });
    expect(records.map((r) => r.type)).toEqual(['log', 'stopped']);
    expect(records[0]).toEqual({ type: 'log', component: 'split', task: 3, level: 'info', message: 'hello' });
    expect(records[1]).toMatchObject({ type: 'stopped', reason: 'duration', stats: { pendingTrees: 7, crashes: 0, chaosKills: 0 } });
  });

  it('the summary table lines up and names timeouts', () => {
    expect(summaryTable(snapshot).split('\n')).toEqual([
      'component  role   tasks  emitted  transferred  acked           failed  latency  restarts',
      '---------  -----  -----  -------  -----------  -----  ---------------  -------  --------',
      'sentences  spout      1     1234         1234   1200  3 (1 timed out)  3.14 ms         0',
      'count      bolt       2        0            0  25000                0  0.50 ms         0',
    ]);
    expect(endText(result)).toMatch(/^topology 'wc' stopped \(time is up\) after 12s\n\ncomponent/);
    expect(endText(result)).toMatch(/Component logs: \/p\/logs$/);
  });
});

describe('crashes, restarts and chaos', () => {
  const chaotic: StatsSnapshot = {
    ...snapshot,
    crashes: 1,
    chaosKills: 4,
    components: [
      { ...snapshot.components[0]!, reliable: 1234, acked: 1200, failed: 40, timedOut: 38, replayed: 30, gaveUp: 4, lost: 0, open: 30 },
      { ...snapshot.components[1]!, restarts: 5 },
    ],
  };

  it('the live view shows restarts per component, the crash counts and what became of the spout tuples', () => {
    const { lastFrame } = render(<RunView state={{ topology: 'wc', status: 'running', stats: chaotic, lines: [] }} color={false} />);
    const frame = lastFrame()!;
    expect(frame).toMatch(/latency\s+restarts/);
    expect(frame).toMatch(/count\s+2\s+0\s+12.5k\/s\s+25.0k\s+0\s+0.50 ms\s+5/);
    expect(frame).toContain('1 crash, 4 chaos kills, 5 restarts');
    // The line wraps at the test terminal's 100 columns.
    expect(frame.replace(/\n\s*/g, ' ')).toContain('sentences: 1234 tuples with ids: 1200 acked, 4 gave up, 0 lost, 30 open (failed 40 times, 38 of them timed out; replayed 30)');
  });

  it('the summary adds the same lines; a crash and a restart each get one line', () => {
    const text = endText({ ...result, stats: chaotic });
    expect(text).toContain('\n1 crash, 4 chaos kills, 5 restarts\nsentences: 1234 tuples with ids: 1200 acked, 4 gave up, 0 lost, 30 open');
    const crash = {
      component: 'count',
      task: 2,
      pid: 77,
      reason: 'exited with code 1',
      error: 'Error: boom\n    at Count.process (/p/src/count.ts:12:5)\n    at loop (/p/node_modules/x.js:1:1)',
      stderr: [],
      cause: 'crash' as const,
      restarts: 1,
      restartInMs: 200,
    };
    expect(crashLine(crash)).toBe('[count:2] crashed (exited with code 1): Error: boom at Count.process (/p/src/count.ts:12:5); restart 2 in 200 ms');
    expect(crashLine({ ...crash, cause: 'chaos', reason: 'was killed by chaos (SIGKILL)' })).toBe('[count:2] chaos killed pid 77; restart 2 in 200 ms');
    expect(crashLine({ ...crash, restartInMs: null })).toMatch(/; not restarted$/);
    expect(restartLine({ component: 'count', task: 2, pid: 78, restarts: 2, downMs: 312 })).toBe('[count:2] up again as pid 78, 312 ms after it died (restart 2)');
  });
});
