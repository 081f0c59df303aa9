// The terminal view of `stp prepare`: one line per worker host that goes pending → connect/upload/install →
// done or failed, with its duration (the same Steps lines as the deploy view).
import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import { subscribe, type TypedEventEmitter } from '../../lib/events.js';
import type { PrepareEvents, PrepareStep } from '../../lib/remote/prepare.js';
import { Steps } from '../ui/StepsView.js';
import { updateStep, type StepState } from '../ui/steps.js';

const DOING: Readonly<Record<PrepareStep, string>> = {
  connect: 'connecting',
  node: 'node_executable --version',
  upload: 'uploading package.json and lockfile',
  install: 'npm ci --omit=dev',
};

export interface PrepareViewState {
  readonly topology: string;
  readonly installDir: string;
  readonly hosts: readonly StepState[];
  readonly finished: boolean;
}

export const initialPrepareState: PrepareViewState = { topology: '', installDir: '', hosts: [], finished: false };

/** One prepare event, as the view consumes it. */
export type PrepareAction =
  | { readonly type: 'start'; readonly topology: string; readonly installDir: string; readonly hosts: readonly string[] }
  | { readonly type: 'step'; readonly host: string; readonly step: PrepareStep }
  | { readonly type: 'done'; readonly host: string; readonly durationMs: number }
  | { readonly type: 'failed'; readonly host: string; readonly durationMs: number; readonly message: string }
  | { readonly type: 'finished' };

export function reducePrepare(state: PrepareViewState, action: PrepareAction): PrepareViewState {
  switch (action.type) {
    case 'start':
      return { ...state, topology: action.topology, installDir: action.installDir, hosts: action.hosts.map((host) => ({ id: host, title: host, status: 'pending' })) };
    case 'step':
      return { ...state, hosts: updateStep(state.hosts, action.host, { status: 'running', detail: DOING[action.step] }) };
    case 'done':
      return { ...state, hosts: updateStep(state.hosts, action.host, { status: 'done', durationMs: action.durationMs, detail: '' }) };
    case 'failed':
      return { ...state, hosts: updateStep(state.hosts, action.host, { status: 'failed', durationMs: action.durationMs, detail: action.message }) };
    case 'finished':
      return { ...state, finished: true };
  }
}

export function PrepareView({ state }: { state: PrepareViewState }) {
  const done = state.hosts.filter((host) => host.status === 'done').length;
  const failed = state.hosts.filter((host) => host.status === 'failed').length;
  return (
    <Box flexDirection="column">
      <Text>
        preparing <Text bold>{state.topology}</Text> in {state.installDir} on {state.hosts.length} host{state.hosts.length === 1 ? '' : 's'}
      </Text>
      <Steps steps={state.hosts} />
      {state.finished && (
        <Text color={failed > 0 ? 'red' : 'green'}>
          {done} of {state.hosts.length} ready{failed > 0 ? `, ${failed} failed` : ''}
        </Text>
      )}
    </Box>
  );
}

/** Feeds PrepareView from prepareWorkers' events. */
export function PrepareApp({ events }: { events: TypedEventEmitter<PrepareEvents> }) {
  const [state, setState] = useState<PrepareViewState>(initialPrepareState);
  useEffect(() => {
    const dispatch = (action: PrepareAction) => setState((s) => reducePrepare(s, action));
    const onStart: PrepareEvents['start'] = (info) => dispatch({ type: 'start', ...info });
    const onStep: PrepareEvents['host:step'] = (host, step) => dispatch({ type: 'step', host, step });
    const onDone: PrepareEvents['host:done'] = (host, { durationMs }) => dispatch({ type: 'done', host, durationMs });
    const onFailed: PrepareEvents['host:failed'] = (host, { durationMs, error }) => dispatch({ type: 'failed', host, durationMs, message: error.message });
    const onFinished: PrepareEvents['done'] = () => dispatch({ type: 'finished' });
    return subscribe(events, { start: onStart, 'host:step': onStep, 'host:done': onDone, 'host:failed': onFailed, done: onFinished });
  }, [events]);
  return <PrepareView state={state} />;
}
