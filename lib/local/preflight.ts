// Everything that can be known wrong before a single process starts: components that only a JVM can run,
// custom (Java) groupings, component files that are not there.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ComponentSpec, TopologySpec } from '../topology/spec.js';
import { windowConfProblems, windowSizesInConf } from '../windowing/window-spec.js';
import { LocalRunError } from './errors.js';
import type { Launch } from './task.js';

/** Refuses a windowed bolt whose duration window outlasts the message timeout under the run's conf (`-o` included), as Storm does. */
export function checkWindowConf(component: ComponentSpec, conf: Readonly<Record<string, unknown>>): void {
  const sizes = windowSizesInConf(component.conf);
  if (sizes === undefined) return;
  const className = component.impl.kind === 'shell' ? '' : ` (${component.impl.className})`;
  const [error] = windowConfProblems(sizes, conf, `bolt '${component.id}'${className}`).errors;
  if (error !== undefined) throw new LocalRunError(error);
}

export function checkRunnable(spec: TopologySpec, componentsDir: string): void {
  checkLocalOnly(spec);
  checkComponentFiles(spec, componentsDir);
}

/** Refuses what only a JVM can run (before anything is bundled or started). */
export function checkLocalOnly(spec: TopologySpec): void {
  const java = spec.components.filter((c) => c.impl.kind === 'java');
  if (java.length > 0) {
    const names = java.map((c) => `'${c.id}' (${c.impl.kind === 'java' ? c.impl.className : ''})`).join(', ');
    throw new LocalRunError(
      `topology '${spec.name}' has Java component${java.length > 1 ? 's' : ''} ${names}, which need a JVM and cannot run locally; ` +
        'run it on a cluster with `stp submit`, or replace them locally with TypeScript or shell components',
    );
  }
  for (const component of spec.components) {
    for (const input of component.inputs) {
      if (input.grouping.type === 'custom') {
        throw new LocalRunError(
          `bolt '${component.id}' groups '${input.source}'/'${input.stream}' with the custom Java grouping ${input.grouping.className}, ` +
            'which cannot run locally; use a built-in grouping (shuffle, fields, all, global, none, direct, localOrShuffle) or `stp submit`',
        );
      }
    }
  }
  if (spec.components.length === 0) throw new LocalRunError(`topology '${spec.name}' has no components`);
}

/** Refuses a components dir that lacks a bundle or a script. */
export function checkComponentFiles(spec: TopologySpec, componentsDir: string): void {
  if (!existsSync(componentsDir) || !statSync(componentsDir).isDirectory()) {
    throw new LocalRunError(`the components directory ${componentsDir} does not exist; bundle the topology first (stp bundle)`);
  }
  const missing: string[] = [];
  for (const component of spec.components) {
    const file = componentFile(component, componentsDir);
    if (file && !existsSync(file)) {
      missing.push(`${file} (${component.impl.kind === 'typescript' ? 'the bundle' : 'the script'} of '${component.id}')`);
    }
  }
  if (missing.length > 0) {
    const shell = spec.components.some((c) => c.impl.kind === 'shell');
    throw new LocalRunError(
      `component files are missing from ${componentsDir}: ${missing.join(', ')}; bundle the topology first (stp bundle)` +
        (shell ? ", and keep shell scripts in the project's resources/ folder" : ''),
    );
  }
}

function componentFile(component: ComponentSpec, dir: string): string | undefined {
  if (component.impl.kind === 'typescript') return path.join(dir, `${component.id}.js`);
  if (component.impl.kind === 'shell') return path.resolve(dir, component.impl.script);
  return undefined;
}

/** How a component's tasks are started: TypeScript as `node <id>.js`, shell as exactly `[command, script]`. */
export function launchFor(component: ComponentSpec, options: { componentsDir: string; env?: NodeJS.ProcessEnv; node?: string }): Launch {
  const cwd = path.resolve(options.componentsDir);
  const env = options.env ?? process.env;
  switch (component.impl.kind) {
    case 'typescript':
      return { command: options.node ?? process.execPath, args: [`${component.id}.js`], cwd, env };
    case 'shell':
      return { command: component.impl.command, args: [component.impl.script], cwd, env };
    case 'java':
      throw new LocalRunError(`component '${component.id}' is a Java component and cannot run locally`);
  }
}
