// ssh config settings stp does not act on (ProxyCommand, LocalCommand, Match exec), said once per host on stderr
// by every command that may open SSH connections: a user relying on a bastion must not connect directly unaware.
import { sshEvents } from '../lib/remote/ssh-events.js';

let shown = false;

export function showSshConfigWarnings(write: (line: string) => void = (line) => process.stderr.write(line)): void {
  if (shown) return;
  shown = true;
  sshEvents.on('config:unhonoured', (host, settings) => {
    for (const { option, effect } of settings) write(`stp: warning: the ssh config for "${host}" has ${option}: ${effect}\n`);
  });
}
