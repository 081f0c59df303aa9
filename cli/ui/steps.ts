// A list of steps that each go pending → running → done | failed | skipped, with durations: the model behind
// the Steps view and its plain-line twin. Any long command (deploy, prepare) can drive one.
export type StepStatus = 'pending' | 'running' | 'done' | 'failed' | 'skipped';

export interface StepState {
  readonly id: string;
  readonly title: string;
  readonly status: StepStatus;
  readonly durationMs?: number;
  /** What the step produced or why it failed. */
  readonly detail?: string;
}

export const STEP_SYMBOLS: Readonly<Record<StepStatus, string>> = {
  pending: '·',
  running: '›',
  done: '✓',
  failed: '✗',
  skipped: '-',
};

export function updateStep(steps: readonly StepState[], id: string, change: Partial<Omit<StepState, 'id' | 'title'>>): StepState[] {
  return steps.map((step) => (step.id === id ? { ...step, ...change } : step));
}

/** One line per step, as the plain renderer prints it. */
export function stepLine(step: StepState, formatDuration: (ms: number) => string): string {
  const time = step.durationMs === undefined ? '' : ` (${formatDuration(step.durationMs)})`;
  const detail = step.detail ? `: ${step.detail}` : '';
  return `${STEP_SYMBOLS[step.status]} ${step.title}${time}${detail}`;
}
