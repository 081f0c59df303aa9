// How the stats commands print a report: aligned tables (bold titles on a colour terminal) and the source that
// answered, or JSON with that source in it.
import { describeSource, type SourcedReport } from '../../lib/remote/stats-source.js';
import { formatTable } from '../../lib/remote/storm-ui/table.js';
import { colorEnabled, isInteractive } from '../ui/mode.js';

export interface UiCommandOptions {
  environment?: string;
  json?: boolean;
  acceptNewHostKey?: boolean;
}

export function printReport(report: SourcedReport<object>, options: UiCommandOptions): void {
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ ...report.data, source: report.source }, null, 2)}\n`);
    return;
  }
  const bold = isInteractive() && colorEnabled() ? (text: string) => `\u001b[1m${text}\u001b[22m` : undefined;
  process.stdout.write(`${report.tables.map((table) => formatTable(table, bold)).join('\n\n')}\n\nSource: ${describeSource(report.source)}\n`);
}
