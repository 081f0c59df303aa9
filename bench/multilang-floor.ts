// The floor for the multilang benchmark: the least a Node process can do to speak the protocol (split frames,
// JSON.parse, answer with JSON.stringify, writes batched per read), with no API around it. It plays every
// component of bench/multilang-topology.ts, picked by the handshake's component id, and sends the same frames.
// Written out as a plain .js file and run as `node floor.js`, like a bundle.
export const FLOOR_SOURCE = String.raw`'use strict';
const fs = require('fs');
let buffered = '';
let handshaken = false;
let kind = 'pass';
let n = 0;
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffered += chunk;
  let out = '';
  let at;
  while ((at = buffered.indexOf('\nend\n')) >= 0) {
    const msg = JSON.parse(buffered.slice(0, at));
    buffered = buffered.slice(at + 5);
    if (!handshaken) {
      handshaken = true;
      fs.writeFileSync(msg.pidDir + '/' + process.pid, '');
      kind = msg.context.componentid;
      out += JSON.stringify({ pid: process.pid }) + '\nend\n';
    } else if (Array.isArray(msg)) {
      // task ids for an emit with need_task_ids: nothing waits for them
    } else if (kind === 'counter' || kind === 'counter10') {
      for (let i = kind === 'counter' ? 1 : 10; i > 0; i--) {
        n++;
        out += JSON.stringify({ command: 'emit', tuple: [n], stream: 'default', id: n, need_task_ids: false }) + '\nend\n';
      }
      out += '{"command":"sync"}\nend\n';
    } else if (kind === 'quiet') {
      // nothing to emit: sleep 1 ms before the sync, as stp's Spout.idleSleepMs
      setTimeout(() => process.stdout.write('{"command":"sync"}\nend\n'), 1);
    } else if (msg.stream === '__heartbeat') {
      out += '{"command":"sync"}\nend\n';
    } else {
      const ids = kind === 'ids';
      out += JSON.stringify({ command: 'emit', tuple: msg.tuple, stream: 'default', anchors: [msg.id], need_task_ids: ids }) + '\nend\n';
      if (kind === 'two') out += JSON.stringify({ command: 'emit', tuple: msg.tuple, stream: 'copy', anchors: [msg.id], need_task_ids: false }) + '\nend\n';
      out += JSON.stringify({ command: 'ack', id: msg.id }) + '\nend\n';
    }
  }
  if (out) process.stdout.write(out);
});
process.stdin.on('end', () => process.exit(0));
`;
