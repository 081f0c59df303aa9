// How the Storm UI commands print a report: aligned tables (bold titles on a colour terminal), or JSON.
import type { Report } from '../../lib/remote/storm-ui/reports.js';
import { formatTable } from '../../lib/remote/storm-ui/table.js';
import { colorEnabled, isInteractive } from '../ui/mode.js';

export interface UiCommandOptions {
  environment?: string;
  json?: boolean;
  acceptNewHostKey?: boolean;
}

export function printReport(report: Report<unknown>, options: UiCommandOptions): void {
  if (options.json) {
    process.stdout.write(`${JSON.stringify(report.data, null, 2)}\n`);
    return;
  }
  const bold = isInteractive() && colorEnabled() ? (text: string) => `\u001b[1m${text}\u001b[22m` : undefined;
  process.stdout.write(`${report.tables.map((table) => formatTable(table, bold)).join('\n\n')}\n`);
}
