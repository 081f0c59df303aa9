// One entry for every text form of a topology, so commands pick a format by name and hold no logic.
import { toDot } from './dot.js';
import { toFlux } from './flux.js';
import { toMermaid } from './mermaid.js';
import type { TopologySpec } from './spec.js';
import { toSvg } from './svg.js';

export const PICTURE_FORMATS = ['svg', 'dot', 'mermaid'] as const;
export type PictureFormat = (typeof PICTURE_FORMATS)[number];
export type TopologyFormat = PictureFormat | 'flux';

export function isPictureFormat(value: string): value is PictureFormat {
  return (PICTURE_FORMATS as readonly string[]).includes(value);
}

/** The picture format a file name implies (`graph.svg` → svg, `.gv`/`.dot` → dot, `.mmd`/`.mermaid` → mermaid). */
export function formatFromFileName(file: string): PictureFormat | undefined {
  const ext = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
  if (ext === 'svg') return 'svg';
  if (ext === 'dot' || ext === 'gv') return 'dot';
  if (ext === 'mmd' || ext === 'mermaid') return 'mermaid';
  return undefined;
}

export async function renderTopology(spec: TopologySpec, format: TopologyFormat, options: { nodeExecutable?: string } = {}): Promise<string> {
  switch (format) {
    case 'svg':
      return toSvg(spec);
    case 'dot':
      return toDot(spec);
    case 'mermaid':
      return toMermaid(spec);
    case 'flux':
      return toFlux(spec, options);
  }
}
