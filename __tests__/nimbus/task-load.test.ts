// The task count and slot check of `stp submit --dry-run` (lib/nimbus/task-load.ts); the CLI cases against the fake
// Nimbus are in __tests__/submit/cli.test.ts.
import { resolveEnv } from '../../lib/config/env.js';
import { parseConfig } from '../../lib/config/load.js';
import { askClusterSlots, taskLoad, taskLoadReport } from '../../lib/nimbus/task-load.js';
import type { ComponentSpec } from '../../lib/topology/spec.js';

const component = (id: string, impl: ComponentSpec['impl'], parallelism: number, tasks?: number): ComponentSpec => ({
  id,
  role: 'bolt',
  impl,
  streams: {},
  inputs: [],
  parallelism,
  ...(tasks === undefined ? {} : { tasks }),
  conf: {},
});

describe('taskLoad', () => {
  it('counts tasks (tasks over p) and, of them, the component processes: Java tasks are threads of the worker', () => {
    const spec = {
      name: 't',
      conf: {},
      components: [
        component('ts', { kind: 'typescript', className: 'A' }, 2, 8),
        component('py', { kind: 'shell', command: 'python3', script: 's.py' }, 3),
        component('kafka', { kind: 'java', className: 'org.example.K', args: [] }, 4),
      ],
    };
    expect(taskLoad(spec, 2)).toEqual({
      components: [
        { id: 'ts', tasks: 8, processes: true },
        { id: 'py', tasks: 3, processes: true },
        { id: 'kafka', tasks: 4, processes: false },
      ],
      tasks: 15,
      processes: 11,
      workers: 2,
    });
    const { lines, warnings } = taskLoadReport(taskLoad(spec, 2), { known: false, why: 'just because' });
    expect(lines).toEqual(['Tasks: ts 8, py 3, kafka 4; 15 in all, 11 of them component processes on the workers', 'Cluster: not asked (just because); compared with topology.workers (2) only']);
    expect(warnings).toEqual([]);
  });
});

describe('askClusterSlots', () => {
  it('opens no SSH tunnel in a dry run: an env that reaches Nimbus through SSH is not asked, and the reason says so', async () => {
    const config = parseConfig({ envs: { prod: { nimbus: 'nimbus.invalid', use_ssh_for_nimbus: true } } });
    await expect(askClusterSlots(resolveEnv(config, 'prod'))).resolves.toEqual({ known: false, why: 'envs.prod reaches Nimbus through SSH, and a dry run opens no tunnel' });
  });
});
