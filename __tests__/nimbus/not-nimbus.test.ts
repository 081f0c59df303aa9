// Something other than Nimbus on the Nimbus port: a web server that answers 400 and closes, one that answers and
// keeps the connection open, an SSH server's banner. `stp list`, `submit` and `top` fail at once (long before the
// 60 s call timeout) with one line saying what answered; the first bytes are checked by notThriftReply.
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { notThriftReply } from '../../lib/nimbus/reply-check.js';
import { runTree } from '../helpers/process-tree.js';
import { copyWordcount, type TempProject } from '../helpers/temp-project.js';

const bin = fileURLToPath(new URL('../../bin/stp.js', import.meta.url));

function listen<T extends Server | HttpServer>(server: T): Promise<T> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
const portOf = (server: Server | HttpServer): number => (server.address() as AddressInfo).port;
const close = (server: Server | HttpServer): Promise<void> => new Promise((resolve) => server.close(() => resolve()));

let project: TempProject;
/** Node's HTTP server: a Thrift frame is a bad request to it, answered with 400, then the connection closes. */
let http: HttpServer;
/** Answers the first bytes with an HTTP 400 page and keeps the connection open (the case that waited 60 s). */
let stays: Server;
/** Sends an SSH banner on connect, as sshd does. */
let ssh: Server;
const sockets = new Set<import('node:net').Socket>();

beforeAll(async () => {
  project = copyWordcount();
  const track = (socket: import('node:net').Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  [http, stays, ssh] = await Promise.all([
    listen(createHttpServer((_request, response) => response.writeHead(404).end('<html><title>404</title></html>'))),
    listen(
      createServer((socket) => {
        track(socket);
        socket.once('data', () => socket.write('HTTP/1.1 400 Bad Request\r\nContent-Type: text/html\r\n\r\n<html><head><title>400 Bad Request</title></head></html>'));
      }),
    ),
    listen(
      createServer((socket) => {
        track(socket);
        socket.write('SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n');
      }),
    ),
  ]);
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all([http, stays, ssh].filter(Boolean).map(close));
  project?.remove();
});

async function stpAt(port: number, ...args: string[]) {
  project.writeConfig({ envs: { prod: { nimbus: `127.0.0.1:${port}` } } });
  const result = await runTree(process.execPath, [bin, ...args], { cwd: project.dir, env: { ...process.env, CI: '1', NO_COLOR: '1' }, timeoutMs: 40_000 });
  expect(result.timedOut).toBe(false);
  return result;
}

const notNimbus = (port: number, what: string) => `what listens at 127.0.0.1:${port} is not Nimbus: ${what}; check envs.prod.nimbus (Nimbus's Thrift port is 6627 by default, the Storm UI's 8080)`;
const HTTP_400 = 'it answered in HTTP ("HTTP/1.1 400 Bad Request")';

describe('a server that is not Nimbus on the Nimbus port', () => {
  it('stp list names an HTTP server that answered 400 and closed', async () => {
    const result = await stpAt(portOf(http), 'list');
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`stp: ${notNimbus(portOf(http), HTTP_400)}\n`);
  });

  it('stp list and stp top name an HTTP answer on a connection left open, at once', async () => {
    const port = portOf(stays);
    const [list, top] = await Promise.all([stpAt(port, 'list'), stpAt(port, 'top', 'wordcount')]);
    expect(list.stderr).toBe(`stp: ${notNimbus(port, HTTP_400)}\n`);
    expect(top.stderr).toBe(`stp: ${notNimbus(port, HTTP_400)}\n`);
    expect([list.status, top.status]).toEqual([1, 1]);
  });

  it('stp submit fails its connect step naming an SSH server', async () => {
    const port = portOf(ssh);
    const result = await stpAt(port, 'submit', 'wordcount');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('✓ Build jar');
    expect(result.stderr).toMatch(/^✗ Connect to Nimbus \(\d+ ms\): (.*)\n$/);
    expect(result.stderr).toContain(notNimbus(port, 'it answered with text ("SSH-2.0-OpenSSH_9.2p1 Debian-2")'));
  });
});

describe('notThriftReply', () => {

  it('accepts the head of a framed binary-protocol reply, and waits while too few bytes have come', () => {
    expect(notThriftReply(Buffer.from([0, 0, 0, 120, 0x80, 0x01, 0x00, 0x02]))).toBeUndefined();
    expect(notThriftReply(Buffer.from([0, 0]))).toBeUndefined();
    expect(notThriftReply(Buffer.from([0, 0, 1, 0]))).toBeUndefined();
  });

  it('names text, and shows the first bytes of anything else', () => {
    expect(notThriftReply(Buffer.from('HTTP/1.0 404 Not Found\r\n'))).toBe('it answered in HTTP ("HTTP/1.0 404 Not Found")');
    expect(notThriftReply(Buffer.from([0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x50]))).toBe('its answer is not a Thrift frame (first bytes 15 03 01 00 02 02 50)');
    // A plausible length but no binary-protocol version after it.
    expect(notThriftReply(Buffer.from([0, 0, 0, 9, 0x0b, 0x00, 0x01]))).toBe('its answer is not a Thrift frame (first bytes 00 00 00 09 0b 00 01)');
    expect(notThriftReply(Buffer.from([0xff, 0xff, 0xff, 0xf0]))).toBe('its answer is not a Thrift frame (first bytes ff ff ff f0)');
  });
});
