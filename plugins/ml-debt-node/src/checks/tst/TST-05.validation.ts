import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { PythonSource } from '../../analysis/python';
import { RepositoryFacts } from '../../analysis/RepositoryFacts';
import { lineEvidence, snippet } from '../support';
import {
  AutomationLine,
  automationInvoking,
  automationMatching,
  projectImports,
  testRunLines,
} from '../ops/support';
import { findCodeLine, findCodeLines } from '../../analysis/sourceText';

/** One piece of data-validation evidence (TST-05, TST-08). @public */
export interface DataValidation {
  tool: string;
  /** `schema`: validates training data; `serving-model`: typed request models only. */
  kind: 'schema' | 'serving-model';
  evidence: Evidence;
}

/** What the repository validates data with, and whether automation runs it. @public */
export interface DataValidationFacts {
  findings: DataValidation[];
  /** CI/pipeline lines that run the validation (a checkpoint, a module, tests importing it). */
  automatedBy: AutomationLine[];
}

const VALIDATION_IMPORTS: Record<string, string> = {
  great_expectations: 'Great Expectations',
  pandera: 'pandera',
  tensorflow_data_validation: 'TFDV',
  deepchecks: 'deepchecks',
  soda: 'Soda',
};

const VALIDATION_CODE: Array<[string, RegExp]> = [
  [
    'Great Expectations',
    /\bgx\.get_context\(|\bexpect_column_\w+\(|\bgxe?\.(?:expectations\.)?Expect[A-Z]\w*\(|\.run_checkpoint\(/,
  ],
  ['pandera', /\bDataFrameSchema\(|\bDataFrameModel\b|\bSchemaModel\b/],
  [
    'TFDV',
    /\btfdv\.(?:infer_schema|validate_statistics)\(|\bExampleValidator\(/,
  ],
  ['deepchecks', /\b(?:data_integrity|train_test_validation)\(/],
];
const VALIDATION_PATTERNS = VALIDATION_CODE.map(([, pattern]) => pattern);

/** CI or pipeline commands that run a data-validation tool directly. */
export const VALIDATION_RUN =
  /\b(?:great_expectations|gx)\b[^\n]{0,60}\bcheckpoint\b|\bcheckpoint\s+run\b|\bsoda\s+scan\b|\bdbt\s+(?:test|build)\b/;

const PYDANTIC_MODEL = /^\s*class\s+\w+\(\s*(?:pydantic\.)?BaseModel\s*\)/;

const cache = new WeakMap<RepositoryFacts, DataValidationFacts>();

function firstCodeLine(source: PythonSource, pattern: RegExp): number {
  return findCodeLine(source, pattern) + 1;
}

function dbtTests(node: any): boolean {
  if (!node || typeof node !== 'object') return false;
  const groups = [
    ...(Array.isArray(node.models) ? node.models : []),
    ...(Array.isArray(node.sources)
      ? node.sources.flatMap((s: any) =>
          Array.isArray(s?.tables) ? s.tables : [],
        )
      : []),
  ];
  return groups.some(
    (m: any) =>
      m?.tests ||
      m?.data_tests ||
      (Array.isArray(m?.columns) &&
        m.columns.some(
          (c: any) => c?.tests || c?.data_tests || c?.constraints,
        )),
  );
}

/**
 * Data validation in the repository (§7.2 TST-05): Great Expectations projects
 * (`great_expectations/` ≤0.18 and `gx/` 1.x), pandera, TFDV, deepchecks, Soda
 * checks, dbt schema tests, and pydantic request models of serving code; and
 * whether CI or a pipeline runs it. Computed once per scan.
 *
 * @public
 */
export function dataValidation(facts: RepositoryFacts): DataValidationFacts {
  const cached = cache.get(facts);
  if (cached) return cached;
  const findings: DataValidation[] = [];
  const { snapshot } = facts;

  for (const f of snapshot.glob([
    '**/great_expectations/great_expectations.yml',
    '**/gx/great_expectations.yml',
  ])) {
    findings.push({
      tool: 'Great Expectations',
      kind: 'schema',
      evidence: { message: 'Great Expectations project', path: f.path },
    });
  }
  for (const f of snapshot.glob('**/expectations/**/*.json')) {
    const text = snapshot.readText(f.path) ?? '';
    if (
      /"expectation_type"|"expectations"\s*:|"expectation_suite_name"/.test(
        text,
      )
    )
      findings.push({
        tool: 'Great Expectations',
        kind: 'schema',
        evidence: { message: 'Expectation suite', path: f.path },
      });
  }
  for (const f of snapshot.glob(['**/schema.pbtxt', '**/*schema*.pbtxt'])) {
    findings.push({
      tool: 'TFDV',
      kind: 'schema',
      evidence: { message: 'TFDV schema', path: f.path },
    });
  }
  for (const m of snapshot.search(/^checks for [\w.-]+\s*:/m, [
    '**/*.yml',
    '**/*.yaml',
  ])) {
    findings.push({
      tool: 'Soda',
      kind: 'schema',
      evidence: {
        message: 'Soda checks',
        path: m.path,
        line: m.line,
        snippet: snippet(m.text),
      },
    });
  }
  for (const f of snapshot.glob([
    '**/models/**/*.yml',
    '**/models/**/*.yaml',
    '**/schema.yml',
  ])) {
    if (!facts.yaml(f.path).some(dbtTests)) continue;
    const m = snapshot.search(/^\s*(?:data_)?tests\s*:/m, f.path)[0];
    findings.push({
      tool: 'dbt',
      kind: 'schema',
      evidence: {
        message: 'dbt schema tests',
        path: f.path,
        line: m?.line,
        snippet: m ? snippet(m.text) : undefined,
      },
    });
  }

  const codePaths: string[] = [];
  for (const source of facts.productionSources) {
    let found: { tool: string; line: number } | undefined;
    // The first line of every tool's pattern, in one pass over the source.
    const lines = findCodeLines(source, VALIDATION_PATTERNS);
    for (const [index, [tool]] of VALIDATION_CODE.entries()) {
      const line = lines[index] + 1;
      if (line > 0) {
        found = { tool, line };
        break;
      }
    }
    if (!found) {
      const imp = source.imports.find(
        i => VALIDATION_IMPORTS[i.module.split('.')[0]],
      );
      if (imp)
        found = {
          tool: VALIDATION_IMPORTS[imp.module.split('.')[0]],
          line: imp.line,
        };
    }
    if (found) {
      codePaths.push(source.path);
      findings.push({
        tool: found.tool,
        kind: 'schema',
        evidence: lineEvidence(
          source,
          found.line,
          `${found.tool} validation code`,
        ),
      });
    }
  }

  // Typed request models of the serving code, also when they live in a module
  // the serving code imports (app/schemas.py).
  const servingSide = new Set(facts.servingModules.map(s => s.path));
  for (const serving of facts.servingModules)
    for (const imp of projectImports(facts, serving)) servingSide.add(imp.path);
  for (const path of servingSide) {
    const source = facts.python(path);
    if (!source || source.isTest || !source.importedModules.has('pydantic'))
      continue;
    const line = firstCodeLine(source, PYDANTIC_MODEL);
    if (line > 0)
      findings.push({
        tool: 'pydantic',
        kind: 'serving-model',
        evidence: lineEvidence(
          source,
          line,
          'Typed request model of the serving API',
        ),
      });
  }

  const automatedBy = [...automationMatching(facts, VALIDATION_RUN)];
  const schemaFiles = findings
    .filter(f => f.kind === 'schema' && f.evidence.path)
    .map(f => f.evidence.path!);
  automatedBy.push(...automationInvoking(facts, schemaFiles));
  if (codePaths.length > 0 && automatedBy.length === 0) {
    // One level further: the module that imports the validation code (train.py
    // importing schemas.py) is run by a pipeline, or tests import it and CI runs them.
    const validators = new Set(codePaths);
    const importers: string[] = [];
    let testedInCi = false;
    for (const source of facts.sources) {
      if (source.kind !== 'python') continue;
      if (!projectImports(facts, source).some(i => validators.has(i.path)))
        continue;
      if (source.isTest) testedInCi = true;
      else importers.push(source.path);
    }
    automatedBy.push(...automationInvoking(facts, importers));
    if (testedInCi) automatedBy.push(...testRunLines(facts));
  }

  const result = { findings, automatedBy };
  cache.set(facts, result);
  return result;
}
