// Tables as data: reports build them, the CLI prints them (aligned text) or prints the JSON beside them instead.

export type Align = 'left' | 'right';

export interface Table {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Per column; default left. */
  readonly align?: readonly Align[];
}

/** Aligned text, a title line and a header rule; `bold` wraps the title (ANSI on a colour terminal). */
export function formatTable(table: Table, bold: (text: string) => string = (text) => text): string {
  const widths = table.columns.map((column, index) =>
    Math.max(column.length, ...table.rows.map((row) => (row[index] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, index) => (table.align?.[index] === 'right' ? cell.padStart(widths[index]!) : cell.padEnd(widths[index]!)))
      .join('  ')
      .trimEnd();
  const body = table.rows.length > 0 ? table.rows.map(line) : ['(none)'];
  return [bold(table.title), line(table.columns), widths.map((width) => '-'.repeat(width)).join('  '), ...body].join('\n');
}
