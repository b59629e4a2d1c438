import { RE2JS, RE2JSException } from 're2js';

/**
 * Why a content pattern was refused at start-up, phrased to follow
 * "`pattern` is not a valid RE2 pattern: ".
 */
export class ContentPatternError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'ContentPatternError';
  }
}

/**
 * Compiles a user-supplied content pattern with RE2 (re2js). RE2 matches in
 * time linear in the input, so no pattern from configuration can hang a scan
 * with catastrophic backtracking, whatever it is matched against. The price
 * is that backreferences and lookaround do not exist in RE2; they are refused
 * with a message saying so, rather than RE2's terse syntax error.
 */
export function compileContentPattern(
  pattern: string,
  flags: 'i' | undefined,
): RE2JS {
  if (pattern === '') {
    throw new ContentPatternError(
      'the pattern is empty, so it would match every line',
    );
  }
  try {
    return RE2JS.compile(pattern, flags === 'i' ? RE2JS.CASE_INSENSITIVE : 0);
  } catch (error) {
    if (!(error instanceof RE2JSException)) throw error;
    throw new ContentPatternError(explain(error));
  }
}

function explain(error: RE2JSException): string {
  // RE2's syntax errors carry the offending piece of the pattern in `input`.
  const input: string = (error as any).input ?? '';
  if (/^\\(?:[1-9]|k)/.test(input)) {
    return `backreference \`${input}\` is not supported: RE2 does not support backreferences, which is what keeps matching linear-time. Match the repeated text explicitly instead.`;
  }
  if (/^\(\?(?:=|!|<=|<!)/.test(input)) {
    return `lookaround \`${input.slice(
      0,
      4,
    )}\` is not supported: RE2 does not support lookahead or lookbehind, which is what keeps matching linear-time. Use a second check, or match the surrounding text explicitly.`;
  }
  return error.message.replace(/^error parsing regexp: /, '');
}

/** The part of a long line around `start`, so evidence shows the match. */
export function lineExcerpt(line: string, start: number, width = 160): string {
  const text = line.trim();
  if (text.length <= width) return text;
  // Room for an ellipsis at either end; the match starts 40 characters in.
  const room = width - 2;
  const offset = line.length - line.trimStart().length;
  const from = Math.max(0, Math.min(start - offset - 40, text.length - room));
  return `${from > 0 ? '…' : ''}${text.slice(from, from + room)}${
    from + room < text.length ? '…' : ''
  }`;
}
