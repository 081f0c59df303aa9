// stp's local store: one append-only file per namespace (`<dir>/<namespace>.jsonl`), one JSON line per prepare,
// commit, rollback or write, so a task that is killed and restarted finds its committed and prepared copies
// again (what the operating system has accepted survives the process; a machine crash may lose the last lines,
// as nothing is fsynced). A line cut short by a kill is ignored. After a commit, once the lines since the last
// snapshot outgrow the snapshot, the file is rewritten as one snapshot (written beside it, then renamed over it).
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { applyChanges, type Change, type StateStore, type StoredState } from './store.js';

type Line =
  | { op: 'snapshot'; txid: number | null; entries: [string, string][] }
  | { op: 'prepare'; txid: number; changes: [string, Change][] }
  | { op: 'commit'; txid: number }
  | { op: 'rollback' }
  | { op: 'write'; changes: [string, Change][] };

/** Lines written since the last snapshot may reach this many bytes (or the snapshot's size, if larger) before compaction. */
const COMPACT_MIN_BYTES = 1 << 20;

export class FileStore implements StateStore {
  readonly where: string;
  readonly #file: string;
  #fd: number | undefined;
  #committed = new Map<string, string>();
  #committedTxid: number | undefined;
  #prepared: { txid: number; changes: Map<string, Change> } | undefined;
  #snapshotBytes = 0;
  #sinceSnapshot = 0;

  constructor(dir: string, namespace: string) {
    this.#file = path.join(dir, `${namespace.replace(/[/\\\0]/g, '_')}.jsonl`);
    this.where = `file ${this.#file}`;
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw new Error(`cannot create the state folder ${dir}: ${(error as Error).message}`);
    }
  }

  load(): Promise<StoredState> {
    this.#committed = new Map();
    this.#committedTxid = undefined;
    this.#prepared = undefined;
    if (existsSync(this.#file)) {
      let text = readFileSync(this.#file, 'utf8');
      // A line cut short by a kill in the middle of a write is dropped, so that the next line starts clean.
      if (text !== '' && !text.endsWith('\n')) {
        text = text.slice(0, text.lastIndexOf('\n') + 1);
        truncateSync(this.#file, Buffer.byteLength(text));
      }
      for (const [index, line] of text.split('\n').entries()) {
        if (line === '') continue;
        let parsed: Line;
        try {
          parsed = JSON.parse(line) as Line;
        } catch {
          throw new Error(`${this.#file}: line ${index + 1} is not JSON; the state file is damaged`);
        }
        this.#replay(parsed);
      }
      this.#sinceSnapshot = Buffer.byteLength(text);
    }
    return Promise.resolve({ committed: new Map(this.#committed), committedTxid: this.#committedTxid, prepared: this.#prepared });
  }

  prepare(txid: number, changes: ReadonlyMap<string, Change>): Promise<void> {
    this.#append({ op: 'prepare', txid, changes: [...changes] });
    this.#prepared = { txid, changes: new Map(changes) };
    return Promise.resolve();
  }

  commit(txid: number): Promise<void> {
    this.#append({ op: 'commit', txid });
    this.#replay({ op: 'commit', txid });
    if (this.#sinceSnapshot > Math.max(COMPACT_MIN_BYTES, this.#snapshotBytes)) this.#compact();
    return Promise.resolve();
  }

  rollback(): Promise<void> {
    this.#append({ op: 'rollback' });
    this.#prepared = undefined;
    return Promise.resolve();
  }

  write(changes: ReadonlyMap<string, Change>): Promise<void> {
    this.#append({ op: 'write', changes: [...changes] });
    applyChanges(this.#committed, changes);
    return Promise.resolve();
  }

  close(): Promise<void> {
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
    return Promise.resolve();
  }

  #replay(line: Line): void {
    switch (line.op) {
      case 'snapshot':
        this.#committed = new Map(line.entries);
        this.#committedTxid = line.txid ?? undefined;
        this.#prepared = undefined;
        return;
      case 'prepare':
        this.#prepared = { txid: line.txid, changes: new Map(line.changes) };
        return;
      case 'commit':
        if (this.#prepared) applyChanges(this.#committed, this.#prepared.changes);
        this.#prepared = undefined;
        this.#committedTxid = line.txid;
        return;
      case 'rollback':
        this.#prepared = undefined;
        return;
      case 'write':
        applyChanges(this.#committed, new Map(line.changes));
        return;
    }
  }

  #append(line: Line): void {
    const text = `${JSON.stringify(line)}\n`;
    this.#fd ??= openSync(this.#file, 'a');
    writeSync(this.#fd, text);
    this.#sinceSnapshot += text.length;
  }

  /** Rewrites the file as one snapshot of the committed copy (nothing is prepared right after a commit). */
  #compact(): void {
    const text = `${JSON.stringify({ op: 'snapshot', txid: this.#committedTxid ?? null, entries: [...this.#committed] } satisfies Line)}\n`;
    const temporary = `${this.#file}.${process.pid}.tmp`;
    writeFileSync(temporary, text);
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
    renameSync(temporary, this.#file);
    this.#snapshotBytes = text.length;
    this.#sinceSnapshot = 0;
  }
}
