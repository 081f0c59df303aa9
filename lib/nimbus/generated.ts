// The one door to the code `thrift --gen js:node,ts,es6` made from storm.thrift (lib/nimbus/gen-nodejs, CommonJS).
// It also gives ComponentCommon and BoltStats working maps keyed by structs: Thrift's JavaScript generator cannot
// read or write them (it uses the key as an object property name, and writes `"key".write()`), and Storm keys
// inputs, and bolt stats per window, by GlobalStreamId. Here those are JS Maps keyed by GlobalStreamId.
import thrift, { type TProtocol, type TStructLike } from 'thrift';
import Nimbus from './gen-nodejs/Nimbus.js';
import storm from './gen-nodejs/storm_types.js';

export { Nimbus, storm };

const { Type } = thrift.Thrift;

/** Every generated struct has read/write; the generated .d.ts files just do not declare them. */
export function wire(struct: object): TStructLike {
  return struct as TStructLike;
}

/** ComponentCommon.inputs as stp builds and reads it. */
export type ComponentInputs = Map<storm.GlobalStreamId, storm.Grouping>;

interface CommonFields {
  inputs: ComponentInputs | null;
  streams: Record<string, storm.StreamInfo> | null;
  parallelism_hint: number | null | undefined;
  json_conf: string | null | undefined;
}

function writeComponentCommon(this: CommonFields, output: TProtocol): void {
  output.writeStructBegin('ComponentCommon');
  if (this.inputs) {
    output.writeFieldBegin('inputs', Type.MAP, 1);
    output.writeMapBegin(Type.STRUCT, Type.STRUCT, this.inputs.size);
    for (const [key, value] of this.inputs) {
      wire(key).write(output);
      wire(value).write(output);
    }
    output.writeMapEnd();
    output.writeFieldEnd();
  }
  if (this.streams) {
    const entries = Object.entries(this.streams);
    output.writeFieldBegin('streams', Type.MAP, 2);
    output.writeMapBegin(Type.STRING, Type.STRUCT, entries.length);
    for (const [key, value] of entries) {
      output.writeString(key);
      wire(value).write(output);
    }
    output.writeMapEnd();
    output.writeFieldEnd();
  }
  if (this.parallelism_hint !== null && this.parallelism_hint !== undefined) {
    output.writeFieldBegin('parallelism_hint', Type.I32, 3);
    output.writeI32(this.parallelism_hint);
    output.writeFieldEnd();
  }
  if (this.json_conf !== null && this.json_conf !== undefined) {
    output.writeFieldBegin('json_conf', Type.STRING, 4);
    output.writeString(this.json_conf);
    output.writeFieldEnd();
  }
  output.writeFieldStop();
  output.writeStructEnd();
}

function readComponentCommon(this: CommonFields, input: TProtocol): void {
  input.readStructBegin();
  for (;;) {
    const { ftype, fid } = input.readFieldBegin();
    if (ftype === Type.STOP) break;
    if (fid === 1 && ftype === Type.MAP) {
      const inputs: ComponentInputs = new Map();
      const { size } = input.readMapBegin();
      for (let i = 0; i < size; i++) {
        const key = new storm.GlobalStreamId();
        wire(key).read(input);
        const value = new storm.Grouping();
        wire(value).read(input);
        inputs.set(key, value);
      }
      input.readMapEnd();
      this.inputs = inputs;
    } else if (fid === 2 && ftype === Type.MAP) {
      const streams: Record<string, storm.StreamInfo> = {};
      const { size } = input.readMapBegin();
      for (let i = 0; i < size; i++) {
        const key = input.readString();
        const value = new storm.StreamInfo();
        wire(value).read(input);
        streams[key] = value;
      }
      input.readMapEnd();
      this.streams = streams;
    } else if (fid === 3 && ftype === Type.I32) {
      this.parallelism_hint = input.readI32();
    } else if (fid === 4 && ftype === Type.STRING) {
      this.json_conf = input.readString();
    } else {
      input.skip(ftype);
    }
    input.readFieldEnd();
  }
  input.readStructEnd();
}

// Generated code builds nested structs with `new ttypes.ComponentCommon(args)` (a copy constructor that would
// turn a Map into {}), so the module's export itself is replaced, once, by a subclass that keeps the Map and
// reads and writes it correctly.
type CommonArgs = ConstructorParameters<typeof storm.ComponentCommon>[0];
const GeneratedComponentCommon = storm.ComponentCommon;
class ComponentCommonWithStructKeys extends GeneratedComponentCommon {
  constructor(args?: CommonArgs) {
    super(args ? { ...args, inputs: {} } : undefined);
    const source = (args as { inputs?: unknown } | undefined)?.inputs;
    (this as unknown as CommonFields).inputs = source instanceof Map ? new Map(source as ComponentInputs) : args ? new Map() : null;
  }
}
Object.assign(ComponentCommonWithStructKeys.prototype, { write: writeComponentCommon, read: readComponentCommon });
(storm as unknown as Record<string, unknown>)['ComponentCommon'] = ComponentCommonWithStructKeys;

