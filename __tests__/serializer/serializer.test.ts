// stp's multilang serializer (java/serializer) on a real JVM: the committed class files equal a fresh
// `javac --release 8` build of the sources, and a small Java driver (driver/SerializerDriver.java) loads the class
// by name as Storm does, feeds it component frames (the multilang codec's encoding of what stp components send,
// plus frames as other multilang libraries write them) and prints the ShellMsg it builds for each.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileSerializer, SERIALIZER_DIR } from '../../java/build.js';
import { SERIALIZER_CLASSES_DIR, STP_SERIALIZER_CLASS } from '../../lib/bundle/multilang-serializer.js';
import { encodeFrame, FrameDecoder } from '../../lib/multilang/codec.js';
import type { ComponentMessage } from '../../lib/multilang/messages.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const committed = join(here, '../..', SERIALIZER_CLASSES_DIR);

function classFiles(dir: string): Map<string, Buffer> {
  const names = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.class')).sort();
  return new Map(names.map((name) => [name, readFileSync(join(dir, name))]));
}

let work: string;
let classpath: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'stp-serializer-test-'));
  const stubs = join(work, 'stubs');
  const stubSources = readdirSync(join(SERIALIZER_DIR, 'stubs'), { recursive: true, encoding: 'utf8' }).filter((n) => n.endsWith('.java'));
  execFileSync('javac', ['--release', '8', '-d', stubs, ...stubSources.map((n) => join(SERIALIZER_DIR, 'stubs', n))]);
  const driver = join(work, 'driver');
  execFileSync('javac', ['--release', '8', '-cp', [stubs, committed].join(delimiter), '-d', driver, join(here, 'driver', 'SerializerDriver.java')]);
  // The shipped classes first: the driver runs what users get.
  classpath = [committed, stubs, driver].join(delimiter);
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

interface DriverRun {
  readonly lines: string[];
  /** Frames the serializer wrote to the component, as text. */
  readonly written: string[];
}

