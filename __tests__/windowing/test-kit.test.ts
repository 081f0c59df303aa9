// Every window kind through the test kit (storm-ts/testing's testWindowedBolt, on a clock the test moves), with the
// windows, acks and anchors Storm's WindowedBoltExecutor gives for the same input (worked out from its policies).
import { testWindowedBolt, type WindowedBoltHarness } from 'storm-ts/testing';
import type { WindowedBolt } from 'storm-ts';
import {
  CountLengthTimeSlide,
  CountSliding,
  CountTumbling,
  EventCountLengthTimeSlide,
  EventCountSliding,
  EventTimeLengthCountSlide,
  EventTimeNoLateStream,
  EventTimeSliding,
  Exploding,
  SlowCountTumbling,
  TimeLengthCountSlide,
  TimeSliding,
  TimeTumbling,
} from './components.js';

type Harness = WindowedBoltHarness<WindowedBolt<never>>;

/** What each window held, as the components emit it: [all, new, expired, start, end]. */
const summaries = (h: Harness): unknown[][] => h.emitted.filter((e) => e.stream === 'default').map((e) => [...e.values]);

async function feedNames(h: Harness, ...names: string[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const name of names) ids.set(name, (await h.feed([name], { id: name })).id);
  return ids;
}

async function feedTimed(h: Harness, ...rows: [string, number][]): Promise<void> {
  for (const [name, ts] of rows) await h.feed([name, ts], { id: name });
}

describe('processing time, by count', () => {
  it('sliding (length 3, slide 2): windows every 2 tuples, a tuple acked when it leaves the last window', async () => {
    const h = (await testWindowedBolt(CountSliding)) as unknown as Harness;
    await feedNames(h, 'a', 'b');
    expect(summaries(h)).toEqual([['a,b', 'a,b', '', null, 0]]);
    expect(h.acked).toEqual([]);
    await feedNames(h, 'c', 'd');
    expect(h.acked).toEqual(['a']);
    await feedNames(h, 'e', 'f');
    expect(summaries(h)).toEqual([
      ['a,b', 'a,b', '', null, 0],
      ['b,c,d', 'c,d', 'a', null, 0],
      ['d,e,f', 'e,f', 'b,c', null, 0],
    ]);
    expect(h.acked).toEqual(['a', 'b', 'c']);
    // Every emit is anchored to every tuple of its window.
    expect(h.emitted.map((e) => e.anchors)).toEqual([['a', 'b'], ['b', 'c', 'd'], ['d', 'e', 'f']]);
    expect(h.bolt.heldTuples).toBe(3);
  });

  it('tumbling (3): each tuple in exactly one window', async () => {
    const h = (await testWindowedBolt(CountTumbling)) as unknown as Harness;
    await feedNames(h, 'a', 'b', 'c', 'd', 'e', 'f', 'g');
    expect(summaries(h)).toEqual([
      ['a,b,c', 'a,b,c', '', null, 0],
      ['d,e,f', 'd,e,f', 'a,b,c', null, 0],
    ]);
    expect(h.acked).toEqual(['a', 'b', 'c']);
    expect(h.windows.map((w) => w.tuples.length)).toEqual([3, 3]);
  });

  it('count length with a duration slide (length 2, every second)', async () => {
    const h = (await testWindowedBolt(CountLengthTimeSlide)) as unknown as Harness;
    await feedNames(h, 'a', 'b', 'c');
    expect(summaries(h)).toEqual([]);
    await h.advance(1000);
    expect(summaries(h)).toEqual([['b,c', 'b,c', 'a', null, 999]]);
    expect(h.acked).toEqual(['a']);
    await h.advance(1000);
    expect(summaries(h)[1]).toEqual(['b,c', '', '', null, 1999]);
  });

  it('waits for an async processWindow before the next tuple, and fails a window whose processWindow throws', async () => {
    const slow = (await testWindowedBolt(SlowCountTumbling)) as unknown as Harness;
    await feedNames(slow, 'a', 'b', 'c', 'd');
    expect(summaries(slow).map((s) => s[0])).toEqual(['a,b', 'c,d']);
    expect(slow.acked).toEqual(['a', 'b']);

    const exploding = (await testWindowedBolt(Exploding)) as unknown as Harness;
    await feedNames(exploding, 'a', 'b');
    await exploding.feed(['boom'], { id: 'boom' });
    await expect(exploding.feed(['c'], { id: 'c' })).rejects.toThrow('processWindow() failed for 2 tuples: boom in the window');
    expect(exploding.failed).toEqual(['boom', 'c']);
    expect(exploding.bolt.heldTuples).toBe(0);
  });
});

