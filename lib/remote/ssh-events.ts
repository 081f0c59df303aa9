// Process-wide SSH events, in a module of their own so that the CLI can listen without loading the SSH client
// (node-ssh, ssh2) in commands that may never connect.
import { createEmitter } from '../events.js';
import type { UnhonouredSetting } from './ssh-config.js';

export type SshEvents = {
  /** The ssh config has settings for `host` that stp does not act on; once per host and process. */
  'config:unhonoured': (host: string, settings: readonly UnhonouredSetting[]) => void;
};

/** Process-wide: a host's config is read by whichever command connects; the CLI shows these once. */
export const sshEvents = createEmitter<SshEvents>();
