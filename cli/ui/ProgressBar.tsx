// A byte progress bar with size, rate and ETA (uploads, downloads).
import { Text } from 'ink';
import { formatBytes, formatEta, formatRate } from './format.js';

export interface ProgressBarProps {
  readonly done: number;
  readonly total: number;
  readonly elapsedMs: number;
  /** Characters of bar. @default 30 */
  readonly width?: number;
}

export function progressText({ done, total, elapsedMs, width = 30 }: ProgressBarProps): string {
  const ratio = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(ratio * width);
  const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
  return `${bar} ${Math.floor(ratio * 100)}% ${formatBytes(done)} / ${formatBytes(total)}  ${formatRate(done, elapsedMs)}  ETA ${formatEta(done, total, elapsedMs)}`;
}

export function ProgressBar(props: ProgressBarProps) {
  return <Text color="cyan">{progressText(props)}</Text>;
}
