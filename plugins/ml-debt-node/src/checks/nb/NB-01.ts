import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { MlDebtCheck } from '../../engine/types';
import { candidateCodeLines } from '../../analysis/sourceText';
import { fileEvidence, firstN, snippet } from '../support';
import { dirName, EXPLORATORY_DIR } from './support';

/** (a) Top-level folders that hold production code. */
const PRODUCTION_DIR = /^(?:src|app|service|serving|pipelines?|deploy|jobs)\//;
/** (b) Running a notebook (Appendix A NOTEBOOK_EXEC), bounded. */
/** Code that starts a process, whose string arguments may run a notebook. */
const PROCESS = /subprocess|os\.system|check_call|check_output|\brun\(/;
const NOTEBOOK_EXEC =
  /papermill|execute_notebook\(|nbconvert\b[^\n]{0,200}--execute|--execute\b[^\n]{0,200}\.ipynb|\bnbclient\b|dbutils\.notebook\.run|%run\s/;
/** Testing notebooks with nbmake is the remediation, not the smell. */
const NBMAKE = /--nbmake|\bnbmake\b/;
const PACKAGE_MANIFEST = new Set(['pyproject', 'setup.py', 'setup.cfg']);

/**
 * NB-01 — Notebook-centric code: notebooks in production paths, pipelines that
 * execute notebooks, or a repository that is mostly notebooks and no package.
 */
export const NB_01: MlDebtCheck = {
  id: 'NB-01',
  title: 'Notebooks used as production code',
  category: 'notebooks',
  weight: 2,
  confidence: 'high',
  mlTestScore: ['infra.3'],
  debtType: 'Prototype smell; pipeline jungles',
  appliesToExperimental: true,
  rationale:
    'A notebook that a pipeline executes, or that sits inside the service package, is a prototype that became production: hidden state, out-of-order cells and untestable code paths. Sculley et al. (2015) call this the prototype smell and list it with pipeline jungles; Quaranta et al. (Pynblint) found notebooks rarely meet the hygiene production code needs. An end-to-end pipeline test (ML Test Score Infra 3) is hard to write when the pipeline is a notebook.',
  references: [
    'Sculley et al. 2015, Hidden Technical Debt in Machine Learning Systems, §5 (prototype smell, pipeline jungles)',
    'Quaranta et al. 2022, Pynblint: a static analyzer for Python Jupyter notebooks (CAIN)',
    'Breck et al. 2017, The ML Test Score, Infra 3',
  ],
  remediation: [
    'Move the logic of production notebooks into functions of a tested Python package, and import them from the notebook if it is still needed.',
    'Keep notebooks for exploration and reporting, in a notebooks/ or docs/ folder outside the service package.',
    'If a notebook must run in a pipeline, parameterise it with papermill and test it with nbmake (pytest --nbmake) in CI.',
  ],
  evaluate({ facts, snapshot }) {
    const settings = snapshot.readText('settings.ini');
    if (settings !== undefined && /nbdev/i.test(settings)) {
      return {
        status: 'pass',
        summary:
          'nbdev project: the notebooks are the source of the package and are exported and tested by nbdev.',
        evidence: [fileEvidence('settings.ini', 'nbdev configuration')],
      };
    }

    const notebooks = snapshot.glob('**/*.ipynb').map(f => f.path);
    const packageDirs = new Set(
      facts.pythonFiles
        .filter(f => f.path.endsWith('__init__.py'))
        .map(f => dirName(f.path)),
    );
    const inProduction = notebooks.filter(
      p =>
        !EXPLORATORY_DIR.test(p) &&
        (PRODUCTION_DIR.test(p) ||
          (dirName(p) !== '' && packageDirs.has(dirName(p)))),
    );

    // (b) CI, Makefiles, Dockerfiles, pipelines and Python that run notebooks.
    const executed: Evidence[] = [];
    let nbmake = false;
    const scan = (path: string, lines: readonly string[], at?: number[]) => {
      (at ?? lines.map((_, i) => i)).forEach(i => {
        const line = lines[i];
        if (NBMAKE.test(line)) nbmake = true;
        else if (NOTEBOOK_EXEC.test(line) && !/^\s*#/.test(line))
          executed.push({
            message: 'Runs a notebook',
            path,
            line: i + 1,
            snippet: snippet(line),
          });
      });
    };
    const scripts = snapshot.glob([
      '**/Makefile',
      '**/*.mk',
      '**/*.sh',
      '**/Dockerfile*',
      '**/Containerfile',
    ]);
    for (const f of [
      ...facts.automationFiles.map(a => a.path),
      ...scripts.map(s => s.path),
    ]) {
      if (f.endsWith('.py')) continue;
      const text = snapshot.readText(f);
      if (text !== undefined) scan(f, text.split(/\r?\n/));
    }
    for (const source of facts.productionSources) {
      if (source.kind !== 'python') continue;
      // Code only: a docstring or comment mentioning papermill runs nothing.
      // Shell commands in strings count when the line runs a process.
      scan(
        source.path,
        source.lines,
        candidateCodeLines(source, NOTEBOOK_EXEC, PROCESS).filter(
          i =>
            NOTEBOOK_EXEC.test(source.code[i]) || PROCESS.test(source.code[i]),
        ),
      );
    }
    const databricks =
      snapshot.exists('databricks.yml') ||
      snapshot.exists('.databricks') ||
      executed.some(e => /dbutils\.notebook\.run/.test(e.snippet ?? ''));

    // (c) Prototype ratio: mostly notebooks, no package manifest.
    const pyCount = facts.pythonFiles.length;
    const ratio =
      notebooks.length === 0
        ? 0
        : notebooks.length / (notebooks.length + pyCount);
    const hasPackage = facts.dependencyManifests.some(m =>
      PACKAGE_MANIFEST.has(m.kind),
    );
    const prototype = ratio >= 0.5 && !hasPackage;

    if (inProduction.length === 0 && executed.length === 0 && !prototype) {
      return {
        status: 'pass',
        summary:
          notebooks.length === 0
            ? 'No notebooks, and no pipeline executes notebooks.'
            : `${notebooks.length} notebook${
                notebooks.length === 1 ? ' is' : 's are'
              } kept out of production paths and no pipeline executes them.`,
      };
    }

    const evidence: Evidence[] = [
      ...firstN(inProduction, 5).map(p =>
        fileEvidence(p, 'Notebook inside a production path or package'),
      ),
      ...firstN(executed, 5),
    ];
    if (prototype) {
      evidence.push({
        message: `${notebooks.length} of ${
          notebooks.length + pyCount
        } Python files are notebooks and there is no package manifest (pyproject.toml, setup.py, setup.cfg)`,
      });
    }
    const parts: string[] = [];
    if (inProduction.length > 0)
      parts.push(
        `${inProduction.length} notebook${
          inProduction.length === 1 ? '' : 's'
        } in production paths`,
      );
    if (executed.length > 0) parts.push('pipelines execute notebooks');
    if (prototype)
      parts.push(
        `${Math.round(ratio * 100)}% of the code is notebooks with no package`,
      );
    const severe = inProduction.length > 0 || executed.length > 0;
    // Databricks repositories run notebooks by design; notebooks tested with
    // nbmake are at least exercised by CI. Both get partial credit.
    const mitigated = databricks || nbmake;
    let score = severe ? 0 : 50;
    if (severe && mitigated) score = 50;
    let credit = '';
    if (databricks) credit = ' (Databricks repository: partial credit)';
    else if (nbmake && severe)
      credit = ' (notebooks are tested with nbmake: partial credit)';
    return {
      status: score === 0 ? 'fail' : 'warn',
      score,
      summary: `Notebook-centric code: ${parts.join('; ')}${credit}.`,
      evidence,
    };
  },
};
