import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { evaluateChecks } from '../engine/evaluate';
import { MlDebtCheck } from '../engine/types';
import { createDirectorySnapshot } from '../snapshot/Snapshot';
import { evaluateFiles, evaluateFixture } from '../testUtils';
import { readCustomChecks } from './readCustomChecks';

const fixture = (name: string) => path.join(__dirname, '__fixtures__', name);
const GOVERNED = fixture('governed-service');
const UNGOVERNED = fixture('ungoverned-service');

type ConfigValues = Record<string, string | string[] | number | boolean>;

/** A check as the backend gets it: read from app-config. */
function configuredCheck(
  rule: ConfigValues,
  metadata: ConfigValues = {},
): MlDebtCheck {
  const [check] = readCustomChecks(
    new ConfigReader({
      mlDebt: {
        customChecks: [
          {
            id: 'ACME-01',
            title: 'Policy violated',
            category: 'documentation',
            weight: 2,
            rationale: 'Acme requires it.',
            remediation: ['Follow the Acme ML policy.'],
            ...metadata,
            rule,
          },
        ],
      },
    }),
  );
  return check;
}

describe('file-exists rules', () => {
  const modelCard = configuredCheck({
    type: 'file-exists',
    paths: ['MODEL_CARD.md', 'docs/model-card.md'],
  });

  it('pass when a file matches one of the globs, with the file as evidence', async () => {
    const result = await evaluateFixture(modelCard, GOVERNED);
    expect(result.status).toBe('pass');
    expect(result.score).toBe(100);
    expect(result.evidence).toEqual([
      { message: 'Matches `MODEL_CARD.md`.', path: 'MODEL_CARD.md' },
    ]);
  });

  it('fail when nothing matches, naming the globs', async () => {
    const result = await evaluateFixture(modelCard, UNGOVERNED);
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.summary).toBe(
      'Nothing in the repository matches `MODEL_CARD.md`, `docs/model-card.md`.',
    );
    expect(result.evidence).toEqual([]);
  });

  it('match a directory named by a plain path', async () => {
    const runbooks = configuredCheck({ type: 'file-exists', paths: ['docs'] });
    expect((await evaluateFixture(runbooks, GOVERNED)).evidence).toEqual([
      { message: 'Matches `docs`.', path: 'docs' },
    ]);
  });

  it('match dot files and nested paths with globs', async () => {
    const ignoreFile = configuredCheck({
      type: 'file-exists',
      paths: ['**/.gitignore'],
    });
    expect(await evaluateFixture(ignoreFile, GOVERNED)).toMatchObject({
      status: 'pass',
      evidence: [{ path: '.gitignore' }],
    });
    expect((await evaluateFixture(ignoreFile, UNGOVERNED)).status).toBe('fail');
  });
});

describe('file-absent rules', () => {
  const committedArtefacts = configuredCheck({
    type: 'file-absent',
    paths: ['**/*.pkl', '**/secrets.{yaml,yml}'],
  });

  it('fail when any file matches, with every matching file as evidence', async () => {
    const result = await evaluateFixture(committedArtefacts, UNGOVERNED);
    expect(result.status).toBe('fail');
    expect(result.summary).toBe(
      '2 paths should not exist but do: config/secrets.yaml, models/fraud.pkl.',
    );
    expect(result.evidence).toEqual([
      {
        message: 'Matches `**/secrets.{yaml,yml}`, which should not exist.',
        path: 'config/secrets.yaml',
      },
      {
        message: 'Matches `**/*.pkl`, which should not exist.',
        path: 'models/fraud.pkl',
      },
    ]);
  });

  it('pass when nothing matches', async () => {
    const result = await evaluateFixture(committedArtefacts, GOVERNED);
    expect(result.status).toBe('pass');
    expect(result.evidence).toEqual([]);
  });

  it('cap the evidence at 10 files', async () => {
    const files: Record<string, string> = {};
    for (let i = 1; i <= 12; i++) files[`models/fold-${i}.pkl`] = 'x';
    const result = await evaluateFiles(committedArtefacts, files);
    expect(result.status).toBe('fail');
    expect(result.summary).toMatch(/^12 paths should not exist but do: /);
    expect(result.evidence).toHaveLength(10);
  });
});

