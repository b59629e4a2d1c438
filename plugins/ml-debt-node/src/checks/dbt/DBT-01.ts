import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { MlDebtCheck } from '../../engine/types';
import { PythonSource } from '../../analysis/python';
import { densityScore, firstN } from '../support';
import {
  GENERATED_OR_VENDORED,
  notebooksByPath,
  sourceEvidence,
} from './support';

/** §7.2 DBT-01 keyword regex (Appendix A SATD, plus "ugly" and "dirty"). */
const SATD =
  /\b(?:TODO|FIXME|HACK|XXX|KLUDGE|WORKAROUND|TEMP(?:ORARY)?|REFACTOR|DEPRECATED?)\b|quick[- ]fix|\bfor now\b|hard[- ]?coded|magic number|\bugly\b|\bdirty\b/i;

/** O'Brien et al.'s exclusion filters (Appendix A SATD_EXCLUDE). */
const SATD_EXCLUDE =
  /noqa|pylint:|type:\s*ignore|-\*-\s*coding|^!.*python|generated protocol buffer|licen[cs]e|copyright|spdx-/i;

/** An O'Brien et al. 2022 ML-SATD group and its Appendix B lexicon. */
interface SatdGroup {
  name: string;
  pattern: RegExp;
}

/**
 * Appendix B lexicon, in the order used to break ties: Data Dependency and
 * Configurable Options first, the groups O'Brien found most frequent and the
 * remediation prioritises.
 */
export const SATD_GROUPS: readonly SatdGroup[] = [
  {
    name: 'Data Dependency',
    pattern:
      /normali[sz]|preprocess|clean|feature|column|dtype|schema|dataset|json|csv|encod|missing|\bnan\b|imput|label|split(?![^\n]{0,30}\binto\b)|tokeni[sz]/i,
  },
  {
    name: 'Configurable Options',
    pattern:
      /hyper-?param|learning rate|\blr\b|\blayers?\b|\bweights?\b|magic number|hard-?cod|threshold|configurable|\bparam(?:eter)?s?\b/i,
  },
  {
    name: 'Code Dependency',
    pattern:
      /version|upgrade|deprecat|compat|\bonce [^\n]{0,80}(?:fixed|released|supported)|\btf\.|torch|sklearn|keras|numpy|pandas|c\+\+|cuda|\bport\b|\bglue\b/i,
  },
  {
    name: 'Awareness',
    pattern:
      /\?\s*$|not sure|unsure|don'?t know|do we (?:want|need)|is this (?:right|correct)|figure out|\bwhy\b|understand|check (?:if|whether)/i,
  },
  {
    name: 'Modularity',
    pattern:
      /refactor|split [^\n]{0,30}\binto\b|separate|move (?:this|to)|abstract|generali[sz]e|reus|decouple|clean ?up/i,
  },
  {
    name: 'Performance',
    pattern:
      /compare [^\n]{0,80}performance|accuracy|metric|evaluat|precision|recall|robust/i,
  },
  {
    name: 'Scalability',
    pattern:
      /\bslow|faster|speed ?up|optimi[sz]e|memory|vectori[sz]|parallel|\bscale|\bgpu\b|prototype|for testing only|nrows/i,
  },
  {
    name: 'Readability',
    pattern: /readab|confusing|rename|naming|unclear|document/i,
  },
  {
    name: 'Duplicate Code Elimination',
    pattern:
      /duplicat|copy[- ]?paste|copied from|same as|identical to|de-?dup/i,
  },
];

/** Label for SATD that matches no ML-specific group (requirement, design, … debt). */
export const NON_ML_GROUP = 'General (non-ML) SATD';

/** The O'Brien group of an SATD comment. */
export function classifySatd(text: string): string {
  return SATD_GROUPS.find(g => g.pattern.test(text))?.name ?? NON_ML_GROUP;
}

/** One self-admitted debt comment. */
interface SatdItem {
  source: PythonSource;
  line: number;
  text: string;
  group: string;
}

const GROUP_ORDER = new Map<string, number>([
  ...SATD_GROUPS.map((g, i) => [g.name, i] as [string, number]),
  [NON_ML_GROUP, SATD_GROUPS.length],
]);

