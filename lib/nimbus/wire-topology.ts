// The builder's plain StormTopology objects (lib/topology/storm-topology.ts) wrapped into the generated Thrift
// classes that go on the wire.
import Int64 from 'node-int64';
import type {
  ComponentCommonObject,
  ComponentObjectObject,
  GroupingObject,
  JavaObjectArgObject,
  JavaObjectObject,
  StormTopologyObject,
} from '../topology/storm-topology.js';
import { componentCommon, type ComponentInputs, storm } from './generated.js';

/** Two's complement 64-bit value from a bigint (Storm's i64 long_arg). */
function int64(value: number | bigint): Int64 | number {
  if (typeof value === 'number') return value;
  const hex = BigInt.asUintN(64, value).toString(16).padStart(16, '0');
  return new Int64(hex);
}

function javaObjectArg(arg: JavaObjectArgObject): storm.JavaObjectArg {
  if ('int_arg' in arg) return new storm.JavaObjectArg({ int_arg: arg.int_arg });
  // The generated .d.ts says i64 is Int64 only; its writer also takes a plain number.
  if ('long_arg' in arg) return new storm.JavaObjectArg({ long_arg: int64(arg.long_arg) as Int64 });
  if ('string_arg' in arg) return new storm.JavaObjectArg({ string_arg: arg.string_arg });
  if ('bool_arg' in arg) return new storm.JavaObjectArg({ bool_arg: arg.bool_arg });
  if ('binary_arg' in arg) return new storm.JavaObjectArg({ binary_arg: Buffer.from(arg.binary_arg) });
  return new storm.JavaObjectArg({ double_arg: arg.double_arg });
}

function javaObject(object: JavaObjectObject): storm.JavaObject {
  return new storm.JavaObject({ full_class_name: object.full_class_name, args_list: object.args_list.map(javaObjectArg) });
}

function componentObject(object: ComponentObjectObject): storm.ComponentObject {
  if ('shell' in object) return new storm.ComponentObject({ shell: new storm.ShellComponent({ ...object.shell }) });
  return new storm.ComponentObject({ java_object: javaObject(object.java_object) });
}

function grouping(object: GroupingObject): storm.Grouping {
  const none = new storm.NullStruct();
  if ('fields' in object) return new storm.Grouping({ fields: [...object.fields] });
  if ('shuffle' in object) return new storm.Grouping({ shuffle: none });
  if ('all' in object) return new storm.Grouping({ all: none });
  if ('none' in object) return new storm.Grouping({ none });
  if ('direct' in object) return new storm.Grouping({ direct: none });
  if ('local_or_shuffle' in object) return new storm.Grouping({ local_or_shuffle: none });
  return new storm.Grouping({ custom_object: javaObject(object.custom_object) });
}

function common(object: ComponentCommonObject): storm.ComponentCommon {
  const inputs: ComponentInputs = new Map();
  for (const [key, value] of object.inputs) {
    inputs.set(new storm.GlobalStreamId({ componentId: key.componentId, streamId: key.streamId }), grouping(value));
  }
  const streams: Record<string, storm.StreamInfo> = {};
  for (const [id, stream] of Object.entries(object.streams)) {
    streams[id] = new storm.StreamInfo({ output_fields: [...stream.output_fields], direct: stream.direct });
  }
  return componentCommon({
    inputs,
    streams,
    parallelism_hint: object.parallelism_hint,
    ...(object.json_conf === undefined ? {} : { json_conf: object.json_conf }),
  });
}

/**
 * What the submitter adds about the cluster. Storm's own submitter sets storm_version and jdk_version from its JVM;
 * stp sets storm_version from what Nimbus reports, and leaves jdk_version unset: Nimbus's Thrift API does not say.
 */
export interface TopologyVersions {
  readonly stormVersion?: string;
}

export function toWireTopology(topology: StormTopologyObject, versions: TopologyVersions = {}): storm.StormTopology {
  const wired = new storm.StormTopology({ spouts: {}, bolts: {}, state_spouts: {} });
  if (versions.stormVersion !== undefined) wired.storm_version = versions.stormVersion;
  // Assigned after construction: the generated constructor would copy (and so re-wrap) every nested struct.
  for (const [id, spout] of Object.entries(topology.spouts)) {
    const spec = new storm.SpoutSpec();
    spec.spout_object = componentObject(spout.spout_object);
    spec.common = common(spout.common);
    wired.spouts[id] = spec;
  }
  for (const [id, bolt] of Object.entries(topology.bolts)) {
    const spec = new storm.Bolt();
    spec.bolt_object = componentObject(bolt.bolt_object);
    spec.common = common(bolt.common);
    wired.bolts[id] = spec;
  }
  return wired;
}
