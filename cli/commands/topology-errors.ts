// Loading a topology fails for the user's reasons (no file, bad export, invalid graph): usage errors, exit 2.
import { TopologyLoadError } from '../../lib/topology/load.js';
import { TopologyValidationError } from '../../lib/topology/validate.js';
import { CliError } from '../errors.js';

export function asCliError(error: unknown): never {
  if (error instanceof TopologyLoadError || error instanceof TopologyValidationError) throw new CliError(error.message);
  throw error;
}
