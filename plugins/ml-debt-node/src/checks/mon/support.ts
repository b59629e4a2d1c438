import { Entity } from '@backstage/catalog-model';
import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { PythonSource } from '../../analysis/python';
import { RepositoryFacts } from '../../analysis/RepositoryFacts';
import { codeMatches, findCodeLine } from '../../analysis/sourceText';
import { snippet } from '../support';

/*
 * Shared analysis of the MON-* checks: YAML manifests by kind, scheduled jobs
 * and what they run, project-local imports, and the catalog's operational
 * links. Everything is computed once per scan (keyed on the scan's facts).
 */

function memo<T>(
  cache: WeakMap<RepositoryFacts, T>,
  facts: RepositoryFacts,
  compute: () => T,
): T {
  if (!cache.has(facts)) cache.set(facts, compute());
  return cache.get(facts)!;
}

/** A readable text file and its lines. */
export interface TextFile {
  path: string;
  text: string;
  lines: string[];
}

const yamlCache = new WeakMap<RepositoryFacts, TextFile[]>();

/** Every readable YAML file of the repository. */
export function yamlFiles(facts: RepositoryFacts): TextFile[] {
  return memo(yamlCache, facts, () =>
    facts.snapshot
      .glob('**/*.{yaml,yml}')
      .map(f => {
        const text = facts.snapshot.readText(f.path);
        return text === undefined
          ? undefined
          : { path: f.path, text, lines: text.split(/\r?\n/) };
      })
      .filter((f): f is TextFile => f !== undefined),
  );
}

/** A `kind:` line of a YAML manifest. */
export interface ManifestKind {
  path: string;
  /** 1-based. */
  line: number;
  kind: string;
  text: string;
}

