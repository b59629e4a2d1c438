import { parseAllDocuments } from 'yaml';
import { Automation } from '@ml-debt/plugin-ml-debt-common';
import { RepositorySnapshot, SnapshotFile } from '../snapshot/types';
import { analysePython, isTestPath, PythonSource } from './python';
import { codeMatches } from './sourceText';
import { ParsedNotebook, parseNotebook } from './notebook';
import {
  parsePyProject,
  parseRequirementsFile,
  PyProject,
  RequirementsFile,
} from './dependencies';

/** Libraries whose import makes a module an "ML module" (§7.2). @public */
export const ML_LIBRARIES = new Set([
  'sklearn',
  'torch',
  'tensorflow',
  'keras',
  'xgboost',
  'lightgbm',
  'catboost',
  'transformers',
  'jax',
  'statsmodels',
]);

const SERVING_PATH =
  /(?:^|\/)[^/]*(?:serve|serving|inference|predict|score|api|app|handler)[^/]*\.py$/i;
const SERVING_CODE =
  /FastAPI\(|Flask\(|@app\.(?:get|post|route)\b|bentoml\.service|class \w+\(kserve\.Model\)|^def (?:init|run)\(/m;

/** CI configuration files of every provider we recognise (Appendix A CI_FILES). */
const CI_FILE =
  /^(?:\.github\/workflows\/[^/]+\.ya?ml|\.gitlab-ci\.yml|azure-pipelines[^/]*\.ya?ml|\.pipelines\/[^/]+\.ya?ml|\.travis\.yml|Jenkinsfile|\.circleci\/config\.yml|bitbucket-pipelines\.yml|\.buildkite\/.+|cloudbuild\.ya?ml|\.drone\.yml)$/;

/** A step a CI file runs. @public */
export interface CiCommand {
  path: string;
  /** 1-based line where the command starts. */
  line: number;
  command: string;
}

/** A CI configuration file and what it runs. @public */
export interface CiFile {
  path: string;
  text: string;
  /** Shell commands of its steps (`run:`, `script:`), or its lines for formats we do not parse. */
  commands: CiCommand[];
  /** Triggered on a schedule (cron). */
  scheduled: boolean;
}

/** A file that runs work without a person: a pipeline or a schedule. @public */
export interface AutomationFile {
  path: string;
  text: string;
  kind: 'ci' | 'pipeline' | 'scheduler';
}

/** A declared dependency manifest. @public */
export interface DependencyManifest {
  path: string;
  kind:
    | 'requirements'
    | 'pyproject'
    | 'pipfile'
    | 'setup.py'
    | 'setup.cfg'
    | 'conda'
    | 'pixi';
  /** Parsed requirements, for requirements files. */
  requirements?: RequirementsFile;
  /** Parsed pyproject, when it parses. */
  pyproject?: PyProject;
  /** Whether the manifest parsed. */
  parsed: boolean;
}

const LOCK_FILE =
  /(?:^|\/)(?:poetry\.lock|uv\.lock|Pipfile\.lock|pdm\.lock|pixi\.lock|conda-lock\.ya?ml|[^/]+\.conda-lock\.ya?ml)$/;

/** `if __name__ == "__main__":`, on an original line. */
const MAIN_GUARD = /^if\s+__name__\s*==\s*["']__main__["']\s*:/;

/**
 * Analysis of a repository that many checks share, computed on first use and
 * kept for the one scan: Python sources, notebooks, CI and pipeline files,
 * dependency manifests. Checks read it instead of re-reading and re-parsing
 * the same files.
 *
 * @public
 */
export class RepositoryFacts {
  readonly #memo = new Map<string, unknown>();
  readonly #python = new Map<string, PythonSource | undefined>();
  readonly #yaml = new Map<string, unknown[]>();

  constructor(readonly snapshot: RepositorySnapshot) {}

  #lazy<T>(key: string, compute: () => T): T {
    if (!this.#memo.has(key)) {
      this.#memo.set(key, compute());
    }
    return this.#memo.get(key) as T;
  }

  /** Every `.py` file, tests included. */
  get pythonFiles(): SnapshotFile[] {
    return this.#lazy('pythonFiles', () => this.snapshot.glob('**/*.py'));
  }

  /** The analysed source of a `.py` file, or undefined if unreadable. */
  python(filePath: string): PythonSource | undefined {
    if (!this.#python.has(filePath)) {
      const text = this.snapshot.readText(filePath);
      this.#python.set(
        filePath,
        text === undefined ? undefined : analysePython(filePath, text),
      );
    }
    return this.#python.get(filePath);
  }

  /** Every notebook that parses. */
  get notebooks(): ParsedNotebook[] {
    return this.#lazy('notebooks', () =>
      this.snapshot
        .glob('**/*.ipynb')
        .map(f => {
          const text = this.snapshot.readText(f.path);
          return text === undefined ? undefined : parseNotebook(f.path, text);
        })
        .filter((nb): nb is ParsedNotebook => nb !== undefined),
    );
  }

  /**
   * All Python code: every readable `.py` file and the code cells of every
   * notebook (as one source per notebook).
   */
  get sources(): PythonSource[] {
    return this.#lazy('sources', () => [
      ...this.pythonFiles
        .map(f => this.python(f.path))
        .filter((s): s is PythonSource => s !== undefined),
      ...this.notebooks.map(nb => nb.python),
    ]);
  }

  /** Python code that is not tests. */
  get productionSources(): PythonSource[] {
    return this.#lazy('productionSources', () =>
      this.sources.filter(s => !s.isTest),
    );
  }

  /** Test code (`tests/`, `test_*.py`, `*_test.py`, `conftest.py`). */
  get testSources(): PythonSource[] {
    return this.#lazy('testSources', () =>
      this.sources.filter(s => s.kind === 'python' && s.isTest),
    );
  }

  /** Non-test code importing an ML library (§7.2 "ML module"). */
  get mlModules(): PythonSource[] {
    return this.#lazy('mlModules', () =>
      this.productionSources.filter(s =>
        [...s.importedModules].some(m => ML_LIBRARIES.has(m)),
      ),
    );
  }

  /** Non-test code that serves predictions (§7.2 "serving module"). */
  get servingModules(): PythonSource[] {
    return this.#lazy('servingModules', () =>
      this.productionSources.filter(
        s =>
          s.kind === 'python' &&
          (codeMatches(s, SERVING_CODE) ||
            (SERVING_PATH.test(s.path) &&
              [...s.importedModules].some(
                m =>
                  ML_LIBRARIES.has(m) ||
                  /^(fastapi|flask|bentoml|kserve|joblib|pickle|mlflow|onnxruntime)$/.test(
                    m,
                  ),
              ))),
      ),
    );
  }

  /**
   * Entry modules (§7.2 SML-01): files with a `__main__` guard, files named
   * `train*.py`, and notebooks.
   */
  get entryModules(): PythonSource[] {
    return this.#lazy('entryModules', () =>
      this.productionSources.filter(
        s =>
          s.kind === 'notebook' ||
          /(?:^|\/)train[^/]*\.py$/.test(s.path) ||
          // The guard's string literal is blanked in `code`; match the original lines.
          s.lines.some(l => MAIN_GUARD.test(l)),
      ),
    );
  }

  /** Lines of code (non-blank, non-comment) in non-test Python and notebook code. */
  get linesOfCode(): number {
    return this.#lazy('loc', () =>
      this.productionSources.reduce((sum, s) => sum + s.codeLines, 0),
    );
  }

  /** Parsed YAML documents of a file; empty when it does not parse. */
  yaml(filePath: string): unknown[] {
    if (!this.#yaml.has(filePath)) {
      const text = this.snapshot.readText(filePath);
      let docs: unknown[] = [];
      if (text !== undefined) {
        try {
          docs = parseAllDocuments(text)
            .filter(d => d.errors.length === 0)
            .map(d => d.toJS());
        } catch {
          docs = [];
        }
      }
      this.#yaml.set(filePath, docs);
    }
    return this.#yaml.get(filePath)!;
  }

  /** CI configuration files and the commands they run. */
  get ciFiles(): CiFile[] {
    return this.#lazy('ciFiles', () =>
      this.snapshot
        .files()
        .filter(f => CI_FILE.test(f.path))
        .map(f => this.#ciFile(f.path))
        .filter((f): f is CiFile => f !== undefined),
    );
  }

  #ciFile(filePath: string): CiFile | undefined {
    const text = this.snapshot.readText(filePath);
    if (text === undefined) return undefined;
    const lines = text.split(/\r?\n/);
    const lineOf = (needle: string) => {
      const first = needle.split('\n')[0].trim();
      const idx = lines.findIndex(l => l.includes(first));
      return idx >= 0 ? idx + 1 : 1;
    };
    const commands: CiCommand[] = [];
    let scheduled = false;
    if (/\.ya?ml$/.test(filePath)) {
      for (const doc of this.yaml(filePath)) {
        collectCommands(doc, cmd =>
          commands.push({ path: filePath, line: lineOf(cmd), command: cmd }),
        );
        const on = (doc as any)?.on ?? (doc as any)?.[true as any];
        if (on && typeof on === 'object' && 'schedule' in on) scheduled = true;
      }
    }
    if (commands.length === 0) {
      // Jenkinsfile, Buildkite scripts, YAML we could not parse: every line.
      lines.forEach((l, i) => {
        if (l.trim())
          commands.push({ path: filePath, line: i + 1, command: l.trim() });
      });
    }
    if (/^\s*-?\s*cron\s*:/m.test(text) || /\bcron\(/.test(text))
      scheduled = true;
    return { path: filePath, text, commands, scheduled };
  }

  /**
   * Pipeline and scheduler definitions: DVC stages, Airflow DAGs, Argo/Kubeflow
   * workflows, Kubernetes CronJobs, Prefect deployments, SageMaker/Vertex
   * pipeline code. With the CI files, they are what makes a practice
   * "automated" rather than "manual".
   */
  get automationFiles(): AutomationFile[] {
    return this.#lazy('automationFiles', () => {
      const result: AutomationFile[] = this.ciFiles.map(f => ({
        path: f.path,
        text: f.text,
        kind: 'ci' as const,
      }));
      for (const f of this.snapshot.files()) {
        if (CI_FILE.test(f.path)) continue;
        const isYaml = /\.ya?ml$/.test(f.path);
        const isPython = f.path.endsWith('.py');
        if (!isYaml && !isPython) continue;
        const text = this.snapshot.readText(f.path);
        if (text === undefined) continue;
        if (
          /(?:^|\/)dvc\.yaml$/.test(f.path) ||
          /(?:^|\/)prefect\.ya?ml$/.test(f.path)
        ) {
          result.push({ path: f.path, text, kind: 'pipeline' });
        } else if (
          isYaml &&
          text.includes('kind:') &&
          /^\s*kind:\s*(?:CronWorkflow|CronJob|ScheduledWorkflow)\b/m.test(text)
        ) {
          result.push({ path: f.path, text, kind: 'scheduler' });
        } else if (
          isYaml &&
          text.includes('kind:') &&
          /^\s*kind:\s*(?:Workflow|WorkflowTemplate|Pipeline|PipelineRun)\b/m.test(
            text,
          )
        ) {
          result.push({ path: f.path, text, kind: 'pipeline' });
        } else if (
          isPython &&
          text.includes('airflow') &&
          /^\s*(?:from|import)\s+airflow\b/m.test(text) &&
          /\bschedule(?:_interval)?\s*=/.test(text)
        ) {
          result.push({ path: f.path, text, kind: 'scheduler' });
        } else if (
          isPython &&
          /@dsl\.pipeline|sagemaker\.workflow\.pipeline|aiplatform\.PipelineJob|@flow\b/.test(
            text,
          )
        ) {
          result.push({ path: f.path, text, kind: 'pipeline' });
        }
      }
      return result;
    });
  }

  /**
   * Whether CI, a pipeline or a scheduler invokes something matching `needle`
   * (a command pattern, a script name, a module path). Returns the automation
   * file that does, or undefined.
   */
  findAutomation(needle: RegExp): AutomationFile | undefined {
    return this.automationFiles.find(f => {
      needle.lastIndex = 0;
      return needle.test(f.text);
    });
  }

  /**
   * The automation level of a practice whose evidence lives at `paths`:
   * `automated` when an automation file mentions one of them (by path, file
   * name or Python module name), `manual` when there is evidence at all.
   */
  automationOf(paths: readonly string[], extra?: RegExp): Automation {
    if (paths.length === 0) return 'none';
    for (const p of paths) {
      const base = p.split('/').pop()!;
      const stem = base.replace(/\.(py|ipynb|ya?ml|json|sh)$/, '');
      const moduleName = p.replace(/\.py$/, '').replace(/\//g, '.');
      const needles = [p, base, moduleName];
      if (stem.length >= 4 && !/^(main|app|config|utils?|index)$/.test(stem))
        needles.push(stem);
      if (
        this.automationFiles.some(
          f => f.path !== p && needles.some(n => f.text.includes(n)),
        )
      ) {
        return 'automated';
      }
    }
    if (extra && this.findAutomation(extra)) return 'automated';
    return 'manual';
  }

  /** Dependency manifests (REP-01), anywhere but excluded folders. */
  get dependencyManifests(): DependencyManifest[] {
    return this.#lazy('manifests', () => {
      const result: DependencyManifest[] = [];
      for (const f of this.snapshot.files()) {
        const base = f.path.split('/').pop()!;
        const text = () => this.snapshot.readText(f.path);
        if (
          /^requirements[^/]*\.(txt|in)$/.test(base) ||
          /(?:^|\/)requirements\/[^/]+\.(txt|in)$/.test(f.path)
        ) {
          const t = text();
          result.push({
            path: f.path,
            kind: 'requirements',
            requirements:
              t === undefined ? undefined : parseRequirementsFile(t),
            parsed: t !== undefined,
          });
        } else if (base === 'pyproject.toml') {
          const t = text();
          const pyproject = t === undefined ? undefined : parsePyProject(t);
          result.push({
            path: f.path,
            kind: 'pyproject',
            pyproject,
            parsed: Boolean(pyproject),
          });
        } else if (base === 'Pipfile') {
          result.push({
            path: f.path,
            kind: 'pipfile',
            parsed: text() !== undefined,
          });
        } else if (base === 'setup.py') {
          result.push({
            path: f.path,
            kind: 'setup.py',
            parsed: text() !== undefined,
          });
        } else if (
          base === 'setup.cfg' &&
          /install_requires/.test(text() ?? '')
        ) {
          result.push({ path: f.path, kind: 'setup.cfg', parsed: true });
        } else if (
          /^(environment[^/]*|conda[^/]*)\.ya?ml$/.test(base) &&
          !/conda-lock/.test(base)
        ) {
          result.push({
            path: f.path,
            kind: 'conda',
            parsed: text() !== undefined,
          });
        } else if (base === 'pixi.toml') {
          result.push({
            path: f.path,
            kind: 'pixi',
            parsed: text() !== undefined,
          });
        }
      }
      return result;
    });
  }

  /** Lock files (poetry.lock, uv.lock, Pipfile.lock, …) and hashed/pip-compiled requirements. */
  get lockFiles(): string[] {
    return this.#lazy('lockFiles', () => [
      ...this.snapshot
        .files()
        .filter(f => LOCK_FILE.test(f.path))
        .map(f => f.path),
      ...this.dependencyManifests
        .filter(
          m =>
            m.requirements &&
            (m.requirements.hashed || m.requirements.pipCompiled),
        )
        .map(m => m.path),
    ]);
  }

  /** Dockerfiles and Containerfiles. */
  get dockerfiles(): SnapshotFile[] {
    return this.#lazy('dockerfiles', () =>
      this.snapshot.glob([
        '**/Dockerfile*',
        '**/Containerfile',
        '**/*.dockerfile',
      ]),
    );
  }

  /** Whether a path is test code. */
  isTest(filePath: string): boolean {
    return isTestPath(filePath);
  }
}

/** Collects shell commands from parsed CI YAML: GitHub `run`, GitLab `script`, Azure `script`/`bash`. */
function collectCommands(
  node: unknown,
  emit: (cmd: string) => void,
  key?: string,
): void {
  if (typeof node === 'string') {
    if (
      key &&
      /^(run|script|before_script|after_script|bash|pwsh|powershell|command|commands|cmd|args)$/.test(
        key,
      )
    ) {
      emit(node);
    }
    return;
  }
  if (Array.isArray(node)) {
    for (const item of node) collectCommands(item, emit, key);
    return;
  }
  if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) collectCommands(v, emit, k);
  }
}
