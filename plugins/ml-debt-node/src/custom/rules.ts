import picomatch from 'picomatch';
import { RE2JS } from 're2js';
import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { CheckEvaluation } from '../engine/types';
import { RepositorySnapshot } from '../snapshot/types';
import { compileContentPattern, lineExcerpt } from './contentPattern';

/** At most this many pieces of evidence per result, as for built-in checks. */
export const MAX_EVIDENCE = 10;

/** Passes when any file (or, for a plain path, directory) matches one of `paths`. */
export interface FileExistsRule {
  type: 'file-exists';
  /** Globs relative to the repository root (picomatch, dot files included). */
  paths: string[];
}

/** Fails when any file (or, for a plain path, directory) matches one of `paths`. */
export interface FileAbsentRule {
  type: 'file-absent';
  paths: string[];
}

/**
 * Matches an RE2 pattern line by line in the readable text files selected by
 * `files`: `^` and `$` anchor at the start and end of each line.
 */
export interface ContentPatternRule {
  type: 'content-pattern';
  files: string[];
  pattern: string;
  flags?: 'i';
  /** `present`: pass when some line matches. `absent`: fail when more than `maxMatches` lines match. */
  expect: 'present' | 'absent';
  /** With `expect: absent`, the number of matching lines tolerated. Default 0. */
  maxMatches?: number;
}

/** What a config-defined check looks for. */
export type CustomCheckRule =
  | FileExistsRule
  | FileAbsentRule
  | ContentPatternRule;

/** Evaluates a rule on one repository. */
export type RuleEvaluator = (snapshot: RepositorySnapshot) => CheckEvaluation;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const quoted = (items: readonly string[]) =>
  items.map(i => `\`${i}\``).join(', ');

/**
 * Prepares a rule for evaluation. Content patterns are compiled here, once,
 * so an invalid pattern fails at start-up rather than during a scan (it
 * throws {@link ContentPatternError}).
 */
export function createRuleEvaluator(rule: CustomCheckRule): RuleEvaluator {
  switch (rule.type) {
    case 'file-exists':
      return snapshot => evaluateFileExists(rule, snapshot);
    case 'file-absent':
      return snapshot => evaluateFileAbsent(rule, snapshot);
    case 'content-pattern': {
      const regex = compileContentPattern(rule.pattern, rule.flags);
      return snapshot => evaluateContentPattern(rule, regex, snapshot);
    }
    default:
      throw new Error(`Unknown rule type ${(rule as any).type}`);
  }
}

/** Files matching `paths`, plus directories named by a plain (non-glob) path. */
function matchingPaths(
  snapshot: RepositorySnapshot,
  paths: readonly string[],
): Array<{ path: string; matchedBy: string }> {
  const matchers = paths.map(p => ({
    glob: p,
    isMatch: picomatch(p, { dot: true }),
  }));
  const found: Array<{ path: string; matchedBy: string }> = [];
  for (const file of snapshot.glob(paths)) {
    const by = matchers.find(m => m.isMatch(file.path));
    found.push({ path: file.path, matchedBy: by?.glob ?? paths[0] });
  }
  // `docs` should find the `docs/` directory, not only a file called `docs`.
  for (const p of paths) {
    if (!picomatch.scan(p).isGlob && !snapshot.file(p) && snapshot.exists(p)) {
      found.push({ path: p, matchedBy: p });
    }
  }
  return found;
}

function evaluateFileExists(
  rule: FileExistsRule,
  snapshot: RepositorySnapshot,
): CheckEvaluation {
  const found = matchingPaths(snapshot, rule.paths);
  if (found.length === 0) {
    return {
      status: 'fail',
      summary: `Nothing in the repository matches ${quoted(rule.paths)}.`,
    };
  }
  return {
    status: 'pass',
    summary: `Found ${plural(found.length, 'match')} for ${quoted(
      rule.paths,
    )}: ${found
      .slice(0, 3)
      .map(f => f.path)
      .join(', ')}${found.length > 3 ? ', …' : ''}.`,
    evidence: found.slice(0, MAX_EVIDENCE).map(f => ({
      message: `Matches \`${f.matchedBy}\`.`,
      path: f.path,
    })),
  };
}