/** A ComponentCommon whose inputs is a Map keyed by GlobalStreamId. */
export function componentCommon(fields: {
  inputs: ComponentInputs;
  streams: Record<string, storm.StreamInfo>;
  parallelism_hint?: number;
  json_conf?: string;
}): storm.ComponentCommon {
  return new storm.ComponentCommon(fields as CommonArgs);
}

/** The inputs of a ComponentCommon read from the wire (or built by componentCommon). */
export function inputsOf(common: storm.ComponentCommon): ComponentInputs {
  const inputs = (common as unknown as CommonFields).inputs;
  return inputs instanceof Map ? inputs : new Map();
}

// ---- BoltStats: every field is map<window, map<GlobalStreamId, i64 | double>> ----

/** One BoltStats field: window (":all-time", "600", ...) -> input stream -> count or average (ms). */
export type BoltStreamStats = Map<string, Map<storm.GlobalStreamId, number>>;

export interface BoltStatsFields {
  acked: BoltStreamStats;
  failed: BoltStreamStats;
  process_ms_avg: BoltStreamStats;
  executed: BoltStreamStats;
  execute_ms_avg: BoltStreamStats;
}

/** Field id, name and whether values are i64 (counts) or doubles (averages), in storm.thrift's order. */
const boltStatsFields = [
  [1, 'acked', Type.I64],
  [2, 'failed', Type.I64],
  [3, 'process_ms_avg', Type.DOUBLE],
  [4, 'executed', Type.I64],
  [5, 'execute_ms_avg', Type.DOUBLE],
] as const;

function writeBoltStats(this: BoltStatsFields, output: TProtocol): void {
  output.writeStructBegin('BoltStats');
  for (const [id, name, valueType] of boltStatsFields) {
    const windows = this[name];
    output.writeFieldBegin(name, Type.MAP, id);
    output.writeMapBegin(Type.STRING, Type.MAP, windows.size);
    for (const [window, streams] of windows) {
      output.writeString(window);
      output.writeMapBegin(Type.STRUCT, valueType, streams.size);
      for (const [stream, value] of streams) {
        wire(stream).write(output);
        if (valueType === Type.I64) output.writeI64(value);
        else output.writeDouble(value);
      }
      output.writeMapEnd();
    }
    output.writeMapEnd();
    output.writeFieldEnd();
  }
  output.writeFieldStop();
  output.writeStructEnd();
}

function readBoltStats(this: BoltStatsFields, input: TProtocol): void {
  input.readStructBegin();
  for (;;) {
    const { ftype, fid } = input.readFieldBegin();
    if (ftype === Type.STOP) break;
    const field = boltStatsFields.find(([id]) => id === fid);
    if (field && ftype === Type.MAP) {
      const windows: BoltStreamStats = new Map();
      const { size } = input.readMapBegin();
      for (let i = 0; i < size; i++) {
        const window = input.readString();
        const streams = new Map<storm.GlobalStreamId, number>();
        const inner = input.readMapBegin();
        for (let j = 0; j < inner.size; j++) {
          const stream = new storm.GlobalStreamId();
          wire(stream).read(input);
          // Counts are i64 on the wire; a count past 2^53 loses precision, which a rate cannot notice.
          streams.set(stream, field[2] === Type.I64 ? input.readI64().toNumber(true) : input.readDouble());
        }
        input.readMapEnd();
        windows.set(window, streams);
      }
      input.readMapEnd();
      this[field[1]] = windows;
    } else {
      input.skip(ftype);
    }
    input.readFieldEnd();
  }
  input.readStructEnd();
}

type BoltArgs = ConstructorParameters<typeof storm.BoltStats>[0];
const GeneratedBoltStats = storm.BoltStats;
class BoltStatsWithStructKeys extends GeneratedBoltStats {
  constructor(args?: BoltArgs) {
    super(undefined);
    const source = (args ?? {}) as Partial<Record<keyof BoltStatsFields, unknown>>;
    const self = this as unknown as BoltStatsFields;
    for (const [, name] of boltStatsFields) {
      const given = source[name];
      self[name] = given instanceof Map ? new Map(given as BoltStreamStats) : new Map();
    }
  }
}
Object.assign(BoltStatsWithStructKeys.prototype, { write: writeBoltStats, read: readBoltStats });
(storm as unknown as Record<string, unknown>)['BoltStats'] = BoltStatsWithStructKeys;

/** A BoltStats whose maps are keyed by GlobalStreamId (what stp's fake Nimbus and tests build). */
export function boltStats(fields: BoltStatsFields): storm.BoltStats {
  return new storm.BoltStats(fields as unknown as BoltArgs);
}

/** The maps of a BoltStats read from the wire (or built by boltStats). */
export function boltStatsOf(stats: storm.BoltStats): BoltStatsFields {
  return stats as unknown as BoltStatsFields;
}
