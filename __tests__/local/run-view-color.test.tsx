// Colour in the live view: on when allowed, and under NO_COLOR not a single escape code. Chalk (inside Ink)
// decides its colour level when first imported, so force it before importing the view.
process.env['FORCE_COLOR'] = '1';
const { render } = await import('ink-testing-library');
const { RunView } = await import('../../cli/views/RunView.js');
const { colorEnabled } = await import('../../cli/ui/mode.js');

const state = {
  topology: 'wc',
  status: 'running' as const,
  lines: ['[count:1] hello'],
  logDir: '/p/logs',
  stats: {
    topology: 'wc',
    uptimeMs: 1000,
    pendingTrees: 0, crashes: 0, chaosKills: 0,
    components: [{ component: 'words', role: 'spout' as const, tasks: [1], executors: 1, emitted: 1, transferred: 1, acked: 1, failed: 0, timedOut: 0, emitRate: 1, ackRate: 1, latencyMs: 1, queued: 0, restarts: 0, reliable: 0, replayed: 0, gaveUp: 0, lost: 0, open: 0 }],
  },
};

it('colours the view when colour is enabled and emits no escape code under NO_COLOR', () => {
  const colored = render(<RunView state={state} color={colorEnabled({})} />).lastFrame()!;
  const plain = render(<RunView state={state} color={colorEnabled({ NO_COLOR: '1' })} />).lastFrame()!;
  expect(colored).toMatch(/\u001b\[/);
  expect(plain).not.toMatch(/\u001b\[/);
  expect(colored.replace(/\u001b\[[0-9;]*m/g, '')).toBe(plain);
});
