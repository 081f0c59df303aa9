// Reads every entry of a zip or jar (extra jars to merge; tests that check what a jar holds).
import { buffer } from 'node:stream/consumers';
import yauzl from 'yauzl';

export interface ZipEntry {
  /** Path inside the archive; directories end with "/". */
  readonly name: string;
  readonly data: Buffer;
}

/** Entries in archive order. Rejects with a message naming `label` when the input is not a readable zip. */
export async function readZipEntries(source: string | Buffer, label = typeof source === 'string' ? source : 'zip'): Promise<ZipEntry[]> {
  let zip: yauzl.ZipFile;
  try {
    zip = typeof source === 'string' ? await yauzl.openPromise(source, { lazyEntries: true }) : await yauzl.fromBufferPromise(source, { lazyEntries: true });
  } catch (error) {
    throw new Error(`${label} is not a valid zip/jar file (${(error as Error).message})`);
  }
  try {
    const entries: ZipEntry[] = [];
    for await (const entry of zip.eachEntry()) {
      const data = entry.fileName.endsWith('/') ? Buffer.alloc(0) : await buffer(await zip.openReadStreamPromise(entry));
      entries.push({ name: entry.fileName, data });
    }
    return entries;
  } catch (error) {
    throw new Error(`${label} is a damaged zip/jar file (${(error as Error).message})`);
  } finally {
    zip.close();
  }
}
