// `stp submit --json`: one JSON record per line for scripts and CI: each step's outcome, upload progress (at most
// one record per 10%), and the result.
import type { DeployEvents } from '../../lib/nimbus/deploy.js';
import { subscribe, type Listeners, type TypedEventEmitter } from '../../lib/events.js';

export type DeployRecord =
  | { type: 'plan'; steps: readonly string[] }
  | { type: 'step'; step: string; status: 'done' | 'skipped' | 'failed'; durationMs?: number; detail?: string; error?: string }
  | { type: 'upload'; sentBytes: number; totalBytes: number; elapsedMs: number }
  | { type: 'submitted'; name: string; topologyId: string | null; uiUrl: string; jar: string; inactive: boolean };

export function renderDeployJson(emitter: TypedEventEmitter<DeployEvents>, write: (line: string) => void): () => void {
  const out = (record: DeployRecord): void => write(JSON.stringify(record));
  let tenth = -1;
  const handlers: Listeners<DeployEvents> = {
    plan: (steps) => out({ type: 'plan', steps }),
    'step:done': (step, info) => out({ type: 'step', step, status: 'done', durationMs: Math.round(info.durationMs), ...(info.detail ? { detail: info.detail } : {}) }),
    'step:skipped': (step, reason) => out({ type: 'step', step, status: 'skipped', detail: reason }),
    'step:failed': (step, info) => out({ type: 'step', step, status: 'failed', durationMs: Math.round(info.durationMs), error: info.error.message }),
    'upload:progress': (p) => {
      const reached = p.totalBytes > 0 ? Math.floor((p.sentBytes / p.totalBytes) * 10) : 10;
      if (reached <= tenth) return;
      tenth = reached;
      out({ type: 'upload', sentBytes: p.sentBytes, totalBytes: p.totalBytes, elapsedMs: Math.round(p.elapsedMs) });
    },
    done: (result) => out({ type: 'submitted', name: result.name, topologyId: result.topologyId ?? null, uiUrl: result.uiUrl, jar: result.jar, inactive: result.inactive }),
  };
  return subscribe(emitter, handlers);
}
