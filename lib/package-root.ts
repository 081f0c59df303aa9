// Where this installation of storm-ts lives (the folder of its package.json), and the extension of its own modules:
// the code runs compiled from dist/lib/… (an installed package, the CLI) or as TypeScript from lib/… (jest).
import { fileURLToPath } from 'node:url';

const compiled = import.meta.url.endsWith('.js');

/** The package folder, with no trailing separator. */
export const PACKAGE_ROOT = fileURLToPath(new URL(compiled ? '../..' : '..', import.meta.url)).replace(/[\\/]+$/, '');

/** `.js` when running compiled, `.ts` when running the sources: how to name a sibling module of this installation. */
export const MODULE_EXTENSION = compiled ? '.js' : '.ts';
