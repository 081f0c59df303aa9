// Chaos: SIGKILL a random task every so often, to see a topology keep its at-least-once promise when processes
// die. A seed makes the run reproducible: the same seed gives the same intervals and the same choice of victims
// (what each kill hits in flight still depends on timing).
import type { TopologySpec } from '../topology/spec.js';
import { LocalRunError } from './errors.js';
import { layoutTopology } from './layout.js';

export interface ChaosOptions {
  /** The pause between two kills is drawn uniformly from [minMs, maxMs]. */
  readonly minMs: number;
  readonly maxMs: number;
  /** Only tasks of these components; default every bolt (a spout's replay buffer dies with it, see docs/local.md). */
  readonly components?: readonly string[];
  readonly seed: number;
}

/** The task ids chaos may kill, in a fixed order (the seed picks among them). */
export function chaosTargets(spec: TopologySpec, options: ChaosOptions): number[] {
  if (!(options.minMs > 0) || !(options.maxMs >= options.minMs)) {
    throw new LocalRunError(`chaos: the pause between kills must be > 0 with min <= max, got ${options.minMs}-${options.maxMs} ms`);
  }
  if (!Number.isInteger(options.seed)) throw new LocalRunError(`chaos: the seed must be an integer, got ${options.seed}`);
  const known = spec.components.map((c) => c.id);
  for (const id of options.components ?? []) {
    if (!known.includes(id)) throw new LocalRunError(`chaos: topology '${spec.name}' has no component '${id}'; it has: ${known.join(', ')}`);
  }
  const chosen = options.components ?? spec.components.filter((c) => c.role === 'bolt').map((c) => c.id);
  if (chosen.length === 0) throw new LocalRunError(`chaos: topology '${spec.name}' has no bolts to kill; name the components with --chaos-components`);
  const layout = layoutTopology(spec);
  return chosen.flatMap((id) => layout.componentTasks.get(id) ?? []).sort((a, b) => a - b);
}

export class Chaos {
  kills = 0;
  readonly #random: () => number;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(
    private readonly options: ChaosOptions,
    private readonly targets: readonly number[],
    /** Kills the task if it is up; false when it is not (already down or restarting): that turn is skipped. */
    private readonly kill: (task: number) => boolean,
  ) {
    this.#random = mulberry32(options.seed);
    this.#schedule();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  #schedule(): void {
    if (this.#stopped) return;
    const pause = this.options.minMs + this.#random() * (this.options.maxMs - this.options.minMs);
    this.#timer = setTimeout(() => {
      // Draw the victim whether or not it is up, so the sequence of victims depends on the seed alone.
      const victim = this.targets[Math.floor(this.#random() * this.targets.length)]!;
      if (this.kill(victim)) this.kills++;
      this.#schedule();
    }, pause);
  }
}

/** A small seeded PRNG (Mulberry32): uniform floats in [0, 1), the same sequence for the same seed. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
