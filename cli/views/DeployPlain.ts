// The deploy off a TTY (pipes, CI): one plain line per finished step, upload progress at each quarter, and the
// final line. Failures go to stderr.
import type { DeployEvents } from '../../lib/nimbus/deploy.js';
import type { TypedEventEmitter } from '../../lib/events.js';
import { formatBytes, formatDuration, formatRate } from '../ui/format.js';
import { stepLine } from '../ui/steps.js';
import { finalLine, initialDeployState, reduceDeploy, subscribeDeploy, type DeployState } from './DeployState.js';

export interface PlainOutput {
  write(line: string): void;
  error(line: string): void;
}

export function renderDeployPlain(emitter: TypedEventEmitter<DeployEvents>, out: PlainOutput): () => void {
  let state: DeployState = initialDeployState;
  let quarter = 0;
  return subscribeDeploy(emitter, (action) => {
    state = reduceDeploy(state, action);
    if (action.type === 'done' || action.type === 'skipped') {
      const step = state.steps.find((s) => s.id === action.step);
      if (step) out.write(stepLine(step, formatDuration));
    } else if (action.type === 'failed') {
      const step = state.steps.find((s) => s.id === action.step);
      if (step) out.error(stepLine(step, formatDuration));
    } else if (action.type === 'upload' && action.totalBytes > 0) {
      const reached = Math.floor((action.sentBytes / action.totalBytes) * 4);
      if (reached > quarter && reached < 4) {
        quarter = reached;
        out.write(`  upload ${reached * 25}%: ${formatBytes(action.sentBytes)} of ${formatBytes(action.totalBytes)}, ${formatRate(action.sentBytes, action.elapsedMs)}`);
      }
    } else if (action.type === 'result') {
      out.write(finalLine(state)!);
    }
  });
}
