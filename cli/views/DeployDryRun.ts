// `stp submit --dry-run`: the resolved conf with where every value came from (CLI over topology over env) and the
// topology Storm would get. Plain text, the same on a TTY and off it.
import type { ResolvedEnv } from '../../lib/config/env.js';
import type { SubmitPlan } from '../../lib/nimbus/plan.js';
import type { ComponentSpec, GroupingSpec } from '../../lib/topology/spec.js';
import { formatTable } from '../ui/table.js';

function grouping(spec: GroupingSpec): string {
  switch (spec.type) {
    case 'fields':
      return `fields(${spec.fields.join(', ')})`;
    case 'custom':
      return `custom(${spec.className})`;
    default:
      return spec.type;
  }
}

function runs(component: ComponentSpec, nodeExecutable: string): string {
  switch (component.impl.kind) {
    case 'typescript':
      return `${nodeExecutable} ${component.id}.js`;
    case 'shell':
      return `${component.impl.command} ${component.impl.script}`;
    case 'java':
      return component.impl.className;
  }
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function formatDryRun(plan: SubmitPlan, env: ResolvedEnv, jar: string, load: { lines: readonly string[]; warnings: readonly string[] }): string[] {
  const conf = Object.entries(plan.conf.entries).map(([key, entry]) => ({
    key,
    value: show(entry.value),
    from: `${entry.origin.source}: ${entry.origin.detail}${entry.overrides.length ? `  (over ${entry.overrides.map((o) => `${o.origin.source} ${show(o.value)}`).join(', ')})` : ''}`,
  }));
  const components = plan.spec.components.map((c) => ({
    id: c.id,
    role: c.role,
    runs: runs(c, env.config.node_executable),
    par: c.parallelism,
    tasks: c.tasks ?? c.parallelism,
    inputs: c.inputs.map((i) => `${i.source}${i.stream === 'default' ? '' : `:${i.stream}`} ${grouping(i.grouping)}`).join('; '),
  }));
  // Each component's own conf (its json_conf), e.g. a bolt's tick frequency: Storm applies it over the topology's.
  const componentConf = plan.spec.components.flatMap((c) => Object.entries(c.conf).map(([key, value]) => ({ id: c.id, key, value: show(value) })));
  return [
    `Topology "${plan.name}" for env "${env.name}" (Nimbus ${env.nimbus.host}:${env.nimbus.port}${env.config.use_ssh_for_nimbus ? ' through SSH' : ''})`,
    `Jar: ${jar}`,
    '',
    'Conf (precedence: cli > topology > env > stp):',
    ...formatTable(conf, [
      { header: 'key', value: (r) => r.key },
      { header: 'value', value: (r) => r.value },
      { header: 'from', value: (r) => r.from },
    ]).map((line) => `  ${line}`),
    '  topology.name is set to the submitted name.',
    '',
    'Components:',
    ...formatTable(components, [
      { header: 'id', value: (r) => r.id },
      { header: 'role', value: (r) => r.role },
      { header: 'runs', value: (r) => r.runs },
      { header: 'executors', value: (r) => r.par, right: true },
      { header: 'tasks', value: (r) => r.tasks, right: true },
      { header: 'inputs', value: (r) => r.inputs },
    ]).map((line) => `  ${line}`),
    ...(componentConf.length === 0
      ? []
      : [
          '',
          'Component conf (over the topology conf, for that component only):',
          ...formatTable(componentConf, [
            { header: 'component', value: (r) => r.id },
            { header: 'key', value: (r) => r.key },
            { header: 'value', value: (r) => r.value },
          ]).map((line) => `  ${line}`),
        ]),
    '',
    ...load.lines,
    ...load.warnings.map((warning) => `Warning: ${warning}`),
    '',
    'Dry run: nothing was built, uploaded or submitted.',
  ];
}
