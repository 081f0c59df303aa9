// When a crashed task comes back: a back-off that doubles while the task keeps dying soon after it started
// (100 ms, 200 ms, ... up to 5 s) and starts over once it ran for a while; and how many deaths before its
// handshake stop the run instead of looping.

/** A task that dies this many times in a row before answering its handshake is not restarted again. */
export const STARTUP_CRASH_LIMIT = 5;

const FIRST_DELAY_MS = 100;
const MAX_DELAY_MS = 5000;
/** A process that lived this long after its handshake counts as healthy: the back-off starts over. */
const HEALTHY_MS = 10_000;

export interface CrashHistory {
  crashes: number;
  /** Deaths in a row before the handshake was answered. */
  startupCrashes: number;
  /** When the current process answered its handshake (null: not yet). */
  readyAt: number | null;
  /** When the task last died (recovery time counts from here). */
  crashedAt: number;
  /** Deaths in a row that came soon after the start: the back-off's exponent. */
  recent: number;
}

/** The back-off before the next start, updating `recent`. */
export function restartDelay(history: CrashHistory, now: number): number {
  const healthy = history.readyAt !== null && now - history.readyAt >= HEALTHY_MS;
  history.recent = healthy ? 1 : history.recent + 1;
  history.readyAt = null;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (history.recent - 1));
}