describe('content-pattern rules', () => {
  const pickleLoads = (expect: string, extra: ConfigValues = {}) =>
    configuredCheck({
      type: 'content-pattern',
      files: ['**/*.py'],
      pattern: '\\bpickle\\.loads?\\(',
      expect,
      ...extra,
    });

  it('with expect: absent, fail on matching lines with path, line and snippet', async () => {
    const result = await evaluateFixture(pickleLoads('absent'), UNGOVERNED);
    expect(result.status).toBe('fail');
    expect(result.summary).toBe(
      '`\\bpickle\\.loads?\\(` matches 2 lines in 2 files.',
    );
    expect(result.evidence).toEqual([
      {
        message: 'Matches `\\bpickle\\.loads?\\(`.',
        path: 'serve.py',
        line: 6,
        snippet:
          'model = pickle.load(open("models/fraud.pkl", "rb"))  # TODO: handle a missing model file',
      },
      {
        message: 'Matches `\\bpickle\\.loads?\\(`.',
        path: 'train.py',
        line: 12,
        snippet: 'return pickle.load(f)',
      },
    ]);
  });

  it('with expect: absent, pass when no selected file matches', async () => {
    const result = await evaluateFixture(pickleLoads('absent'), GOVERNED);
    expect(result.status).toBe('pass');
    expect(result.summary).toBe(
      '`\\bpickle\\.loads?\\(` was not found in the 3 files matching `**/*.py`.',
    );
  });

  it('with expect: absent, pass when no file matches the globs', async () => {
    const notebookOutputs = configuredCheck({
      type: 'content-pattern',
      files: ['notebooks/*.ipynb'],
      pattern: '"output_type": "error"',
      expect: 'absent',
    });
    const result = await evaluateFixture(notebookOutputs, GOVERNED);
    expect(result.status).toBe('pass');
    expect(result.summary).toBe(
      'No file matches `notebooks/*.ipynb`; there is nothing to search.',
    );
  });

  it('with expect: absent, tolerate up to maxMatches matching lines', async () => {
    const tolerated = await evaluateFixture(
      pickleLoads('absent', { maxMatches: 2 }),
      UNGOVERNED,
    );
    expect(tolerated.status).toBe('pass');
    expect(tolerated.summary).toBe(
      '`\\bpickle\\.loads?\\(` matches 2 lines in 2 files, within the 2 allowed.',
    );
    expect(tolerated.evidence.map(e => e.path)).toEqual([
      'serve.py',
      'train.py',
    ]);

    const exceeded = await evaluateFixture(
      pickleLoads('absent', { maxMatches: 1 }),
      UNGOVERNED,
    );
    expect(exceeded.status).toBe('fail');
    expect(exceeded.summary).toMatch(/, more than the 1 allowed\.$/);
  });

  it('with expect: present, pass when some line matches', async () => {
    const seeded = configuredCheck({
      type: 'content-pattern',
      files: ['src/**/*.py'],
      pattern: 'random_state\\s*=',
      expect: 'present',
    });
    const result = await evaluateFixture(seeded, GOVERNED);
    expect(result.status).toBe('pass');
    expect(result.evidence).toEqual([
      {
        message: 'Matches `random_state\\s*=`.',
        path: 'src/churn/train.py',
        line: 15,
        snippet: 'model = GradientBoostingClassifier(random_state=SEED)',
      },
    ]);
  });

  it('with expect: present, fail when no line matches', async () => {
    const seeded = configuredCheck({
      type: 'content-pattern',
      files: ['**/*.py'],
      pattern: 'random_state\\s*=',
      expect: 'present',
    });
    const result = await evaluateFixture(seeded, UNGOVERNED);
    expect(result.status).toBe('fail');
    expect(result.summary).toBe(
      '`random_state\\s*=` was not found in the 2 files matching `**/*.py`.',
    );
  });

  it('with expect: present, fail when no file matches the globs', async () => {
    const notebooksDocumented = configuredCheck({
      type: 'content-pattern',
      files: ['notebooks/*.ipynb'],
      pattern: '"cell_type": "markdown"',
      expect: 'present',
    });
    const result = await evaluateFixture(notebooksDocumented, GOVERNED);
    expect(result.status).toBe('fail');
    expect(result.summary).toBe(
      'No file matches `notebooks/*.ipynb`, so `"cell_type": "markdown"` was not found.',
    );
  });

  it('match case-insensitively with flags: i', async () => {
    const todos = (flags?: string) =>
      configuredCheck({
        type: 'content-pattern',
        files: ['**/*.py'],
        pattern: '#\\s*todo\\b',
        ...(flags ? { flags } : {}),
        expect: 'absent',
      });
    const sensitive = await evaluateFixture(todos(), UNGOVERNED);
    expect(sensitive.evidence.map(e => `${e.path}:${e.line}`)).toEqual([
      'train.py:17',
    ]);
    const insensitive = await evaluateFixture(todos('i'), UNGOVERNED);
    expect(insensitive.evidence.map(e => `${e.path}:${e.line}`)).toEqual([
      'serve.py:6',
      'train.py:6',
      'train.py:17',
    ]);
  });

  it('anchor ^ and $ at line boundaries', async () => {
    const starImports = configuredCheck({
      type: 'content-pattern',
      files: ['**/*.py'],
      pattern: '^import pickle$',
      expect: 'absent',
    });
    const result = await evaluateFixture(starImports, UNGOVERNED);
    expect(result.evidence.map(e => `${e.path}:${e.line}`)).toEqual([
      'serve.py:1',
      'train.py:1',
    ]);
  });

  it('skip binary files rather than matching their bytes', async () => {
    const pngHeader = configuredCheck({
      type: 'content-pattern',
      files: ['**'],
      pattern: 'IHDR',
      expect: 'absent',
    });
    const result = await evaluateFixture(pngHeader, GOVERNED);
    expect(result.status).toBe('pass');
    expect(result.evidence).toEqual([]);
  });

  it('report files over the size limit as unknown evidence when nothing was found', async () => {
    const todosInDocs = configuredCheck({
      type: 'content-pattern',
      files: ['**/*.md'],
      pattern: 'TODO',
      expect: 'absent',
    });
    // With the default limit the architecture notes are read, and fail.
    const read = await evaluateFixture(todosInDocs, UNGOVERNED);
    expect(read.status).toBe('fail');
    expect(read.evidence).toMatchObject([
      { path: 'docs/architecture.md', line: 33 },
    ]);

    const [limited] = await evaluateChecks([todosInDocs], {
      snapshot: createDirectorySnapshot(UNGOVERNED, { maxFileBytes: 1024 }),
    });
    expect(limited.status).toBe('pass');
    expect(limited.summary).toBe(
      '`TODO` was not found in the 1 file matching `**/*.md`. 1 file could not be searched.',
    );
    expect(limited.evidence).toEqual([
      {
        message: 'Not searched: the file is larger than the size limit.',
        path: 'docs/architecture.md',
        unknown: true,
      },
    ]);
  });

  it('cap the evidence at 10 matching lines but count them all', async () => {
    const lines = Array.from(
      { length: 25 },
      (_, i) => `w${i} = pickle.load(f)`,
    );
    const result = await evaluateFiles(pickleLoads('absent'), {
      'legacy.py': `${lines.join('\n')}\n`,
    });
    expect(result.summary).toBe(
      '`\\bpickle\\.loads?\\(` matches 25 lines in 1 file.',
    );
    expect(result.evidence).toHaveLength(10);
    expect(result.evidence[9]).toMatchObject({ path: 'legacy.py', line: 10 });
  });

  it('show the part of a long line around the match', async () => {
    const line = `${'x = 1; '.repeat(100)}model = pickle.load(f)`;
    const result = await evaluateFiles(pickleLoads('absent'), {
      'minified.py': line,
    });
    const [evidence] = result.evidence;
    expect(evidence.snippet).toContain('pickle.load(f)');
    expect(evidence.snippet).toMatch(/^…/);
    expect(evidence.snippet!.length).toBeLessThanOrEqual(160);
  });
});