function evaluateFileAbsent(
  rule: FileAbsentRule,
  snapshot: RepositorySnapshot,
): CheckEvaluation {
  const found = matchingPaths(snapshot, rule.paths);
  if (found.length === 0) {
    return {
      status: 'pass',
      summary: `Nothing in the repository matches ${quoted(rule.paths)}.`,
    };
  }
  return {
    status: 'fail',
    summary: `${plural(found.length, 'path')} should not exist but ${
      found.length === 1 ? 'does' : 'do'
    }: ${found
      .slice(0, 3)
      .map(f => f.path)
      .join(', ')}${found.length > 3 ? ', …' : ''}.`,
    evidence: found.slice(0, MAX_EVIDENCE).map(f => ({
      message: `Matches \`${f.matchedBy}\`, which should not exist.`,
      path: f.path,
    })),
  };
}

function evaluateContentPattern(
  rule: ContentPatternRule,
  regex: RE2JS,
  snapshot: RepositorySnapshot,
): CheckEvaluation {
  const files = snapshot.glob(rule.files);
  const matches: Evidence[] = [];
  const unsearched: Evidence[] = [];
  const filesWithMatches = new Set<string>();
  let matchingLines = 0;
  let searched = 0;
  for (const file of files) {
    const text = snapshot.readText(file.path);
    if (text === undefined) {
      // Binary files have no lines to match; files cut by the snapshot's
      // limits might, so an outcome that rests on "not found" says so.
      const reason = snapshot.unreadableReason(file.path);
      if (reason === 'too-large' || reason === 'limit') {
        unsearched.push({
          message: `Not searched: ${
            reason === 'too-large'
              ? 'the file is larger than the size limit'
              : "the file is beyond the snapshot's limits"
          }.`,
          path: file.path,
          unknown: true,
        });
      }
      continue;
    }
    searched++;
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      // `test` runs on RE2's DFA: linear in the line's length for any pattern.
      if (!regex.test(lines[i])) continue;
      matchingLines++;
      filesWithMatches.add(file.path);
      if (matches.length < MAX_EVIDENCE) {
        const matcher = regex.matcher(lines[i]);
        const start = matcher.find() ? matcher.start() : 0;
        matches.push({
          message: `Matches \`${rule.pattern}\`.`,
          path: file.path,
          line: i + 1,
          snippet: lineExcerpt(lines[i], start),
        });
      }
    }
  }

  const where = `the ${plural(searched, 'file')} matching ${quoted(
    rule.files,
  )}`;
  const found = `\`${rule.pattern}\` matches ${plural(
    matchingLines,
    'line',
  )} in ${plural(filesWithMatches.size, 'file')}`;
  const withUnsearched = (evidence: Evidence[]) =>
    [...evidence, ...unsearched].slice(0, MAX_EVIDENCE);
  const unsearchedNote =
    unsearched.length > 0
      ? ` ${plural(unsearched.length, 'file')} could not be searched.`
      : '';

  if (rule.expect === 'present') {
    if (matchingLines > 0) {
      return { status: 'pass', summary: `${found}.`, evidence: matches };
    }
    return {
      status: 'fail',
      summary:
        files.length === 0
          ? `No file matches ${quoted(rule.files)}, so \`${
              rule.pattern
            }\` was not found.`
          : `\`${rule.pattern}\` was not found in ${where}.${unsearchedNote}`,
      evidence: withUnsearched([]),
    };
  }

  const allowed = rule.maxMatches ?? 0;
  if (matchingLines > allowed) {
    return {
      status: 'fail',
      summary: `${found}${
        allowed > 0 ? `, more than the ${allowed} allowed` : ''
      }.`,
      evidence: matches,
    };
  }
  let summary = `\`${rule.pattern}\` was not found in ${where}.${unsearchedNote}`;
  if (matchingLines > 0) {
    summary = `${found}, within the ${allowed} allowed.${unsearchedNote}`;
  } else if (files.length === 0) {
    summary = `No file matches ${quoted(
      rule.files,
    )}; there is nothing to search.`;
  }
  return {
    status: 'pass',
    summary,
    evidence: withUnsearched(matches),
  };
}
