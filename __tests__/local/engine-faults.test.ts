// Faults stop the whole topology with one clear message, and no child outlives the run.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatFault, LocalRunError, runTopology } from '../../lib/local/index.js';
import { bolt, cleanUp, componentsDir, messages, spout, start, survivors, tempDir, topology, until } from './harness.js';

afterEach(cleanUp);

const quick = { 'topology.subprocess.timeout.secs': 1 };

describe('local engine: faults', () => {
  it('a bolt that reports an error and dies stops the topology with its component, task, error, stack and log dir', async () => {
    const spec = topology('crash', [spout('src', { 'fixture.count': 100 }), bolt('sink', [{ source: 'src' }], { 'fixture.crashAfter': 2 }, { parallelism: 2 })]);
    const r = start(spec);
    const result = await r.result;
    expect(result.reason).toBe('fault');
    expect(result.fault).toMatchObject({ component: 'sink', reason: 'exited with code 1' });
    expect([1, 2]).toContain(result.fault!.task);
    expect(result.fault!.error).toMatch(/^Error: boom after 2 tuples\n\s+at /);
    const text = formatFault(result.fault!);
    expect(text).toContain(`component 'sink' task ${result.fault!.task} exited with code 1; the topology was stopped.`);
    expect(text).toContain(`Component logs: ${r.logDir}`);
    expect(survivors(r.tasks.map((t) => t.pid))).toEqual([]);
  });

  it('a bolt that exits silently is named with its exit code', async () => {
    const r = start(topology('exit', [spout('src'), bolt('quitter', [{ source: 'src' }], { 'fixture.exitAfter': 1 })]));
    const result = await r.result;
    expect(result.fault).toMatchObject({ component: 'quitter', task: 1, reason: 'exited with code 3' });
    expect(survivors(r.tasks.map((t) => t.pid))).toEqual([]);
  });

  it('a bolt that hangs past topology.subprocess.timeout.secs is stopped (heartbeats go unanswered)', async () => {
    const r = start(topology('hang', [spout('src'), bolt('stuck', [{ source: 'src' }], { 'fixture.hangAfter': 1 })], quick));
    const t0 = Date.now();
    const result = await r.result;
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(result.fault?.component).toBe('stuck');
    expect(result.fault?.reason).toMatch(/sent nothing for \d+ s, not even a heartbeat sync \(topology.subprocess.timeout.secs is 1 s\)/);
    expect(survivors(r.tasks.map((t) => t.pid))).toEqual([]);
  });

  it('a spout that never syncs its turn is stopped after the subprocess timeout', async () => {
    const r = start(topology('spouthang', [spout('src', { 'fixture.hangOnNext': 3 }), bolt('sink', [{ source: 'src' }])], quick));
    const result = await r.result;
    expect(result.fault).toMatchObject({ component: 'src', task: 2 });
    expect(result.fault?.reason).toContain("did not sync its 'next' turn within 1 s");
  });

  it('protocol violations are faults that name the emitter: a bolt acking a heartbeat, a spout acking, a wrong direct task', async () => {
    const heartbeat = await start(topology('hb', [spout('src', { 'fixture.count': 0 }), bolt('bad', [{ source: 'src' }], { 'fixture.ackHeartbeat': true })])).result;
    expect(heartbeat.fault?.component).toBe('bad');
    expect(heartbeat.fault?.reason).toContain('that is a heartbeat: answer heartbeats with sync, never ack or fail them');

    const inTurn = await start(topology('turn', [spout('src', { 'fixture.ackInTurn': true }), bolt('sink', [{ source: 'src' }])])).result;
    expect(inTurn.fault?.reason).toContain("sent 'ack' inside its 'next' turn; a spout may only emit, log, error, metrics and sync");

    const wrong = await start(
      topology('wrongtask2', [
        spout('src'),
        bolt('director', [{ source: 'src' }], { 'fixture.directTask': 2, 'fixture.outStream': 'direct' }, { streams: { direct: ['word', 'n'] }, direct: ['direct'] }),
        bolt('target', [{ source: 'director', stream: 'direct', grouping: { type: 'direct' } }], {}, { parallelism: 2 }),
      ]),
    ).result;
    expect(wrong.fault?.component).toBe('director');
    expect(wrong.fault?.reason).toBe(
      "emitted directly to task 2 (a task of 'src') on stream 'direct', but only tasks of direct subscribers of 'director'/'direct' may receive it ('target': 3, 4)",
    );
  });

  it('a direct emit to a regular stream and a regular emit to a direct stream are faults naming the stream and its declaration', async () => {
    const toRegular = await start(
      topology('toregular', [spout('src'), bolt('director', [{ source: 'src' }], { 'fixture.directTask': 1 }), bolt('sink', [{ source: 'director' }])]),
    ).result;
    expect(toRegular.fault?.component).toBe('director');
    expect(toRegular.fault?.reason).toBe(
      "emitted directly to task 1 on stream 'default', which is declared regular (fields: word, n), not direct; Storm refuses a direct emit to it",
    );

    const toDirect = await start(
      topology('todirect', [
        spout('src'),
        bolt('fwd', [{ source: 'src' }], { 'fixture.forward': true, 'fixture.outStream': 'ctl' }, { streams: { ctl: ['word', 'n'] }, direct: ['ctl'] }),
        bolt('target', [{ source: 'fwd', stream: 'ctl', grouping: { type: 'direct' } }]),
      ]),
    ).result;
    expect(toDirect.fault?.component).toBe('fwd');
    expect(toDirect.fault?.reason).toBe("made a regular emit on stream 'ctl', which is declared direct (fields: word, n); emit with a task id (emitDirect) instead");
  });

  it('an emit on an undeclared stream or with the wrong number of values is a fault', async () => {
    const result = await start(topology('undeclared', [spout('src', { 'fixture.stream': 'nope' }), bolt('sink', [{ source: 'src' }])])).result;
    expect(result.fault?.reason).toBe("emitted on stream 'nope', which it does not declare (declared: default)");
    const width = await start(topology('width', [spout('src', {}, { streams: { default: ['only'] } }), bolt('sink', [{ source: 'src' }])])).result;
    expect(width.fault?.reason).toBe('emitted 2 value(s) on stream \'default\', which declares 1 field(s): only; tuple: ["apple",0]');
  });

  it('a component that answers the handshake without writing its pid file is refused', async () => {
    const spec = topology('nopid', [spout('src'), bolt('sink', [{ source: 'src' }])]);
    const dir = componentsDir(spec);
    writeFileSync(
      path.join(dir, 'sink.js'),
      "process.stdin.once('data', () => process.stdout.write(JSON.stringify({ pid: process.pid }) + '\\nend\\n')); process.stdin.on('end', () => process.exit(0));",
    );
    const result = await start(spec, { componentsDir: dir }).result;
    expect(result.fault?.component).toBe('sink');
    expect(result.fault?.reason).toMatch(/answered the handshake with pid \d+ but did not create the pid file .*\/\d+ \(Storm's supervisor kills the pids listed there\)/);
  });

  it('a shell command that is not installed is a clear fault', async () => {
    const spec = topology('nocmd', [spout('src'), bolt('split', [{ source: 'src' }])]);
    const dir = componentsDir(spec);
    const broken = { ...spec, components: spec.components.map((c) => (c.id === 'split' ? { ...c, impl: { kind: 'shell' as const, command: 'no-such-python-xyz', script: 'splitter.py' } } : c)) };
    const result = await start(broken, { componentsDir: dir }).result;
    expect(result.fault?.component).toBe('split');
    expect(result.fault?.reason).toContain('could not be started (no-such-python-xyz splitter.py: spawn no-such-python-xyz ENOENT)');
  });
});

describe('local engine: refused before anything starts', () => {
  const dir = () => tempDir();

  it('refuses Java components, naming them, and custom groupings', () => {
    const java = topology('java', [
      spout('src'),
      { ...bolt('kafka', [{ source: 'src' }]), impl: { kind: 'java', className: 'org.example.KafkaBolt', args: [] } },
    ]);
    expect(() => runTopology(java, { componentsDir: dir() })).toThrow(LocalRunError);
    expect(() => runTopology(java, { componentsDir: dir() })).toThrow(
      "topology 'java' has Java component 'kafka' (org.example.KafkaBolt), which need a JVM and cannot run locally; run it on a cluster with `stp submit`, or replace them locally with TypeScript or shell components",
    );
    const custom = topology('custom', [spout('src'), bolt('b', [{ source: 'src', grouping: { type: 'custom', className: 'org.example.Partitioner', args: [] } }])]);
    expect(() => runTopology(custom, { componentsDir: dir() })).toThrow(/bolt 'b' groups 'src'\/'default' with the custom Java grouping org.example.Partitioner, which cannot run locally/);
  });

  it('refuses a missing component file or a bad conf value', () => {
    const spec = topology('missing', [spout('src'), bolt('sink', [{ source: 'src' }])]);
    const empty = dir();
    expect(() => runTopology(spec, { componentsDir: empty })).toThrow(
      `component files are missing from ${empty}: ${path.join(empty, 'src.js')} (the bundle of 'src'), ${path.join(empty, 'sink.js')} (the bundle of 'sink'); bundle the topology first (stp bundle)`,
    );
    expect(() => runTopology(spec, { componentsDir: componentsDir(spec), conf: { 'topology.message.timeout.secs': 'soon' } })).toThrow(
      'topology \'missing\': conf topology.message.timeout.secs is "soon"; it must be a number >= 0.001, e.g. -o topology.message.timeout.secs=30',
    );
  });
});

describe('local engine: stopping', () => {
  it('stop() deactivates spouts, lets in-flight trees finish, then kills even stubborn children and their own children', async () => {
    const spec = topology('stubborn', [
      spout('src', { 'fixture.count': 1000000 }),
      bolt('sink', [{ source: 'src' }], { 'fixture.stubborn': true, 'fixture.grandchild': true }),
    ]);
    const r = start(spec);
    await until(() => messages(r, 'sink', 'grandchild').length === 1 && r.trees.length > 10, 5000, 'trees and a grandchild');
    const grandchild = Number(messages(r, 'sink', 'grandchild')[0]!.split(' ')[1]);
    expect(survivors([grandchild])).toHaveLength(1);
    const result = await r.handle.stop({ graceMs: 1000 });
    expect(result.reason).toBe('stopped');
    expect(result.stats.pendingTrees).toBe(0);
    expect(messages(r, 'src', 'deactivate')).toEqual(['deactivate']);
    expect(messages(r, 'sink', 'ignoring SIGTERM')).toHaveLength(1);
    expect(survivors([...r.tasks.map((t) => t.pid), grandchild])).toEqual([]);
  });

  it('durationMs stops the run by itself', async () => {
    const r = start(topology('timed', [spout('src'), bolt('sink', [{ source: 'src' }])]), { durationMs: 300 });
    const result = await r.result;
    expect(result.reason).toBe('duration');
    expect(survivors(r.tasks.map((t) => t.pid))).toEqual([]);
  });
});

describe('local engine: handshake', () => {
  it('a component that never answers its handshake is a fault after the subprocess timeout', async () => {
    // Long enough for the spout's node to start on a busy machine; the silent sink never answers.
    const spec = topology('silent', [spout('src'), bolt('sink', [{ source: 'src' }])], { 'topology.subprocess.timeout.secs': 5 });
    const dir = componentsDir(spec);
    writeFileSync(path.join(dir, 'sink.js'), 'process.stdin.resume();');
    const result = await start(spec, { componentsDir: dir }).result;
    expect(result.fault).toMatchObject({ component: 'sink', task: 1, reason: 'did not answer its handshake within 5 s (topology.subprocess.timeout.secs)' });
  });
});

describe('local engine: malformed messages', () => {
  const inline = (body: string) => `const { send, run } = require('./proto.js');\nrun({ message(msg) { if (msg.stream === '__heartbeat') return send({ command: 'sync' }); ${body} } });`;

  it.each([
    ['not JSON', "process.stdout.write('{oops\\nend\\n');", /sent a malformed message: malformed multilang message \(not JSON: .*\): "\{oops"/],
    ['not an object', 'send([1, 2]);', /sent \[1,2\] where a message object was expected/],
    ['no command', 'send({ hello: 1 });', /sent a message without a command: \{"hello":1\}/],
    ['unknown command', "send({ command: 'teleport' });", /sent the unknown command 'teleport': \{"command":"teleport"\}/],
    ['anchors not a list', "send({ command: 'emit', tuple: ['a', 1], anchors: 'x' });", /emitted with anchors "x"; anchors must be a list of tuple ids/],
    ['ack twice', "send({ command: 'ack', id: msg.id }); send({ command: 'ack', id: msg.id });", /sent ack for tuple id "\d+", which it has not been sent or already acked or failed/],
  ])('a bolt message that is %s stops the run, quoting it', async (_what, body, reason) => {
    const spec = topology('malformed', [spout('src'), bolt('bad', [{ source: 'src' }])]);
    const dir = componentsDir(spec);
    writeFileSync(path.join(dir, 'bad.js'), inline(body));
    const result = await start(spec, { componentsDir: dir }).result;
    expect(result.fault?.component).toBe('bad');
    expect(result.fault?.reason).toMatch(reason);
  });
});
