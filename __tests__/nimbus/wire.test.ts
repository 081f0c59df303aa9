// Builder objects → Thrift structs → bytes → structs, in memory: the struct-keyed inputs map, unions and i64.
import thrift from 'thrift';
import { inputsOf, storm, wire } from '../../lib/nimbus/generated.js';
import { toWireTopology } from '../../lib/nimbus/wire-topology.js';
import type { StormTopologyObject } from '../../lib/topology/storm-topology.js';

function roundTrip(topology: storm.StormTopology): storm.StormTopology {
  let bytes: Buffer = Buffer.alloc(0);
  const out = new thrift.TFramedTransport(undefined, (frame?: Buffer) => {
    if (frame) bytes = frame;
  });
  wire(topology).write(new thrift.TBinaryProtocol(out));
  out.flush();
  const read = new storm.StormTopology();
  wire(read).read(new thrift.TBinaryProtocol(new thrift.TFramedTransport(bytes.subarray(4))));
  return read;
}

const plain: StormTopologyObject = {
  spouts: {
    kafka: {
      spout_object: { java_object: { full_class_name: 'org.example.Spout', args_list: [{ long_arg: -5n }, { long_arg: 2n ** 62n }, { int_arg: 7 }, { binary_arg: new Uint8Array([1, 2]) }, { double_arg: 0.5 }, { bool_arg: true }] } },
      common: { inputs: new Map(), streams: { default: { output_fields: ['a'], direct: false }, side: { output_fields: ['b'], direct: true } }, parallelism_hint: 2 },
    },
  },
  bolts: {
    join: {
      bolt_object: { shell: { execution_command: 'node', script: 'join.js' } },
      common: {
        inputs: new Map([
          [{ componentId: 'kafka', streamId: 'default' }, { fields: ['a'] }],
          [{ componentId: 'kafka', streamId: 'side' }, { direct: {} }],
          [{ componentId: 'other', streamId: 'default' }, { custom_object: { full_class_name: 'org.example.Grouping', args_list: [{ string_arg: 'x' }] } }],
        ]),
        streams: {},
        parallelism_hint: 3,
        json_conf: '{"topology.tasks":6}',
      },
    },
  },
  state_spouts: {},
};

describe('StormTopology on the wire', () => {
  it('survives a write and a read unchanged', () => {
    const read = roundTrip(toWireTopology(plain));
    const join = read.bolts['join']!;
    expect(join.bolt_object.shell).toMatchObject({ execution_command: 'node', script: 'join.js' });
    expect([...inputsOf(join.common)].map(([key, grouping]) => [key.componentId, key.streamId, grouping.fields ?? null, Boolean(grouping.direct), grouping.custom_object?.full_class_name ?? null])).toEqual([
      ['kafka', 'default', ['a'], false, null],
      ['kafka', 'side', null, true, null],
      ['other', 'default', null, false, 'org.example.Grouping'],
    ]);
    expect(join.common.parallelism_hint).toBe(3);
    expect(join.common.json_conf).toBe('{"topology.tasks":6}');
    const spout = read.spouts['kafka']!;
    expect(spout.common.streams['side']).toMatchObject({ output_fields: ['b'], direct: true });
    const args = spout.spout_object.java_object!.args_list;
    expect(args.map((a) => (a.long_arg !== null && a.long_arg !== undefined ? a.long_arg.toOctetString() : null)).slice(0, 2)).toEqual([
      'fffffffffffffffb',
      '4000000000000000',
    ]);
    expect(args[2]?.int_arg).toBe(7);
    expect([...(args[3]?.binary_arg ?? [])]).toEqual([1, 2]);
    expect(args[4]?.double_arg).toBe(0.5);
    expect(args[5]?.bool_arg).toBe(true);
    expect(read.state_spouts).toEqual({});
  });
});
