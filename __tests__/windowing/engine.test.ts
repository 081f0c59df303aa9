// Every window kind on the embedded engine (real component processes over real pipes, as `stp run` runs them):
// one spout feeds a windowed bolt of each kind, and each window's summary reaches the sink.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectFromTopology, type ReceivedTuple } from 'storm-ts/testing';

const project = fileURLToPath(new URL('./project', import.meta.url));
const KINDS = [
  'count-sliding',
  'count-tumbling',
  'time-sliding',
  'time-tumbling',
  'count-length-time-slide',
  'time-length-count-slide',
  'event-time-sliding',
  'event-count-tumbling',
];

interface Summary {
  size: number;
  newCount: number;
  expiredCount: number;
  start: number | null;
  end: number;
  first: number;
  last: number;
}

it('every window kind fires on the engine with the windows Storm gives', async () => {
  const byKind = (received: readonly ReceivedTuple[], kind: string): Summary[] =>
    received
      .filter((t) => t.from.component === kind && t.stream === 'default')
      .map((t) => {
        const [size, newCount, expiredCount, start, end, first, last] = t.values as [number, number, number, number | null, number, number, number];
        return { size, newCount, expiredCount, start, end, first, last };
      });
  const { received, result } = await collectFromTopology(path.join(project, 'topologies', 'kinds.ts'), {
    cwd: project,
    component: 'sink',
    count: 1,
    until: (got) => KINDS.every((kind) => byKind(got, kind).length >= 4),
    timeoutMs: 40_000,
  });
  // Count windows: full windows of their length; a tumbling one's windows never overlap.
  const countSliding = byKind(received, 'count-sliding');
  expect(countSliding[0]).toMatchObject({ size: 10, newCount: 10, expiredCount: 0, start: null });
  for (const w of countSliding.slice(1, 4)) expect(w).toMatchObject({ size: 20, newCount: 10 });
  expect(countSliding[2]!.expiredCount).toBe(10);
  const countTumbling = byKind(received, 'count-tumbling');
  for (const [i, w] of countTumbling.entries()) {
    expect(w).toMatchObject({ size: 10, newCount: 10, expiredCount: i === 0 ? 0 : 10 });
    if (i > 0) expect(w.first).toBeGreaterThan(countTumbling[i - 1]!.last);
  }
  // Duration windows: start = end - length; tumbling ones do not overlap either.
  for (const w of byKind(received, 'time-sliding')) expect(w.end - w.start!).toBe(1000);
  const timeTumbling = byKind(received, 'time-tumbling');
  for (const [i, w] of timeTumbling.entries()) {
    expect(w.end - w.start!).toBe(500);
    if (i > 0) expect(w.first).toBeGreaterThan(timeTumbling[i - 1]!.last);
  }
  for (const w of byKind(received, 'count-length-time-slide')) expect(w.size).toBeLessThanOrEqual(15);
  expect(byKind(received, 'count-length-time-slide').slice(2).some((w) => w.size === 15)).toBe(true);
  for (const w of byKind(received, 'time-length-count-slide')) expect(w).toMatchObject({ newCount: 10 });
  // Event time: windows end on the slide's boundaries, by the tuples' timestamps.
  for (const w of byKind(received, 'event-time-sliding')) {
    expect(w.end % 500).toBe(0);
    expect(w.end - w.start!).toBe(1000);
  }
  for (const w of byKind(received, 'event-count-tumbling')) expect(w).toMatchObject({ size: 10, newCount: 10 });
  const spout = result.stats.components.find((c) => c.component === 'numbers')!;
  expect(spout.acked).toBeGreaterThan(0);
}, 60_000);