describe('processing time, by duration', () => {
  it('sliding (3 s, every 1 s) on the clock: start and end, new and expired tuples', async () => {
    const h = (await testWindowedBolt(TimeSliding)) as unknown as Harness;
    await feedNames(h, 'a');
    await h.advance(500);
    await feedNames(h, 'b');
    await h.advance(500);
    expect(summaries(h)).toEqual([['a,b', 'a,b', '', 999 - 3000, 999]]);
    await h.advance(1000);
    await feedNames(h, 'c');
    await h.advance(1000);
    await h.advance(1000);
    expect(summaries(h)).toEqual([
      ['a,b', 'a,b', '', -2001, 999],
      ['a,b', '', '', -1001, 1999],
      ['a,b,c', 'c', '', -1, 2999],
      ['c', '', 'a,b', 999, 3999],
    ]);
    expect(h.acked).toEqual(['a', 'b']);
  });

  it('tumbling (1 s): a window per second while tuples come, none when nothing is held', async () => {
    const h = (await testWindowedBolt(TimeTumbling)) as unknown as Harness;
    await feedNames(h, 'a', 'b');
    await h.advance(1000);
    await feedNames(h, 'c');
    await h.advance(1000);
    await h.advance(3000);
    expect(summaries(h)).toEqual([
      ['a,b', 'a,b', '', -1, 999],
      ['c', 'c', 'a,b', 999, 1999],
    ]);
    expect(h.acked).toEqual(['a', 'b', 'c']);
    expect(h.bolt.heldTuples).toBe(0);
  });

  it('duration length with a count slide (1 s, every 2 tuples)', async () => {
    const h = (await testWindowedBolt(TimeLengthCountSlide)) as unknown as Harness;
    await feedNames(h, 'a');
    await h.advance(600);
    await feedNames(h, 'b');
    await h.advance(600);
    await feedNames(h, 'c', 'd');
    expect(summaries(h)).toEqual([
      ['a,b', 'a,b', '', -400, 600],
      ['b,c,d', 'c,d', 'a', 200, 1200],
    ]);
    expect(h.acked).toEqual(['a']);
  });
});

