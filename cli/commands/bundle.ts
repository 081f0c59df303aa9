// `stp bundle [TOPOLOGY] --output DIR`: one `<componentId>.js` per TypeScript component (what the jar's resources/
// and the local engine run). An Ink view on a terminal, plain lines otherwise.
import { isAbsolute, relative } from 'node:path';
import { BundleError } from '../../lib/bundle/component-bundle-errors.js';
import { bundleTopology, createBundleEmitter } from '../../lib/bundle/component-bundle.js';
import { bundledLine, bundleSummary } from '../../lib/topology/bundle-report.js';
import { loadTopology } from '../../lib/topology/load.js';
import { colorEnabled, isInteractive } from '../ui/mode.js';
import { CliError } from '../errors.js';
import { asCliError } from './topology-errors.js';
import { chosenTopology, type TopologyChoiceFlags } from './topology-choice.js';

export interface BundleCommandOptions extends TopologyChoiceFlags {
  output?: string;
}

export default async function bundle(given: string | undefined, options: BundleCommandOptions): Promise<void> {
  if (typeof options.output !== 'string' || options.output === '') {
    throw new CliError('stp bundle needs --output DIR: the folder the component files go to (e.g. --output _build/resources)');
  }
  const { file, definition } = await loadTopology(chosenTopology(given, options)).catch(asCliError);
  const events = createBundleEmitter();
  let finish = (): void => {};
  if (isInteractive()) {
    const [{ render }, { createElement }, { BundleApp }] = await Promise.all([import('ink'), import('react'), import('../views/BundleView.js')]);
    const app = render(createElement(BundleApp, { events, color: colorEnabled() }), { patchConsole: false });
    finish = () => app.unmount();
  } else {
    events.on('bundle:component', (c) => process.stdout.write(`${bundledLine(shown(c.file), c.bytes)}\n`));
    events.on('bundle:done', (r) => process.stdout.write(`${bundleSummary(r.topology, r.components.length, shown(r.outDir), r.ms)}\n`));
  }
  try {
    await bundleTopology({ topologyFile: file, outDir: options.output, spec: definition.spec, events });
  } catch (error) {
    if (error instanceof BundleError) throw new CliError(error.message, 1);
    throw error;
  } finally {
    finish();
  }
}

/** A path as the user would type it: relative inside the working folder, absolute outside it. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}
