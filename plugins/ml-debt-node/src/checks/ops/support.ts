import { Automation, Evidence } from '@ml-debt/plugin-ml-debt-common';
import { PythonSource } from '../../analysis/python';
import { RepositoryFacts } from '../../analysis/RepositoryFacts';
import { snippet } from '../support';

/**
 * One line of work that CI, a pipeline or a scheduler runs: a shell line of a
 * CI step, a `dvc.yaml` stage command, a line of an Airflow DAG or an Argo
 * workflow. Comments, `echo` lines and package installs are left out, so that
 * `# pytest` or `pip install pytest` never counts as running the tests.
 *
 * @public
 */
export interface AutomationLine {
  path: string;
  /** 1-based line in `path`. */
  line: number;
  text: string;
  kind: 'ci' | 'pipeline' | 'scheduler';
  /** Runs on a schedule (cron), not only on pushes. */
  scheduled: boolean;
}

const INSTALL_SEGMENT =
  /^(?:sudo\s+)?(?:(?:uv\s+)?pip3?|python3?\s+-m\s+pip|pipx|conda|mamba|micromamba|apt(?:-get)?|brew|npm|yarn)\s+install\b|^(?:poetry|uv|pdm)\s+add\b/;
const NOISE_SEGMENT = /^(?:echo|printf|cat\s*<<|export\s)\b/;

