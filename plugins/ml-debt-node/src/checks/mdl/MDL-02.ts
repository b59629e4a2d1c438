import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { PythonSource } from '../../analysis/python';
import { MlDebtCheck } from '../../engine/types';
import {
  codeLinesMatching,
  fileEvidence,
  firstN,
  lineEvidence,
} from '../support';
import { candidateCodeLines, someCodeLine } from '../../analysis/sourceText';

/** Calls that use a model to predict. */
const PREDICT_METHODS =
  'predict|predict_proba|predict_log_proba|decision_function|transform|forward|generate|encode|embed|run|score|classify|infer';
/** Calls that only a model makes: what marks a module as prediction code. */
const PREDICTION_CODE =
  /\.(?:predict|predict_proba|predict_log_proba|decision_function|forward|generate|classify|infer)\(/;

const NONE_ASSIGNMENT =
  /^\s*(self\.)?([A-Za-z_]\w*)\s*(?::[^=]{1,80})?=\s*None\s*$/;
/** Where NONE_ASSIGNMENT may match, for a whole-source scan. */
const NONE_CANDIDATE = /=\s*None\s*$/;

interface Scope {
  indent: number;
  kind: 'def' | 'class';
  name: string;
  globals: Set<string>;
}

/** The innermost `def` and `class` around each line, from indentation. */
interface LineScope {
  def?: Scope;
  cls?: Scope;
}

function scopes(code: string[]): LineScope[] {
  const result: LineScope[] = [];
  const stack: Scope[] = [];
  let depth = 0;
  for (const line of code) {
    if (depth === 0 && line.trim() !== '') {
      const indent = line.length - line.trimStart().length;
      while (stack.length > 0 && indent <= stack[stack.length - 1].indent)
        stack.pop();
      const header = /^\s*(?:async\s+)?(def|class)\s+(\w+)/.exec(line);
      if (header) {
        stack.push({
          indent,
          kind: header[1] as 'def' | 'class',
          name: header[2],
          globals: new Set(),
        });
      }
      const global = /^\s*global\s+([\w\s,]+)$/.exec(line);
      const fn = [...stack].reverse().find(s => s.kind === 'def');
      if (global && fn)
        global[1].split(',').forEach(n => fn.globals.add(n.trim()));
    }
    const reversed = [...stack].reverse();
    result.push({
      def: reversed.find(s => s.kind === 'def'),
      cls: reversed.find(s => s.kind === 'class'),
    });
    depth = Math.max(
      0,
      depth +
        (line.match(/[[({]/g)?.length ?? 0) -
        (line.match(/[\])}]/g)?.length ?? 0),
    );
  }
  return result;
}

/** Splits a line at its top-level `=` signs (not `==`, `<=`, `+=`, keyword arguments). */
function splitAssignment(code: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth = Math.max(0, depth - 1);
    else if (
      ch === '=' &&
      depth === 0 &&
      code[i + 1] !== '=' &&
      !'=!<>:+-*/%&|^@'.includes(code[i - 1] ?? '')
    ) {
      parts.push(code.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(code.slice(start));
  return parts;
}

/** Assignment targets and value of a line, or undefined if it is not an assignment. */
function assignment(
  code: string,
): { targets: string[]; value: string } | undefined {
  const parts = splitAssignment(code);
  if (parts.length < 2) return undefined;
  const targets: string[] = [];
  for (const part of parts.slice(0, -1)) {
    const lhs = part.trim().replace(/^\((.*)\)$/, '$1');
    const annotated = /^([\w.]+)\s*:\s*[^=]+$/.exec(lhs);
    if (annotated) targets.push(annotated[1]);
    else if (/^[\w.,\s*]+$/.test(lhs))
      targets.push(...lhs.split(',').map(t => t.trim().replace(/^\*/, '')));
    else return undefined;
  }
  return { targets, value: parts[parts.length - 1].trim() };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Finding {
  initLine: number;
  useLine: number;
  ref: string;
}

function findNoneModels(source: PythonSource): Finding[] {
  const findings: Finding[] = [];
  // Most sources assign nothing to None: no scopes to work out.
  const inits = candidateCodeLines(source, NONE_CANDIDATE);
  if (inits.length === 0) return findings;
  const lineScopes = scopes(source.code);
  for (const i of inits) {
    const code = source.code[i];
    const init = NONE_ASSIGNMENT.exec(code);
    if (!init) continue;
    const scope = lineScopes[i];
    const name = init[2];
    let kind: 'global' | 'attr';
    if (init[1]) kind = 'attr';
    else if (!scope.def && !scope.cls) kind = 'global';
    else if (!scope.def && scope.cls) kind = 'attr';
    else continue; // a local variable: its lifetime is one call

    const className = scope.cls?.name;
    const owners =
      kind === 'attr' ? ['self', 'cls', ...(className ? [className] : [])] : [];
    const refPattern =
      kind === 'global'
        ? `(?<![\\w.])${escape(name)}`
        : `\\b(?:${owners.map(escape).join('|')})\\.${escape(name)}`;
    const use = new RegExp(
      `${refPattern}(?:\\.(?:${PREDICT_METHODS})\\(|\\s*\\()`,
    );
    const guard = new RegExp(
      `${refPattern}\\s+is\\s+(?:not\\s+)?None|${refPattern}\\s*[!=]=\\s*None|\\bnot\\s+${refPattern}\\b(?!\\.)|\\b(?:if|elif|while|assert)\\s+${refPattern}\\s*(?::|\\band\\b|\\bor\\b|,|$)|${refPattern}\\s+or\\b`,
    );
    const refs = kind === 'global' ? [name] : owners.map(o => `${o}.${name}`);

    let useLine: number | undefined;
    // A guard or a load anywhere dismisses the finding.
    let dismissed = false;
    for (let j = 0; j < source.code.length; j++) {
      if (j === i) continue;
      const line = source.code[j];
      if (guard.test(line)) {
        dismissed = true;
        break;
      }
      const assigned = assignment(line);
      if (
        assigned &&
        assigned.value !== 'None' &&
        assigned.targets.some(t => refs.includes(t))
      ) {
        // A module variable assigned inside a function without `global` is a new local.
        const fn = lineScopes[j].def;
        if (kind === 'attr' || !fn || fn.globals.has(name)) {
          dismissed = true;
          break;
        }
      }
      if (useLine === undefined && use.test(line)) useLine = j + 1;
    }
    if (!dismissed && useLine !== undefined)
      findings.push({ initLine: i + 1, useLine, ref: refs[0] });
  }
  return findings;
}

/**
 * MDL-02 — Model may be None at prediction. A module variable or attribute
 * initialised to `None`, used to predict, and neither loaded (no non-None
 * assignment that reaches it: module level, `global` in a start-up function,
 * `self.x = …` in `__init__` or `load()`) nor guarded (`if x is None`,
 * `assert x is not None`, `x or load()`). Requests then fail with
 * `'NoneType' object has no attribute 'predict'`.
 */
export const MDL_02: MlDebtCheck = {
  id: 'MDL-02',
  title: 'Model may be None at prediction time',
  category: 'code-smells',
  weight: 3,
  confidence: 'medium',
  mlTestScore: [],
  debtType: 'Code quality',
  appliesToExperimental: true,
  rationale:
    "A serving module that starts with `model = None` and predicts with it relies on some other code path having loaded the model first. When that load never happens — a start-up hook that assigns a local variable because `global` is missing, a `load()` nobody calls — every request fails with \"'NoneType' object has no attribute 'predict'\", and only in production. Breck et al. (2017, Infra 6) ask that a model is tested in the serving environment before it takes traffic; an unconditional load or an explicit guard makes the failure impossible or loud.",
  references: [
    'Breck et al. 2017, The ML Test Score, Infra 6 (the model is tested via a canary before serving)',
    'Python language reference, the global statement (assignment in a function creates a local name)',
    'FastAPI lifespan events; KServe Model.load()',
  ],
  remediation: [
    'Load the model when the module or object is created (for example model = joblib.load(MODEL_PATH) at module level, or self.model = load_model(...) in __init__), so it can never be None.',
    'If loading must be deferred to a start-up hook, declare the variable global in that function (or store the model on app.state) and fail start-up if the load fails.',
    'Guard every prediction path with an explicit check, such as if model is None: raise RuntimeError("model not loaded"), and answer 503 rather than crashing.',
  ],
  evaluate({ facts }) {
    const candidates = facts.productionSources.filter(
      s => s.kind === 'python' && someCodeLine(s, PREDICTION_CODE),
    );
    if (candidates.length === 0 && facts.servingModules.length === 0) {
      return {
        status: 'not-applicable',
        summary: 'No prediction code was found.',
      };
    }
    const evidence: Evidence[] = [];
    let count = 0;
    const sources = [...new Set([...candidates, ...facts.servingModules])];
    for (const source of sources) {
      for (const f of findNoneModels(source)) {
        count++;
        evidence.push(
          lineEvidence(
            source,
            f.initLine,
            `${f.ref} is initialised to None and never loaded.`,
          ),
          lineEvidence(
            source,
            f.useLine,
            `${f.ref} is used to predict without a None check.`,
          ),
        );
      }
    }
    if (count === 0) {
      return {
        status: 'pass',
        summary:
          'Every model used for prediction is loaded or guarded against None.',
        evidence: firstN(sources, 3).map(s => {
          const line = codeLinesMatching(s, PREDICTION_CODE)[0];
          return line
            ? lineEvidence(s, line, 'Prediction call.')
            : fileEvidence(s.path, 'Serving module.');
        }),
      };
    }
    return {
      status: 'fail',
      summary: `${count} model variable(s) start as None and are used to predict with no load that reaches them and no None check.`,
      evidence: firstN(evidence, 10),
    };
  },
};
