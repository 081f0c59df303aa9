// The deploy view's state, folded from lib/nimbus/deploy's events; shared by the Ink view and the plain lines.
import { STEP_TITLES, type DeployEvents, type DeployResult, type DeployStep } from '../../lib/nimbus/deploy.js';
import { subscribe, type Listeners, type TypedEventEmitter } from '../../lib/events.js';
import { updateStep, type StepState } from '../ui/steps.js';

export interface DeployState {
  readonly steps: readonly StepState[];
  readonly upload?: { readonly sentBytes: number; readonly totalBytes: number; readonly elapsedMs: number };
  readonly result?: DeployResult;
  readonly failure?: { readonly step: DeployStep; readonly message: string };
}

export const initialDeployState: DeployState = { steps: [] };

export type DeployAction =
  | { type: 'plan'; steps: readonly DeployStep[] }
  | { type: 'start'; step: DeployStep }
  | { type: 'done'; step: DeployStep; durationMs: number; detail?: string }
  | { type: 'skipped'; step: DeployStep; reason: string }
  | { type: 'failed'; step: DeployStep; durationMs: number; message: string }
  | { type: 'upload'; sentBytes: number; totalBytes: number; elapsedMs: number }
  | { type: 'result'; result: DeployResult };

export function reduceDeploy(state: DeployState, action: DeployAction): DeployState {
  switch (action.type) {
    case 'plan':
      return { ...state, steps: action.steps.map((id) => ({ id, title: STEP_TITLES[id], status: 'pending' })) };
    case 'start':
      return { ...state, steps: updateStep(state.steps, action.step, { status: 'running' }) };
    case 'done':
      return { ...state, steps: updateStep(state.steps, action.step, { status: 'done', durationMs: action.durationMs, ...(action.detail ? { detail: action.detail } : {}) }) };
    case 'skipped':
      return { ...state, steps: updateStep(state.steps, action.step, { status: 'skipped', detail: action.reason }) };
    case 'failed':
      return {
        ...state,
        steps: updateStep(state.steps, action.step, { status: 'failed', durationMs: action.durationMs, detail: action.message }),
        failure: { step: action.step, message: action.message },
      };
    case 'upload':
      return { ...state, upload: { sentBytes: action.sentBytes, totalBytes: action.totalBytes, elapsedMs: action.elapsedMs } };
    case 'result':
      return { ...state, result: action.result };
  }
}

/** Feeds every deploy event to `dispatch`; returns the unsubscribe function. */
export function subscribeDeploy(emitter: TypedEventEmitter<DeployEvents>, dispatch: (action: DeployAction) => void): () => void {
  const handlers: Listeners<DeployEvents> = {
    plan: (steps) => dispatch({ type: 'plan', steps }),
    'step:start': (step) => dispatch({ type: 'start', step }),
    'step:done': (step, info) => dispatch({ type: 'done', step, durationMs: info.durationMs, ...(info.detail ? { detail: info.detail } : {}) }),
    'step:skipped': (step, reason) => dispatch({ type: 'skipped', step, reason }),
    'step:failed': (step, info) => dispatch({ type: 'failed', step, durationMs: info.durationMs, message: info.error.message }),
    'upload:progress': (p) => dispatch({ type: 'upload', sentBytes: p.sentBytes, totalBytes: p.totalBytes, elapsedMs: p.elapsedMs }),
    done: (result) => dispatch({ type: 'result', result }),
  };
  return subscribe(emitter, handlers);
}

/** The last lines: what was submitted and where a Storm UI would show it (a hint: stp asks no UI), or what failed. */
export function finalLine(state: DeployState): string | undefined {
  if (state.result) {
    const { name, topologyId, uiUrl, inactive } = state.result;
    return `Submitted "${name}"${topologyId ? ` as ${topologyId}` : ''}${inactive ? ' (inactive: "stp activate ' + name + '" starts it)' : ''}\nStorm UI, if one runs there: ${uiUrl}`;
  }
  if (state.failure) return `${STEP_TITLES[state.failure.step]} failed: ${state.failure.message}`;
  return undefined;
}
