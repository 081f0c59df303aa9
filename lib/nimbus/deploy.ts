// `stp submit`: validate, bundle, jar, prepare workers, open the tunnel, kill the old topology, upload, submit.
// Each step reports through typed events (the CLI renders them); nothing here prints.
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { readZipEntries } from '../bundle/jar-read.js';
import { buildTopologyJar } from '../bundle/jar-topology.js';
import { SERIALIZER_CONF_KEY, STP_SERIALIZER_CLASS } from '../bundle/multilang-serializer.js';
import type { CliConf } from '../config/conf.js';
import type { ResolvedEnv } from '../config/env.js';
import type { StpConfig } from '../config/schema.js';
import { createEmitter, type TypedEventEmitter } from '../events.js';
import type { TopologySpec } from '../topology/spec.js';
import type { Tunnel } from '../remote/tunnel.js';
import type { UploadProgress } from './client.js';
import { NimbusError } from './errors.js';
import type { SubmitHooks } from './hooks.js';
import { planSubmit, type SubmitPlan } from './plan.js';
import { connectNimbus, openNimbusTunnel, usesTunnel, type NimbusSession, type SessionOptions } from './session.js';
import { toWireTopology } from './wire-topology.js';

export const DEPLOY_STEPS = ['validate', 'bundle', 'jar', 'prepare', 'preSubmit', 'tunnel', 'connect', 'kill', 'upload', 'submit', 'postSubmit'] as const;
export type DeployStep = (typeof DEPLOY_STEPS)[number];

export const STEP_TITLES: Readonly<Record<DeployStep, string>> = {
  validate: 'Validate topology',
  bundle: 'Bundle components',
  jar: 'Build jar',
  prepare: 'Prepare workers',
  preSubmit: 'Run preSubmit hook',
  tunnel: 'Open SSH tunnel',
  connect: 'Connect to Nimbus',
  kill: 'Kill the old topology',
  upload: 'Upload jar',
  submit: 'Submit topology',
  postSubmit: 'Run postSubmit hook',
};

export interface DeployResult {
  readonly name: string;
  readonly topologyId: string | undefined;
  readonly uiUrl: string;
  readonly jar: string;
  readonly inactive: boolean;
}

export type DeployEvents = {
  /** The steps this deploy will run, in order. */
  plan: (steps: readonly DeployStep[]) => void;
  'step:start': (step: DeployStep) => void;
  'step:done': (step: DeployStep, info: { durationMs: number; detail?: string }) => void;
  'step:skipped': (step: DeployStep, reason: string) => void;
  'step:failed': (step: DeployStep, info: { durationMs: number; error: Error }) => void;
  'upload:progress': (progress: UploadProgress & { elapsedMs: number }) => void;
  done: (result: DeployResult) => void;
};

/** Produces the component bundles ("<id>.js", "<id>.js.map", ...) for the jar's resources/. */
export type Bundler = (input: { spec: TopologySpec; topologyFile: string; root: string; nodePaths: readonly string[] }) => Promise<ReadonlyMap<string, Buffer>>;

/** Prepares the workers (the SSH issue's `stp prepare`); reports its own progress through its detail string. */
export type WorkerPreparer = (input: { topology: string; env: ResolvedEnv; root: string; signal?: AbortSignal }) => Promise<string>;

export interface DeployOptions {
  readonly root: string;
  readonly config: StpConfig;
  readonly env: ResolvedEnv;
  readonly spec: TopologySpec;
  readonly topologyFile: string;
  /** -N NAME */
  readonly name?: string;
  readonly cli?: CliConf;
  /** --jar FILE: reuse a jar built earlier (skips bundle and jar). */
  readonly jarFile?: string;
  /** -f: kill a running topology of the same name first. */
  readonly force?: boolean;
  /** --wait SECS: the old topology's drain time when it is killed (Nimbus's wait_secs). */
  readonly waitSecs?: number;
  /** --inactive */
  readonly inactive?: boolean;
  readonly bundle: Bundler;
  readonly prepare?: WorkerPreparer;
  readonly hooks?: SubmitHooks;
  /** Asked when a topology of that name runs and -f was not given (the view asks on a TTY); absent: refuse. */
  readonly confirmReplace?: (name: string) => Promise<boolean>;
  /** Node paths bundles resolve externals from on the workers (use_node_modules). */
  readonly nodePaths?: readonly string[];
  readonly session?: SessionOptions;
  readonly emitter?: TypedEventEmitter<DeployEvents>;
  /** Aborting (Ctrl-C) stops before the next step, or between upload chunks: nothing is half-submitted. */
  readonly signal?: AbortSignal;
}

