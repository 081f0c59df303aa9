// Storm's Thrift exceptions and transport failures, turned into messages that say what to do next.
import thrift from 'thrift';
import { storm } from './generated.js';

export type NimbusErrorKind =
  | 'already-alive'
  | 'not-alive'
  | 'invalid-topology'
  | 'authorization'
  | 'application'
  | 'connect'
  | 'timeout'
  | 'disconnected'
  /** Something else answers on the Nimbus port (a web server, say). */
  | 'not-nimbus'
  | 'aborted';

export class NimbusError extends Error {
  constructor(
    readonly kind: NimbusErrorKind,
    message: string,
    /** Storm's own text, when Storm said something. */
    readonly stormMessage?: string,
  ) {
    super(message);
    this.name = 'NimbusError';
  }
}

/** What a call was about, for messages. */
export interface CallContext {
  readonly method: string;
  readonly address: string;
  /** The topology the call names, if any. */
  readonly topology?: string;
  /** The config.json env the address comes from. */
  readonly envName?: string;
}

/** A setting of the env, as the user finds it in config.json: `envs.prod.nimbus` (or the env's "nimbus" when unknown). */
export function envSetting(envName: string | undefined, key: string): string {
  return envName === undefined ? `the env's "${key}" in config.json` : `envs.${envName}.${key}`;
}

function exceptionMessage(error: unknown): string | undefined {
  if (error && typeof error === 'object' && 'msg' in error && typeof error.msg === 'string') return error.msg;
  if (error instanceof Error) return error.message;
  return undefined;
}

/** Maps whatever a generated client call rejected with to a NimbusError (NimbusErrors pass through). */
export function explainNimbusError(error: unknown, context: CallContext): NimbusError {
  if (error instanceof NimbusError) return error;
  const said = exceptionMessage(error) ?? String(error);
  const name = context.topology ? `"${context.topology}"` : 'the topology';
  if (error instanceof storm.AlreadyAliveException) {
    return new NimbusError(
      'already-alive',
      `a topology named ${name} is already running on Nimbus (${context.address}); kill it first with "stp kill ${context.topology ?? 'NAME'}", or submit with -f to replace it`,
      said,
    );
  }
  if (error instanceof storm.NotAliveException) {
    return new NimbusError(
      'not-alive',
      `no topology named ${name} is running on Nimbus (${context.address}); "stp list" shows the running topologies`,
      said,
    );
  }
  if (error instanceof storm.InvalidTopologyException) {
    return new NimbusError('invalid-topology', `Nimbus rejected ${name} as invalid: ${said}`, said);
  }
  if (error instanceof storm.AuthorizationException) {
    return new NimbusError(
      'authorization',
      `Nimbus (${context.address}) does not allow ${context.method} for this user: ${said}; ask the cluster's admins for the permission, or check ${envSetting(context.envName, 'user')}`,
      said,
    );
  }
  if (error instanceof thrift.Thrift.TApplicationException) {
    const hint = /leader/i.test(said)
      ? `; this Nimbus is not the leader: point ${envSetting(context.envName, 'nimbus')} at the leader (Storm UI shows it)`
      : /location|upload/i.test(said)
        ? '; the upload expired or was lost: submit again'
        : '';
    return new NimbusError('application', `Nimbus (${context.address}) failed ${context.method}: ${said}${hint}`, said);
  }
  return new NimbusError('application', `Nimbus call ${context.method} to ${context.address} failed: ${said}`);
}

/** A socket-level failure while connecting. */
export function explainConnectError(error: NodeJS.ErrnoException, address: string, envName?: string): NimbusError {
  const nimbus = envSetting(envName, 'nimbus');
  switch (error.code) {
    case 'ECONNREFUSED':
      return new NimbusError(
        'connect',
        `cannot connect to Nimbus at ${address}: connection refused; check ${nimbus} (host:port, port 6627 by default) and that Nimbus runs there, or set use_ssh_for_nimbus if its port is only open to the cluster`,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new NimbusError('connect', `cannot connect to Nimbus at ${address}: unknown host; check ${nimbus}`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new NimbusError('connect', `cannot connect to Nimbus at ${address}: host unreachable; check the network or use use_ssh_for_nimbus`);
    default:
      return new NimbusError('connect', `cannot connect to Nimbus at ${address}: ${error.message}`);
  }
}
