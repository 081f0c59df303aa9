// Steps as Ink lines: grey when pending, a spinner-like marker while running, green when done, red when failed.
import { Box, Text } from 'ink';
import { formatDuration } from './format.js';
import { STEP_SYMBOLS, type StepState } from './steps.js';

const COLORS = { pending: 'gray', running: 'cyan', done: 'green', failed: 'red', skipped: 'gray' } as const;

export function Steps({ steps }: { readonly steps: readonly StepState[] }) {
  return (
    <Box flexDirection="column">
      {steps.map((step) => (
        <Box key={step.id}>
          <Text color={COLORS[step.status]}>{STEP_SYMBOLS[step.status]} </Text>
          <Text dimColor={step.status === 'pending' || step.status === 'skipped'} bold={step.status === 'running'}>
            {step.title}
          </Text>
          {step.durationMs !== undefined && <Text dimColor> {formatDuration(step.durationMs)}</Text>}
          {step.detail && <Text color={step.status === 'failed' ? 'red' : undefined} dimColor={step.status !== 'failed'}> {step.detail}</Text>}
        </Box>
      ))}
    </Box>
  );
}
