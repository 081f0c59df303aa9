// What the packed-package test and the install benchmark share: a newcomer's npm environment, and the cleanup of
// the install `npx --package ./<tarball>` leaves in npm's cache.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

/** The environment of a user's shell: none of the npm_* variables `npm test` or `npm run` gave this process. */
export function newcomerEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && key !== 'INIT_CWD'));
  // Dependencies come from npm's cache when it has them (the repository's own `npm ci` filled it).
  return { ...env, CI: 'true', NO_COLOR: '1', npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false' };
}

/** Removes the installs npx made under npm's cache (_npx/<hash>/) for tarballs inside `work`. */
export function removeNpxInstalls(work: string): void {
  const cache = execFileSync('npm', ['config', 'get', 'cache'], { cwd: work, env: newcomerEnv(), encoding: 'utf8', timeout: 60_000 }).trim();
  const npx = path.join(cache, '_npx');
  for (const dir of existsSync(npx) ? readdirSync(npx) : []) {
    const manifest = path.join(npx, dir, 'package.json');
    if (existsSync(manifest) && readFileSync(manifest, 'utf8').includes(work)) rmSync(path.join(npx, dir), { recursive: true, force: true });
  }
}