const KIND_LINE =
  /^\s{0,12}(?:-\s+)?kind:\s*["']?([A-Za-z][\w-]{0,60})["']?\s*(?:#.*)?$/;
const kindCache = new WeakMap<RepositoryFacts, ManifestKind[]>();

/**
 * The `kind:` declarations of every YAML file, read line by line so that Helm
 * templates (which do not parse as YAML) still count.
 */
export function manifestKinds(facts: RepositoryFacts): ManifestKind[] {
  return memo(kindCache, facts, () => {
    const kinds: ManifestKind[] = [];
    for (const file of yamlFiles(facts)) {
      if (!/\bkind:/.test(file.text)) continue;
      file.lines.forEach((l, i) => {
        const m = KIND_LINE.exec(l);
        if (m)
          kinds.push({ path: file.path, line: i + 1, kind: m[1], text: l });
      });
    }
    return kinds;
  });
}

/** Manifests whose kind matches `pattern` (anchored by the caller). */
export function manifestsOfKind(
  facts: RepositoryFacts,
  pattern: RegExp,
): ManifestKind[] {
  return manifestKinds(facts).filter(k => pattern.test(k.kind));
}

/** Lines of YAML files matching `pattern`, comment lines excluded. */
export function yamlLinesMatching(
  facts: RepositoryFacts,
  pattern: RegExp,
  prefilter?: RegExp,
): Array<{ path: string; line: number; text: string }> {
  const hits: Array<{ path: string; line: number; text: string }> = [];
  for (const file of yamlFiles(facts)) {
    if (prefilter && !prefilter.test(file.text)) continue;
    file.lines.forEach((l, i) => {
      if (!/^\s*#/.test(l) && pattern.test(l))
        hits.push({ path: file.path, line: i + 1, text: l });
    });
  }
  return hits;
}

/** Evidence for one line of a text file. */
export function textEvidence(
  hit: { path: string; line: number; text: string },
  message: string,
): Evidence {
  return {
    message,
    path: hit.path,
    line: hit.line,
    snippet: snippet(hit.text),
  };
}

// ---------------------------------------------------------------------------
// Serving and ML presence

/** Kinds that deploy an online model server. */
const DEPLOY_KIND =
  /^(?:InferenceService|SeldonDeployment|Deployment|Rollout)$/;

/**
 * Deployment manifests of an online service: KServe, Seldon, Kubernetes
 * Deployments and Argo Rollouts, Knative Services, `bentofile.yaml`.
 */
export function deployManifests(facts: RepositoryFacts): ManifestKind[] {
  const kinds = manifestKinds(facts);
  const knative = new Set(
    yamlFiles(facts)
      .filter(f => /apiVersion:\s*serving\.knative\.dev\//.test(f.text))
      .map(f => f.path),
  );
  const result = kinds.filter(
    k =>
      DEPLOY_KIND.test(k.kind) || (k.kind === 'Service' && knative.has(k.path)),
  );
  for (const f of facts.snapshot.glob('**/bentofile.y{a,}ml')) {
    result.push({ path: f.path, line: 1, kind: 'bentofile', text: f.path });
  }
  return result;
}

/**
 * Whether the repository serves predictions online: a serving module or a
 * deployment manifest. MON-02 and MON-03 are not applicable otherwise (§8.1).
 */
export function servingPresence(facts: RepositoryFacts): {
  serving: boolean;
  evidence: string;
} {
  const modules = facts.servingModules;
  if (modules.length > 0)
    return { serving: true, evidence: `serving code in ${modules[0].path}` };
  const manifests = deployManifests(facts);
  if (manifests.length > 0)
    return {
      serving: true,
      evidence: `${manifests[0].kind} manifest ${manifests[0].path}`,
    };
  return { serving: false, evidence: '' };
}

/** Whether there is any ML code at all: ML modules, serving code, model servers. */
export function hasMlCode(facts: RepositoryFacts): boolean {
  return (
    facts.mlModules.length > 0 ||
    facts.servingModules.length > 0 ||
    manifestsOfKind(facts, /^(?:InferenceService|SeldonDeployment)$/).length > 0
  );
}

// ---------------------------------------------------------------------------
// Python helpers

/** Imports of `source` whose top-level package is in `packages`. */
export function importsOf(
  source: PythonSource,
  packages: ReadonlySet<string>,
): Array<{ line: number; module: string }> {
  return source.imports
    .filter(imp => packages.has(imp.module.split('.')[0]))
    .map(imp => ({ line: imp.line, module: imp.module }));
}

interface ModuleIndex {
  bySuffix: Map<string, PythonSource[]>;
  byPath: Map<string, PythonSource>;
}

const moduleCache = new WeakMap<RepositoryFacts, ModuleIndex>();

/** Dotted module names of a file: `src/pkg/mod.py` → `src.pkg.mod`, `pkg.mod`, `mod`. */
function moduleSuffixes(filePath: string): string[] {
  const parts = filePath.replace(/\.py$/, '').split('/');
  if (parts[parts.length - 1] === '__init__') parts.pop();
  const result: string[] = [];
  for (let i = 0; i < parts.length; i++) result.push(parts.slice(i).join('.'));
  return result;
}

function moduleIndex(facts: RepositoryFacts): ModuleIndex {
  return memo(moduleCache, facts, () => {
    const bySuffix = new Map<string, PythonSource[]>();
    const byPath = new Map<string, PythonSource>();
    for (const source of facts.productionSources) {
      if (source.kind !== 'python') continue;
      byPath.set(source.path, source);
      for (const suffix of moduleSuffixes(source.path)) {
        const list = bySuffix.get(suffix) ?? [];
        list.push(source);
        bySuffix.set(suffix, list);
      }
    }
    return { bySuffix, byPath };
  });
}

/**
 * The project's own (non-test) modules that `source` imports, resolved by
 * dotted-name suffix for absolute imports and by directory for relative ones.
 */
export function localImports(
  facts: RepositoryFacts,
  source: PythonSource,
): PythonSource[] {
  const index = moduleIndex(facts);
  const found = new Map<string, PythonSource>();
  const add = (name: string) => {
    for (const s of index.bySuffix.get(name) ?? [])
      if (s.path !== source.path) found.set(s.path, s);
  };
  const dir = source.path.split('/').slice(0, -1);
  for (const imp of source.imports) {
    const module = imp.module;
    if (module.startsWith('.')) {
      const dots = /^\.+/.exec(module)![0].length;
      const base = dir.slice(0, Math.max(0, dir.length - (dots - 1)));
      const rest = module.slice(dots);
      const prefix = [...base, ...(rest ? rest.split('.') : [])].join('/');
      const candidates = [prefix, ...imp.names.map(n => `${prefix}/${n}`)];
      for (const c of candidates) {
        const s =
          index.byPath.get(`${c}.py`) ?? index.byPath.get(`${c}/__init__.py`);
        if (s && s.path !== source.path) found.set(s.path, s);
      }
      continue;
    }
    // Only names that resolve to a file of the project count.
    add(module);
    for (const n of imp.names) add(`${module}.${n}`);
  }
  return [...found.values()];
}

// ---------------------------------------------------------------------------
// Schedules and what they run

/** A file that runs work on a schedule (or on a data-arrival event). */
export interface ScheduledJob {
  path: string;
  /** Line of the schedule or trigger declaration. */
  line: number;
  text: string;
  /** `schedule`: time-based; `event`: data-arrival or upstream-completion trigger. */
  trigger: 'schedule' | 'event';
  /** What the job runs: its text plus the Make targets, DVC stages and scripts it calls. */
  corpus: string;
  /** The Python source, when the job is Python (Airflow DAG, Prefect flow). */
  source?: PythonSource;
}

const AIRFLOW_SCHEDULE =
  /\bschedule(?:_interval)?\s*=\s*(?!None\b)([^,)\n]{1,120})/;
const PY_SCHEDULE =
  /\b(?:CronSchedule|IntervalSchedule|RRuleSchedule|ScheduleDefinition|PipelineJobSchedule|PipelineSchedule|CronTrigger)\(|@schedule\(|\.create_schedule\(|\.(?:serve|deploy|to_deployment)\([^)\n]{0,200}\b(?:cron|interval|rrule)\s*=|ScheduleExpression\s*=/;
const PY_EVENT =
  /\b(?:(?:S3KeySensor|GCSObjectExistenceSensor|FileSensor|ExternalTaskSensor|SqlSensor|Dataset|Asset)\()|@(?:sensor|asset_sensor|multi_asset_sensor)\b|\bDeploymentEventTrigger\(/;
const YAML_SCHEDULE =
  /^\s*-?\s*(?:cron|cronSchedule|schedule_interval|quartz_cron_expression|ScheduleExpression|schedule_expression|rrule)\s*:\s*\S|^\s*-?\s*interval\s*:\s*\d/;
const YAML_EVENT_KIND = /^(?:Sensor|EventSource|Trigger)$/;
const GITLAB_SCHEDULE = /\$CI_PIPELINE_SOURCE\s*==\s*["']schedule["']/;

/** 1-based line of the first match, or 0. */
function lineOf(lines: readonly string[], pattern: RegExp): number {
  return lines.findIndex(l => pattern.test(l)) + 1;
}

/** The YAML document (between `---` lines) that holds 1-based `line`. */
function documentAt(
  lines: readonly string[],
  line: number,
): { start: number; lines: string[] } {
  let start = line - 1;
  while (start > 0 && !/^---/.test(lines[start - 1])) start--;
  let end = line - 1;
  while (end < lines.length && !/^---/.test(lines[end])) end++;
  return { start: start + 1, lines: lines.slice(start, end) };
}

function stripYamlComments(text: string): string {
  return text
    .split(/\r?\n/)
    .filter(l => !/^\s*#/.test(l))
    .join('\n');
}

const makeCache = new WeakMap<RepositoryFacts, Map<string, string>>();

/** Recipes of the Makefile targets (all Makefiles, by target name). */
function makeTargets(facts: RepositoryFacts): Map<string, string> {
  return memo(makeCache, facts, () => {
    const recipes = new Map<string, string[]>();
    for (const f of facts.snapshot.glob(['**/Makefile', '**/makefile'])) {
      const text = facts.snapshot.readText(f.path);
      if (text === undefined) continue;
      let current: string[] | undefined;
      for (const line of text.split(/\r?\n/)) {
        const target = /^([A-Za-z0-9_.-]{1,60})\s*:(?!=)([^\n]{0,300})$/.exec(
          line,
        );
        if (target) {
          // First entry: the prerequisites; then the recipe lines.
          current = [target[2].trim()];
          recipes.set(target[1], current);
        } else if (current && /^\t/.test(line)) {
          current.push(line.trim());
        } else if (line.trim() !== '' && !/^\s*#/.test(line)) {
          current = undefined;
        }
      }
    }
    return new Map([...recipes].map(([k, v]) => [k, v.join('\n')]));
  });
}

const corpusCache = new WeakMap<RepositoryFacts, Map<string, string>>();

/** {@link buildCorpus}, once per text and scan. */
function expandCorpus(facts: RepositoryFacts, text: string): string {
  let byText = corpusCache.get(facts);
  if (!byText) {
    byText = new Map();
    corpusCache.set(facts, byText);
  }
  let corpus = byText.get(text);
  if (corpus === undefined) {
    corpus = buildCorpus(facts, text);
    byText.set(text, corpus);
  }
  return corpus;
}

/**
 * Expands what a job runs by one level: `make <target>` adds the target's
 * recipe (and its prerequisites' recipes), `dvc repro` / `dvc exp run` adds the
 * commands of every `dvc.yaml` stage, `bash x.sh` / `./x.sh` adds the script.
 */
function buildCorpus(facts: RepositoryFacts, text: string): string {
  const parts = [text];
  if (/\bmake\s/.test(text)) {
    const targets = makeTargets(facts);
    const re = /\bmake\s+(?:-\S+\s+){0,4}([A-Za-z0-9_.-]{1,60})/g;
    for (const m of text.matchAll(re)) {
      const recipe = targets.get(m[1]);
      if (recipe === undefined) continue;
      parts.push(recipe);
      const prereqs = recipe.split('\n')[0].trim().split(/\s+/);
      for (const p of prereqs) {
        const r = targets.get(p);
        if (r !== undefined) parts.push(r);
      }
    }
  }
  if (/\bdvc\s+(?:repro|exp\s+run)\b/.test(text)) {
    for (const f of facts.snapshot.glob('**/dvc.yaml')) {
      for (const doc of facts.yaml(f.path)) {
        const stages = (doc as any)?.stages;
        if (!stages || typeof stages !== 'object') continue;
        for (const [name, stage] of Object.entries(stages)) {
          const cmd = (stage as any)?.cmd;
          parts.push(
            `dvc stage ${name}: ${Array.isArray(cmd) ? cmd.join('\n') : cmd}`,
          );
        }
      }
    }
  }
  for (const m of text.matchAll(
    /(?:\b(?:bash|sh)\s+|\.\/)([\w./-]{1,120}\.sh)\b/g,
  )) {
    const script = m[1].replace(/^\.\//, '');
    const found = facts.snapshot
      .files()
      .find(f => f.path === script || f.path.endsWith(`/${script}`));
    const body = found && facts.snapshot.readText(found.path);
    if (body) parts.push(body);
  }
  return parts.join('\n');
}

const jobCache = new WeakMap<RepositoryFacts, ScheduledJob[]>();

/**
 * Jobs that run without a person: scheduled CI workflows (GitHub `on:
 * schedule`, GitLab schedule rules), Kubernetes CronJobs, Argo CronWorkflows,
 * Kubeflow recurring runs, Airflow DAGs with a schedule (not `None`), Prefect,
 * Dagster, Vertex and SageMaker schedules, Databricks job crons, crontabs; and
 * data-arrival triggers (Airflow sensors and datasets, Dagster sensors, Argo
 * Events sensors).
 */
export function scheduledJobs(facts: RepositoryFacts): ScheduledJob[] {
  return memo(jobCache, facts, () => {
    const jobs: ScheduledJob[] = [];
    const seen = new Set<string>();
    const seenJobs = new Set<string>();
    const push = (job: Omit<ScheduledJob, 'corpus'>, text: string) => {
      const key = `${job.path}#${job.line}`;
      if (seenJobs.has(key)) return;
      seenJobs.add(key);
      seen.add(job.path);
      jobs.push({ ...job, corpus: expandCorpus(facts, text) });
    };
    for (const ci of facts.ciFiles) {
      const gitlab = GITLAB_SCHEDULE.test(ci.text);
      const lines = ci.text.split(/\r?\n/);
      if (ci.scheduled || gitlab) {
        const line = gitlab
          ? lineOf(lines, GITLAB_SCHEDULE)
          : lineOf(lines, /^\s*-?\s*cron\s*:/) ||
            lineOf(lines, /^\s*schedule\s*:/) ||
            1;
        push(
          {
            path: ci.path,
            line,
            text: lines[line - 1] ?? '',
            trigger: 'schedule',
          },
          stripYamlComments(ci.text),
        );
        continue;
      }
      // GitHub: a push of new data (`paths: [data/**, '*.dvc']`) as the trigger.
      const dataPush = facts.yaml(ci.path).some(doc => {
        const on = (doc as any)?.on ?? (doc as any)?.true;
        const paths = on?.push?.paths;
        return (
          Array.isArray(paths) &&
          paths.some(
            (p: unknown) =>
              typeof p === 'string' &&
              /(?:^|\/)data\/|\.dvc\b|dvc\.lock/.test(p),
          )
        );
      });
      if (dataPush) {
        const line = lineOf(lines, /^\s*paths\s*:/) || 1;
        push(
          {
            path: ci.path,
            line,
            text: lines[line - 1] ?? '',
            trigger: 'event',
          },
          stripYamlComments(ci.text),
        );
      }
    }
    const kinds = manifestKinds(facts);
    for (const k of kinds) {
      if (/^(?:CronJob|CronWorkflow|ScheduledWorkflow)$/.test(k.kind)) {
        const file = yamlFiles(facts).find(f => f.path === k.path)!;
        const doc = documentAt(file.lines, k.line);
        const rel = doc.lines.findIndex(
          (l, i) =>
            doc.start + i > k.line &&
            /^\s*(?:schedule|cronSchedule)\s*:/.test(l),
        );
        const line = rel >= 0 ? doc.start + rel : k.line;
        push(
          {
            path: k.path,
            line,
            text: file.lines[line - 1],
            trigger: 'schedule',
          },
          stripYamlComments(doc.lines.join('\n')),
        );
      } else if (YAML_EVENT_KIND.test(k.kind)) {
        const file = yamlFiles(facts).find(f => f.path === k.path)!;
        if (/argoproj\.io|eventing\.knative\.dev/.test(file.text))
          push(
            { path: k.path, line: k.line, text: k.text, trigger: 'event' },
            stripYamlComments(file.text),
          );
      }
    }
    for (const file of yamlFiles(facts)) {
      if (seen.has(file.path)) continue;
      const base = file.path.split('/').pop()!;
      const isPipelineConfig =
        /^(?:prefect|databricks|bundle|pipeline|schedule)[^/]*\.ya?ml$/i.test(
          base,
        ) || /(?:^|\/)(?:resources|jobs|schedules?)\//.test(file.path);
      if (!isPipelineConfig) continue;
      const idx = file.lines.findIndex(
        l => !/^\s*#/.test(l) && YAML_SCHEDULE.test(l),
      );
      if (idx >= 0)
        push(
          {
            path: file.path,
            line: idx + 1,
            text: file.lines[idx],
            trigger: 'schedule',
          },
          stripYamlComments(file.text),
        );
    }
    for (const f of facts.snapshot.glob(['**/crontab', '**/*.cron'])) {
      const text = facts.snapshot.readText(f.path);
      if (text === undefined) continue;
      const lines = text.split(/\r?\n/);
      const idx = lines.findIndex(l => /^\s*(?:@\w+|[\d*])/.test(l));
      if (idx >= 0)
        push(
          {
            path: f.path,
            line: idx + 1,
            text: lines[idx],
            trigger: 'schedule',
          },
          text,
        );
    }
    for (const source of facts.productionSources) {
      if (source.kind !== 'python') continue;
      const airflow = source.importedModules.has('airflow');
      let idx = -1;
      let trigger: ScheduledJob['trigger'] = 'schedule';
      if (airflow) {
        idx = findCodeLine(source, AIRFLOW_SCHEDULE);
        if (idx >= 0 && /=\s*\[/.test(source.code[idx])) trigger = 'event';
      }
      if (idx < 0 && codeMatches(source, PY_SCHEDULE))
        idx = findCodeLine(source, PY_SCHEDULE);
      const orchestrated =
        airflow ||
        source.importedModules.has('dagster') ||
        source.importedModules.has('prefect');
      if (idx < 0 && orchestrated && codeMatches(source, PY_EVENT)) {
        idx = findCodeLine(source, PY_EVENT);
        trigger = 'event';
      }
      if (idx < 0) continue;
      push(
        {
          path: source.path,
          line: idx + 1,
          text: source.lines[idx],
          trigger,
          source,
        },
        // What the job runs: the code and its strings, without comments.
        source.lines
          .map((l, i) =>
            source.code[i].trim() === '' && /^\s*#/.test(l) ? '' : l,
          )
          .join('\n'),
      );
    }
    return jobs;
  });
}

const GENERIC_STEMS =
  /^(?:main|app|apps|api|cli|config|configs|settings|utils?|helpers?|common|core|index|run|job|jobs|task|tasks|model|models|data|pipeline|__init__|__main__|base|io|lib)$/;

/** Whether a text refers to a Python file: see {@link buildInvocationMatcher}. */
interface InvocationMatcher {
  test(text: string): boolean;
}

const invocationCache = new WeakMap<PythonSource, InvocationMatcher>();

/** {@link buildInvocationMatcher}, once per source: several checks ask for the same modules. */
function invocationPattern(source: PythonSource): InvocationMatcher {
  let matcher = invocationCache.get(source);
  if (!matcher) {
    matcher = buildInvocationMatcher(source);
    invocationCache.set(source, matcher);
  }
  return matcher;
}

/**
 * The ways a command can refer to a Python file (its path, dotted module
 * names, the last two path parts, a distinctive stem, the file name), each
 * matched as a whole word: not preceded or followed by a word character or
 * `-`. Literal search rather than one regex per file: compiling a regex for
 * every module of every repository cost more than the searching.
 */
function buildInvocationMatcher(source: PythonSource): InvocationMatcher {
  const needles = new Set<string>([source.path]);
  const suffixes = moduleSuffixes(source.path);
  suffixes.slice(0, -1).forEach(s => needles.add(s));
  const parts = source.path.split('/');
  if (parts.length > 1) needles.add(parts.slice(-2).join('/'));
  const stem = suffixes[suffixes.length - 1] ?? '';
  if (stem.length >= 4 && !GENERIC_STEMS.test(stem)) {
    needles.add(stem);
  }
  needles.add(parts[parts.length - 1]);
  const list = [...needles].filter(n => n.length > 0);
  return { test: text => list.some(n => occursAsWord(text, n)) };
}

/** [A-Za-z0-9_-] */
function isWordOrDash(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 95 ||
    c === 45
  );
}

/**
 * Whether `needle` occurs in `text` with no word character or `-` on either
 * side: what `(?<![\w-])needle(?![\w-])` matches.
 */
export function occursAsWord(text: string, needle: string): boolean {
  for (
    let i = text.indexOf(needle);
    i !== -1;
    i = text.indexOf(needle, i + 1)
  ) {
    const end = i + needle.length;
    if (
      (i === 0 || !isWordOrDash(text.charCodeAt(i - 1))) &&
      (end >= text.length || !isWordOrDash(text.charCodeAt(end)))
    )
      return true;
  }
  return false;
}

/** How a scheduled job reaches a target: directly or through an entry module. */
export interface ScheduledInvocation {
  job: ScheduledJob;
  target: PythonSource;
  /** The entry module the job runs, when it reaches the target through an import. */
  via?: PythonSource;
}

/**
 * The scheduled job (if any) that runs one of `targets`: a job that names the
 * target (path, module or file name), a Python job (DAG, flow) that is the
 * target or imports it, or a job that runs a module importing it (one hop).
 */
export function scheduledInvocation(
  facts: RepositoryFacts,
  targets: readonly PythonSource[],
  trigger?: ScheduledJob['trigger'],
): ScheduledInvocation | undefined {
  if (targets.length === 0) return undefined;
  const jobs = scheduledJobs(facts).filter(
    j => !trigger || j.trigger === trigger,
  );
  if (jobs.length === 0) return undefined;
  const targetPaths = new Set(targets.map(t => t.path));
  const patterns = targets.map(t => ({ t, re: invocationPattern(t) }));
  for (const job of jobs) {
    if (targetPaths.has(job.path))
      return { job, target: targets.find(t => t.path === job.path)! };
    if (job.source) {
      const imported = localImports(facts, job.source).find(s =>
        targetPaths.has(s.path),
      );
      if (imported) return { job, target: imported };
    }
    const direct = patterns.find(p => p.re.test(job.corpus));
    if (direct) return { job, target: direct.t };
  }
  // One hop: a job runs an entry module that imports a target.
  for (const source of facts.productionSources) {
    if (source.kind !== 'python' || targetPaths.has(source.path)) continue;
    const imported = localImports(facts, source).find(s =>
      targetPaths.has(s.path),
    );
    if (!imported) continue;
    const re = invocationPattern(source);
    const job = jobs.find(j => re.test(j.corpus));
    if (job) return { job, target: imported, via: source };
  }
  return undefined;
}

/** Evidence pointing at the schedule of a job. */
export function jobEvidence(job: ScheduledJob, message: string): Evidence {
  return {
    message,
    path: job.path,
    line: job.line,
    snippet: snippet(job.text),
  };
}

// ---------------------------------------------------------------------------
// Catalog

/** CAT-05 annotation keys of operational integrations. */
const OPS_ANNOTATION =
  /^(?:pagerduty\.com\/|opsgenie\.com\/|grafana\/|prometheus\.io\/|datadoghq\.com\/|newrelic\.com\/|dynatrace\.com\/|sentry\.io\/|backstage\.io\/kubernetes-)/;
const ALERT_ANNOTATION =
  /^(?:pagerduty\.com\/|opsgenie\.com\/|grafana\/alert|prometheus\.io\/(?:alert|rule)|datadoghq\.com\/)/;

/** An operational link or annotation on the catalog entity. */
export interface OperationalSignal {
  kind: 'drift' | 'alerting' | 'dashboard';
  evidence: Evidence;
}

const DRIFT_LINK =
  /drift|data[- ]?quality|model[- ]?monitor|evidently|whylabs|whylogs|arize|fiddler|nannyml|superwise|aporia|model[- ]?performance/i;

/**
 * CAT-05-style signals on the entity: links of type dashboard, alerts or
 * monitoring (or titled so), and on-call / metrics annotations. Links that
 * name drift, data quality or a model-monitoring product are `drift`.
 */
export function operationalSignals(entity?: Entity): OperationalSignal[] {
  if (!entity) return [];
  const signals: OperationalSignal[] = [];
  (entity.metadata.links ?? []).forEach((link, i) => {
    const type = (link.type ?? '').toLowerCase();
    const title = link.title ?? '';
    const path = `metadata.links[${i}]`;
    const ev = (message: string): Evidence => ({
      message,
      path,
      snippet: snippet(`${title || type} ${link.url}`),
      url: link.url,
    });
    if (DRIFT_LINK.test(title) || DRIFT_LINK.test(link.url)) {
      signals.push({
        kind: 'drift',
        evidence: ev('Catalog link to model / data-quality monitoring'),
      });
    } else if (type === 'monitoring') {
      signals.push({
        kind: 'drift',
        evidence: ev('Catalog link of type "monitoring"'),
      });
    } else if (type === 'alerts' || /alert|on-?call/i.test(title)) {
      signals.push({
        kind: 'alerting',
        evidence: ev('Catalog link to alerting'),
      });
    } else if (
      type === 'dashboard' ||
      /dashboard|grafana|monitor/i.test(title)
    ) {
      signals.push({
        kind: 'dashboard',
        evidence: ev('Catalog link to a dashboard'),
      });
    }
  });
  for (const [key, value] of Object.entries(
    entity.metadata.annotations ?? {},
  )) {
    if (!OPS_ANNOTATION.test(key) || /^backstage\.io\//.test(key)) continue;
    signals.push({
      kind: ALERT_ANNOTATION.test(key) ? 'alerting' : 'dashboard',
      evidence: {
        message: `Catalog annotation ${key}`,
        path: `metadata.annotations.${key}`,
        snippet: snippet(`${key}: ${value}`),
      },
    });
  }
  return signals;
}

/**
 * The argument text of a call whose opening parenthesis is at `line`
 * (0-based) / `column` of `source.code`, up to the balancing parenthesis and
 * at most six lines: `code` with strings blanked, `raw` as written.
 */
export function callArguments(
  source: PythonSource,
  line: number,
  column: number,
): { code: string; raw: string } {
  let depth = 0;
  const code: string[] = [];
  const raw: string[] = [];
  for (let i = line; i < Math.min(source.code.length, line + 6); i++) {
    const c = source.code[i];
    const from = i === line ? column : 0;
    let end = c.length;
    for (let j = from; j < c.length; j++) {
      if (c[j] === '(' || c[j] === '[' || c[j] === '{') depth++;
      else if (c[j] === ')' || c[j] === ']' || c[j] === '}') {
        depth--;
        if (depth === 0) {
          end = j + 1;
          break;
        }
      }
    }
    code.push(c.slice(from, end));
    raw.push((source.lines[i] ?? '').slice(from, end));
    if (depth <= 0) break;
  }
  return { code: code.join('\n'), raw: raw.join('\n') };
}

/**
 * The CI, pipeline or scheduler file (scheduled or not) that runs one of
 * `targets`, by path, module or file name with word boundaries (so
 * `tests/test_train.py` does not count as running `train.py`), following Make
 * targets, DVC stages and shell scripts.
 */
export function automationRunning(
  facts: RepositoryFacts,
  targets: readonly PythonSource[],
): { path: string; target: PythonSource } | undefined {
  if (targets.length === 0) return undefined;
  const patterns = targets.map(t => ({ t, re: invocationPattern(t) }));
  for (const file of facts.automationFiles) {
    if (targets.some(t => t.path === file.path)) continue;
    const text = /\.ya?ml$/.test(file.path)
      ? stripYamlComments(file.text)
      : file.text;
    const corpus = expandCorpus(facts, text);
    const hit = patterns.find(p => p.re.test(corpus));
    if (hit) return { path: file.path, target: hit.t };
  }
  return undefined;
}
