// TopologySpec → a mermaid flowchart (renders in GitHub markdown): spouts as stadiums, bolts as boxes, edges
// labelled with grouping and stream. Node ids are generated (n0, n1, ...) since component ids may hold any text.
import { componentLines, edgeLabel } from './labels.js';
import type { TopologySpec } from './spec.js';

/** Mermaid label text: quotes and markup characters as entity codes. */
function text(value: string): string {
  return value.replace(/[#"<>]/g, (c) => `#${c.charCodeAt(0)};`);
}

export function toMermaid(spec: TopologySpec): string {
  const ids = new Map(spec.components.map((c, i) => [c.id, `n${i}`]));
  const lines = ['flowchart LR'];
  for (const component of spec.components) {
    const [id, detail] = componentLines(component);
    const label = `"${text(id)}<br/>${text(detail)}"`;
    lines.push(`  ${ids.get(component.id)}${component.role === 'spout' ? `([${label}])` : `[${label}]`}`);
  }
  for (const component of spec.components) {
    for (const input of component.inputs) {
      const from = ids.get(input.source) ?? `n${ids.size}`;
      lines.push(`  ${from} -->|"${text(edgeLabel(input))}"| ${ids.get(component.id)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
