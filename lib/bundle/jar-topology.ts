// The jar for one topology: `_build/<topology>-<version>.jar` from the component bundles, the project's
// resources/ folder, stp's multilang serializer class and config's extra_jars.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TopologySpec } from '../topology/spec.js';
import { collectFiles, writeJar, type JarResult } from './jar.js';
import { serializerClassFiles } from './multilang-serializer.js';

export interface TopologyJarInput {
  /** The project directory (config.json, package.json, resources/). */
  readonly root: string;
  readonly spec: TopologySpec;
  /** Bundled component files (e.g. "count.js", "count.js.map") from the bundler, keyed by their name in resources/. */
  readonly bundles: ReadonlyMap<string, Buffer>;
  /** config.json's extra_jars, relative to the project. */
  readonly extraJars?: readonly string[];
  /** Where the jar goes. @default `<root>/_build/<topology>-<version>.jar` */
  readonly outFile?: string;
}

/** The project's version from its package.json ("0.0.0" when it has none). */
export function projectVersion(root: string): string {
  const file = join(root, 'package.json');
  if (!existsSync(file)) return '0.0.0';
  const pkg = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' && pkg.version ? pkg.version : '0.0.0';
}

export function defaultJarPath(root: string, topologyName: string): string {
  return join(root, '_build', `${topologyName}-${projectVersion(root)}.jar`);
}

export async function buildTopologyJar(input: TopologyJarInput): Promise<JarResult> {
  const root = resolve(input.root);
  const projectResources = join(root, 'resources');
  const resources = existsSync(projectResources) ? await collectFiles(projectResources) : new Map<string, Buffer>();
  // Bundles win over same-named project files: they are what the topology runs.
  for (const [name, data] of input.bundles) resources.set(name, data);

  const missing: string[] = [];
  for (const component of input.spec.components) {
    if (component.impl.kind === 'shell' && !resources.has(component.impl.script)) {
      missing.push(
        `component "${component.id}" runs "${component.impl.command} ${component.impl.script}" but resources/${component.impl.script} is missing; put the script in the project's resources/ folder`,
      );
    }
    if (component.impl.kind === 'typescript' && !resources.has(`${component.id}.js`)) {
      missing.push(`component "${component.id}" has no bundle ${component.id}.js; the bundler did not produce it`);
    }
  }
  if (missing.length > 0) throw new Error(missing.join('\n'));

  const extraJars = (input.extraJars ?? []).map((jar) => {
    const path = resolve(root, jar);
    if (!existsSync(path)) throw new Error(`extra_jars: "${jar}" does not exist (looked at ${path}); fix the path in config.json`);
    return path;
  });
  const version = projectVersion(root);
  return writeJar(input.outFile ?? defaultJarPath(root, input.spec.name), {
    resources,
    classes: serializerClassFiles(),
    extraJars,
    createdBy: `stp (topology ${input.spec.name} ${version})`,
  });
}
