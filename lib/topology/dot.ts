// TopologySpec → Graphviz DOT: components as nodes (spouts as ellipses, bolts as boxes, with class and
// parallelism), subscriptions as edges labelled with grouping and stream.
import { componentLines, edgeLabel } from './labels.js';
import type { ComponentSpec, TopologySpec } from './spec.js';

/** A DOT string literal: quotes and backslashes escaped, newlines as centred line breaks. */
function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

function nodeAttributes(component: ComponentSpec): string {
  const [id, detail] = componentLines(component);
  const shape = component.role === 'spout' ? 'ellipse' : 'box';
  const fill = component.impl.kind === 'typescript' ? (component.role === 'spout' ? '#dbeafe' : '#dcfce7') : '#f3f4f6';
  return `label=${quote(`${id}\n${detail}`)}, shape=${shape}, fillcolor=${quote(fill)}`;
}

export function toDot(spec: TopologySpec): string {
  const lines = [
    `digraph ${quote(spec.name)} {`,
    '  rankdir=LR;',
    '  node [style="rounded,filled", fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=10];',
  ];
  for (const component of spec.components) lines.push(`  ${quote(component.id)} [${nodeAttributes(component)}];`);
  for (const component of spec.components) {
    for (const input of component.inputs) {
      lines.push(`  ${quote(input.source)} -> ${quote(component.id)} [label=${quote(edgeLabel(input))}];`);
    }
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
