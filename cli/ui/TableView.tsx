// The Ink face of formatTable: the header in bold, rows as they are.
import { Box, Text } from 'ink';
import { formatTable, type Column } from './table.js';

export interface TableProps<Row> {
  readonly rows: readonly Row[];
  readonly columns: readonly Column<Row>[];
}

export function Table<Row>({ rows, columns }: TableProps<Row>) {
  const [header, rule, ...body] = formatTable(rows, columns);
  return (
    <Box flexDirection="column">
      <Text bold>{header}</Text>
      <Text dimColor>{rule}</Text>
      {body.map((line, i) => (
        <Text key={i}>{line}</Text>
      ))}
    </Box>
  );
}
