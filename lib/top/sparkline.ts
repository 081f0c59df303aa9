// A throughput history as one line of block characters, scaled to its own peak (so the shape shows, not the size).
const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/**
 * @example sparkline([0, 5, 10], 5) // "  ▁▅█": padded on the left to `width`, newest on the right
 */
export function sparkline(values: readonly number[], width: number): string {
  const shown = values.slice(-width);
  const peak = Math.max(0, ...shown);
  const line = shown
    .map((value) => (peak <= 0 ? BLOCKS[0] : BLOCKS[Math.min(BLOCKS.length - 1, Math.round((Math.max(0, value) / peak) * (BLOCKS.length - 1)))]))
    .join('');
  return line.padStart(width, ' ');
}
