import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { PythonSource } from '../../analysis/python';
import { MlDebtCheck } from '../../engine/types';
import { densityScore, firstN, lineEvidence } from '../support';
import { alternation, dataFrameNames } from './support';

/** Weight of a read chain (`df["a"]["b"]`) relative to a chained assignment. */
const READ_WEIGHT = 0.25;
/** mllint's Pylint density constant (§8.1). */
const K = 10;

interface Chain {
  line: number;
  name: string;
  assignment: boolean;
}

/**
 * Finds `<df>[…][…]` on a physical code line by walking brackets, so nested
 * subscripts such as `df[df["a"] > 0]["b"] = 1` are counted as two.
 */
function chainsOnLine(code: string, names: RegExp): Array<Omit<Chain, 'line'>> {
  const chains: Array<Omit<Chain, 'line'>> = [];
  names.lastIndex = 0;
  for (let m = names.exec(code); m !== null; m = names.exec(code)) {
    let i = m.index + m[0].length;
    let subscripts = 0;
    while (code[i] === '[') {
      let depth = 0;
      let j = i;
      for (; j < code.length; j++) {
        if (code[j] === '[') depth++;
        else if (code[j] === ']') {
          depth--;
          if (depth === 0) break;
        }
      }
      if (j >= code.length) break;
      subscripts++;
      i = j + 1;
    }
    if (subscripts >= 2) {
      const rest = code.slice(i);
      chains.push({
        name: m[1],
        assignment: /^\s*(?:[-+*/%|&^]|\/\/|\*\*)?=(?!=)/.test(rest),
      });
    }
    names.lastIndex = Math.max(names.lastIndex, i);
  }
  return chains;
}

/**
 * SML-03 — Pandas chain indexing on variables known to hold DataFrames
 * (created by `pd.read_*`, `pd.DataFrame`, `pd.concat`, `pd.merge`, derived
 * with `.copy()`/`.merge()`/…, or annotated `: pd.DataFrame`). Chained
 * assignments (the SettingWithCopy bug class) count fully, read chains at a
 * quarter; the mllint density formula turns the count into a score.
 */
export const SML_03: MlDebtCheck = {
  id: 'SML-03',
  title: 'Pandas chain indexing on DataFrames',
  category: 'code-smells',
  weight: 1,
  confidence: 'medium',
  mlTestScore: ['data.7'],
  debtType: 'Glue code / correctness',
  appliesToExperimental: true,
  rationale:
    'df["a"]["b"] = x may write to a temporary copy and silently leave the DataFrame unchanged (pandas\' SettingWithCopyWarning), so a feature transform can be wrong without failing: chain indexing is an ML-specific code smell (Zhang et al. 2022, #20) that dslinter flags as W5502 once it knows the variable is a DataFrame, which is what this check infers. Feature code must be correct and tested (ML Test Score Data 7).',
  references: [
    'Zhang et al. 2022, Code Smells for Machine Learning Applications, #20 Chain indexing',
    'dslinter rule W5502 (chain-indexing-pandas)',
    'pandas documentation, "Returning a view versus a copy"',
    'Breck et al. 2017, The ML Test Score, Data 7',
  ],
  remediation: [
    'Index rows and columns in one step with .loc[row, col] (or .iloc) instead of chaining two subscripts.',
    'Enable Copy-on-Write with pd.options.mode.copy_on_write = True so chained assignment raises instead of silently doing nothing.',
    'Add unit tests for the transforms that assign into DataFrames.',
  ],
  evaluate({ facts }) {
    const pandasModules = facts.productionSources.filter(s =>
      s.importedModules.has('pandas'),
    );
    if (pandasModules.length === 0) {
      return facts.productionSources.length === 0
        ? { status: 'not-applicable', summary: 'No Python code.' }
        : { status: 'pass', summary: 'No pandas code, so no chain indexing.' };
    }
    const assignments: Evidence[] = [];
    const reads: Evidence[] = [];
    for (const source of pandasModules) {
      collect(source, assignments, reads);
    }
    const weighted = assignments.length + READ_WEIGHT * reads.length;
    const loc = facts.linesOfCode;
    const score = densityScore(weighted, loc, K);
    if (weighted === 0) {
      return {
        status: 'pass',
        summary: `No chain indexing on DataFrames in ${
          pandasModules.length
        } pandas module${pandasModules.length === 1 ? '' : 's'}.`,
      };
    }
    return {
      // A chained assignment is the SettingWithCopy bug class: a failure whatever its density.
      status: assignments.length > 0 || score === 0 ? 'fail' : 'warn',
      score,
      summary: `${assignments.length} chained assignment${
        assignments.length === 1 ? '' : 's'
      } and ${reads.length} chained read${
        reads.length === 1 ? '' : 's'
      } on DataFrames in ${loc} lines of code.`,
      evidence: [...firstN(assignments), ...firstN(reads, 5)],
    };
  },
};

function collect(
  source: PythonSource,
  assignments: Evidence[],
  reads: Evidence[],
) {
  const names = dataFrameNames(source);
  if (names.size === 0) return;
  const pattern = new RegExp(
    `(?<![\\w.])(${alternation(names)})\\b(?=\\[)`,
    'g',
  );
  source.code.forEach((code, i) => {
    if (!code.includes('][')) return;
    for (const chain of chainsOnLine(code, pattern)) {
      if (chain.assignment) {
        assignments.push(
          lineEvidence(
            source,
            i + 1,
            `Chained assignment on DataFrame ${chain.name} (may write to a copy)`,
          ),
        );
      } else {
        reads.push(
          lineEvidence(
            source,
            i + 1,
            `Chained indexing on DataFrame ${chain.name}`,
          ),
        );
      }
    }
  });
}
