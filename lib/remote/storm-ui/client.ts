// A small client for the Storm UI REST API: GETs under /api/v1/, with a timeout, and every failure said in terms
// of the UI address (what was asked, what came back, what to check).
import type { z } from 'zod';
import {
  clusterSummarySchema,
  componentDetailSchema,
  supervisorSummarySchema,
  topologyDetailSchema,
  topologySummarySchema,
  type ClusterSummary,
  type ComponentDetail,
  type SupervisorSummary,
  type TopologyDetail,
  type TopologySummary,
} from './schemas.js';
import { answerText } from './answer-text.js';

export const DEFAULT_UI_TIMEOUT_MS = 15_000;

export class StormUiError extends Error {
  constructor(
    message: string,
    readonly url: string,
    readonly status?: number,
    /** No answer at all (refused, timed out): the UI is down or not there, as opposed to answering badly. */
    readonly unreachable = false,
  ) {
    super(message);
    this.name = 'StormUiError';
  }
}

export interface StormUiClientOptions {
  /** e.g. http://storm-ui.example.com:8080 (or the local end of a tunnel). */
  readonly baseUrl: string;
  /** Shown in messages instead of baseUrl (e.g. "nimbus1:8080 through an SSH tunnel"). */
  readonly describe?: string;
  readonly timeoutMs?: number;
}

export interface StormUiClient {
  readonly baseUrl: string;
  clusterSummary(): Promise<ClusterSummary>;
  supervisorSummary(): Promise<SupervisorSummary>;
  topologySummary(): Promise<TopologySummary>;
  topology(id: string, window?: string): Promise<TopologyDetail>;
  component(topologyId: string, componentId: string, window?: string): Promise<ComponentDetail>;
}

function formatIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`)
    .join('; ');
}

export function createStormUiClient(options: StormUiClientOptions): StormUiClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const where = options.describe ?? base;
  const timeoutMs = options.timeoutMs ?? DEFAULT_UI_TIMEOUT_MS;

  async function get<S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>> {
    const url = `${base}/api/v1/${path}`;
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const reason =
        (error as Error).name === 'TimeoutError'
          ? `no answer within ${Math.round(timeoutMs / 1000)} s`
          : cause?.code === 'ECONNREFUSED'
            ? 'connection refused'
            : (cause?.code ?? cause?.message ?? (error as Error).message);
      throw new StormUiError(`Storm UI at ${where} is unreachable (${reason}) asking for /api/v1/${path}; check the env's "ui" host:port and that the UI is running`, url, undefined, true);
    }
    const text = await response.text();
    if (!response.ok) {
      // A 404 for one topology or component says it is not there; for the summaries, that this is not the UI.
      const hint = response.status !== 404 ? '' : /^topology\/(?!summary)/.test(path) ? ' (no such topology or component?)' : ' (is "ui" the Storm UI\'s address?)';
      const said = answerText(text);
      throw new StormUiError(`Storm UI at ${where} answered ${response.status} for /api/v1/${path}${hint}${said ? `: ${said}` : ''}`, url, response.status);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new StormUiError(`Storm UI at ${where} did not answer JSON for /api/v1/${path} (got ${answerText(text) || 'an empty body'}); is "ui" the Storm UI's address?`, url);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new StormUiError(`Storm UI at ${where} answered /api/v1/${path} in an unexpected shape: ${formatIssues(parsed.error)}`, url);
    }
    return parsed.data;
  }

  const enc = encodeURIComponent;
  return {
    baseUrl: base,
    clusterSummary: () => get('cluster/summary', clusterSummarySchema),
    supervisorSummary: () => get('supervisor/summary', supervisorSummarySchema),
    topologySummary: () => get('topology/summary', topologySummarySchema),
    topology: (id, window = ':all-time') => get(`topology/${enc(id)}?window=${enc(window)}`, topologyDetailSchema),
    component: (topologyId, componentId, window = ':all-time') =>
      get(`topology/${enc(topologyId)}/component/${enc(componentId)}?window=${enc(window)}`, componentDetailSchema),
  };
}
