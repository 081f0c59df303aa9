// `stp visualize [TOPOLOGY] [--format svg|dot|mermaid] [--output FILE]`: a picture of the topology's graph.
import { loadTopology } from '../../lib/topology/load.js';
import { formatFromFileName, isPictureFormat, PICTURE_FORMATS, renderTopology } from '../../lib/topology/render.js';
import { CliError } from '../errors.js';
import { writeOutputFile } from '../output-file.js';
import { asCliError } from './topology-errors.js';
import { chosenTopology, renamed, type TopologyChoiceFlags } from './topology-choice.js';

export interface VisualizeOptions extends TopologyChoiceFlags {
  format?: string;
  output?: string;
}

export default async function visualize(given: string | undefined, options: VisualizeOptions): Promise<void> {
  const format = options.format ?? (options.output !== undefined ? formatFromFileName(options.output) : undefined) ?? 'svg';
  if (!isPictureFormat(format)) {
    throw new CliError(`unknown --format "${format}"; use ${PICTURE_FORMATS.join(', ')}`);
  }
  const { definition } = await loadTopology(chosenTopology(given, options)).catch(asCliError);
  const spec = renamed(definition.spec, options);
  const text = await renderTopology(spec, format);
  if (options.output === undefined) {
    process.stdout.write(text);
    return;
  }
  writeOutputFile(options.output, text, `${spec.name}.${format === 'mermaid' ? 'mmd' : format}`);
  process.stdout.write(`wrote ${format} of topology "${spec.name}" to ${options.output}\n`);
}
