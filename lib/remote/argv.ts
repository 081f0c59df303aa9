// Splits a flags string from config (e.g. npm_flags: "--prefer-offline --registry 'https://r.example'") into
// arguments the way a POSIX shell would for plain words and quotes, without expanding anything.

export function splitFlags(text: string, key = 'flags'): string[] {
  const args: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quote) {
      if (char === quote) quote = undefined;
      else if (char === '\\' && quote === '"' && (text[index + 1] === '"' || text[index + 1] === '\\')) current += text[++index];
      else current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      inWord = true;
    } else if (char === '\\' && index + 1 < text.length) {
      current += text[++index];
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) args.push(current);
      current = '';
      inWord = false;
    } else {
      current += char;
      inWord = true;
    }
  }
  if (quote) throw new Error(`${key} has an unclosed ${quote} quote: ${JSON.stringify(text)}; close it or remove it`);
  if (inWord) args.push(current);
  return args;
}
