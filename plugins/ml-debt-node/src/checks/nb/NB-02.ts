import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { MlDebtCheck } from '../../engine/types';
import { fileEvidence, firstN } from '../support';
import { baseName } from './support';

/** Size from which committed outputs are a problem (§7.2 NB-02). */
const LARGE_NOTEBOOK = 1024 * 1024;
/** Tools that keep outputs and execution counts out of commits. */
const STRIP_TOOL = /nbstripout|nbqa|jupytext|nb-clean/;
/**
 * Notebooks whose outputs are the point (reports, rendered docs, examples):
 * committed outputs are intentional there (§7.2 NB-02 false positives).
 */
const OUTPUTS_INTENDED =
  /(?:^|\/)(?:docs?|reports?|examples?|tutorials?)\/|report[^/]*\.ipynb$/i;

/** Whether `.pre-commit-config.yaml` has a notebook-stripping hook. */
function strippingHook(yaml: unknown[]): { found: boolean; hook?: string } {
  for (const doc of yaml) {
    const repos = (doc as any)?.repos;
    if (!Array.isArray(repos)) continue;
    for (const repo of repos) {
      const hooks = Array.isArray(repo?.hooks) ? repo.hooks : [];
      for (const hook of hooks) {
        const id = String(hook?.id ?? '');
        if (STRIP_TOOL.test(id)) return { found: true, hook: id };
      }
      if (STRIP_TOOL.test(String(repo?.repo ?? '')))
        return { found: true, hook: String(repo.repo) };
    }
  }
  return { found: false };
}

/**
 * NB-02 — Notebook hygiene: committed outputs in large notebooks,
 * out-of-order execution, untitled notebooks, no output stripping.
 */
export const NB_02: MlDebtCheck = {
  id: 'NB-02',
  title:
    'Notebooks committed with outputs, out-of-order execution or no stripping',
  category: 'notebooks',
  weight: 1,
  confidence: 'high',
  mlTestScore: ['infra.1'],
  debtType: 'Reproducibility debt',
  appliesToExperimental: true,
  rationale:
    'A notebook whose cells ran out of order cannot be reproduced by running it top to bottom, and committed outputs bloat the repository, leak data into Git history and make diffs unreadable. Pynblint (Quaranta et al.) and nborder check exactly this; Sculley et al. (2015) count irreproducible results as reproducibility debt, and the ML Test Score (Infra 1) asks that training be reproducible.',
  references: [
    'Quaranta et al. 2022, Pynblint: a static analyzer for Python Jupyter notebooks (CAIN)',
    'nborder, NB101 non-monotonic execution counts',
    'Sculley et al. 2015, Hidden Technical Debt in Machine Learning Systems, §8 (reproducibility debt)',
    'Breck et al. 2017, The ML Test Score, Infra 1',
  ],
  remediation: [
    'Add an nbstripout hook to .pre-commit-config.yaml (or nbqa/jupytext), so that outputs and execution counts never reach a commit.',
    'Run every notebook with Restart-and-Run-All in CI, for example with pytest --nbmake, so that hidden state and out-of-order cells fail the build.',
    'Pair notebooks with plain-text scripts using jupytext, and review the scripts instead of the JSON.',
    'Give untitled notebooks a name that says what they do, or delete them.',
  ],
  evaluate({ facts, snapshot }) {
    const files = snapshot.glob('**/*.ipynb');
    if (files.length === 0) {
      return {
        status: 'not-applicable',
        summary: 'No notebooks in the repository.',
      };
    }
    const parsed = new Map(facts.notebooks.map(nb => [nb.path, nb]));
    const problems = new Map<string, Evidence[]>();
    const add = (path: string, e: Evidence) =>
      problems.set(path, [...(problems.get(path) ?? []), e]);

    for (const file of files) {
      const nb = parsed.get(file.path);
      if (/^Untitled\d*\.ipynb$/i.test(baseName(file.path))) {
        add(
          file.path,
          fileEvidence(file.path, 'Untitled notebook: name it or delete it'),
        );
      }
      if (file.size > LARGE_NOTEBOOK && !OUTPUTS_INTENDED.test(file.path)) {
        const outputs = nb
          ? nb.cells.filter(c => c.type === 'code' && c.outputCount > 0).length
          : undefined;
        // Over the snapshot's read limit we only know the size: say so.
        if (outputs === undefined || outputs > 0) {
          add(file.path, {
            ...fileEvidence(
              file.path,
              outputs === undefined
                ? `Notebook of ${(file.size / 1048576).toFixed(
                    1,
                  )} MB, too large to read: almost certainly committed outputs`
                : `${outputs} code cells with committed outputs in a ${(
                    file.size / 1048576
                  ).toFixed(1)} MB notebook`,
            ),
            unknown: outputs === undefined ? true : undefined,
          });
        }
      }
      if (!nb) continue;
      // Execution counts must increase from top to bottom (nborder NB101).
      let previous = 0;
      let previousCell = -1;
      for (const cell of nb.cells) {
        if (cell.type !== 'code' || cell.executionCount === null) continue;
        if (cell.executionCount <= previous) {
          add(file.path, {
            message: `Cells ran out of order: cell ${
              cell.index + 1
            } has execution count ${cell.executionCount} after cell ${
              previousCell + 1
            } with ${previous}`,
            path: file.path,
          });
          break;
        }
        previous = cell.executionCount;
        previousCell = cell.index;
      }
    }

    const config = '.pre-commit-config.yaml';
    const hook = snapshot.exists(config)
      ? strippingHook(facts.yaml(config))
      : { found: false };
    const gitattributes = snapshot.readText('.gitattributes') ?? '';
    const filter = /filter=nbstripout/.test(gitattributes);
    const stripped = hook.found || filter;
    const automated =
      stripped &&
      facts.ciFiles.some(f =>
        f.commands.some(c =>
          /pre-commit\s+run|nbstripout|nbqa/.test(c.command),
        ),
      );

    const clean = files.length - problems.size;
    const score = (75 * clean) / files.length + (stripped ? 25 : 0);
    const evidence: Evidence[] = firstN([...problems.values()].flat(), 10);
    if (stripped) {
      evidence.push(
        hook.found
          ? fileEvidence(config, `Notebook stripping hook: ${hook.hook}`)
          : fileEvidence('.gitattributes', 'nbstripout Git filter'),
      );
    } else {
      evidence.push({
        message:
          'No nbstripout, nbqa or jupytext hook in .pre-commit-config.yaml and no nbstripout Git filter',
        path: snapshot.exists(config) ? config : undefined,
      });
    }
    const summaryParts = [
      `${problems.size} of ${files.length} notebook${
        files.length === 1 ? '' : 's'
      } with hygiene problems`,
      stripped ? 'outputs are stripped on commit' : 'no output stripping',
    ];
    let status: 'pass' | 'warn' | 'fail' = 'warn';
    if (score >= 100) status = 'pass';
    else if (score < 50) status = 'fail';
    let automation: 'automated' | 'manual' | 'none' = 'none';
    if (stripped) automation = automated ? 'automated' : 'manual';
    return {
      status,
      score,
      summary: `${summaryParts.join('; ')}.`,
      evidence,
      automation,
    };
  },
};
