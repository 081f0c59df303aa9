// What a submit would send, worked out without touching the network: the topology's name, the resolved conf
// (with where each value came from) and the StormTopology. `stp submit --dry-run` prints it; submit sends it.
import { SERIALIZER_CONF_KEY, STP_SERIALIZER_CLASS } from '../bundle/multilang-serializer.js';
import type { CliConf, ConfDefault, ResolvedConf } from '../config/conf.js';
import { resolveConf } from '../config/conf.js';
import type { ResolvedEnv } from '../config/env.js';
import { checkStormConf } from '../config/storm-conf.js';
import { isStateConfProblem, PROVIDER_CONFIG_KEY, PROVIDER_KEY, readStoreChoice } from '../state/store-choice.js';
import type { TopologySpec } from '../topology/spec.js';
import { toStormTopology, type StormTopologyObject } from '../topology/storm-topology.js';
import { validateTopology } from '../topology/validate.js';

/** What stp sets in every submitted conf unless the user sets it (`-o`, the topology's conf or the env's options). */
export const SUBMIT_CONF_DEFAULTS: Readonly<Record<string, ConfDefault>> = {
  [SERIALIZER_CONF_KEY]: { value: STP_SERIALIZER_CLASS, why: "stp's multilang serializer, in the jar (direct emits on Storm 2.x)" },
};

/** Nimbus's rule for topology names. */
const TOPOLOGY_NAME = /^[^/.:\\]+$/;

export interface SubmitPlan {
  readonly name: string;
  readonly spec: TopologySpec;
  readonly conf: ResolvedConf;
  readonly topology: StormTopologyObject;
}

export class SubmitPlanError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'SubmitPlanError';
  }
}

export function planSubmit(input: { spec: TopologySpec; env: ResolvedEnv; cli?: CliConf; name?: string }): SubmitPlan {
  const name = input.name ?? input.spec.name;
  if (!TOPOLOGY_NAME.test(name)) {
    throw new SubmitPlanError([`topology name ${JSON.stringify(name)} is not allowed by Nimbus (no "/", ".", ":" or "\\"); choose another with -N NAME`]);
  }
  const problems: string[] = [];
  const spec: TopologySpec = { ...input.spec, name };
  validateTopology(spec);
  const conf = resolveConf({ defaults: SUBMIT_CONF_DEFAULTS, env: input.env, topology: spec.conf, ...(input.cli ? { cli: input.cli } : {}) });
  problems.push(...checkStormConf(conf.entries), ...componentStateProblems(spec, conf.conf));
  if (problems.length > 0) throw new SubmitPlanError(problems);
  const topology = toStormTopology(spec, { nodeExecutable: input.env.config.node_executable });
  return { name, spec, conf: { ...conf, conf: { ...conf.conf, 'topology.name': name } }, topology };
}

/**
 * A stateful bolt whose own conf sets the state provider or its config (Storm lets a component override them)
 * reads them over the topology's: each such bolt's store choice, checked before anything is uploaded.
 */
function componentStateProblems(spec: TopologySpec, conf: Readonly<Record<string, unknown>>): string[] {
  return spec.components
    .filter((component) => component.stateful && (PROVIDER_KEY in component.conf || PROVIDER_CONFIG_KEY in component.conf))
    .flatMap((component) => {
      const read = readStoreChoice({ ...conf, ...component.conf });
      return isStateConfProblem(read) ? [`component '${component.id}' conf: "${read.key}"${read.at} ${read.text}`] : [];
    });
}
