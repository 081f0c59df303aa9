// Writes a command's --output file; what stops the write (a directory there, no such folder, no permission) is
// one line naming the path and the flag, instead of Node's raw EISDIR or ENOENT.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliError } from './errors.js';

const WHY: Readonly<Record<string, string>> = {
  EISDIR: 'is a directory; give a file name, e.g.',
  ENOENT: 'is in a folder that does not exist; create the folder first, or write e.g.',
  ENOTDIR: 'is under something that is not a folder; write e.g.',
  EACCES: 'cannot be written (permission denied); write e.g.',
  EROFS: 'is on a read-only file system; write e.g.',
};

/** `fileName` makes the example: inside the directory when `path` is one. */
export function writeOutputFile(path: string, text: string, fileName: string): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const why = WHY[code];
    if (why === undefined) throw error;
    throw new CliError(`--output ${path} ${why} --output ${code === 'EISDIR' ? join(path, fileName) : fileName}`);
  }
}