describe('event time', () => {
  it('sliding by duration (2 s, every 1 s): windows follow watermarks; a late tuple goes to the late stream, anchored, and is acked', async () => {
    const h = (await testWindowedBolt(EventTimeSliding)) as unknown as Harness;
    await feedTimed(h, ['a', 100], ['b', 900], ['c', 1500], ['d', 2600]);
    expect(summaries(h)).toEqual([]);
    await h.watermark(2000);
    expect(summaries(h)).toEqual([
      ['a,b', 'a,b', '', -1000, 1000],
      ['a,b,c', 'c', '', 0, 2000],
    ]);
    await feedTimed(h, ['late', 1999]);
    expect(h.emitted.filter((e) => e.stream === 'late')).toEqual([{ stream: 'late', values: ['late', 1999], anchors: ['late'] }]);
    expect(h.acked).toEqual(['late']);
    expect(h.bolt.lateTuples).toBe(1);
    // The bolt's own watermark timer (every second): the newest timestamp, 2600, passes no window end yet.
    await h.advance(1000);
    expect(summaries(h)).toHaveLength(2);
    await feedTimed(h, ['f', 4100]);
    await h.advance(1000);
    expect(summaries(h).slice(2)).toEqual([
      ['c,d', 'd', 'a,b', 1000, 3000],
      ['d', '', 'c', 2000, 4000],
    ]);
    expect(h.acked).toEqual(['late', 'a', 'b', 'c']);
  });

  it('sliding by count (3, every 2): one window per 2 timestamps up to the watermark', async () => {
    const h = (await testWindowedBolt(EventCountSliding)) as unknown as Harness;
    await feedTimed(h, ['a', 10], ['b', 20], ['c', 30], ['d', 40], ['e', 50]);
    await h.watermark(45);
    expect(summaries(h)).toEqual([
      ['a,b', 'a,b', '', null, 20],
      ['b,c,d', 'c,d', 'a', null, 40],
    ]);
    expect(h.acked).toEqual(['a']);
  });

  it('count length with a duration slide (2, every 1 s)', async () => {
    const h = (await testWindowedBolt(EventCountLengthTimeSlide)) as unknown as Harness;
    await feedTimed(h, ['a', 100], ['b', 200], ['c', 300], ['d', 1500]);
    await h.watermark(1000);
    expect(summaries(h)).toEqual([['b,c', 'b,c', 'a', null, 1000]]);
  });

  it('duration length with a count slide (1 s, every 2)', async () => {
    const h = (await testWindowedBolt(EventTimeLengthCountSlide)) as unknown as Harness;
    await feedTimed(h, ['a', 100], ['b', 600], ['c', 1400], ['d', 1900]);
    await h.watermark(2000);
    expect(summaries(h)).toEqual([
      ['a,b', 'a,b', '', -400, 600],
      ['c,d', 'c,d', 'a,b', 900, 1900],
    ]);
    expect(h.acked).toEqual(['a', 'b']);
  });

  it('lag and watermark interval; without a late stream a late tuple is acked, counted and logged', async () => {
    const h = (await testWindowedBolt(EventTimeNoLateStream)) as unknown as Harness;
    await feedTimed(h, ['a', 100], ['b', 1800]);
    await h.advance(200); // watermark 1800 - 500 = 1300: the window (0, 1000] fires
    expect(summaries(h)).toEqual([['a', 'a', '', 0, 1000]]);
    await feedTimed(h, ['late', 1200]);
    expect(h.bolt.lateTuples).toBe(1);
    expect(h.acked).toEqual(['late']);
    expect(h.emitted.filter((e) => e.stream !== 'default')).toEqual([]);
    await h.advance(200);
    expect(h.logs).toContainEqual({
      level: 'warn',
      message: '1 late tuple(s) (timestamps behind the watermark 1300) acked without a window, 1 so far; declare window.lateStream to receive them',
    });
  });

  it('fails a tuple whose timestamp is not a number, and says which', async () => {
    const h = (await testWindowedBolt(EventTimeSliding)) as unknown as Harness;
    await h.feed(['x', 'soon'], { id: 'x' });
    expect(h.failed).toEqual(['x']);
    expect(h.errors[0]).toContain(`tuple x from source:default (task 1): timestamp field 'ts' is "soon", not a number of ms; the tuple was failed`);
  });
});

describe("Storm's refusals", () => {
  it('refuses a duration window longer than topology.message.timeout.secs, naming the bolt', async () => {
    await expect(testWindowedBolt(TimeSliding, { conf: { 'topology.message.timeout.secs': 3 } })).rejects.toThrow(
      "bolt 'timesliding' (TimeSliding): window length + slide is 4000 ms, more than topology.message.timeout.secs (3 s): its tuples would time out and replay while the window holds them; shorten the window or raise topology.message.timeout.secs above 4",
    );
    await expect(testWindowedBolt(TimeSliding, { conf: { 'topology.message.timeout.secs': 4 } })).resolves.toBeDefined();
  });

  it('warns when topology.max.spout.pending is smaller than a count window', async () => {
    const h = await testWindowedBolt(CountSliding, { conf: { 'topology.max.spout.pending': 4 } });
    expect(h.logs).toEqual([
      {
        level: 'warn',
        message:
          "bolt 'countsliding' (CountSliding): window length + slide is 5 tuples, more than topology.max.spout.pending (4): a single spout task can never fill it (Storm refuses this); raise topology.max.spout.pending to at least 5 unless several spout tasks feed the bolt",
      },
    ]);
  });
});
