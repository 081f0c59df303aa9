// The first bytes Nimbus sends back open a Thrift frame: a 4-byte length, then a strict binary-protocol header
// (0x80 0x01). Something else on the Nimbus port (a web server, an SSH server) is named at once from its first
// bytes, instead of waiting for a "frame" whose length is four ASCII letters ("HTTP" reads as 1.2 GB).

/** Far above any Nimbus reply, far below any length that printable text reads as (0x10000000 and up). */
const MAX_FRAME_BYTES = 0x10000000;
/** The length and the protocol version's two bytes. */
export const FRAME_HEAD_BYTES = 6;

/** undefined while `head` (the first bytes received) opens a Thrift frame or may still; else what it looks like. */
export function notThriftReply(head: Buffer): string | undefined {
  if (head.length < 4) return undefined;
  const length = head.readInt32BE(0);
  const versionOk = head.length < FRAME_HEAD_BYTES || (head[4] === 0x80 && head[5] === 0x01);
  if (length > 0 && length <= MAX_FRAME_BYTES && versionOk) return undefined;
  return describeBytes(head);
}

function describeBytes(head: Buffer): string {
  const firstLine = head.toString('latin1').split(/\r?\n/, 1)[0]!.slice(0, 80);
  if (/^[\x20-\x7e]{4,}$/.test(firstLine)) {
    return firstLine.startsWith('HTTP/') ? `it answered in HTTP (${JSON.stringify(firstLine)})` : `it answered with text (${JSON.stringify(firstLine)})`;
  }
  const hex = [...head.subarray(0, 8)].map((byte) => byte.toString(16).padStart(2, '0')).join(' ');
  return `its answer is not a Thrift frame (first bytes ${hex})`;
}
