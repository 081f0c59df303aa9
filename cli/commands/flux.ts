// `stp flux [TOPOLOGY] [-o FILE]`: the topology as Flux YAML, for users who run it with Storm's Flux.
import { writeFileSync } from 'node:fs';
import { nodeExecutableProblem } from '../../lib/config/schema.js';
import { FluxExportError } from '../../lib/topology/flux.js';
import { loadTopology } from '../../lib/topology/load.js';
import { renderTopology } from '../../lib/topology/render.js';
import { CliError } from '../errors.js';
import { asCliError } from './topology-errors.js';

export interface FluxOptions {
  output?: string;
  nodeExecutable?: string;
}

export default async function flux(topology: string | undefined, options: FluxOptions): Promise<void> {
  const problem = options.nodeExecutable === undefined ? undefined : nodeExecutableProblem(options.nodeExecutable);
  if (problem) throw new CliError(`--node-executable ${JSON.stringify(options.nodeExecutable)}: expected ${problem}`);
  const { definition } = await loadTopology(topology).catch(asCliError);
  let yaml: string;
  try {
    yaml = await renderTopology(definition.spec, 'flux', options.nodeExecutable !== undefined ? { nodeExecutable: options.nodeExecutable } : {});
  } catch (error) {
    if (error instanceof FluxExportError) throw new CliError(error.message);
    throw error;
  }
  if (options.output === undefined) {
    process.stdout.write(yaml);
    return;
  }
  writeFileSync(options.output, yaml);
  process.stdout.write(`wrote Flux YAML of topology "${definition.spec.name}" to ${options.output}\n`);
}
