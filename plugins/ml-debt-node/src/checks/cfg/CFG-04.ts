import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { MlDebtCheck } from '../../engine/types';
import { firstN, lineEvidence } from '../support';

/**
 * Appendix A ABS_PATH, applied to the content of string literals: a
 * user-home, mount, Colab, Databricks or Windows-drive path, or `~/`.
 */
const ABS_PATH =
  /^(?:\/(?:home|Users|mnt|media|content\/drive|dbfs|Volumes)\/|[A-Za-z]:(?:\\{1,2}|\/)[\w.$ {-]|~\/\S)/;
/** Container-internal locations (card exclusions). */
const CONTAINER_PATH = /^\/(?:tmp(?:\/|$)|opt\/ml\/|app\/)/;
/**
 * A literal that is only the fallback of an environment variable or a CLI
 * flag (`os.environ.get("DATA_DIR", "/mnt/data")`) is a configurable default.
 */
const OVERRIDABLE_DEFAULT =
  /\b(?:environ\.get|getenv|environ\.setdefault|add_argument|click\.option|typer\.Option|Field)\(|\bdefault\s*=/;

/**
 * CFG-04 — Hard-coded absolute / environment-specific paths in Python and
 * notebook code. Reads the string literals the Python analyser extracted, so
 * paths in comments never count, and skips docstrings, tests, container
 * paths (`/tmp`, `/opt/ml/`, `/app/`) and environment-variable fallbacks.
 */
export const CFG_04: MlDebtCheck = {
  id: 'CFG-04',
  title: 'Hard-coded absolute or environment-specific paths',
  category: 'configuration',
  weight: 1,
  confidence: 'high',
  mlTestScore: ['infra.1'],
  debtType: 'Configuration debt; pipeline jungles',
  appliesToExperimental: true,
  rationale:
    'A path such as /home/alice/data or C:\\Users\\… only exists on one machine, so the pipeline cannot be re-run by a colleague, in CI or in a container: pynblint flags absolute paths for this reason, and Sculley et al. (2015) list environment-specific configuration and ad-hoc intermediate files among the roots of configuration debt and pipeline jungles. Reproducing a training run (ML Test Score Infra 1) needs every input to be addressable independently of where the code runs.',
  references: [
    'pynblint, "Detect the use of absolute paths"',
    'Sculley et al. 2015, Hidden Technical Debt in Machine Learning Systems, §5 Pipeline jungles and §6 Configuration debt',
    'Breck et al. 2017, The ML Test Score, Infra 1',
  ],
  remediation: [
    'Read data and output locations from configuration or environment variables, and build paths with pathlib relative to the project root.',
    'Reference datasets and models by DVC paths or registry URIs instead of machine-specific locations.',
  ],
  evaluate({ facts }) {
    const inCode: Evidence[] = [];
    const inNotebooks: Evidence[] = [];
    const notebookCells = new Map(
      facts.notebooks.map(nb => [nb.path, nb.cellOfLine]),
    );
    for (const source of facts.productionSources) {
      for (const str of source.strings) {
        if (str.docstring) continue;
        const value = str.value.trim();
        if (!ABS_PATH.test(value) || CONTAINER_PATH.test(value)) continue;
        const code = source.code[str.line - 1] ?? '';
        if (OVERRIDABLE_DEFAULT.test(code)) continue;
        const shown = value.split('\n')[0].slice(0, 80);
        if (source.kind === 'notebook') {
          const cell = notebookCells.get(source.path)?.[str.line - 1];
          inNotebooks.push(
            lineEvidence(
              source,
              str.line,
              `Absolute path "${shown}"${
                cell === undefined ? '' : ` in cell ${cell + 1}`
              }`,
            ),
          );
        } else {
          inCode.push(
            lineEvidence(source, str.line, `Absolute path "${shown}"`),
          );
        }
      }
    }
    const total = inCode.length + inNotebooks.length;
    if (total === 0) {
      return {
        status: 'pass',
        summary:
          'No hard-coded user, mount or drive paths in Python or notebook code.',
      };
    }
    const files = new Set([...inCode, ...inNotebooks].map(e => e.path)).size;
    const summary = `${total} hard-coded absolute path${
      total === 1 ? '' : 's'
    } in ${files} file${files === 1 ? '' : 's'}${
      inCode.length === 0 ? ' (notebooks only)' : ''
    }.`;
    return {
      status: 'fail',
      summary,
      evidence: [...firstN(inCode), ...firstN(inNotebooks, 5)],
    };
  },
};
