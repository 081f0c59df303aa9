import { fileURLToPath } from 'node:url';
import { runTreeSync } from '../helpers/process-tree.js';

const bin = fileURLToPath(new URL('../../bin/stp.js', import.meta.url));

describe('stp', () => {
  it('prints help', () => {
    const result = runTreeSync('node', [bin, '--help'], { timeoutMs: 30_000 });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Usage:\s+\$ stp <command>/);
  });

  it('refuses an unknown command with a usage error', () => {
    const result = runTreeSync('node', [bin, 'frobnicate'], { timeoutMs: 30_000 });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown command "frobnicate"');
  });
});
