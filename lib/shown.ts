// Names and paths in messages: as they are, or quoted as JSON when they hold a line break or another control
// character, so one message stays one line and shows exactly what was given.
export function shown(text: string): string {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f]/.test(text) ? JSON.stringify(text) : text;
}
