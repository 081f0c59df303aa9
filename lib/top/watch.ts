// `stp top`'s loop: ask Nimbus about one topology every interval and emit a frame per answer. A lost connection
// is retried (events say when the next try is, so a view can count down); the topology being killed ends the
// watch. Failing to reach Nimbus the first time, or a name Nimbus does not know, rejects `start`.
import { createEmitter, type TypedEventEmitter } from '../events.js';
import { NimbusError } from '../nimbus/errors.js';
import type { NimbusSession } from '../nimbus/session.js';
import type { StatsWindow } from '../nimbus/executor-stats.js';
import { DEFAULT_WINDOW, nextFrame, type TopFrame } from './frame.js';
import { snapshotOf } from './snapshot.js';

export class TopError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TopError';
  }
}

export type TopEvents = {
  frame: (frame: TopFrame) => void;
  /** The connection was lost (or a call failed); the next attempt is at `retryAt` (epoch ms). */
  retrying: (retry: { message: string; attempt: number; retryAt: number }) => void;
  /** Nimbus answered again after `retrying`. */
  reconnected: (info: { address: string }) => void;
};

/** How a watch ended. */
export type TopEnd = { readonly reason: 'stopped' } | { readonly reason: 'killed'; readonly message: string };

export interface TopWatchOptions {
  /** The topology's name; undefined: the only one running. */
  readonly name: string | undefined;
  readonly intervalMs: number;
  /** The window frames' rates are over (default: Storm's last 10 minutes). */
  readonly window?: StatsWindow;
  /** Opens a Nimbus session (through the SSH tunnel when the env wants one); called again after a lost connection. */
  readonly connect: () => Promise<NimbusSession>;
  /** Waits between reconnection attempts; the last one repeats. */
  readonly retryDelaysMs?: readonly number[];
  readonly now?: () => number;
}

export interface TopWatch {
  readonly events: TypedEventEmitter<TopEvents>;
  /** The topology being watched. */
  readonly name: string;
  /** The first frame (later ones come as events). */
  readonly first: TopFrame;
  /** Ends when the topology is killed, or after stop(). */
  readonly done: Promise<TopEnd>;
  /**
   * Activates (true) or deactivates (false) the topology, then asks Nimbus again at once so the next frame shows
   * the new status. Uses the watch's connection, or a new one while it is lost. Rejects with Nimbus's error.
   */
  setActive(active: boolean): Promise<void>;
  stop(): void;
}

const DEFAULT_RETRY_DELAYS_MS = [1000, 2000, 5000, 10_000];

/** Errors that mean "the connection is gone" rather than "Nimbus said no". */
const isConnectionLoss = (error: unknown): error is NimbusError =>
  error instanceof NimbusError && (error.kind === 'connect' || error.kind === 'timeout' || error.kind === 'disconnected');

/** Finds the topology (by name, or the only one running) and returns its id and name. */
async function findTopology(session: NimbusSession, name: string | undefined): Promise<{ id: string; name: string }> {
  const cluster = await session.client.getClusterInfo();
  const running = cluster.topologies.map((t) => t.name).sort();
  const list = running.length > 0 ? running.join(', ') : 'none';
  if (name === undefined) {
    if (cluster.topologies.length === 1) return { id: cluster.topologies[0]!.id, name: cluster.topologies[0]!.name };
    throw new TopError(
      running.length === 0
        ? `no topology is running on Nimbus (${session.label})`
        : `${running.length} topologies run on Nimbus (${session.label}): ${list}; name one: stp top NAME`,
    );
  }
  const found = cluster.topologies.find((t) => t.name === name);
  if (!found) throw new TopError(`no topology named "${name}" is running on Nimbus (${session.label}); running: ${list}`);
  return { id: found.id, name: found.name };
}

/** Connects, finds the topology and takes the first snapshot; then keeps watching until stopped or killed. */
export async function watchTopology(options: TopWatchOptions): Promise<TopWatch> {
  const now = options.now ?? Date.now;
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const events = createEmitter<TopEvents>();
  let session: NimbusSession | undefined = await options.connect();
  let target: { id: string; name: string };
  try {
    target = await findTopology(session, options.name);
  } catch (error) {
    await session.close();
    throw error;
  }

  const stopper = new AbortController();
  let wake: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (stopper.signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });

  let frame: TopFrame | undefined;
  /** One poll: a frame, or the reason the watch ends. */
  const poll = async (current: NimbusSession): Promise<TopEnd | undefined> => {
    let info;
    try {
      info = await current.client.getTopologyInfo(target.id, target.name);
    } catch (error) {
      if (error instanceof NimbusError && error.kind === 'not-alive') {
        return { reason: 'killed', message: `topology "${target.name}" is gone from Nimbus (${current.label}): it was killed` };
      }
      throw error;
    }
    const cluster = await current.client.getClusterInfo();
    frame = nextFrame(frame, snapshotOf(info, cluster, now()), frame?.window ?? options.window ?? DEFAULT_WINDOW);
    events.emit('frame', frame);
    if (info.status === 'KILLED') return { reason: 'killed', message: `topology "${target.name}" was killed (Nimbus is removing it)` };
    return undefined;
  };

  // The first answer is part of starting: an error here is the user's to see at once.
  let first: TopEnd | undefined;
  try {
    first = await poll(session);
  } catch (error) {
    await session.close();
    throw error;
  }

  const loop = async (): Promise<TopEnd> => {
    if (first) return first;
    let attempt = 0;
    while (!stopper.signal.aborted) {
      await sleep(attempt === 0 ? options.intervalMs : 0);
      if (stopper.signal.aborted) break;
      try {
        session ??= await options.connect();
        if (attempt > 0) {
          // Reconnected: the topology may have been resubmitted meanwhile (same name, new id).
          target = await findTopology(session, target.name).catch((error: unknown) => {
            if (error instanceof TopError) return target;
            throw error;
          });
          events.emit('reconnected', { address: session.label });
          attempt = 0;
        }
        const end = await poll(session);
        if (end) return end;
      } catch (error) {
        // While reconnecting, the tunnel's SSH may fail too: keep trying; only Nimbus's own answers end the watch.
        if (!isConnectionLoss(error) && !(attempt > 0 && !(error instanceof TopError) && !(error instanceof NimbusError))) throw error;
        await session?.close();
        session = undefined;
        const wait = delays[Math.min(attempt, delays.length - 1)]!;
        attempt++;
        events.emit('retrying', { message: (error as Error).message, attempt, retryAt: now() + wait });
        await sleep(wait);
      }
    }
    return { reason: 'stopped' };
  };

  const done = loop().finally(() => session?.close());
  const setActive = async (active: boolean): Promise<void> => {
    const current = session ?? (await options.connect());
    try {
      if (active) await current.client.activate(target.name);
      else await current.client.deactivate(target.name);
    } finally {
      if (current !== session) await current.close();
    }
    wake?.();
  };
  return {
    events,
    name: target.name,
    first: frame!,
    done,
    setActive,
    stop: () => {
      stopper.abort();
      wake?.();
    },
  };
}
