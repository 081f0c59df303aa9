// The handshake a task receives: a conf and a context shaped exactly like the ones Storm's ShellSpout/ShellBolt
// send (storm-reference §2), so a component cannot tell the engine from a worker.
import type { ContextGrouping, Handshake, HandshakeContext } from '../multilang/messages.js';
import type { GroupingSpec } from '../topology/spec.js';
import type { TopologyLayout } from './layout.js';

const GROUPING_NAMES: Record<GroupingSpec['type'], ContextGrouping['type']> = {
  shuffle: 'SHUFFLE',
  localOrShuffle: 'LOCAL_OR_SHUFFLE',
  fields: 'FIELDS',
  all: 'ALL',
  global: 'GLOBAL',
  none: 'NONE',
  direct: 'DIRECT',
  custom: 'CUSTOM_OBJECT',
};

export function contextGrouping(grouping: GroupingSpec): ContextGrouping {
  if (grouping.type === 'fields') return { type: 'FIELDS', fields: [...grouping.fields] };
  // Storm reports a global grouping as FIELDS with no fields (its Thrift form).
  if (grouping.type === 'global') return { type: 'FIELDS', fields: [] };
  return { type: GROUPING_NAMES[grouping.type] };
}

export function handshakeContext(layout: TopologyLayout, componentId: string, task: number): HandshakeContext {
  const component = layout.components.get(componentId)!;
  const taskToComponent: Record<string, string> = {};
  for (const [id, owner] of layout.taskComponent) taskToComponent[String(id)] = owner;

  const streamFields: Record<string, string[]> = {};
  const streamTargets: Record<string, Record<string, ContextGrouping>> = {};
  for (const [stream, spec] of Object.entries(component.streams)) {
    streamFields[stream] = [...spec.fields];
    const targets: Record<string, ContextGrouping> = {};
    for (const sub of layout.subscribers(componentId, stream)) targets[sub.component.id] = contextGrouping(sub.grouping);
    streamTargets[stream] = targets;
  }

  const sourceGroupings: Record<string, Record<string, ContextGrouping>> = {};
  const sourceFields: Record<string, Record<string, string[]>> = {};
  for (const input of component.inputs) {
    (sourceGroupings[input.source] ??= {})[input.stream] = contextGrouping(input.grouping);
    const fields = layout.components.get(input.source)?.streams[input.stream]?.fields ?? [];
    (sourceFields[input.source] ??= {})[input.stream] = [...fields];
  }

  return {
    'task->component': taskToComponent,
    taskid: task,
    componentid: componentId,
    streams: Object.keys(component.streams),
    'stream->outputfields': streamFields,
    'stream->target->grouping': streamTargets,
    'source->stream->grouping': sourceGroupings,
    'source->stream->fields': sourceFields,
  };
}

export function handshake(layout: TopologyLayout, componentId: string, task: number, conf: Record<string, unknown>, pidDir: string): Handshake {
  return { pidDir, conf, context: handshakeContext(layout, componentId, task) };
}
