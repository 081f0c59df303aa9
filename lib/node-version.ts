// Node.js versions as stp meets them: its own (package.json's engines, checked before the CLI loads) and the
// workers' (`node_executable --version` on each host, checked against what the component bundles are compiled for).
// This module must load on any Node that can parse an ES module: it is what tells a user their Node is too old.

export interface NodeVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

/** `v20.6.1`, `20.6.1`, `20.6` or `20`, as `node --version` prints or an engines range names; undefined otherwise. */
export function parseNodeVersion(text: string): NodeVersion | undefined {
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2] ?? 0), patch: Number(match[3] ?? 0) };
}

export function formatNodeVersion(version: NodeVersion): string {
  return `${version.major}.${version.minor}.${version.patch}`;
}

export function isAtLeast(version: NodeVersion, floor: NodeVersion): boolean {
  if (version.major !== floor.major) return version.major > floor.major;
  if (version.minor !== floor.minor) return version.minor > floor.minor;
  return version.patch >= floor.patch;
}

/** The floor of an engines range of the one form stp declares, `>=X[.Y[.Z]]`. */
export function enginesFloor(range: string): NodeVersion {
  const match = /^>=\s*(\S+)$/.exec(range.trim());
  const floor = match && parseNodeVersion(match[1]!);
  if (!floor) throw new Error(`engines.node "${range}": expected the form ">=X.Y"`);
  return floor;
}

/** Why this Node cannot run stp (one line), or undefined when it can. */
export function unsupportedNodeProblem(running: string, engines: string): string | undefined {
  const floor = enginesFloor(engines);
  const version = parseNodeVersion(running);
  if (version && isAtLeast(version, floor)) return undefined;
  return `Node.js ${running} is not supported: stp needs Node.js ${engines.replace(/\s+/g, '')} (see "Supported Node.js versions" in stp's README)`;
}
