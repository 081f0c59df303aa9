import { render } from 'ink-testing-library';
import { initialPrepareState, PrepareView, reducePrepare, type PrepareAction } from '../../cli/views/PrepareView.js';

const strip = (text: string | undefined) => (text ?? '').replace(/\u001b\[[0-9;]*m/g, '');

describe('PrepareView', () => {
  it('shows one line per host: pending, then its current step, then done or failed with the reason', () => {
    const actions: PrepareAction[] = [{ type: 'start', topology: 'wc', installDir: '/data/stp/node_modules/wc', hosts: ['w1', 'w2', 'w3'] }];
    const state = () => actions.reduce(reducePrepare, initialPrepareState);
    const { lastFrame, rerender } = render(<PrepareView state={state()} />);
    expect(strip(lastFrame())).toBe(['preparing wc in /data/stp/node_modules/wc on 3 hosts', '· w1', '· w2', '· w3'].join('\n'));

    actions.push({ type: 'step', host: 'w1', step: 'connect' }, { type: 'step', host: 'w1', step: 'install' }, { type: 'step', host: 'w2', step: 'upload' });
    rerender(<PrepareView state={state()} />);
    expect(strip(lastFrame())).toBe(
      ['preparing wc in /data/stp/node_modules/wc on 3 hosts', '› w1 npm ci --omit=dev', '› w2 uploading package.json and lockfile', '· w3'].join('\n'),
    );

    actions.push(
      { type: 'done', host: 'w1', durationMs: 6200 },
      { type: 'failed', host: 'w3', durationMs: 10_000, message: 'storm@w3 did not answer within 10 s' },
      { type: 'done', host: 'w2', durationMs: 800 },
      { type: 'finished' },
    );
    rerender(<PrepareView state={state()} />);
    expect(strip(lastFrame())).toBe(
      [
        'preparing wc in /data/stp/node_modules/wc on 3 hosts',
        '✓ w1 6.2 s',
        '✓ w2 800 ms',
        '✗ w3 10.0 s storm@w3 did not answer within 10 s',
        '2 of 3 ready, 1 failed',
      ].join('\n'),
    );
  });
});
