// A plain-text table (padded columns, a header and a rule) for any command's listing; the Ink Table renders the
// same lines, so TTY and plain output never disagree.
export interface Column<Row> {
  readonly header: string;
  readonly value: (row: Row) => string | number;
  /** Right-align (numbers). */
  readonly right?: boolean;
}

export function formatTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string[] {
  const cells = rows.map((row) => columns.map((column) => String(column.value(row))));
  const widths = columns.map((column, i) => Math.max(column.header.length, ...cells.map((line) => line[i]!.length)));
  const pad = (text: string, i: number): string => (columns[i]!.right ? text.padStart(widths[i]!) : text.padEnd(widths[i]!));
  const line = (texts: readonly string[]): string => texts.map(pad).join('  ').trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)];
}
