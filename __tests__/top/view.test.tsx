// The live view of `stp top`, fed by a real watch of the Thrift server playing Nimbus: rates, capacity and
// highlighting in the frames, the window and the reports' age, and the keys (s sorts, t changes the window, w shows
// workers, e the full error, a (de)activates, q quits).
import { render } from 'ink-testing-library';
import { TopApp } from '../../cli/views/TopView.js';
import { openNimbusSession } from '../../lib/nimbus/session.js';
import { resolveEnv } from '../../lib/config/env.js';
import { parseConfig } from '../../lib/config/load.js';
import { watchTopology, type TopWatch } from '../../lib/top/watch.js';
import { storm } from '../../lib/nimbus/generated.js';
import { startFakeCluster, type FakeCluster } from './fake-cluster.js';
import { until } from '../helpers/until.js';

let cluster: FakeCluster;
let watch: TopWatch | undefined;

beforeEach(async () => {
  cluster = await startFakeCluster();
});
afterEach(async () => {
  watch?.stop();
  await watch?.done.catch(() => undefined);
  watch = undefined;
  await cluster.close();
});

const waitFor = (check: () => boolean, what: string, ms = 20_000): Promise<void> => until(check, ms, what);

function connectTo(port: number) {
  const env = resolveEnv(parseConfig({ envs: { test: { nimbus: `127.0.0.1:${port}` } } }, 'config.json'), 'test');
  return () => openNimbusSession(env);
}

it('shows rates, capacity and highlights, and answers the keys', async () => {
  cluster.topology.errors['split'] = [{ error: 'java.lang.RuntimeException: bad line\n\tat Split.execute(Split.java:12)', timeSecs: Math.floor(Date.now() / 1000) - 30, host: 'worker1', port: 6700 }];
  watch = await watchTopology({ name: 'wordcount', intervalMs: 200, connect: connectTo(cluster.nimbus.port) });
  let quit = false;
  const app = render(<TopApp watch={watch} intervalSecs={0.2} color={false} onQuit={() => (quit = true)} />);
  const frame = () => app.lastFrame() ?? '';
  try {
    expect(frame()).toContain('stp top wordcount ACTIVE up 1h 2m 5s · workers 2 · slots 3/8 · Storm 2.8.1');
    // Rates over the last 10 minutes from the first answer; "count" runs at 0.9 capacity and is marked.
    expect(frame()).toMatch(/^rates over the last 10 min · workers reported >\d+s ago$/m);
    expect(frame()).toContain('PER REPORT');
    const rows = frame().split('\n');
    const count = rows.find((l) => /^ count /.test(l))!;
    expect(count).toMatch(/^ count\s+2\/2\s+1500\s+1500\s+1500\s+0\s+1\.20 ms\s+1\.30 ms\s+0\.900!/);
    const split = rows.find((l) => /^ split /.test(l))!;
    expect(split).toMatch(/ 30s|3[0-9]s/);
    expect(split).not.toMatch(/!/);
    expect(frame()).not.toContain('WORKER');

    // A failing spout and a new error are marked.
    cluster.nimbus.flows.set('sentences', { emitted: 2000, acked: 1900, failed: 100, completeMs: 14 });
    cluster.topology.errors['count'] = [{ error: 'java.lang.IllegalStateException: full', timeSecs: Math.floor(Date.now() / 1000) }];
    await waitFor(() => /^ count .*new \d+s/m.test(frame()), 'the new error');
    await waitFor(() => /›sentences .*\d!/.test(frame()), 'the failures');

    app.stdin.write('w');
    await waitFor(() => frame().includes('WORKER'), 'the workers');
    expect(frame()).toMatch(/worker1:6700\s+1h 2m \d+s\s+3\s+(\?|\d+s ago)\s+count, sentences, split/);
    expect(frame()).toMatch(/worker2:6700\s+1h 2m \d+s\s+3\s+(\?|\d+s ago)\s+count, split/);
    // A report seen since the first answer: how long ago, and how often they come; a bar per report.
    await waitFor(() => /^rates over the last 10 min · workers reported \d+s ago, every ~\d+s$/m.test(frame()), 'a report seen twice');
    expect(frame()).toMatch(/^ count .*0\.900! [▁-█ ]{10}/m);

    // t changes the window.
    app.stdin.write('t');
    await waitFor(() => frame().includes('rates over the last 3 h'), 'the 3-hour window');
    app.stdin.write('t');
    app.stdin.write('t');
    await waitFor(() => frame().includes('rates over all time'), 'all time');
    app.stdin.write('t');
    await waitFor(() => frame().includes('rates over the last 10 min'), 'back to 10 minutes');

    app.stdin.write('s');
    await waitFor(() => frame().includes('sort: throughput'), 'the sort');
    // Select split (down twice from the top of the throughput order) and show its full error.
    const order = frame().split('\n').filter((l) => /^[ ›](sentences|split|count) /.test(l)).map((l) => l.slice(1).split(' ')[0]);
    const steps = order.indexOf('split');
    for (let i = 0; i < steps; i++) app.stdin.write('\u001b[B');
    await waitFor(() => frame().includes('›split'), 'split selected');
    app.stdin.write('e');
    await waitFor(() => frame().includes('at Split.execute(Split.java:12)'), 'the full error');
    expect(frame()).toContain('last error of split');

    app.stdin.write('q');
    await waitFor(() => quit, 'q');
  } finally {
    app.unmount();
  }
});

