// Which project a command works on, decided one way for every command (run, jar, submit, prepare, tail,
// remove-logs): given a topology file path, the project that file belongs to; given a topology name, or nothing,
// the current directory. The project holds config.json, package.json, resources/, the submit hooks, _build/ and logs/.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { looksLikeTopologyPath } from './load.js';

/**
 * The project a topology file belongs to: the parent of its `topologies/` folder, else the nearest folder above
 * it with a config.json or package.json, else the working directory.
 */
export function projectDirOf(topologyFile: string, cwd: string): string {
  const dir = path.dirname(path.resolve(cwd, topologyFile));
  if (path.basename(dir) === 'topologies') return path.dirname(dir);
  for (let at = dir; ; at = path.dirname(at)) {
    if (existsSync(path.join(at, 'config.json')) || existsSync(path.join(at, 'package.json'))) return at;
    if (path.dirname(at) === at) return path.resolve(cwd);
  }
}

/** The project for a command's TOPOLOGY argument (a name, a file path, or none), see the module comment. */
export function findProject(topology: string | undefined, cwd: string): string {
  return topology !== undefined && looksLikeTopologyPath(topology) ? projectDirOf(topology, cwd) : path.resolve(cwd);
}
