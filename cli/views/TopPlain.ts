// `stp top` off a terminal: a line per component per interval, or with --json one JSON record per line
// (a topology record, then one per component), so the output can feed a log or a monitoring script.
import type { Writable } from 'node:stream';
import { subscribe } from '../../lib/events.js';
import type { TopFrame } from '../../lib/top/frame.js';
import { componentLine, componentRecord, headerLine, topologyRecord } from '../../lib/top/report.js';
import type { TopWatch } from '../../lib/top/watch.js';

export function renderTopPlain(watch: TopWatch, out: Writable, { json }: { json: boolean }): () => void {
  const write = (line: string) => out.write(`${line}\n`);
  const onFrame = (frame: TopFrame): void => {
    if (json) {
      write(JSON.stringify(topologyRecord(frame)));
      for (const row of frame.components) write(JSON.stringify(componentRecord(frame, row)));
    } else {
      write(headerLine(frame));
      for (const row of frame.components) write(componentLine(frame, row));
    }
  };
  onFrame(watch.first);
  return subscribe(watch.events, {
    frame: onFrame,
    retrying: ({ message, attempt, retryAt }) => {
      const secs = Math.max(0, Math.round((retryAt - Date.now()) / 1000));
      write(
        json
          ? JSON.stringify({ type: 'retrying', time: new Date().toISOString(), error: message, attempt, retry_in_secs: secs })
          : `stp top: ${message}; retrying in ${secs} s (attempt ${attempt})`,
      );
    },
    reconnected: ({ address }) => {
      write(json ? JSON.stringify({ type: 'reconnected', time: new Date().toISOString(), address }) : `stp top: connected to Nimbus at ${address} again`);
    },
  });
}