describe('config-defined checks in the engine', () => {
  it('carry their configured metadata and the configured defaults', () => {
    const check = configuredCheck({ type: 'file-exists', paths: ['x'] });
    expect(check).toMatchObject({
      id: 'ACME-01',
      title: 'Policy violated',
      category: 'documentation',
      weight: 2,
      confidence: 'high',
      mlTestScore: [],
      appliesToExperimental: false,
      rationale: 'Acme requires it.',
      remediation: ['Follow the Acme ML policy.'],
    });
  });

  const experimental = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'fraud-scorer' },
    spec: { type: 'ml-service', lifecycle: 'experimental', owner: 'risk' },
  };

  it('are gated out for experimental services by default outside the early-stage categories', async () => {
    const check = configuredCheck({ type: 'file-exists', paths: ['x'] });
    const result = await evaluateFixture(check, UNGOVERNED, {
      entity: experimental,
    });
    expect(result.status).toBe('not-applicable');
  });

  it('apply to experimental services by default in the early-stage categories', async () => {
    const check = configuredCheck(
      { type: 'file-exists', paths: ['requirements.txt'] },
      { category: 'reproducibility' },
    );
    expect(check.appliesToExperimental).toBe(true);
    const result = await evaluateFixture(check, UNGOVERNED, {
      entity: experimental,
    });
    expect(result.status).toBe('pass');
  });

  it('follow an explicit appliesToExperimental over the category default', () => {
    const check = configuredCheck(
      { type: 'file-exists', paths: ['x'] },
      { category: 'reproducibility', appliesToExperimental: false },
    );
    expect(check.appliesToExperimental).toBe(false);
  });
});
