// A typed Nimbus client: one method per Nimbus call stp makes, every failure a NimbusError that says what to do.
import { open } from 'node:fs/promises';
import { NimbusConnection, type ConnectionOptions } from './connection.js';
import { explainNimbusError, NimbusError } from './errors.js';
import { Nimbus, storm } from './generated.js';

/** Storm's own client uploads jars in chunks of this many bytes (frames must stay under 1 MiB). */
export const UPLOAD_CHUNK_BYTES = 307_200;

export interface UploadProgress {
  readonly sentBytes: number;
  readonly totalBytes: number;
}

export interface UploadOptions {
  readonly chunkBytes?: number;
  readonly onProgress?: (progress: UploadProgress) => void;
  /** Aborting stops between chunks; Nimbus drops the unfinished upload by itself (after 600 s). */
  readonly signal?: AbortSignal;
}

export interface SubmitRequest {
  readonly name: string;
  readonly jarLocation: string;
  readonly conf: Readonly<Record<string, unknown>>;
  readonly topology: storm.StormTopology;
  /** Submit deactivated (`--inactive`). */
  readonly inactive?: boolean;
}

export interface RebalanceRequest {
  readonly waitSecs?: number;
  readonly numWorkers?: number;
  readonly numExecutors?: Readonly<Record<string, number>>;
}

export type TopologySummary = storm.TopologySummary;
export type ClusterSummary = storm.ClusterSummary;
export type TopologyInfo = storm.TopologyInfo;

export class NimbusClient {
  private constructor(readonly connection: NimbusConnection) {}

  static async connect(options: ConnectionOptions): Promise<NimbusClient> {
    return new NimbusClient(await NimbusConnection.open(options));
  }

  /** Where the socket connects (a tunnel's local end when tunnelled). */
  get address(): string {
    return this.connection.address;
  }

  /** How messages name this Nimbus: host:port, the one behind the tunnel when tunnelled. */
  get label(): string {
    return this.connection.label;
  }

  close(): void {
    this.connection.close();
  }

