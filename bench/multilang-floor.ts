// The floor for the multilang benchmark: the least a Node process can do to speak the protocol (split frames,
// JSON.parse, answer with JSON.stringify), with no API around it. Written out as a plain .js file and run as
// `node floor.js`, like a bundle.
export const FLOOR_SOURCE = String.raw`'use strict';
const fs = require('fs');
let buffered = '';
let handshaken = false;
let kind = 'bolt';
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
      kind = msg.context.componentid === 'counter' ? 'spout' : 'bolt';
      out += JSON.stringify({ pid: process.pid }) + '\nend\n';
    } else if (kind === 'bolt') {
      if (msg.stream === '__heartbeat') out += '{"command":"sync"}\nend\n';
      else {
        out += JSON.stringify({ command: 'emit', tuple: msg.tuple, stream: 'default', anchors: [msg.id], need_task_ids: false }) + '\nend\n';
        out += JSON.stringify({ command: 'ack', id: msg.id }) + '\nend\n';
      }
    }
  }
  if (out) process.stdout.write(out);
});
process.stdin.on('end', () => process.exit(0));
`;
