// TopologySpec → Storm's StormTopology as plain objects, shaped exactly like the Thrift structs of storm.thrift
// (snake_case field names as in the IDL). lib/nimbus wraps them into the generated classes to send them.
//
// Shapes (Thrift union → an object with exactly one key):
//   StormTopology   { spouts: {[id]: SpoutSpec}, bolts: {[id]: Bolt}, state_spouts: {} }
//   SpoutSpec       { spout_object: ComponentObject, common: ComponentCommon }
//   Bolt            { bolt_object: ComponentObject, common: ComponentCommon }
//   ComponentObject { shell: { execution_command, script } } | { java_object: JavaObject }
//   JavaObject      { full_class_name, args_list: JavaObjectArg[] }
//   JavaObjectArg   { int_arg } | { long_arg } | { string_arg } | { bool_arg } | { binary_arg } | { double_arg }
//   ComponentCommon { inputs: Map<GlobalStreamId, Grouping>, streams: {[stream]: StreamInfo}, parallelism_hint,
//                     json_conf? }   (json_conf only when the component has conf or a task count)
//   GlobalStreamId  { componentId, streamId }
//   Grouping        { fields: string[] } (global = { fields: [] }) | { shuffle: {} } | { all: {} } | { none: {} }
//                   | { direct: {} } | { local_or_shuffle: {} } | { custom_object: JavaObject }
//   StreamInfo      { output_fields: string[], direct: boolean }
//
// `inputs` is a Map keyed by GlobalStreamId objects, in subscription order: Thrift's map<GlobalStreamId, Grouping>
// has struct keys, which a plain JS object cannot hold (lib/nimbus/generated.ts writes such a Map).
// TypeScript components run as `node <componentId>.js` (the bundle lib/bundle writes into resources/).
import type { ComponentImpl, ComponentSpec, GroupingSpec, JavaArg, TopologySpec } from './spec.js';

export type NullStruct = Record<string, never>;

export interface ShellComponentObject {
  readonly execution_command: string;
  readonly script: string;
}

export type JavaObjectArgObject =
  | { readonly int_arg: number }
  | { readonly long_arg: number | bigint }
  | { readonly string_arg: string }
  | { readonly bool_arg: boolean }
  | { readonly binary_arg: Uint8Array }
  | { readonly double_arg: number };

export interface JavaObjectObject {
  readonly full_class_name: string;
  readonly args_list: readonly JavaObjectArgObject[];
}

export type ComponentObjectObject = { readonly shell: ShellComponentObject } | { readonly java_object: JavaObjectObject };

export interface GlobalStreamIdObject {
  readonly componentId: string;
  readonly streamId: string;
}

export type GroupingObject =
  | { readonly fields: readonly string[] }
  | { readonly shuffle: NullStruct }
  | { readonly all: NullStruct }
  | { readonly none: NullStruct }
  | { readonly direct: NullStruct }
  | { readonly local_or_shuffle: NullStruct }
  | { readonly custom_object: JavaObjectObject };

export interface StreamInfoObject {
  readonly output_fields: readonly string[];
  readonly direct: boolean;
}

export interface ComponentCommonObject {
  readonly inputs: ReadonlyMap<GlobalStreamIdObject, GroupingObject>;
  readonly streams: Readonly<Record<string, StreamInfoObject>>;
  readonly parallelism_hint: number;
  readonly json_conf?: string;
}

export interface SpoutSpecObject {
  readonly spout_object: ComponentObjectObject;
  readonly common: ComponentCommonObject;
}

export interface BoltObject {
  readonly bolt_object: ComponentObjectObject;
  readonly common: ComponentCommonObject;
}

export interface StormTopologyObject {
  readonly spouts: Readonly<Record<string, SpoutSpecObject>>;
  readonly bolts: Readonly<Record<string, BoltObject>>;
  readonly state_spouts: Readonly<Record<string, never>>;
}

export interface StormTopologyOptions {
  /** The executable that runs TypeScript components on the workers. @default 'node' */
  readonly nodeExecutable?: string;
}

/** The StormTopology for `spec` (validate it first: this function trusts its input). */
export function toStormTopology(spec: TopologySpec, options: StormTopologyOptions = {}): StormTopologyObject {
  const nodeExecutable = options.nodeExecutable ?? 'node';
  const spouts: Record<string, SpoutSpecObject> = {};
  const bolts: Record<string, BoltObject> = {};
  for (const component of spec.components) {
    const object = componentObject(component.id, component.impl, nodeExecutable);
    const common = componentCommon(component);
    if (component.role === 'spout') spouts[component.id] = { spout_object: object, common };
    else bolts[component.id] = { bolt_object: object, common };
  }
  return { spouts, bolts, state_spouts: {} };
}

/** The JSON Storm receives as the submit call's topology conf: the spec's conf plus `topology.name`. */
export function topologyConfJson(spec: TopologySpec, overrides: Readonly<Record<string, unknown>> = {}): string {
  return JSON.stringify({ ...spec.conf, ...overrides, 'topology.name': spec.name });
}

function componentObject(id: string, impl: ComponentImpl, nodeExecutable: string): ComponentObjectObject {
  switch (impl.kind) {
    case 'typescript':
      return { shell: { execution_command: nodeExecutable, script: `${id}.js` } };
    case 'shell':
      return { shell: { execution_command: impl.command, script: impl.script } };
    case 'java':
      return { java_object: javaObject(impl.className, impl.args) };
  }
}

function javaObject(className: string, args: readonly JavaArg[]): JavaObjectObject {
  return { full_class_name: className, args_list: args.map(javaObjectArg) };
}

function javaObjectArg(arg: JavaArg): JavaObjectArgObject {
  switch (arg.type) {
    case 'int':
      return { int_arg: arg.value };
    case 'long':
      return { long_arg: arg.value };
    case 'string':
      return { string_arg: arg.value };
    case 'bool':
      return { bool_arg: arg.value };
    case 'binary':
      return { binary_arg: arg.value };
    case 'double':
      return { double_arg: arg.value };
  }
}

function componentCommon(component: ComponentSpec): ComponentCommonObject {
  const inputs = new Map<GlobalStreamIdObject, GroupingObject>();
  for (const input of component.inputs) {
    inputs.set({ componentId: input.source, streamId: input.stream }, grouping(input.grouping));
  }
  const streams: Record<string, StreamInfoObject> = {};
  for (const [streamId, stream] of Object.entries(component.streams)) {
    streams[streamId] = { output_fields: [...stream.fields], direct: stream.direct };
  }
  const conf = component.tasks === undefined ? component.conf : { ...component.conf, 'topology.tasks': component.tasks };
  return {
    inputs,
    streams,
    parallelism_hint: component.parallelism,
    ...(Object.keys(conf).length > 0 ? { json_conf: JSON.stringify(conf) } : {}),
  };
}

function grouping(spec: GroupingSpec): GroupingObject {
  switch (spec.type) {
    case 'fields':
      return { fields: [...spec.fields] };
    case 'global':
      return { fields: [] }; // Storm's global grouping is a fields grouping on no fields
    case 'shuffle':
      return { shuffle: {} };
    case 'localOrShuffle':
      return { local_or_shuffle: {} };
    case 'all':
      return { all: {} };
    case 'none':
      return { none: {} };
    case 'direct':
      return { direct: {} };
    case 'custom':
      return { custom_object: javaObject(spec.className, spec.args) };
  }
}
