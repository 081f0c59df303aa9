// The builder settles a correct call by key lookups and words a wrong one from the declarations
// (lib/topology/declared.ts); names containing the key separator "/" and value types other than the same
// built-in marker on both sides always take the second way. Both ways must accept and refuse the same calls.
import { field } from '../../../lib/components/declaration.js';
import { topology } from '../../../lib/topology/builder.js';
import { WordCounter, WordSpout } from '../components.js';

class Clock {
  static readonly declaration = { outputs: { default: ['at'], 'per/minute': ['at', 'n'] }, types: { at: field<Date>() } } as const;
}

class DateReader {
  static readonly declaration = { reads: ['at'], types: { at: field<Date>() } } as const;
}

class StringReader {
  static readonly declaration = { reads: ['at'], types: { at: field<string>() } } as const;
}

topology('t').spout('a/b', WordSpout).bolt('count', WordCounter).fields('a/b', ['word']);
topology('t').spout('clock', Clock).bolt('r', DateReader).shuffle('clock').fields('clock', ['n'], 'per/minute');

// @ts-expect-error a field the source does not declare, behind an id with a slash
topology('t').spout('a/b', WordSpout).bolt('count', WordCounter).fields('a/b', ['wrod']);
// @ts-expect-error a Date read as a string
topology('t').spout('clock', Clock).bolt('r', StringReader).shuffle('clock');
// @ts-expect-error a stream with a slash that the source does not declare
topology('t').spout('clock', Clock).bolt('r', DateReader).shuffle('clock', 'per/hour');
