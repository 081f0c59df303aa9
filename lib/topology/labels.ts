// How a component and an edge are named in pictures (DOT, mermaid, SVG): the same words in every format.
import type { ComponentSpec, GroupingSpec, InputSpec } from './spec.js';
import { DEFAULT_STREAM, taskCount } from './spec.js';

/** `count` / `WordCounter · p=4` (plus `, 8 tasks` when tasks differ from p). */
export function componentLines(component: ComponentSpec): [string, string] {
  const what =
    component.impl.kind === 'typescript'
      ? component.impl.className
      : component.impl.kind === 'shell'
        ? `${component.impl.command} ${component.impl.script}`
        : component.impl.className.split('.').pop() ?? component.impl.className;
  const tasks = taskCount(component) === component.parallelism ? '' : `, ${taskCount(component)} tasks`;
  return [component.id, `${what} · p=${component.parallelism}${tasks}`];
}

/** `fields(word)`, `shuffle`, `totals: global`, `custom(HashGrouping)`. */
export function edgeLabel(input: InputSpec): string {
  const grouping = groupingLabel(input.grouping);
  return input.stream === DEFAULT_STREAM ? grouping : `${input.stream}: ${grouping}`;
}

function groupingLabel(grouping: GroupingSpec): string {
  switch (grouping.type) {
    case 'fields':
      return `fields(${grouping.fields.join(', ')})`;
    case 'custom':
      return `custom(${grouping.className.split('.').pop() ?? grouping.className})`;
    default:
      return grouping.type;
  }
}
