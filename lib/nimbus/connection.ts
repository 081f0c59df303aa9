// A framed, binary-protocol Thrift connection to Nimbus with connect and call timeouts. We drive the generated
// client ourselves (instead of thrift's Connection, which retries and queues) so that every call ends: with
// its answer, a timeout, or the connection's failure.
import { Socket } from 'node:net';
import thrift from 'thrift';
import { envSetting, explainConnectError, NimbusError } from './errors.js';
import { Nimbus } from './generated.js';
import { FRAME_HEAD_BYTES, notThriftReply } from './reply-check.js';

export interface ConnectionOptions {
  readonly host: string;
  readonly port: number;
  /** Give up connecting after this long (ms). @default 10000 */
  readonly connectTimeoutMs?: number;
  /** Give up on one call after this long (ms). @default 60000 */
  readonly callTimeoutMs?: number;
  /** The config.json env the address comes from, so that messages name its settings (`envs.prod.nimbus`). */
  readonly envName?: string;
  /** How messages name this Nimbus (default host:port): through a tunnel, the Nimbus behind it, not the local end. */
  readonly label?: string;
}

type Pending = (error: unknown, result?: unknown) => void;

/** The parts of the generated client we touch beyond its typed methods. */
interface ClientInternals {
  _reqs: Record<number, Pending>;
  [recv: `recv_${string}`]: ((input: thrift.TProtocol, mtype: number, seqid: number) => void) | undefined;
}

export class NimbusConnection {
  /** Where the socket connects (a tunnel's local end when tunnelled). */
  readonly address: string;
  /** How messages name this Nimbus. */
  readonly label: string;
  readonly client: Nimbus.Client;
  readonly callTimeoutMs: number;
  readonly envName: string | undefined;
  #socket: Socket;
  #failure: NimbusError | undefined;

  private constructor(socket: Socket, address: string, label: string, callTimeoutMs: number, envName: string | undefined) {
    this.#socket = socket;
    this.address = address;
    this.label = label;
    this.callTimeoutMs = callTimeoutMs;
    this.envName = envName;
    const transport = new thrift.TFramedTransport(undefined, (frame?: Buffer) => {
      if (frame && !socket.destroyed) socket.write(frame);
    });
    this.client = new Nimbus.Client(transport, thrift.TBinaryProtocol);
    const internals = this.client as unknown as ClientInternals;
    const receive = thrift.TFramedTransport.receiver((frame: thrift.TTransport) => {
      const input = new thrift.TBinaryProtocol(frame);
      try {
        const header = input.readMessageBegin();
        const handle = internals[`recv_${header.fname}`];
        if (handle) handle.call(this.client, input, header.mtype, header.rseqid);
      } catch (error) {
        this.#fail(new NimbusError('disconnected', `Nimbus at ${label} sent a reply stp cannot read: ${(error as Error).message}`));
      }
    }, 0);
    // The first bytes tell whether Nimbus answers at all (see reply-check.ts); after them, frames as they come.
    let head: Buffer | undefined = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      if (head !== undefined) {
        head = Buffer.concat([head, chunk]);
        const wrong = notThriftReply(head);
        if (wrong !== undefined) {
          this.#fail(
            new NimbusError('not-nimbus', `what listens at ${label} is not Nimbus: ${wrong}; check ${envSetting(envName, 'nimbus')} (Nimbus's Thrift port is 6627 by default, the Storm UI's 8080)`),
          );
          return;
        }
        if (head.length >= FRAME_HEAD_BYTES) head = undefined;
      }
      receive(chunk);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      this.#fail(new NimbusError('disconnected', `the connection to Nimbus at ${label} failed: ${error.message}`));
    });
    socket.on('close', () => {
      this.#fail(new NimbusError('disconnected', `Nimbus at ${label} closed the connection during the call; check Nimbus's log, then try again`));
    });
  }

  static open(options: ConnectionOptions): Promise<NimbusConnection> {
    const address = `${options.host}:${options.port}`;
    const label = options.label ?? address;
    const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
    return new Promise((resolve, reject) => {
      const socket = new Socket();
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new NimbusError('timeout', `cannot connect to Nimbus at ${label}: no answer within ${connectTimeoutMs / 1000} s; check ${envSetting(options.envName, 'nimbus')} and the network`));
      }, connectTimeoutMs);
      socket.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(explainConnectError(error, label, options.envName));
      });
      socket.connect(options.port, options.host, () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        socket.setNoDelay(true);
        resolve(new NimbusConnection(socket, address, label, options.callTimeoutMs ?? 60_000, options.envName));
      });
    });
  }

  /**
   * Runs one generated-client call. It ends with the answer, or rejects with a NimbusError when the call times
   * out or the connection fails (a timed-out connection is closed: a late answer must not be taken for another's).
   */
  call<T>(method: string, run: (client: Nimbus.Client) => Promise<T>, timeoutMs = this.callTimeoutMs): Promise<T> {
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#fail(new NimbusError('timeout', `Nimbus at ${this.label} did not answer ${method} within ${timeoutMs / 1000} s; check that Nimbus is healthy, then try again`));
      }, timeoutMs);
      let promise: Promise<T>;
      try {
        promise = run(this.client);
      } catch (error) {
        clearTimeout(timer);
        reject(error);
        return;
      }
      promise.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }

  /** Fails every pending call with `error` and closes the socket. */
  #fail(error: NimbusError): void {
    if (this.#failure) return;
    this.#failure = error;
    this.#socket.destroy();
    const pending = (this.client as unknown as ClientInternals)._reqs;
    for (const [seqid, callback] of Object.entries(pending)) {
      delete pending[Number(seqid)];
      callback(error);
    }
  }

  /** Closes the connection; calls still pending fail. */
  close(): void {
    this.#fail(new NimbusError('aborted', `the connection to Nimbus at ${this.label} was closed`));
  }
}