it('a deactivates and activates after a y/N question; any other key cancels; a refusal is shown', async () => {
  watch = await watchTopology({ name: 'wordcount', intervalMs: 60_000, connect: connectTo(cluster.nimbus.port) });
  let quit = false;
  const app = render(<TopApp watch={watch} intervalSecs={60} color={false} onQuit={() => (quit = true)} />);
  const frame = () => app.lastFrame() ?? '';
  const deactivations = () => cluster.nimbus.calls.filter((c) => c === 'deactivate').length;
  try {
    expect(frame()).toContain('a deactivate');
    // Another key (even q) only cancels the question; nothing is asked of Nimbus.
    app.stdin.write('a');
    await waitFor(() => frame().includes('Deactivate "wordcount"? Its spouts stop emitting; it stays deployed. y/N'), 'the question');
    app.stdin.write('q');
    await waitFor(() => frame().includes('Cancelled: nothing was changed.'), 'the cancel');
    expect(quit).toBe(false);
    expect(deactivations()).toBe(0);
    expect(cluster.topology.status).toBe('ACTIVE');

    // y answers: Nimbus deactivates it, and the view asks again at once (the interval is a minute).
    app.stdin.write('a');
    app.stdin.write('y');
    await waitFor(() => frame().includes('✓ Deactivated "wordcount".'), 'the deactivation');
    expect(cluster.topology.status).toBe('INACTIVE');
    await waitFor(() => frame().includes('stp top wordcount INACTIVE') && frame().includes('a activate'), 'the new status');

    // Nimbus refuses: the reason is shown and the view goes on.
    cluster.nimbus.answer('activate', { kind: 'throw', error: new storm.AuthorizationException({ msg: 'user bob may not activate wordcount' }) });
    app.stdin.write('a');
    await waitFor(() => frame().includes('Activate "wordcount"? Its spouts start emitting again. y/N'), 'the second question');
    app.stdin.write('y');
    await waitFor(() => /Activating "wordcount" failed: .*user bob may not activate wordcount/.test(frame().replace(/\s+/g, ' ')), 'the refusal');
    expect(cluster.topology.status).toBe('INACTIVE');

    app.stdin.write('a');
    await waitFor(() => frame().includes('Activate "wordcount"?'), 'the third question');
    app.stdin.write('Y');
    await waitFor(() => frame().includes('✓ Activated "wordcount".'), 'the activation');
    await waitFor(() => frame().includes('stp top wordcount ACTIVE'), 'active again');
    expect(cluster.topology.status).toBe('ACTIVE');
    app.stdin.write('q');
    await waitFor(() => quit, 'q');
  } finally {
    app.unmount();
  }
});

it('counts down to the next attempt while the connection is lost', async () => {
  watch = await watchTopology({ name: 'wordcount', intervalMs: 60_000, connect: connectTo(cluster.nimbus.port) });
  const { TopView } = await import('../../cli/views/TopView.js');
  const state = { frame: watch.first, window: watch.first.window, sort: 'name' as const, showWorkers: false, showError: false, selected: 0, confirm: null, notice: null, retry: { message: 'cannot connect to Nimbus at 127.0.0.1:1: connection refused', attempt: 2, retryAt: 10_000 } };
  const at = (now: number) => render(<TopView state={state} now={now} intervalSecs={5} color={false} />).lastFrame()!;
  expect(at(7_000).replace(/\s+/g, ' ')).toContain('retrying in 3 s (attempt 2): connection lost: cannot connect to Nimbus at 127.0.0.1:1: connection refused');
  expect(at(9_500)).toContain('retrying in 1 s (attempt 2)');
});
