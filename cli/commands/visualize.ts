// `stp visualize [TOPOLOGY] [--format svg|dot|mermaid] [-o FILE]`: a picture of the topology's graph.
import { writeFileSync } from 'node:fs';
import { loadTopology } from '../../lib/topology/load.js';
import { formatFromFileName, isPictureFormat, PICTURE_FORMATS, renderTopology } from '../../lib/topology/render.js';
import { CliError } from '../errors.js';
import { asCliError } from './topology-errors.js';

export interface VisualizeOptions {
  format?: string;
  output?: string;
}

export default async function visualize(topology: string | undefined, options: VisualizeOptions): Promise<void> {
  const format = options.format ?? (options.output !== undefined ? formatFromFileName(options.output) : undefined) ?? 'svg';
  if (!isPictureFormat(format)) {
    throw new CliError(`unknown --format "${format}"; use ${PICTURE_FORMATS.join(', ')}`);
  }
  const { definition } = await loadTopology(topology).catch(asCliError);
  const text = await renderTopology(definition.spec, format);
  if (options.output === undefined) {
    process.stdout.write(text);
    return;
  }
  writeFileSync(options.output, text);
  process.stdout.write(`wrote ${format} of topology "${definition.spec.name}" to ${options.output}\n`);
}
