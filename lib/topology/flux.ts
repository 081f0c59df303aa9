// TopologySpec → Flux YAML, for users who run topologies with Storm's Flux (`storm jar <stp jar>
// org.apache.storm.flux.Flux --remote topology.yaml`). TypeScript and shell components become Flux's
// FluxShellSpout/FluxShellBolt wrappers (argv [command, script]; streams through setNamedStream, conf through
// addComponentConfig); Java components keep their class and constructor arguments. What Flux cannot express is
// refused with the reason rather than silently left out.
import { stringify } from 'yaml';
import type { ComponentSpec, GroupingSpec, InputSpec, JavaArg, TopologySpec } from './spec.js';
import { DEFAULT_STREAM } from './spec.js';

const SHELL_SPOUT = 'org.apache.storm.flux.wrappers.spouts.FluxShellSpout';
const SHELL_BOLT = 'org.apache.storm.flux.wrappers.bolts.FluxShellBolt';

export class FluxExportError extends Error {
  constructor(
    topologyName: string,
    readonly problems: readonly string[],
  ) {
    super(`topology ${JSON.stringify(topologyName)} cannot be written as Flux YAML:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'FluxExportError';
  }
}

export interface FluxOptions {
  /** The executable that runs TypeScript components. @default 'node' */
  readonly nodeExecutable?: string;
}

type ConfigMethod = { name: string; args: unknown[] };

export function toFlux(spec: TopologySpec, options: FluxOptions = {}): string {
  const nodeExecutable = options.nodeExecutable ?? 'node';
  const problems: string[] = [];
  const vertex = (component: ComponentSpec): Record<string, unknown> => {
    const { impl } = component;
    if (impl.kind === 'java') {
      if (component.tasks !== undefined || Object.keys(component.conf).length > 0) {
        problems.push(`${component.role} "${component.id}": Flux cannot set tasks or conf on a Java component; set them in the Java class`);
      }
      for (const arg of impl.args) {
        if (arg.type === 'binary') problems.push(`${component.role} "${component.id}": Flux YAML cannot carry a binary constructor argument`);
      }
      return {
        id: component.id,
        className: impl.className,
        ...(impl.args.length > 0 ? { constructorArgs: impl.args.map(fluxArg) } : {}),
        parallelism: component.parallelism,
      };
    }
    const argv = impl.kind === 'typescript' ? [nodeExecutable, `${component.id}.js`] : [impl.command, impl.script];
    const configMethods: ConfigMethod[] = [];
    for (const [streamId, stream] of Object.entries(component.streams)) {
      if (stream.direct) {
        problems.push(`${component.role} "${component.id}": stream "${streamId}" is direct, which Flux's shell wrappers cannot declare`);
      }
      configMethods.push(
        streamId === DEFAULT_STREAM
          ? { name: 'setDefaultStream', args: [[...stream.fields]] }
          : { name: 'setNamedStream', args: [streamId, [...stream.fields]] },
      );
    }
    const conf = component.tasks === undefined ? component.conf : { ...component.conf, 'topology.tasks': component.tasks };
    for (const [key, value] of Object.entries(conf)) configMethods.push({ name: 'addComponentConfig', args: [key, value] });
    return {
      id: component.id,
      className: component.role === 'spout' ? SHELL_SPOUT : SHELL_BOLT,
      constructorArgs: [argv],
      ...(configMethods.length > 0 ? { configMethods } : {}),
      parallelism: component.parallelism,
    };
  };

  const document = {
    name: spec.name,
    ...(Object.keys(spec.conf).length > 0 ? { config: { ...spec.conf } } : {}),
    spouts: spec.components.filter((c) => c.role === 'spout').map(vertex),
    bolts: spec.components.filter((c) => c.role === 'bolt').map(vertex),
    streams: spec.components.flatMap((c) => c.inputs.map((input) => stream(c.id, input))),
  };
  if (problems.length > 0) throw new FluxExportError(spec.name, problems);
  return stringify(document, { lineWidth: 0 });
}

function stream(to: string, input: InputSpec): Record<string, unknown> {
  return {
    name: input.stream === DEFAULT_STREAM ? `${input.source} --> ${to}` : `${input.source} --> ${to} (${input.stream})`,
    from: input.source,
    to,
    grouping: {
      type: fluxGroupingType(input.grouping),
      ...(input.grouping.type === 'fields' ? { args: [...input.grouping.fields] } : {}),
      ...(input.grouping.type === 'custom'
        ? {
            customClass: {
              className: input.grouping.className,
              ...(input.grouping.args.length > 0 ? { constructorArgs: input.grouping.args.map(fluxArg) } : {}),
            },
          }
        : {}),
      ...(input.stream === DEFAULT_STREAM ? {} : { streamId: input.stream }),
    },
  };
}

function fluxGroupingType(grouping: GroupingSpec): string {
  switch (grouping.type) {
    case 'localOrShuffle':
      return 'LOCAL_OR_SHUFFLE';
    default:
      return grouping.type.toUpperCase();
  }
}

function fluxArg(arg: JavaArg): unknown {
  return arg.value;
}
