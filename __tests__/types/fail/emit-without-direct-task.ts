import { Bolt, Spout } from '../../../lib/index.js';

export class Pusher extends Spout.define({ outputs: { default: { fields: ['n'], direct: true } } }) {
  nextTuple(): void {
    // @expect-error: emit() call failed: stream "default" is declared direct ({ fields: ["n"], direct: true }); pass { directTask } naming the receiving task
    this.emit([1]);
  }
}

export class Router extends Bolt.define({ outputs: { default: ['word'], ctl: { fields: ['task', 'command'], direct: true } } }) {
  process(): void {
    this.emit(['a']);
    // @expect-error: emit() call failed: stream "ctl" is declared direct ({ fields: ["task", "command"], direct: true }); pass { directTask } naming the receiving task
    this.emit([2, 'stop'], { stream: 'ctl' });
  }
}