/** The comment-like text of a source: `#` comments and docstring lines. */
function* commentLines(
  source: PythonSource,
): Generator<{ line: number; text: string }> {
  for (const c of source.comments) yield c;
  for (const s of source.strings) {
    if (!s.docstring) continue;
    const parts = s.value.split('\n');
    for (let i = 0; i < parts.length; i++) {
      if (parts[i].trim()) yield { line: s.line + i, text: parts[i].trim() };
    }
  }
}

/**
 * DBT-01 — Self-admitted technical debt (SATD) density, classified into the
 * ML-SATD groups of O'Brien et al. 2022.
 */
export const DBT_01: MlDebtCheck = {
  id: 'DBT-01',
  title: 'High density of self-admitted technical debt',
  category: 'satd',
  weight: 1,
  confidence: 'high',
  mlTestScore: [],
  debtType: 'All debt types; cultural debt',
  appliesToExperimental: true,
  rationale:
    "TODO, FIXME and HACK comments are debt the authors admit to. O'Brien et al. (2022) mined 68,820 such comments from 2,641 ML repositories and found ML projects carry about twice the SATD of other software (Bhatia et al. 2023), most of it about data dependencies and configurable options. A rising density is a sign of the cultural debt Sculley et al. (2015) warn about: shortcuts are taken faster than they are paid back.",
  references: [
    "O'Brien et al. 2022, 23 Shades of Self-Admitted Technical Debt: An Empirical Study on Machine Learning Software (ESEC/FSE)",
    'Bhatia et al. 2023, An Empirical Study of Self-Admitted Technical Debt in Machine Learning Software (arXiv 2311.12019)',
    'Sculley et al. 2015, Hidden Technical Debt in Machine Learning Systems, §8 (cultural debt)',
  ],
  remediation: [
    'Convert each TODO, FIXME and HACK comment into a tracked issue with an owner, and reference the issue from the comment or delete it.',
    'Pay back Data Dependency and Configurable Options items first: they are the most frequent ML-SATD groups and the ones most likely to change model behaviour.',
    'Add a CI budget that fails a pull request introducing net-new SATD comments.',
  ],
  evaluate({ facts }) {
    const notebooks = notebooksByPath(facts.notebooks);
    const items: SatdItem[] = [];
    for (const source of facts.productionSources) {
      if (GENERATED_OR_VENDORED.test(source.path)) continue;
      for (const { line, text } of commentLines(source)) {
        if (!SATD.test(text) || SATD_EXCLUDE.test(text)) continue;
        items.push({ source, line, text, group: classifySatd(text) });
      }
    }
    const loc = facts.linesOfCode;
    if (items.length === 0) {
      return {
        status: 'pass',
        summary: `No self-admitted technical debt (TODO, FIXME, HACK, …) in ${loc} lines of code.`,
      };
    }

    const byGroup = new Map<string, number>();
    for (const item of items) {
      byGroup.set(item.group, (byGroup.get(item.group) ?? 0) + 1);
    }
    const groups = [...byGroup.entries()]
      .sort(
        (a, b) =>
          b[1] - a[1] || GROUP_ORDER.get(a[0])! - GROUP_ORDER.get(b[0])!,
      )
      .map(([name, n]) => `${name} ${n}`);
    const score = densityScore(items.length, loc, 50);
    const perKloc = loc > 0 ? (1000 * items.length) / loc : 0;
    // Top items first: the groups the remediation prioritises, then by place.
    const ordered = [...items].sort(
      (a, b) =>
        GROUP_ORDER.get(a.group)! - GROUP_ORDER.get(b.group)! ||
        a.source.path.localeCompare(b.source.path) ||
        a.line - b.line,
    );
    const evidence: Evidence[] = firstN(ordered, 10).map(item =>
      sourceEvidence(
        item.source,
        item.line,
        `SATD comment (${item.group})`,
        notebooks,
      ),
    );
    if (items.length > evidence.length) {
      evidence.push({
        message: `…and ${items.length - evidence.length} more SATD comments.`,
      });
    }
    return {
      status: score >= 50 ? 'warn' : 'fail',
      score,
      summary: `${items.length} self-admitted debt comment${
        items.length === 1 ? '' : 's'
      } in ${loc} lines of code (${perKloc.toFixed(
        1,
      )} per KLoC); by O'Brien group: ${groups.join(', ')}.`,
      evidence,
    };
  },
};
