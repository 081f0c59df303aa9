// The deploy on a terminal: each step turns from pending to running to done or failed with its duration, the
// upload shows a progress bar, and the last line gives the topology id and where a Storm UI would show it. It also asks
// whether to replace a running topology (when -f was not given) and turns Ctrl-C into a clean cancel.
import { Box, render, Text, useInput, useStdin } from 'ink';
import { useEffect, useReducer, useRef, useState } from 'react';
import type { DeployEvents } from '../../lib/nimbus/deploy.js';
import { createEmitter, type TypedEventEmitter } from '../../lib/events.js';
import { ProgressBar } from '../ui/ProgressBar.js';
import { Steps } from '../ui/StepsView.js';
import { finalLine, initialDeployState, reduceDeploy, subscribeDeploy } from './DeployState.js';

export type PromptEvents = {
  ask: (question: string, answer: (yes: boolean) => void) => void;
};

/** A yes/no question the deploy can ask through the view. */
export function createPrompts(): { emitter: TypedEventEmitter<PromptEvents>; ask: (question: string) => Promise<boolean> } {
  const emitter = createEmitter<PromptEvents>();
  return { emitter, ask: (question) => new Promise((resolve) => emitter.emit('ask', question, resolve)) };
}

export interface DeployViewProps {
  readonly title: string;
  readonly emitter: TypedEventEmitter<DeployEvents>;
  readonly prompts?: TypedEventEmitter<PromptEvents>;
  /** Ctrl-C: the deploy stops before its next step or chunk. */
  readonly onCancel?: () => void;
}

interface Question {
  readonly text: string;
  readonly answer: (yes: boolean) => void;
}

export function DeployView({ title, emitter, prompts, onCancel }: DeployViewProps) {
  const [state, dispatch] = useReducer(reduceDeploy, initialDeployState);
  const [question, setQuestion] = useState<Question | undefined>();
  // The key handler reads the question from a ref: Ink re-subscribes a new handler only after the render that
  // shows the question commits, and a key typed before that must still answer it.
  const asked = useRef<Question | undefined>(undefined);
  const show = (next: Question | undefined) => {
    asked.current = next;
    setQuestion(next);
  };
  const [cancelling, setCancelling] = useState(false);
  // Keys need raw mode; with stdin not a terminal, Ctrl-C arrives as SIGINT (the command handles it) and
  // nothing is asked.
  const { isRawModeSupported } = useStdin();

  useEffect(() => subscribeDeploy(emitter, dispatch), [emitter]);
  useEffect(() => {
    if (!prompts) return;
    const ask: PromptEvents['ask'] = (text, answer) => show({ text, answer });
    prompts.on('ask', ask);
    return () => {
      prompts.off('ask', ask);
    };
  }, [prompts]);

  useInput((input, key) => {
    if (key.ctrl && input === 'c') {
      setCancelling(true);
      asked.current?.answer(false);
      show(undefined);
      onCancel?.();
      return;
    }
    if (!asked.current) return;
    asked.current.answer(input.toLowerCase() === 'y');
    show(undefined);
  }, { isActive: isRawModeSupported });

  const uploading = state.steps.find((s) => s.id === 'upload')?.status === 'running';
  const last = finalLine(state);
  return (
    <Box flexDirection="column">
      <Text bold>{title}</Text>
      <Steps steps={state.steps} />
      {uploading && state.upload && (
        <Box marginLeft={2}>
          <ProgressBar done={state.upload.sentBytes} total={state.upload.totalBytes} elapsedMs={state.upload.elapsedMs} />
        </Box>
      )}
      {question && (
        <Text color="yellow">
          {question.text} <Text bold>(y/N)</Text>
        </Text>
      )}
      {cancelling && !last && <Text color="yellow">Cancelling… nothing will be submitted.</Text>}
      {last && <Text color={state.result ? 'green' : 'red'}>{last}</Text>}
    </Box>
  );
}

/** Mounts the view on the real terminal (Ctrl-C is the view's to handle); returns a function that ends it. */
export function mountDeployView(props: DeployViewProps): () => Promise<void> {
  const instance = render(<DeployView {...props} />, { exitOnCtrlC: false });
  return async () => {
    // Let the last state render before Ink stops.
    await new Promise((resolve) => setTimeout(resolve, 20));
    instance.unmount();
    await instance.waitUntilExit();
  };
}
