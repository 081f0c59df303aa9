// The two ways a local run goes wrong: it is refused before anything starts (LocalRunError), or a running
// component breaks and the whole topology stops (TopologyFault, carried in the run's result).

/** The topology cannot run locally; nothing was started. */
export class LocalRunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalRunError';
  }
}

/** What stopped a running topology: which task, what happened, what it said last. */
export interface TopologyFault {
  readonly component: string;
  readonly task: number;
  /** One sentence: what happened, e.g. "exited with code 1" or "sent nothing for 30 s". */
  readonly reason: string;
  /** The last `error` message the component reported (usually carries the stack), if any. */
  readonly error?: string;
  /** The last lines the process wrote to stderr. */
  readonly stderr: readonly string[];
  /** Where the components' log files are. */
  readonly logDir: string;
}

/** The one message a user reads when a topology stops because of a component. */
export function formatFault(fault: TopologyFault): string {
  const lines = [`component '${fault.component}' task ${fault.task} ${fault.reason}; the topology was stopped.`];
  if (fault.error) lines.push('', 'Its last reported error:', indent(fault.error));
  if (fault.stderr.length > 0) lines.push('', 'Last lines on its stderr:', indent(fault.stderr.join('\n')));
  lines.push('', `Component logs: ${fault.logDir}`);
  return lines.join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
