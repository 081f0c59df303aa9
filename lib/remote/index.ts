// Remote operations: SSH connections and tunnels, worker preparation, logs, and the Storm UI.
export { RemoteError, type RemoteFailure } from './errors.js';
export { InvalidNameError, validateName, validateRemoteDir, type NameKind } from './names.js';
export { shellCommand, shellQuote, shellScript } from './quote.js';
export { resolveSshTarget, defaultSshConfigPath, type SshTarget, type SshTargetOptions, type UnhonouredSetting } from './ssh-config.js';
export {
  connectSsh,
  fingerprint,
  DEFAULT_CONNECT_TIMEOUT_MS,
  sshEvents,
  type ConnectOptions,
  type SshEvents,
  type ExecResult,
  type SshConnection,
  type StreamOptions,
} from './ssh.js';
export { openTunnel, type Tunnel, type TunnelOptions } from './tunnel.js';
export { forEachHost, describeFailures, type HostOutcome } from './hosts.js';
export {
  prepareWorkers,
  prepareSourceDir,
  prepareFiles,
  workerInstallDir,
  workerNodeModulesDir,
  type PrepareEvents,
  type PrepareOptions,
  type PrepareReport,
  type PrepareStep,
  type PreparedHost,
} from './prepare.js';
export { listLogFiles, parseLogFileName, type LogFile, type LogFileFilter, type SkippedLogFile } from './log-files.js';
export { tailLogs, TailParser, type LogLine, type TailEvents, type TailOptions } from './tail.js';
export { removeLogs, type RemovedLogs, type RemoveLogsOptions } from './remove-logs.js';
export { logPathFor, sshOptionsFor, uiAccessFor, workerHostsFor, type SshFlags } from './env.js';
export { remoteContext, remoteTopology, topologyName, type RemoteContext, type RemoteTopology } from './context.js';
export { createStormUiClient, StormUiError, type StormUiClient, type StormUiClientOptions } from './storm-ui/client.js';
export { openStormUi, type OpenStormUi, type UiAccess } from './storm-ui/connect.js';
export { stats, slotUsage, workerUptime, findTopology, type Report, type StatsData, type SlotUsageRow, type WorkerUptimeRow } from './storm-ui/reports.js';
export { formatTable, type Table } from './storm-ui/table.js';
