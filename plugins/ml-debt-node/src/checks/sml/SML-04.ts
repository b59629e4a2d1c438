import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { PythonSource } from '../../analysis/python';
import { MlDebtCheck } from '../../engine/types';
import { densityScore, firstN, lineEvidence } from '../support';
import {
  alternation,
  dataFrameNames,
  findCalls,
  hasKeyword,
  hasKwargsUnpacking,
  candidateLines,
} from './support';

/** mllint's Pylint density constant (§8.1). */
const K = 10;

const NAN_EQ = /[=!]=\s*(?:np|numpy)\.nan\b|\b(?:np|numpy)\.nan\s*[=!]=/;
const INPLACE_METHODS =
  'drop|dropna|fillna|replace|rename|sort_values|reset_index|set_index|astype|drop_duplicates';
const ITERATION = /\.(?:iterrows|itertuples)\(\)/;

const RANGE_LEN = /\bfor\s+\w+\s+in\s+range\(\s*len\(\s*(\w+)\s*\)\s*\)/;
const EMPTY_COLUMN = /^(\w+)\[(?:"[^"\n]*"|'[^'\n]*')\]\s*=\s*(?:0|""|'')\s*$/;
const INPLACE = new RegExp(`^(\\w+)\\.(${INPLACE_METHODS})\\((.*)\\)$`);
/** Where the `.values`, merge and read rules can match, for {@link candidateLines}. */
const VALUES = /\.values\b/;
const INPLACE_CANDIDATE = new RegExp(`\\.(?:${INPLACE_METHODS})\\(`);
const EMPTY_COLUMN_CANDIDATE = /\]\s*=\s*(?:0|""|'')\s*$/;
const MERGE = /\.merge\(/;
const READ = /\.read_/;

/** Names that look like DataFrames even when their creation was not seen (function parameters). */
const DF_LIKE_NAME = /^(?:df|\w+_df|df_\w+|frame|dataframe)$/;

function analyse(source: PythonSource): Evidence[] {
  const findings: Evidence[] = [];
  const typed = dataFrameNames(source);
  const isDf = (name: string) => typed.has(name) || DF_LIKE_NAME.test(name);
  const dfAlt = typed.size > 0 ? alternation(typed) : undefined;
  const values = dfAlt
    ? new RegExp(`(?<![\\w.])(?:${dfAlt})\\.values\\b(?!\\s*\\()`)
    : undefined;
  const lines = candidateLines(
    source,
    NAN_EQ,
    VALUES,
    INPLACE_CANDIDATE,
    MERGE,
    READ,
    EMPTY_COLUMN_CANDIDATE,
    ITERATION,
    RANGE_LEN,
  );
  for (const l of lines) {
    const text = l.text.trim();
    const at = (message: string) =>
      findings.push(lineEvidence(source, l.line, message));
    if (NAN_EQ.test(text))
      at(
        'Comparison with np.nan is always False; use pd.isna / np.isnan (dslinter E5501)',
      );
    if (values?.test(text))
      at('.values on a DataFrame; use .to_numpy() (dslinter W5504)');
    const ip = INPLACE.exec(text);
    if (ip && isDf(ip[1]) && !/\binplace\s*=\s*True\b/.test(ip[3])) {
      at(
        `${ip[1]}.${ip[2]}(…) result is discarded; assign it (dslinter W5503)`,
      );
    }
    const merges = text.includes('.merge(')
      ? findCalls(text, /(?:\b(?:pd|pandas)|\b\w+)\.merge/)
      : [];
    for (const call of merges) {
      if (hasKwargsUnpacking(call.args)) continue;
      const missing = [
        !hasKeyword(call.args, /how/) && 'how',
        !hasKeyword(call.args, /on|left_on|right_on|left_index|right_index/) &&
          'on',
        !hasKeyword(call.args, /validate/) && 'validate',
      ].filter(Boolean);
      const owner = call.name.replace(/\.merge$/, '');
      if (
        missing.length > 0 &&
        (/^(?:pd|pandas)$/.test(owner) || isDf(owner))
      ) {
        at(`merge without ${missing.join(', ')} (dslinter R5505)`);
      }
    }
    const reads = text.includes('.read_')
      ? findCalls(text, /\b(?:pd|pandas)\.read_(?:csv|table)/)
      : [];
    for (const call of reads) {
      if (hasKwargsUnpacking(call.args)) continue;
      // dtype= is what keeps types stable; usecols= alone is a lesser concern (R5504).
      if (!hasKeyword(call.args, /dtype|converters/)) {
        at(
          `${call.name} without dtype= (dslinter R5503); also select columns with usecols= (R5504)`,
        );
      }
    }
    const empty = EMPTY_COLUMN.exec(text);
    if (empty && isDf(empty[1]))
      at(
        'Empty-column initialisation with 0 or ""; use np.nan or a typed column',
      );
    if (ITERATION.test(text))
      at('Row-wise iteration over a DataFrame; vectorise (dslinter R5501)');
    const loop = RANGE_LEN.exec(text);
    if (loop && isDf(loop[1]))
      at(`Index loop over ${loop[1]}; vectorise (dslinter R5501)`);
  }
  return findings;
}

/**
 * SML-04 — DataFrame/NumPy API misuse cluster (Zhang #13–18, #21): NaN
 * equality, `.values` on DataFrames, discarded results of non-in-place
 * methods, merges without how/on/validate, untyped `read_csv`, empty-column
 * initialisation and row iteration. Rules that would misfire on dicts,
 * Series or lists only apply to variables inferred to be DataFrames.
 */
export const SML_04: MlDebtCheck = {
  id: 'SML-04',
  title: 'DataFrame and NumPy API misuse',
  category: 'code-smells',
  weight: 1,
  confidence: 'medium',
  mlTestScore: ['data.1', 'data.7'],
  debtType: 'Plain-old-data type smell',
  appliesToExperimental: true,
  rationale:
    'x == np.nan is always False, df.dropna() without assignment does nothing, and an untyped read_csv or an unvalidated merge silently changes types and row counts: these are ML-specific code smells catalogued by Zhang et al. (2022, #13–18, #21) and flagged by dslinter. Sculley et al. (2015) call the underlying habit the plain-old-data type smell; it undermines the schema and feature-code tests of the ML Test Score (Data 1, Data 7).',
  references: [
    'Zhang et al. 2022, Code Smells for Machine Learning Applications, #13–18 and #21',
    'dslinter rules E5501, W5503, W5504, R5501, R5503, R5504, R5505',
    'Sculley et al. 2015, Hidden Technical Debt in Machine Learning Systems, §5 Plain-old-data type smell',
    'mllint code-quality density score (Pylint formula)',
  ],
  remediation: [
    'Read data with explicit dtype= and usecols=, and merge with how=, on= and validate= so type and cardinality changes fail loudly.',
    'Test for missing values with pd.isna() or np.isnan(), never with == np.nan.',
    'Replace iterrows/itertuples loops with vectorised operations.',
    'Run dslinter (pylint --load-plugins=dslinter) in CI to keep these patterns out.',
  ],
  evaluate({ facts }) {
    const modules = facts.productionSources.filter(
      s => s.importedModules.has('pandas') || s.importedModules.has('numpy'),
    );
    if (modules.length === 0) {
      return facts.productionSources.length === 0
        ? { status: 'not-applicable', summary: 'No Python code.' }
        : { status: 'pass', summary: 'No pandas or NumPy code to misuse.' };
    }
    const findings = modules.flatMap(analyse);
    const loc = facts.linesOfCode;
    const score = densityScore(findings.length, loc, K);
    if (findings.length === 0) {
      return {
        status: 'pass',
        summary: `No DataFrame/NumPy API misuse in ${modules.length} module${
          modules.length === 1 ? '' : 's'
        }.`,
      };
    }
    return {
      status: score === 0 ? 'fail' : 'warn',
      score,
      summary: `${findings.length} DataFrame/NumPy API misuse${
        findings.length === 1 ? '' : 's'
      } in ${loc} lines of code (density score ${Math.round(score)}).`,
      evidence: firstN(findings),
    };
  },
};
