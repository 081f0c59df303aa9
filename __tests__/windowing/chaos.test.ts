// Issue 25's crash proof: a count-tumbling windowed bolt's tasks SIGKILLed every 1-2 s and restarted, until 50,000
// spout tuples are acked or given up. The tuples a dead task held in its windows were never acked: their trees time
// out (topology.message.timeout.secs is 2 s here), the spout replays them, and the new task's windows hold them.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runUnderChaos } from 'storm-ts/testing';

const project = fileURLToPath(new URL('./project', import.meta.url));
const SETTLED = 50_000;

it(`a windowed bolt under chaos: ${SETTLED} spout tuples settled, none lost, every kill of the window task restarted`, async () => {
  const run = await runUnderChaos(path.join(project, 'topologies', 'chaos.ts'), {
    cwd: project,
    settled: SETTLED,
    every: [1, 2],
    seed: 25,
    components: ['window'],
    timeoutMs: 300_000,
  });
  const numbers = run.spouts['numbers']!;
  expect(numbers.acked + numbers.gaveUp).toBeGreaterThanOrEqual(SETTLED);
  expect(numbers.lost).toBe(0);
  const kills = run.crashes.filter((c) => c.cause === 'chaos');
  expect(kills.length).toBeGreaterThan(0);
  expect(run.crashes.filter((c) => c.cause === 'crash')).toEqual([]);
  for (const kill of kills) expect(kill.component).toBe('window');
  expect(run.restarts.length).toBeGreaterThanOrEqual(kills.length - new Set(kills.map((k) => k.task)).size);
  // What the killed tasks held timed out and was replayed.
  expect(numbers.timedOut).toBeGreaterThan(0);
  expect(numbers.replayed).toBeGreaterThan(0);
  process.stdout.write(`window chaos: ${JSON.stringify({ ...numbers, kills: kills.length, uptimeMs: run.result.stats.uptimeMs })}\n`);
}, 360_000);
