// What an answer's body says, in one short line for an error message: Storm's own error text when the body is
// Storm UI's JSON error, the title of an HTML page (a proxy's or Jetty's 404 page, a login page), else the first
// line of the text. Never the whole body: a page of HTML in a terminal says nothing.

const MAX_CHARS = 160;

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_CHARS ? `${line.slice(0, MAX_CHARS - 3)}...` : line;
}

/** Decodes the few entities a title holds in practice. */
function decodeEntities(text: string): string {
  const named: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
  return text.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (entity, body: string) => {
    if (body.startsWith('#x') || body.startsWith('#X')) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(Number(body.slice(1)));
    return named[body.toLowerCase()] ?? entity;
  });
}

/** Storm UI's JSON error message, if the body is one. */
function stormError(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { error?: unknown; errorMessage?: unknown } | null;
    const said = body?.errorMessage ?? body?.error;
    return typeof said === 'string' ? said : undefined;
  } catch {
    return undefined;
  }
}

/** `text` as one short line (see the module comment); empty when the body is. */
export function answerText(text: string): string {
  const said = stormError(text);
  if (said !== undefined) return oneLine(said);
  if (/^\s*</.test(text)) {
    const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1];
    return title && title.trim() ? `an HTML page titled ${JSON.stringify(oneLine(decodeEntities(title)))}` : 'an HTML page';
  }
  const first = text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  return oneLine(first);
}
