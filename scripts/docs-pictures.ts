// Writes the pictures the README shows, with stp itself, so they cannot drift from what stp draws (a test renders
// them again and compares): `npm run docs:pictures` after a change to the word-count example or to the renderer.
//   docs/pictures/wordcount.svg: `stp visualize wordcount` of examples/wordcount
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const PICTURES = [
  { file: 'docs/pictures/wordcount.svg', cwd: 'examples/wordcount', args: ['visualize', 'wordcount', '--format', 'svg'] },
] as const;

/** The picture as `stp` draws it today. */
export function drawPicture(picture: (typeof PICTURES)[number]): string {
  return execFileSync(process.execPath, [`${root}bin/stp.js`, ...picture.args], { cwd: `${root}${picture.cwd}`, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { writeFileSync } = await import('node:fs');
  for (const picture of PICTURES) {
    writeFileSync(`${root}${picture.file}`, drawPicture(picture));
    process.stdout.write(`wrote ${picture.file}\n`);
  }
}
