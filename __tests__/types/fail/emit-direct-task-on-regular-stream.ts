import { Bolt, Spout } from '../../../lib/index.js';

export class Words extends Spout.define({ outputs: { default: ['word', 'n'] }, types: { word: String, n: Number } }) {
  nextTuple(): void {
    // @expect-error: emit() call failed: stream "default" is declared regular (fields "word", "n"), not direct; drop directTask, or declare the stream { fields: [...], direct: true }
    this.emit(['a', 1], { directTask: 3 });
  }
}

export class Router extends Bolt.define({ outputs: { default: ['word'], ctl: { fields: ['command'], direct: true } } }) {
  process(): void {
    this.emit(['stop'], { stream: 'ctl', directTask: 2 });
    // @expect-error: emit() call failed: stream "default" is declared regular (fields "word"), not direct; drop directTask, or declare the stream { fields: [...], direct: true }
    this.emit(['a'], { stream: 'default', directTask: 2, needTaskIds: true });
  }
}
