import { execFileSync } from 'node:child_process';
import { InvalidNameError, validateName, validateRemoteDir } from '../../lib/remote/names.js';
import { shellCommand, shellQuote, shellScript } from '../../lib/remote/quote.js';
import { splitFlags } from '../../lib/remote/argv.js';
import { checkHostKey, hostKeyAlgorithmsFor, hostPatternsMatch, keyTypeOf, knownHostName } from '../../lib/remote/known-hosts.js';
import { parseDestination } from '../../lib/remote/ssh-config.js';

const NASTY = [`it's`, 'a b', 'x; rm -rf /', '$(id)', '`id`', '"dq"', '*', '$HOME', 'tab\there', 'new\nline', '', '-n', `'`, `\\`];

describe('shellQuote', () => {
  it('leaves plain words alone and quotes the rest', () => {
    expect(shellQuote('stp_wc_count_3_42.log')).toBe('stp_wc_count_3_42.log');
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('')).toBe(`''`);
    expect(shellQuote('a b')).toBe(`'a b'`);
  });

  it.each(NASTY)('sh reads %j back as exactly one literal word', (value) => {
    const out = execFileSync('sh', ['-c', shellCommand(['printf', '%s\\0', value, 'end'])]);
    expect(out.toString('utf8')).toBe(`${value}\0end\0`);
  });

  it('passes data to fixed scripts only as positional parameters', () => {
    const out = execFileSync('sh', ['-c', shellScript('printf "%s|" "$#" "$@"', NASTY)]);
    expect(out.toString('utf8')).toBe(`${NASTY.length}|${NASTY.join('|')}|`);
  });

  it('refuses NUL bytes and empty commands', () => {
    expect(() => shellQuote('a\0b')).toThrow(/NUL byte/);
    expect(() => shellCommand([])).toThrow(/program name/);
  });
});

describe('validateName', () => {
  it('accepts topology-like names', () => {
    expect(validateName('topology', 'word-count_2')).toBe('word-count_2');
  });
  it.each(NASTY.concat(['../etc', 'a/b', '-rf', 'a.b', 'x'.repeat(201)]))('refuses %j with the kind and value', (value) => {
    expect(() => validateName('component', value)).toThrow(InvalidNameError);
    expect(() => validateName('component', value)).toThrow(`invalid component name ${JSON.stringify(value)}`);
  });
  it('checks remote dirs are absolute and without ..', () => {
    expect(validateRemoteDir('log.path', '/var/log/stp/')).toBe('/var/log/stp');
    expect(() => validateRemoteDir('log.path', 'logs')).toThrow(/log.path must be an absolute directory.*"logs"/);
    expect(() => validateRemoteDir('log.path', '/var/../etc')).toThrow(/without ".."/);
  });
  it('normalizes remote dirs first, and refuses "/" and system folders as log.path', () => {
    expect(validateRemoteDir('log.path', '//var//log/./storm/stp//')).toBe('/var/log/storm/stp');
    expect(() => validateRemoteDir('log.path', '//')).toThrow(`log.path must be a folder of the component logs' own, not the root folder (found "//")`);
    expect(() => validateRemoteDir('log.path', '/usr/')).toThrow('not the system folder /usr (found "/usr/")');
    expect(() => validateRemoteDir('log.path', '/var/log/x\ny')).toThrow(/control characters \(found "\/var\/log\/x\\ny"\)/);
    // node_modules_root may sit in /opt: stp only writes under <root>/<topology> there.
    expect(validateRemoteDir('node_modules_root', '/opt/')).toBe('/opt');
  });
});

describe('known_hosts patterns', () => {
  it('uses [host]:port off port 22', () => {
    expect(knownHostName('h', 22)).toBe('h');
    expect(knownHostName('h', 2222)).toBe('[h]:2222');
  });
  it('matches globs and honours negation', () => {
    expect(hostPatternsMatch('*.example.com,!bad.example.com', 'w1.example.com')).toBe(true);
    expect(hostPatternsMatch('*.example.com,!bad.example.com', 'bad.example.com')).toBe(false);
    expect(hostPatternsMatch('w?', 'w1')).toBe(true);
    expect(hostPatternsMatch('[h]:2222', '[h]:2222')).toBe(true);
    expect(hostPatternsMatch('[h]:2222', 'h')).toBe(false);
  });
});

describe('destinations and ProxyJump hops', () => {
  it('split [user@]host[:port] as ssh does', () => {
    expect(parseDestination('w1')).toEqual({ host: 'w1' });
    expect(parseDestination('storm@w1.example.com:2222')).toEqual({ host: 'w1.example.com', user: 'storm', port: 2222 });
    expect(parseDestination('[::1]:22')).toEqual({ host: '::1', port: 22 });
    expect(parseDestination('fe80::1')).toEqual({ host: 'fe80::1' });
    expect(() => parseDestination('w1:99999')).toThrow('invalid host "w1:99999": write it as host, host:port or user@host:port');
  });
});

describe('splitFlags (npm_flags)', () => {
  it('splits words and quotes like a shell, expanding nothing', () => {
    expect(splitFlags(`--prefer-offline  --registry 'https://r.example/a b' "--x=\\"q\\"" $(id) a\\ b`)).toEqual([
      '--prefer-offline',
      '--registry',
      'https://r.example/a b',
      '--x="q"',
      '$(id)',
      'a b',
    ]);
    expect(splitFlags('')).toEqual([]);
    expect(splitFlags(`''`)).toEqual(['']);
  });
  it('names the key and the text when a quote is left open', () => {
    expect(() => splitFlags(`--a 'b`, 'npm_flags')).toThrow(`npm_flags has an unclosed ' quote: "--a 'b"; close it or remove it`);
  });
});

describe('checkHostKey', () => {
  const blob = (type: string, body: string) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(type.length);
    return Buffer.concat([head, Buffer.from(type), Buffer.from(body)]);
  };
  const key = blob('ssh-ed25519', 'key-one');
  const other = blob('ssh-ed25519', 'key-two');
  const entry = (patterns: string, k: Buffer, marker?: '@revoked') =>
    ({ file: 'kh', line: 1, patterns, keyType: 'ssh-ed25519', key: k.toString('base64'), ...(marker ? { marker } : {}) }) as const;

  it('matches, reports changed and unknown keys, and honours @revoked', () => {
    expect(keyTypeOf(key)).toBe('ssh-ed25519');
    expect(checkHostKey([entry('w1', key)], 'w1', key).status).toBe('match');
    expect(checkHostKey([entry('w1', other)], 'w1', key).status).toBe('changed');
    expect(checkHostKey([entry('w2', other)], 'w1', key).status).toBe('unknown');
    expect(checkHostKey([entry('w1', key), entry('*', key, '@revoked')], 'w1', key).status).toBe('revoked');
  });
  it('restricts negotiation to the recorded key types', () => {
    expect(hostKeyAlgorithmsFor([{ file: 'kh', line: 1, patterns: 'w1', keyType: 'ssh-rsa', key: 'x' }])).toEqual(['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
  });
});