export class DeployError extends Error {
  constructor(
    readonly step: DeployStep,
    readonly reason: Error,
  ) {
    super(`${STEP_TITLES[step]} failed: ${reason.message}`);
    this.name = 'DeployError';
  }
}

export function stormUiUrl(env: ResolvedEnv, topologyId?: string): string {
  const base = `http://${env.ui.host}:${env.ui.port}`;
  return topologyId ? `${base}/topology.html?id=${encodeURIComponent(topologyId)}` : `${base}/`;
}

export async function deploy(options: DeployOptions): Promise<DeployResult> {
  const emitter = options.emitter ?? createEmitter<DeployEvents>();
  const { env, signal } = options;
  const root = resolve(options.root);
  const steps: DeployStep[] = ['validate'];
  if (!options.jarFile) steps.push('bundle', 'jar');
  if (env.installNodeModules) steps.push('prepare');
  if (options.hooks?.preSubmit) steps.push('preSubmit');
  if (usesTunnel(env)) steps.push('tunnel');
  steps.push('connect', 'kill', 'upload', 'submit');
  if (options.hooks?.postSubmit) steps.push('postSubmit');
  emitter.emit('plan', steps);

  /** Reports `step` as failed (every failure reaches the view) and returns the error to throw. */
  function fail(name: DeployStep, reason: Error, durationMs = 0): DeployError {
    emitter.emit('step:failed', name, { durationMs, error: reason });
    return new DeployError(name, reason);
  }

  /** Runs one step; `detail` describes the outcome, and a `skipped` outcome marks the step skipped instead of done. */
  async function step<T>(name: DeployStep, run: () => Promise<T>, detail?: (value: T) => string | { skipped: string } | undefined): Promise<T> {
    if (signal?.aborted) throw fail(name, new NimbusError('aborted', 'cancelled; nothing was submitted'));
    const started = performance.now();
    emitter.emit('step:start', name);
    try {
      const value = await run();
      const text = detail?.(value);
      if (typeof text === 'object') emitter.emit('step:skipped', name, text.skipped);
      else emitter.emit('step:done', name, { durationMs: performance.now() - started, ...(text === undefined ? {} : { detail: text }) });
      return value;
    } catch (error) {
      throw fail(name, error instanceof Error ? error : new Error(String(error)), performance.now() - started);
    }
  }

  // A given jar is checked inside the validate step: the step is ✓ only once everything it checks has passed.
  const jarFile = options.jarFile === undefined ? undefined : resolve(root, options.jarFile);
  const plan: SubmitPlan = await step(
    'validate',
    async () => {
      const planned = planSubmit({ spec: options.spec, env, ...(options.cli ? { cli: options.cli } : {}), ...(options.name ? { name: options.name } : {}) });
      if (jarFile !== undefined) {
        if (!existsSync(jarFile)) throw new Error(`--jar ${options.jarFile}: no such file (looked at ${jarFile}); build one with "stp jar"`);
        const missing = await missingSerializer(jarFile, planned.conf.conf[SERIALIZER_CONF_KEY]);
        if (missing) throw new Error(`--jar ${options.jarFile}: ${missing}`);
      }
      return planned;
    },
    (p) => `${p.spec.components.length} components`,
  );
  const { name } = plan;

  let jar: string;
  if (jarFile !== undefined) {
    jar = jarFile;
  } else {
    const bundles = await step(
      'bundle',
      () => options.bundle({ spec: plan.spec, topologyFile: options.topologyFile, root, nodePaths: options.nodePaths ?? [] }),
      (files) => `${files.size} files`,
    );
    const built = await step(
      'jar',
      () => buildTopologyJar({ root, spec: plan.spec, bundles, extraJars: options.config.extra_jars }),
      (result) => `${relative(root, result.path) || result.path} (${formatBytes(result.bytes)})`,
    );
    jar = built.path;
  }

  if (env.installNodeModules) {
    const prepare = options.prepare;
    if (!prepare) throw fail('prepare', new Error('this env installs node_modules on the workers, but no worker preparer is available'));
    await step('prepare', () => prepare({ topology: name, env, root, ...(signal ? { signal } : {}) }), (detail) => detail);
  }

  const hookArgs = [name, env.name, env.config] as const;
  if (options.hooks?.preSubmit) {
    const hook = options.hooks.preSubmit;
    await step('preSubmit', async () => {
      await hook(...hookArgs);
    }, () => options.hooks?.file);
  }

  let tunnel: Tunnel | undefined;
  let session: NimbusSession | undefined;
  try {
    if (usesTunnel(env)) {
      tunnel = await step('tunnel', () => openNimbusTunnel(env, options.session), (t) => `127.0.0.1:${t.localPort} → ${env.nimbus.host}:${env.nimbus.port}`);
    }
    // The cluster's Storm version goes into the StormTopology, as Storm's own submitter does (Nimbus shows it per
    // topology; supervisors pick a worker classpath by it). A Nimbus that will not say leaves it unset.
    let stormVersion: string | undefined;
    const opened = await step(
      'connect',
      async () => {
        const connected = await connectNimbus(env, tunnel, options.session);
        stormVersion = await connected.client.stormVersion().catch(() => undefined);
        return connected;
      },
      (s) => `${tunnel ? `${env.nimbus.host}:${env.nimbus.port} via ${s.address}` : s.address}${stormVersion ? ` (Storm ${stormVersion})` : ''}`,
    );
    session = opened;
    tunnel = undefined; // the session owns it now
    const client = opened.client;

    await step('kill', async () => {
      const found = await client.findTopology(name);
      if (!found) return false;
      const replace = options.force || (options.confirmReplace ? await options.confirmReplace(name) : false);
      if (!replace) {
        throw new NimbusError(
          'already-alive',
          `a topology named "${name}" is already running (${found.id}); submit with -f to replace it, or "stp kill ${name}" first`,
        );
      }
      // A topology already being killed only needs waiting for; one that vanished meanwhile needs nothing.
      if (found.status !== 'KILLED') {
        await client.killTopology(name, options.waitSecs).catch((error: unknown) => {
          if (!(error instanceof NimbusError && error.kind === 'not-alive')) throw error;
        });
      }
      const drainSecs = options.waitSecs ?? Number(plan.conf.conf['topology.message.timeout.secs'] ?? 30);
      await client.waitUntilGone(name, (drainSecs + 60) * 1000, 500, signal);
      return true;
    }, (killed) => (killed ? `killed the running "${name}"` : { skipped: `no "${name}" running` }));

    const uploadStarted = performance.now();
    let uploaded = 0;
    const location = await step(
      'upload',
      () =>
        client.uploadJar(jar, {
          onProgress: (progress) => {
            uploaded = progress.totalBytes;
            emitter.emit('upload:progress', { ...progress, elapsedMs: performance.now() - uploadStarted });
          },
          ...(signal ? { signal } : {}),
        }),
      () => `${formatBytes(uploaded)} at ${formatBytes((uploaded * 1000) / Math.max(1, performance.now() - uploadStarted))}/s`,
    );

    await step('submit', () =>
      client.submitTopology({
        name,
        jarLocation: location,
        conf: plan.conf.conf,
        topology: toWireTopology(plan.topology, stormVersion === undefined ? {} : { stormVersion }),
        inactive: Boolean(options.inactive),
      }),
    );
    const summary = await client.findTopology(name).catch(() => undefined);
    const result: DeployResult = {
      name,
      topologyId: summary?.id,
      uiUrl: stormUiUrl(env, summary?.id),
      jar,
      inactive: Boolean(options.inactive),
    };

    if (options.hooks?.postSubmit) {
      const hook = options.hooks.postSubmit;
      await step('postSubmit', async () => {
        await hook(...hookArgs);
      }, () => options.hooks?.file);
    }
    emitter.emit('done', result);
    return result;
  } finally {
    await session?.close();
    await tunnel?.close();
  }
}

/** Why a jar built elsewhere cannot run with stp's serializer named in the conf, or undefined when it can. */
async function missingSerializer(jar: string, serializer: unknown): Promise<string | undefined> {
  if (serializer !== STP_SERIALIZER_CLASS) return undefined;
  const entry = `${STP_SERIALIZER_CLASS.replaceAll('.', '/')}.class`;
  if ((await readZipEntries(jar)).some((e) => e.name === entry)) return undefined;
  return `the jar lacks ${entry}, the multilang serializer the conf names (${SERIALIZER_CONF_KEY}); rebuild it with "stp jar", or choose Storm's own with -o ${SERIALIZER_CONF_KEY}=org.apache.storm.multilang.JsonSerializer`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