function cleanShellLine(raw: string): string {
  const line = raw.trim();
  if (!line || line.startsWith('#') || line.startsWith('//')) return '';
  const uncommented = line.replace(/\s+#(?![{!]).*$/, '');
  return uncommented
    .split(/\s*(?:&&|;)\s*/)
    .map(s => s.trim())
    .filter(s => s && !INSTALL_SEGMENT.test(s) && !NOISE_SEGMENT.test(s))
    .join(' && ');
}

/** A Python line without its comment (string contents kept). @public */
export function withoutComment(source: PythonSource, index: number): string {
  return (source.lines[index] ?? '').slice(0, source.code[index]?.length ?? 0);
}

const automationLineCache = new WeakMap<RepositoryFacts, AutomationLine[]>();

/**
 * Everything CI, pipelines and schedulers run, as cleaned lines. Computed once
 * per scan.
 *
 * @public
 */
export function automationLines(facts: RepositoryFacts): AutomationLine[] {
  const cached = automationLineCache.get(facts);
  if (cached) return cached;
  const result: AutomationLine[] = [];
  for (const ci of facts.ciFiles) {
    for (const command of ci.commands) {
      command.command.split(/\r?\n/).forEach((raw, offset) => {
        const text = cleanShellLine(raw);
        if (text)
          result.push({
            path: ci.path,
            line: command.line + offset,
            text,
            kind: 'ci',
            scheduled: ci.scheduled,
          });
      });
    }
  }
  for (const file of facts.automationFiles) {
    if (file.kind === 'ci') continue;
    const scheduled = file.kind === 'scheduler';
    const push = (line: number, raw: string) => {
      const text = cleanShellLine(raw);
      if (text)
        result.push({
          path: file.path,
          line,
          text,
          kind: file.kind,
          scheduled,
        });
    };
    const lines = file.text.split(/\r?\n/);
    if (file.path.endsWith('.py')) {
      const source = facts.python(file.path);
      source?.lines.forEach((_, i) => push(i + 1, withoutComment(source, i)));
    } else if (/(?:^|\/)dvc\.yaml$/.test(file.path)) {
      // Only the stage commands of dvc.yaml run; deps and outs merely name files.
      for (const doc of facts.yaml(file.path)) {
        const stages = (doc as any)?.stages;
        if (!stages || typeof stages !== 'object') continue;
        for (const stage of Object.values(stages)) {
          const cmd = (stage as any)?.cmd;
          const cmds: unknown[] = Array.isArray(cmd) ? cmd : [cmd];
          for (const c of cmds) {
            if (typeof c !== 'string') continue;
            for (const part of c.split(/\r?\n/)) {
              const i = part.trim()
                ? lines.findIndex(l => l.includes(part.trim()))
                : -1;
              push(i >= 0 ? i + 1 : 1, part);
            }
          }
        }
      }
    } else {
      lines.forEach((l, i) => push(i + 1, l.replace(/^\s*-\s+/, '')));
    }
  }
  automationLineCache.set(facts, result);
  return result;
}

/** The automation lines matching `pattern`. @public */
export function automationMatching(
  facts: RepositoryFacts,
  pattern: RegExp,
): AutomationLine[] {
  const regex = new RegExp(pattern.source, pattern.flags.replace('g', ''));
  return automationLines(facts).filter(l => regex.test(l.text));
}

/** Evidence for an automation line. @public */
export function automationEvidence(
  line: AutomationLine,
  message: string,
): Evidence {
  return {
    message,
    path: line.path,
    line: line.line,
    snippet: snippet(line.text),
  };
}

/** The dotted module names a Python file can be imported as (`src/` layouts included). */
export function moduleNamesOf(filePath: string): string[] {
  const dotted = filePath
    .replace(/\.py$/, '')
    .replace(/\/__init__$/, '')
    .split('/');
  const names = [dotted.join('.')];
  if (dotted[0] === 'src' && dotted.length > 1)
    names.push(dotted.slice(1).join('.'));
  return names;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The automation lines that invoke one of `paths`: by path, by module name
 * (`python -m pkg.mod`) or by a distinctive file name. Unlike
 * `facts.automationOf`, comments in CI files never count.
 *
 * @public
 */
export function automationInvoking(
  facts: RepositoryFacts,
  paths: readonly string[],
): AutomationLine[] {
  if (paths.length === 0) return [];
  const needles = new Set<string>();
  for (const p of paths) {
    needles.add(p);
    const base = p.split('/').pop()!;
    const stem = base.replace(/\.(py|ipynb|ya?ml|json|sh)$/, '');
    if (
      stem.length >= 4 &&
      !/^(main|app|config|utils?|index|__init__)$/.test(stem)
    )
      needles.add(base);
    if (p.endsWith('.py')) moduleNamesOf(p).forEach(n => needles.add(n));
  }
  const regex = new RegExp(
    `(?:^|[\\s/=:'"])(?:${[...needles]
      .map(escapeRegex)
      .join('|')})(?=$|[\\s'":])`,
  );
  return automationLines(facts).filter(
    l => !paths.includes(l.path) && regex.test(l.text),
  );
}

/** `automated` when an automation line invokes one of `paths`, else `manual` (`none` without paths). @public */
export function automationLevel(
  facts: RepositoryFacts,
  paths: readonly string[],
): Automation {
  if (paths.length === 0) return 'none';
  return automationInvoking(facts, paths).length > 0 ? 'automated' : 'manual';
}

const TEST_RUN =
  /(?:^|[\s/(=])(?:py\.?test|python3?\s+-m\s+(?:pytest|unittest)|tox|nox|make\s+(?:test|tests|check|unit)|hatch\s+(?:run\s+)?test|coverage\s+run)\b/;

/**
 * CI lines that run the test suite (Appendix A TEST_RUN_CMD, on parsed CI
 * commands only).
 *
 * @public
 */
export function testRunLines(facts: RepositoryFacts): AutomationLine[] {
  return automationMatching(facts, TEST_RUN).filter(l => l.kind === 'ci');
}

/** Python source files (not notebooks) of the project, indexed by module name. */
interface ModuleIndex {
  byName: Map<string, string[]>;
}

const moduleIndexCache = new WeakMap<RepositoryFacts, ModuleIndex>();

function moduleIndex(facts: RepositoryFacts): ModuleIndex {
  const cached = moduleIndexCache.get(facts);
  if (cached) return cached;
  const byName = new Map<string, string[]>();
  for (const file of facts.pythonFiles) {
    const parts = file.path
      .replace(/\.py$/, '')
      .replace(/\/__init__$/, '')
      .split('/');
    // Every dotted suffix: `src/pkg/features.py` is `pkg.features` and `features`.
    for (let i = 0; i < parts.length; i++) {
      const name = parts.slice(i).join('.');
      const list = byName.get(name) ?? [];
      list.push(file.path);
      byName.set(name, list);
    }
  }
  const index = { byName };
  moduleIndexCache.set(facts, index);
  return index;
}

function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * The project files a Python source imports (absolute imports in any layout,
 * relative imports, `from pkg import module`). Third-party imports resolve to
 * nothing.
 *
 * @public
 */
export function projectImports(
  facts: RepositoryFacts,
  source: PythonSource,
): Array<{ path: string; line: number; names: string[] }> {
  const { byName } = moduleIndex(facts);
  const result: Array<{ path: string; line: number; names: string[] }> = [];
  const here = dirOf(source.path);
  const pick = (name: string): string | undefined => {
    const candidates = (byName.get(name) ?? []).filter(p => p !== source.path);
    if (candidates.length <= 1) return candidates[0];
    return [...candidates].sort(
      (a, b) => commonPrefixLength(b, here) - commonPrefixLength(a, here),
    )[0];
  };
  for (const imp of source.imports) {
    let module = imp.module;
    if (module.startsWith('.')) {
      const dots = /^\.+/.exec(module)![0].length;
      let base = here.split('/').filter(Boolean);
      base = base.slice(0, Math.max(0, base.length - (dots - 1)));
      module = [...base, module.slice(dots)].filter(Boolean).join('.');
    }
    const target = module ? pick(module) : undefined;
    if (target) result.push({ path: target, line: imp.line, names: imp.names });
    for (const name of imp.names) {
      const sub = module ? pick(`${module}.${name}`) : undefined;
      if (sub && sub !== target)
        result.push({ path: sub, line: imp.line, names: [] });
    }
  }
  return result;
}

/** A parsed Kubernetes-style manifest document. @public */
export interface Manifest {
  path: string;
  kind: string;
  apiVersion: string;
  doc: any;
}

const manifestCache = new WeakMap<RepositoryFacts, Manifest[]>();

/**
 * Every YAML document with a `kind` and an `apiVersion` (Kubernetes, KServe,
 * Seldon, Argo, Flagger, Istio, Azure ML manifests), CI files excluded.
 *
 * @public
 */
export function manifests(facts: RepositoryFacts): Manifest[] {
  const cached = manifestCache.get(facts);
  if (cached) return cached;
  const ci = new Set(facts.ciFiles.map(f => f.path));
  const result: Manifest[] = [];
  for (const file of facts.snapshot.glob(['**/*.yaml', '**/*.yml'])) {
    if (ci.has(file.path)) continue;
    const text = facts.snapshot.readText(file.path);
    if (!text || !/^\s*kind:\s*\S/m.test(text)) continue;
    for (const doc of facts.yaml(file.path)) {
      const d = doc as any;
      if (d && typeof d.kind === 'string' && typeof d.apiVersion === 'string')
        result.push({
          path: file.path,
          kind: d.kind,
          apiVersion: d.apiVersion,
          doc: d,
        });
    }
  }
  manifestCache.set(facts, result);
  return result;
}

/** The 1-based line of the first line of `path` matching `pattern` (1 if none). @public */
export function lineOf(
  facts: RepositoryFacts,
  path: string,
  pattern: RegExp,
): number {
  const lines = (facts.snapshot.readText(path) ?? '').split(/\r?\n/);
  const i = lines.findIndex(l => pattern.test(l));
  return i >= 0 ? i + 1 : 1;
}

const SERVING_KINDS =
  /^(InferenceService|SeldonDeployment|Deployment|Rollout|StatefulSet|Service|ServingRuntime|InferenceGraph)$/;

/** Where a service serves predictions: serving code and deploy manifests. @public */
export interface ServingDetection {
  modules: PythonSource[];
  /** Deploy manifests and descriptors (KServe, Seldon, Kubernetes, BentoML, SageMaker). */
  deployFiles: Evidence[];
}

const servingCache = new WeakMap<RepositoryFacts, ServingDetection>();

/**
 * Serving, as OPS-03/04/05 need it (§8.1: n/a without serving): serving
 * modules, or deploy manifests (KServe InferenceService, SeldonDeployment,
 * Kubernetes Deployment/Service, BentoML, SageMaker endpoint config).
 *
 * @public
 */
export function detectServing(facts: RepositoryFacts): ServingDetection {
  const cached = servingCache.get(facts);
  if (cached) return cached;
  const deployFiles: Evidence[] = [];
  const seen = new Set<string>();
  const add = (path: string, message: string, line?: number) => {
    if (seen.has(path)) return;
    seen.add(path);
    deployFiles.push({ message, path, line });
  };
  for (const m of manifests(facts)) {
    if (
      SERVING_KINDS.test(m.kind) ||
      /^AWS::SageMaker::Endpoint/.test(JSON.stringify(m.doc.Resources ?? ''))
    )
      add(m.path, `${m.kind} manifest`, lineOf(facts, m.path, /^\s*kind:/));
  }
  for (const f of facts.snapshot.glob([
    '**/bentofile.yaml',
    '**/cog.yaml',
    '**/*.tf',
    '**/*.json',
    '**/*.yaml',
    '**/*.yml',
  ])) {
    if (/(?:^|\/)(bentofile|cog)\.yaml$/.test(f.path)) {
      add(f.path, 'Model-serving descriptor');
      continue;
    }
    if (seen.has(f.path) || f.size > 512 * 1024) continue;
    const text = facts.snapshot.readText(f.path);
    if (
      text &&
      /AWS::SageMaker::Endpoint|aws_sagemaker_endpoint|"?ProductionVariants"?\s*:|kind:\s*(?:managedOnlineDeployment|ManagedOnlineDeployment)|managedOnlineDeployment\.schema\.json/.test(
        text,
      )
    )
      add(
        f.path,
        'Endpoint configuration',
        lineOf(
          facts,
          f.path,
          /SageMaker|sagemaker|ProductionVariants|OnlineDeployment/,
        ),
      );
  }
  for (const s of facts.productionSources) {
    if (
      s.kind !== 'python' ||
      (!s.importedModules.has('sagemaker') && !s.importedModules.has('boto3'))
    )
      continue;
    const i = s.code.findIndex(l =>
      /\.create_endpoint_config\(|\.deploy\(\s*(?:initial_instance_count|instance_type|endpoint_name)/.test(
        l,
      ),
    );
    if (i >= 0) add(s.path, 'SageMaker endpoint deployment', i + 1);
  }
  const result = { modules: facts.servingModules, deployFiles };
  servingCache.set(facts, result);
  return result;
}

/** Whether serving is detected at all. @public */
export function hasServing(serving: ServingDetection): boolean {
  return serving.modules.length > 0 || serving.deployFiles.length > 0;
}

/** The summary of a serving-only check on a repository without serving. @public */
export const NO_SERVING_SUMMARY =
  'No serving detected (no serving module, KServe/Seldon/Kubernetes manifest, BentoML descriptor or SageMaker endpoint); the check applies to services that serve predictions.';
