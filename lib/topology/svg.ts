// TopologySpec → SVG, rendered from the DOT by Graphviz compiled to WebAssembly (@viz-js/viz): no system
// Graphviz needed.
import { toDot } from './dot.js';
import type { TopologySpec } from './spec.js';

export async function toSvg(spec: TopologySpec): Promise<string> {
  const { instance } = await import('@viz-js/viz');
  const viz = await instance();
  const result = viz.render(toDot(spec), { format: 'svg' });
  if (result.status !== 'success') {
    const messages = result.errors.map((e) => e.message).join('; ');
    throw new Error(`could not render topology ${JSON.stringify(spec.name)} as SVG: ${messages}`);
  }
  return result.output;
}
