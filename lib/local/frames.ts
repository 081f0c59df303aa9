// The frames the engine sends on every tuple, written field by field: the same JSON as `encodeFrame` gives
// (same keys, same order), without walking a message object. Everything rarer goes through `encodeFrame`.
import { encodeFrame } from '../multilang/codec.js';
import type { SpoutCommand, TupleMessage } from '../multilang/messages.js';

const NEXT_FRAME = encodeFrame({ command: 'next' } satisfies SpoutCommand);

/** A tuple for a bolt: `{"id":…,"comp":…,"stream":…,"task":…,"tuple":[…]}`. */
export function encodeTupleFrame(message: TupleMessage): string {
  return (
    `{"id":${JSON.stringify(message.id)},"comp":${JSON.stringify(message.comp)},"stream":${JSON.stringify(message.stream)},` +
    `"task":${JSON.stringify(message.task)},"tuple":${JSON.stringify(message.tuple)}}\nend\n`
  );
}

/** A command for a spout: next, ack, fail (the per-tuple ones) fast; activate and deactivate as usual. */
export function encodeSpoutCommand(command: SpoutCommand): string {
  switch (command.command) {
    case 'next':
      return NEXT_FRAME;
    case 'ack':
    case 'fail':
      return `{"command":"${command.command}","id":${JSON.stringify(command.id)}}\nend\n`;
    default:
      return encodeFrame(command);
  }
}
