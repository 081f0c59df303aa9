import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/stp.js', import.meta.url));

describe('stp', () => {
  it('prints help', () => {
    expect(execFileSync('node', [bin, '--help'], { encoding: 'utf8' })).toMatch(/Usage:\s+\$ stp <command>/);
  });

  it('refuses an unknown command with a usage error', () => {
    const result = spawnSync('node', [bin, 'frobnicate'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown command "frobnicate"');
  });
});
