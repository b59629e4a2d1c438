import { Config } from '@backstage/config';
import { CategoryId } from '@ml-debt/plugin-ml-debt-common';
import { BUILTIN_CHECKS } from '../checks';
import { MlDebtCheck } from '../engine/types';
import { ContentPatternError } from './contentPattern';
import {
  appliesToExperimentalByDefault,
  checkMetadataProblems,
  show,
} from './metadata';
import { createRuleEvaluator, CustomCheckRule } from './rules';

const CONFIG_KEY = 'mlDebt.customChecks';

const CHECK_KEYS = new Set([
  'id',
  'title',
  'category',
  'weight',
  'confidence',
  'rationale',
  'remediation',
  'appliesToExperimental',
  'mlTestScore',
  'rule',
]);

const RULE_KEYS: Record<CustomCheckRule['type'], ReadonlySet<string>> = {
  'file-exists': new Set(['type', 'paths']),
  'file-absent': new Set(['type', 'paths']),
  'content-pattern': new Set([
    'type',
    'files',
    'pattern',
    'flags',
    'expect',
    'maxMatches',
  ]),
};
const RULE_TYPES = Object.keys(RULE_KEYS);

/**
 * Config-defined checks are organisation policy the platform team wrote on
 * purpose, not a heuristic guess, so by default they carry their full weight.
 */
const DEFAULT_CONFIDENCE = 'high';

/**
 * Options of {@link readCustomChecks}.
 *
 * @public
 */
export interface ReadCustomChecksOptions {
  /** Checks whose ids custom checks must not reuse. Default: the built-in catalogue. */
  builtinChecks?: ReadonlyArray<Pick<MlDebtCheck, 'id'>>;
}

/**
 * Reads the checks defined in `mlDebt.customChecks` and validates them, so
 * that a mistake stops the backend at start-up with a message naming the
 * offending key (`Invalid configuration: mlDebt.customChecks[2].rule.pattern
 * is not a valid RE2 pattern: …`) instead of surfacing as odd scores later.
 * Every problem in the list is reported at once.
 *
 * Three rule types exist: `file-exists` and `file-absent` (globs, pass or fail
 * when any path matches) and `content-pattern` (an RE2 pattern matched line by
 * line in the text files the globs select). Patterns are compiled with RE2, so
 * they run in linear time and no configured pattern can hang a scan.
 *
 * @public
 */
export function readCustomChecks(
  config: Config,
  options: ReadCustomChecksOptions = {},
): MlDebtCheck[] {
  const items = config.getOptionalConfigArray(CONFIG_KEY) ?? [];
  const builtin = new Set(
    (options.builtinChecks ?? BUILTIN_CHECKS).map(c => c.id),
  );
  const taken = new Map<string, string>();
  const problems: string[] = [];
  const checks: MlDebtCheck[] = [];

  items.forEach((item, index) => {
    const at = `${CONFIG_KEY}[${index}]`;
    const report = (field: string, message: string) =>
      problems.push(`Invalid configuration: ${at}.${field} ${message}`);
    const raw = item.get<Record<string, unknown>>();

    for (const key of Object.keys(raw)) {
      if (!CHECK_KEYS.has(key)) {
        report(
          key,
          `is not a custom check option (expected one of ${[...CHECK_KEYS].join(
            ', ',
          )})`,
        );
      }
    }
    const category = raw.category;
    const metadata = {
      id: raw.id,
      title: typeof raw.title === 'string' ? raw.title.trim() : raw.title,
      category,
      weight: numeric(raw.weight),
      confidence: raw.confidence ?? DEFAULT_CONFIDENCE,
      rationale:
        typeof raw.rationale === 'string'
          ? raw.rationale.trim()
          : raw.rationale,
      remediation: raw.remediation,
      mlTestScore: raw.mlTestScore ?? [],
      appliesToExperimental:
        raw.appliesToExperimental === undefined
          ? appliesToExperimentalByDefault(category as CategoryId)
          : boolean(raw.appliesToExperimental),
      debtType: 'Organisation policy',
      references: [`Defined in app-config: ${CONFIG_KEY}`],
    };
    const metadataProblems = checkMetadataProblems(metadata, {
      builtin,
      taken,
    });
    metadataProblems.forEach(p => report(p.field, p.message));
    if (typeof raw.id === 'string' && !taken.has(raw.id)) {
      taken.set(raw.id, at);
    }

    const rule = readRule(raw.rule, (field, message) =>
      report(`rule${field}`, message),
    );
    if (!rule) return;
    let evaluateRule;
    try {
      evaluateRule = createRuleEvaluator(rule);
    } catch (error) {
      if (!(error instanceof ContentPatternError)) throw error;
      report('rule.pattern', `is not a valid RE2 pattern: ${error.reason}`);
      return;
    }
    if (metadataProblems.length > 0) return;
    const check: MlDebtCheck = {
      ...(metadata as Omit<MlDebtCheck, 'evaluate'>),
      remediation: (metadata.remediation as string[]).map(s => s.trim()),
      evaluate: ({ snapshot }) => evaluateRule(snapshot),
    };
    checks.push(Object.freeze(check));
  });

  if (problems.length > 0) {
    throw new Error(problems.join('\n'));
  }
  return checks;
}

