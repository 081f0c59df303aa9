// What Storm's TopologyBuilder adds to a topology with stateful bolts, added to the spec here so that `stp run`,
// the jar, the dry run and the pictures all show the same topology: a checkpoint spout (`$checkpointspout`, one
// task, a TypeScript component of stp's own), a `$checkpoint` stream on every TypeScript bolt, and, on every such
// bolt, an all-grouped subscription to the `$checkpoint` stream of each of its sources (the checkpoint spout in
// place of a spout). Storm wraps every bolt in a Java executor; a shell or Java bolt here has none, so the
// checkpoint stream goes around it: a bolt after one subscribes to what that bolt's own sources would send.
import { CHECKPOINT_COMPONENT, CHECKPOINT_FIELDS, CHECKPOINT_STREAM } from '../state/checkpoint.js';
import type { ComponentSpec, InputSpec, StreamSpec, TopologySpec } from './spec.js';

export const CHECKPOINT_SPOUT_CLASS = 'CheckpointSpout';

const CHECKPOINT_STREAM_SPEC: StreamSpec = Object.freeze({ fields: Object.freeze([...CHECKPOINT_FIELDS]), direct: false });

/** Whether the component takes part in checkpoints (it runs stp's bolt runtime). */
function forwards(component: ComponentSpec): boolean {
  return component.role === 'bolt' && component.impl.kind === 'typescript';
}

/** The spec with the checkpoint spout and streams, when a component is stateful; else the spec itself. */
export function withCheckpoints(spec: TopologySpec): TopologySpec {
  if (!spec.components.some((c) => c.stateful) || spec.components.some((c) => c.id === CHECKPOINT_COMPONENT)) return spec;
  const byId = new Map(spec.components.map((c) => [c.id, c] as const));
  const memo = new Map<string, readonly string[]>();
  /** The components whose `$checkpoint` stream a bolt reading `sourceId` subscribes to. */
  const checkpointSources = (sourceId: string, seen: Set<string>): readonly string[] => {
    const source = byId.get(sourceId);
    if (!source) return [];
    if (source.role === 'spout') return [CHECKPOINT_COMPONENT];
    if (forwards(source)) return [sourceId];
    const known = memo.get(sourceId);
    if (known) return known;
    if (seen.has(sourceId)) return [];
    seen.add(sourceId);
    const found = [...new Set(source.inputs.flatMap((input) => checkpointSources(input.source, seen)))];
    memo.set(sourceId, found);
    return found;
  };
  const spout: ComponentSpec = Object.freeze({
    id: CHECKPOINT_COMPONENT,
    role: 'spout',
    impl: Object.freeze({ kind: 'typescript', className: CHECKPOINT_SPOUT_CLASS }),
    streams: Object.freeze({ [CHECKPOINT_STREAM]: CHECKPOINT_STREAM_SPEC }),
    inputs: Object.freeze([]),
    parallelism: 1,
    conf: Object.freeze({}),
  });
  const components = spec.components.map((component): ComponentSpec => {
    if (!forwards(component)) return component;
    const sources = [...new Set(component.inputs.flatMap((input) => checkpointSources(input.source, new Set())))];
    const inputs: InputSpec[] = sources.map((source) => Object.freeze({ source, stream: CHECKPOINT_STREAM, grouping: Object.freeze({ type: 'all' as const }) }));
    return Object.freeze({
      ...component,
      streams: Object.freeze({ ...component.streams, [CHECKPOINT_STREAM]: CHECKPOINT_STREAM_SPEC }),
      inputs: Object.freeze([...component.inputs, ...inputs]),
    });
  });
  return Object.freeze({ ...spec, components: Object.freeze([spout, ...components]) });
}
