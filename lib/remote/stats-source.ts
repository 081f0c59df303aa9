// Which source answers stats, slot-usage and worker-uptime: the Storm UI when the env names one and it answers,
// else Nimbus over Thrift (through the SSH tunnel when the env says so). The report says which one it was.
import type { ResolvedEnv } from '../config/index.js';
import { openNimbusSession } from '../nimbus/session.js';
import { nimbusSessionOptions, uiAccessFor } from './env.js';
import { nimbusStatsSource } from './nimbus-stats.js';
import type { ConnectOptions } from './ssh.js';
import { StormUiError } from './storm-ui/client.js';
import { openStormUi } from './storm-ui/connect.js';
import type { Report, StatsSource } from './storm-ui/reports.js';

export interface ReportSource {
  readonly kind: 'storm-ui' | 'nimbus';
  /** host:port as config.json names it (not a tunnel's local end). */
  readonly address: string;
  /** Why Nimbus answered instead of the UI. */
  readonly reason?: string;
}

export interface SourcedReport<T> extends Report<T> {
  readonly source: ReportSource;
}

/** "Storm UI at ui:8080", "Nimbus at nimbus:6627 (env "prod" names no Storm UI)". */
export function describeSource(source: ReportSource): string {
  const name = source.kind === 'storm-ui' ? 'Storm UI' : 'Nimbus (Thrift)';
  return `${name} at ${source.address}${source.reason ? ` (${source.reason})` : ''}`;
}

/** Runs `report` against the env's Storm UI, or against Nimbus when no UI is configured or the UI does not answer. */
export async function reportFromCluster<T>(
  env: ResolvedEnv,
  ssh: ConnectOptions,
  report: (source: StatsSource) => Promise<Report<T>>,
): Promise<SourcedReport<T>> {
  let reason: string;
  if (env.config.ui !== undefined) {
    const address = `${env.ui.host}:${env.ui.port}`;
    const ui = await openStormUi(uiAccessFor(env), { ssh });
    try {
      return { ...(await report(ui.client)), source: { kind: 'storm-ui', address } };
    } catch (error) {
      // Only a UI that does not answer at all; one that answers an error (an unknown topology) is believed.
      if (!(error instanceof StormUiError && error.unreachable)) throw error;
      reason = `the Storm UI at ${address} did not answer`;
    } finally {
      await ui.close();
    }
  } else {
    reason = `env "${env.name}" names no Storm UI ("ui")`;
  }
  const session = await openNimbusSession(env, nimbusSessionOptions(ssh));
  try {
    const source: ReportSource = { kind: 'nimbus', address: `${env.nimbus.host}:${env.nimbus.port}`, reason };
    return { ...(await report(nimbusStatsSource(session.client))), source };
  } finally {
    await session.close();
  }
}
