// `stp flux [TOPOLOGY] [--output FILE]`: the topology as Flux YAML, for users who run it with Storm's Flux.
import { nodeExecutableProblem } from '../../lib/config/schema.js';
import { FluxExportError } from '../../lib/topology/flux.js';
import { loadTopology } from '../../lib/topology/load.js';
import { renderTopology } from '../../lib/topology/render.js';
import { CliError } from '../errors.js';
import { writeOutputFile } from '../output-file.js';
import { asCliError } from './topology-errors.js';
import { chosenTopology, renamed, type TopologyChoiceFlags } from './topology-choice.js';

export interface FluxOptions extends TopologyChoiceFlags {
  output?: string;
  nodeExecutable?: string;
}

export default async function flux(given: string | undefined, options: FluxOptions): Promise<void> {
  const problem = options.nodeExecutable === undefined ? undefined : nodeExecutableProblem(options.nodeExecutable);
  if (problem) throw new CliError(`--node-executable ${JSON.stringify(options.nodeExecutable)}: expected ${problem}`);
  const { definition } = await loadTopology(chosenTopology(given, options)).catch(asCliError);
  const spec = renamed(definition.spec, options);
  let yaml: string;
  try {
    yaml = await renderTopology(spec, 'flux', options.nodeExecutable !== undefined ? { nodeExecutable: options.nodeExecutable } : {});
  } catch (error) {
    if (error instanceof FluxExportError) throw new CliError(error.message);
    throw error;
  }
  if (options.output === undefined) {
    process.stdout.write(yaml);
    return;
  }
  writeOutputFile(options.output, yaml, 'topology.yaml');
  process.stdout.write(`wrote Flux YAML of topology "${spec.name}" to ${options.output}\n`);
}
