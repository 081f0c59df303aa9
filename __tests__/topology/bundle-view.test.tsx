import { render } from 'ink-testing-library';
import { BundleView } from '../../cli/views/BundleView.js';

describe('BundleView', () => {
  it('shows progress, then each component and a summary', () => {
    const { lastFrame, rerender } = render(<BundleView state={{ topology: 'wc', componentIds: ['words', 'count'], done: [] }} color={false} />);
    expect(lastFrame()).toBe('bundling 2 component(s) of wc…');
    const done = [
      { componentId: 'words', file: '/x/words.js', sourceMap: '/x/words.js.map', bytes: 2048 },
      { componentId: 'count', file: '/x/count.js', sourceMap: '/x/count.js.map', bytes: 512 },
    ];
    rerender(<BundleView state={{ topology: 'wc', componentIds: ['words', 'count'], done, summary: { outDir: '/x', ms: 41.6 } }} color={false} />);
    expect(lastFrame()).toBe(
      ['✓ bundled words.js (2.0 kB)', '✓ bundled count.js (512 B)', 'topology "wc": 2 TypeScript components in /x (42 ms)'].join('\n'),
    );
  });
});
