// Jest's globalSetup: many tests spawn the real CLI (bin/stp.js runs dist/), so the compiled JavaScript is brought
// up to date with the sources first, however jest was started (`npm test` also builds the .d.ts). Jest loads this
// file as CommonJS, so the build runs as its own process.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export default function globalSetup(_global: unknown, project: { rootDir: string }): void {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(project.rootDir, 'scripts/build.ts'), '--js'], { cwd: project.rootDir, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`building dist/ failed (scripts/build.ts --js exited ${result.status ?? result.signal})`);
}