/**
 * Validates a rule's shape. Reports problems with `field` relative to
 * `rule` (`''`, `.paths`, …) and returns the rule when it is usable.
 */
function readRule(
  value: unknown,
  report: (field: string, message: string) => void,
): CustomCheckRule | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    report(
      '',
      `must be a mapping with a type (${RULE_TYPES.join(', ')}); got ${show(
        value,
      )}`,
    );
    return undefined;
  }
  const raw = value as Record<string, unknown>;
  const type = raw.type as CustomCheckRule['type'];
  if (!RULE_TYPES.includes(type)) {
    report(
      '.type',
      `must be one of ${RULE_TYPES.join(', ')}; got ${show(type)}`,
    );
    return undefined;
  }
  let valid = true;
  const fail = (field: string, message: string) => {
    valid = false;
    report(field, message);
  };
  for (const key of Object.keys(raw)) {
    if (!RULE_KEYS[type].has(key)) {
      fail(
        `.${key}`,
        `is not an option of ${type} rules (expected ${[
          ...RULE_KEYS[type],
        ].join(', ')})`,
      );
    }
  }

  if (type === 'file-exists' || type === 'file-absent') {
    const paths = readGlobs(raw.paths, m => fail('.paths', m));
    return valid && paths ? { type, paths } : undefined;
  }

  const files = readGlobs(raw.files, m => fail('.files', m));
  const pattern = raw.pattern;
  if (typeof pattern !== 'string') {
    fail('.pattern', `must be an RE2 pattern string; got ${show(pattern)}`);
  }
  const flags = raw.flags;
  if (flags !== undefined && flags !== 'i') {
    fail('.flags', `may only be "i" (case-insensitive); got ${show(flags)}`);
  }
  const expect = raw.expect;
  if (expect !== 'present' && expect !== 'absent') {
    fail('.expect', `must be "present" or "absent"; got ${show(expect)}`);
  }
  const maxMatches = numeric(raw.maxMatches);
  if (maxMatches !== undefined) {
    if (
      typeof maxMatches !== 'number' ||
      !Number.isInteger(maxMatches) ||
      maxMatches < 0
    ) {
      fail(
        '.maxMatches',
        `must be a whole number of at least 0; got ${show(raw.maxMatches)}`,
      );
    } else if (expect === 'present') {
      fail(
        '.maxMatches',
        'only applies to `expect: absent` (the number of matching lines tolerated)',
      );
    }
  }
  if (!valid || !files) return undefined;
  return {
    type,
    files,
    pattern: pattern as string,
    ...(flags ? { flags: 'i' as const } : {}),
    expect: expect as 'present' | 'absent',
    ...(maxMatches !== undefined ? { maxMatches: maxMatches as number } : {}),
  };
}

/** A non-empty list of repository-relative globs, with any leading `./` dropped. */
function readGlobs(
  raw: unknown,
  fail: (message: string) => void,
): string[] | undefined {
  if (
    !Array.isArray(raw) ||
    raw.length === 0 ||
    !raw.every(g => typeof g === 'string' && g.trim() !== '')
  ) {
    fail(`must be a non-empty list of globs; got ${show(raw)}`);
    return undefined;
  }
  const globs = (raw as string[]).map(g => g.trim().replace(/^(\.\/)+/, ''));
  // Snapshot paths are relative and never leave the repository, so these
  // could never match: almost certainly a mistake worth stopping for.
  const outside = globs.filter(
    g => g.startsWith('/') || g.split('/').includes('..'),
  );
  if (outside.length > 0) {
    fail(
      `must be relative to the repository root, without "/" at the start or ".." segments; got ${show(
        outside,
      )}`,
    );
    return undefined;
  }
  return globs;
}

/** Numbers may come from environment substitution as strings. */
function numeric(value: unknown): unknown {
  return typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)
    ? Number(value)
    : value;
}

function boolean(value: unknown): unknown {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}
