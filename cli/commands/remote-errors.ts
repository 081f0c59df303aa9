// The remote commands' failures as the user sees them: bad config, names or flags are usage errors (exit 2);
// a host, the Storm UI or Nimbus failing is exit 1. Either way one clear message, no stack.
import { flagNumber, numberNeed } from '../../lib/config/flags.js';
import { ConfigError } from '../../lib/config/index.js';
import { NimbusError } from '../../lib/nimbus/errors.js';
import { RemoteError } from '../../lib/remote/errors.js';
import { InvalidNameError, InvalidRemoteDirError } from '../../lib/remote/names.js';
import { StormUiError } from '../../lib/remote/storm-ui/client.js';
import { StatsError } from '../../lib/remote/storm-ui/reports.js';
import { TopologyLoadError } from '../../lib/topology/load.js';
import { TopologyValidationError } from '../../lib/topology/validate.js';
import { CliError } from '../errors.js';
import { showSshConfigWarnings } from '../ssh-warnings.js';

export function asRemoteCliError(error: unknown): never {
  if (error instanceof CliError) throw error;
  if (
    error instanceof ConfigError ||
    error instanceof InvalidNameError ||
    error instanceof InvalidRemoteDirError ||
    error instanceof TopologyLoadError ||
    error instanceof TopologyValidationError
  ) {
    throw new CliError(error.message, 2);
  }
  if (error instanceof RemoteError || error instanceof StormUiError || error instanceof StatsError || error instanceof NimbusError) {
    throw new CliError(error.message, 1);
  }
  throw error;
}

/** Runs a command body, mapping its failures. */
export async function remoteCommand(body: () => Promise<void>): Promise<void> {
  showSshConfigWarnings();
  try {
    await body();
  } catch (error) {
    asRemoteCliError(error);
  }
}

/** A number flag: `--older-than 7`; anything else is a usage error naming the flag, the value and the need. */
export function numberFlag(flag: string, value: unknown, { min = 0, integer = false } = {}): number | undefined {
  if (value === undefined) return undefined;
  const number = flagNumber(value, integer);
  if (!Number.isFinite(number) || number < min) {
    throw new CliError(`${flag} must be ${numberNeed(value, min, integer)} (found ${JSON.stringify(value)})`);
  }
  return number;
}