function drive(input: string): DriverRun {
  const out = join(work, `written-${Math.random().toString(36).slice(2)}`);
  const run = spawnSync('java', ['-cp', classpath, 'SerializerDriver', STP_SERIALIZER_CLASS, out], { input, encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(`driver failed (${run.status ?? run.signal}): ${run.stderr}`);
  return { lines: run.stdout.trimEnd().split('\n'), written: new FrameDecoder().push(readFileSync(out)) };
}

const frame = (message: ComponentMessage): string => encodeFrame(message);

describe("stp's multilang serializer on a real JVM", () => {
  it('ships class files equal to a fresh javac --release 8 build of java/serializer/src (npm run build:java)', () => {
    const fresh = join(work, 'fresh');
    compileSerializer(fresh);
    const built = classFiles(fresh);
    const shipped = classFiles(committed);
    expect([...shipped.keys()]).toEqual([...built.keys()]);
    for (const [name, bytes] of built) expect({ name, same: shipped.get(name)!.equals(bytes) }).toEqual({ name, same: true });
    for (const bytes of shipped.values()) expect(bytes.readUInt16BE(6)).toBe(52);
  }, 120_000);

  it('handshakes, then reads emits with and without task, logs with numeric levels, metrics, errors, sync, acks', () => {
    const input = [
      frame({ pid: 4242 }),
      frame({ command: 'emit', tuple: ['a', 1], id: 'm1', need_task_ids: false }),
      frame({ command: 'sync' }),
      frame({ command: 'emit', tuple: ['reset', 3], stream: 'control', task: 7, anchors: ['t1'], need_task_ids: false }),
      frame({ command: 'emit', tuple: [2147483647, 2147483648, 9007199254740991, -5, 1.5, 1e21], anchors: ['t1', 't2'], need_task_ids: true }),
      frame({ command: 'ack', id: 't1' }),
      frame({ command: 'fail', id: 't2' }),
      frame({ command: 'reset_timeout', id: 't3' }),
      frame({ command: 'log', msg: 'tracing', level: 0 }),
      frame({ command: 'log', msg: 'careful', level: 3 }),
      frame({ command: 'log', msg: 'broken', level: 4 }),
      frame({ command: 'log', msg: 'plain' }),
      frame({ command: 'metrics', name: 'latency', params: { ms: 12, tags: ['x'] } }),
      frame({ command: 'error', msg: 'boom\n  at line 2 "quoted" é ✓ 😀' }),
    ].join('');
    const { lines, written } = drive(input);
    expect(lines).toEqual([
      'pid 4242:Integer',
      'command=emit id=m1:String stream=default task=0 need_task_ids=false anchors=null tuple=[a:String, 1:Integer] msg=null metric=null params=null level=INFO',
      'command=sync id=null stream=default task=0 need_task_ids=true anchors=null tuple=null msg=null metric=null params=null level=INFO',
      'command=emit id=null stream=control task=7 need_task_ids=false anchors=[t1] tuple=[reset:String, 3:Integer] msg=null metric=null params=null level=INFO',
      'command=emit id=null stream=default task=0 need_task_ids=true anchors=[t1, t2] ' +
        'tuple=[2147483647:Integer, 2147483648:Long, 9007199254740991:Long, -5:Integer, 1.5:Double, 1.0E21:Double] msg=null metric=null params=null level=INFO',
      'command=ack id=t1:String stream=default task=0 need_task_ids=true anchors=null tuple=null msg=null metric=null params=null level=INFO',
      'command=fail id=t2:String stream=default task=0 need_task_ids=true anchors=null tuple=null msg=null metric=null params=null level=INFO',
      'command=reset_timeout id=t3:String stream=default task=0 need_task_ids=true anchors=null tuple=null msg=null metric=null params=null level=INFO',
      'command=log id=null stream=default task=0 need_task_ids=true anchors=null tuple=null msg=tracing:String metric=null params=null level=TRACE',
      'command=log id=null stream=default task=0 need_task_ids=true anchors=null tuple=null msg=careful:String metric=null params=null level=WARN',
      'command=log id=null stream=default task=0 need_task_ids=true anchors=null tuple=null msg=broken:String metric=null params=null level=ERROR',
      'command=log id=null stream=default task=0 need_task_ids=true anchors=null tuple=null msg=plain:String metric=null params=null level=INFO',
      'command=metrics id=null stream=default task=0 need_task_ids=true anchors=null tuple=null msg=null metric=latency params={ms=12:Integer, tags=[x:String]} level=INFO',
      'command=error id=null stream=default task=0 need_task_ids=true anchors=null tuple=null msg=boom',
      '  at line 2 "quoted" é ✓ 😀:String metric=null params=null level=INFO',
      'no output: Pipe to subprocess seems to be broken! No output read.',
    ]);

    // The handshake: pidDir, the conf as JSON (every value type) and the context exactly as TopologyContext gave it.
    expect(JSON.parse(written[0]!)).toEqual({
      pidDir: '/tmp/pids',
      conf: {
        'topology.name': 'streams',
        'topology.workers': 2,
        'topology.message.timeout.secs': 30,
        ratio: 0.25,
        'topology.debug': false,
        nothing: null,
        quoted: 'say "hi"\\n\ttab é ✓',
        list: ['a', 1],
        nested: { k: 2 ** 40 },
      },
      context: { taskid: 3, componentid: 'classify', 'task->component': { '3': 'classify' } },
    });
    // A bolt tuple, spout commands and a task-id list, in Storm's shapes.
    expect(written.slice(1).map((text) => JSON.parse(text) as unknown)).toEqual([
      { id: '-6955786537413359385', comp: 'split', stream: 'words', task: 4, tuple: ['héllo', 7, 2 ** 40, 1.5, null, true, { k: 2 ** 40 }] },
      { command: 'next', id: null },
      { command: 'ack', id: 12 },
      [1, 5, 9],
    ]);
    expect(written.at(-1)).toBe('[1,5,9]');
  }, 60_000);

  it('reads frames as other multilang libraries write them: anchors as one id, pretty-printed JSON, a half-written last frame', () => {
    const input = [
      '{"pid": 7}\nend\n',
      '{"command": "emit", "anchors": "t9", "tuple": [1, "x"], "task": 12}\nend\n',
      `${JSON.stringify({ command: 'emit', tuple: [{ nested: [1, 2] }], need_task_ids: false }, null, 2)}\nend\n`,
      '{"command": "emit", "tuple": [12345678901234567890, -0.5e-3, "\\u00e9\\n\\/"]}\nend\n',
      '{"command": "log", "msg": "half',
    ].join('');
    const { lines } = drive(input);
    expect(lines).toEqual([
      'pid 7:Integer',
      'command=emit id=null stream=default task=12 need_task_ids=true anchors=[t9] tuple=[1:Integer, x:String] msg=null metric=null params=null level=INFO',
      'command=emit id=null stream=default task=0 need_task_ids=false anchors=null tuple=[{nested=[1:Integer, 2:Integer]}] msg=null metric=null params=null level=INFO',
      'command=emit id=null stream=default task=0 need_task_ids=true anchors=null tuple=[12345678901234567890:BigInteger, -5.0E-4:Double, é',
      '/:String] msg=null metric=null params=null level=INFO',
      'no output: Pipe to subprocess seems to be broken! Currently read output: {"command": "log", "msg": "half',
    ]);
  }, 60_000);

  it('rejects what is not a multilang message with an IOException that says why', () => {
    const input = [
      '{"pid": 1}\nend\n',
      '{"command": "emit", "tuple": [1,}\nend\n',
      '[1, 2]\nend\n',
      '{"command": "emit", "task": "7", "tuple": []}\nend\n',
      '{"command": "emit", "tuple": "x"}\nend\n',
      '{"command": "sync"}\nend\n',
    ].join('');
    expect(drive(input).lines).toEqual([
      'pid 1:Integer',
      'io error: malformed multilang message: unexpected character \'}\' at character 32 (near "}")',
      'io error: expected a JSON object from the subprocess, got [1,2]',
      'io error: multilang message field "task" must be a number, got "7"',
      'io error: multilang message field "tuple" must be a list, got "x"',
      'command=sync id=null stream=default task=0 need_task_ids=true anchors=null tuple=null msg=null metric=null params=null level=INFO',
      'no output: Pipe to subprocess seems to be broken! No output read.',
    ]);
  }, 60_000);
});