  async #call<T>(method: string, topology: string | undefined, run: (client: Nimbus.Client) => Promise<T>): Promise<T> {
    try {
      return await this.connection.call(method, run);
    } catch (error) {
      const envName = this.connection.envName;
      throw explainNimbusError(error, { method, address: this.label, ...(topology === undefined ? {} : { topology }), ...(envName === undefined ? {} : { envName }) });
    }
  }

  /** Uploads a jar file in chunks and returns Nimbus's location for it. */
  async uploadJar(path: string, options: UploadOptions = {}): Promise<string> {
    const chunkBytes = options.chunkBytes ?? UPLOAD_CHUNK_BYTES;
    const file = await open(path, 'r');
    try {
      const { size: totalBytes } = await file.stat();
      const location = await this.#call('beginFileUpload', undefined, (c) => c.beginFileUpload());
      const buffer = Buffer.alloc(chunkBytes);
      let sentBytes = 0;
      options.onProgress?.({ sentBytes, totalBytes });
      while (sentBytes < totalBytes) {
        if (options.signal?.aborted) throw new NimbusError('aborted', 'upload cancelled; nothing was submitted');
        const { bytesRead } = await file.read(buffer, 0, chunkBytes, sentBytes);
        if (bytesRead === 0) throw new NimbusError('aborted', `${path} shrank during the upload; build the jar again`);
        // The chunk is copied: the generated code keeps a reference until the frame is written.
        const chunk = Buffer.from(buffer.subarray(0, bytesRead));
        await this.#call('uploadChunk', undefined, (c) => c.uploadChunk(location, chunk));
        sentBytes += bytesRead;
        options.onProgress?.({ sentBytes, totalBytes });
      }
      if (options.signal?.aborted) throw new NimbusError('aborted', 'upload cancelled; nothing was submitted');
      await this.#call('finishFileUpload', undefined, (c) => c.finishFileUpload(location));
      return location;
    } finally {
      await file.close();
    }
  }

  async submitTopology(request: SubmitRequest): Promise<void> {
    const jsonConf = JSON.stringify(request.conf);
    const options = new storm.SubmitOptions({
      initial_status: request.inactive ? storm.TopologyInitialStatus.INACTIVE : storm.TopologyInitialStatus.ACTIVE,
    });
    await this.#call('submitTopologyWithOpts', request.name, (c) =>
      c.submitTopologyWithOpts(request.name, request.jarLocation, jsonConf, request.topology, options),
    );
  }

  /** Kills a topology; Nimbus waits `waitSecs` (default: its message timeout) before tearing it down. */
  async killTopology(name: string, waitSecs?: number): Promise<void> {
    const options = new storm.KillOptions(waitSecs === undefined ? {} : { wait_secs: waitSecs });
    await this.#call('killTopologyWithOpts', name, (c) => c.killTopologyWithOpts(name, options));
  }

  async activate(name: string): Promise<void> {
    await this.#call('activate', name, (c) => c.activate(name));
  }

  async deactivate(name: string): Promise<void> {
    await this.#call('deactivate', name, (c) => c.deactivate(name));
  }

  async rebalance(name: string, request: RebalanceRequest): Promise<void> {
    const options = new storm.RebalanceOptions({
      ...(request.waitSecs === undefined ? {} : { wait_secs: request.waitSecs }),
      ...(request.numWorkers === undefined ? {} : { num_workers: request.numWorkers }),
      ...(request.numExecutors === undefined ? {} : { num_executors: { ...request.numExecutors } }),
    });
    await this.#call('rebalance', name, (c) => c.rebalance(name, options));
  }

  /** The leading Nimbus (only the leader accepts submits). */
  async getLeader(): Promise<storm.NimbusSummary> {
    return this.#call('getLeader', undefined, (c) => c.getLeader());
  }

  async getClusterInfo(): Promise<ClusterSummary> {
    return this.#call('getClusterInfo', undefined, (c) => c.getClusterInfo());
  }

  /** A running topology's executors (with their stats), errors and status; `name` is for messages. */
  async getTopologyInfo(id: string, name?: string): Promise<TopologyInfo> {
    return this.#call('getTopologyInfo', name ?? id, (c) => c.getTopologyInfo(id));
  }

  /** The same, found by the topology's name. */
  async getTopologyInfoByName(name: string): Promise<TopologyInfo> {
    return this.#call('getTopologyInfoByName', name, (c) => c.getTopologyInfoByName(name));
  }

  /** The Storm version the leading Nimbus reports, or undefined when it reports none (or will not say). */
  async stormVersion(): Promise<string | undefined> {
    const { nimbuses } = await this.getClusterInfo();
    const version = (nimbuses.find((n) => n.isLeader) ?? nimbuses[0])?.version;
    return version && !/unknown|not.?available/i.test(version) ? version : undefined;
  }

  #byNameMissing = false;

  /** The running topology of that name, or undefined when none runs. */
  async findTopology(name: string): Promise<TopologySummary | undefined> {
    if (!this.#byNameMissing) {
      try {
        return await this.#call('getTopologySummaryByName', name, (c) => c.getTopologySummaryByName(name));
      } catch (error) {
        if (error instanceof NimbusError && error.kind === 'not-alive') return undefined;
        // Storm before 2.x lacks getTopologySummaryByName: fall back to the cluster summary.
        if (!(error instanceof NimbusError && error.kind === 'application' && /unknown (function|method)|invalid method/i.test(error.stormMessage ?? ''))) throw error;
        this.#byNameMissing = true;
      }
    }
    return (await this.getClusterInfo()).topologies.find((topology) => topology.name === name);
  }

  /** Polls until no topology of that name runs, or `timeoutMs` passes (then throws). */
  async waitUntilGone(name: string, timeoutMs: number, pollMs = 1000, signal?: AbortSignal): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!(await this.findTopology(name))) return;
      if (signal?.aborted) throw new NimbusError('aborted', `stopped waiting for "${name}" to go (it is being killed); nothing was submitted`);
      if (Date.now() >= deadline) {
        throw new NimbusError('timeout', `topology "${name}" is still on Nimbus after ${Math.round(timeoutMs / 1000)} s; wait longer (--wait SECS) or check Storm UI`);
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(pollMs, deadline - Date.now()))));
    }
  }
}
