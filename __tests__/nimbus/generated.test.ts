// The committed generated code must be exactly what the Thrift compiler makes from storm.thrift today.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const nimbusDir = fileURLToPath(new URL('../../lib/nimbus/', import.meta.url));

describe('lib/nimbus/gen-nodejs', () => {
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'stp-thrift-'));
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('equals a fresh `thrift --gen js:node,ts,es6` of storm.thrift', () => {
    execFileSync('thrift', ['--gen', 'js:node,ts,es6', '-out', out, join(nimbusDir, 'storm.thrift')]);
    const fresh = readdirSync(out).sort();
    expect(fresh).toEqual(['Nimbus.d.ts', 'Nimbus.js', 'storm_types.d.ts', 'storm_types.js']);
    for (const file of fresh) {
      expect({ file, text: readFileSync(join(nimbusDir, 'gen-nodejs', file), 'utf8') }).toEqual({
        file,
        text: readFileSync(join(out, file), 'utf8'),
      });
    }
  });
});
