import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ConfigReader } from '@backstage/config';
import {
  createMemorySnapshot,
  MlDebtCheck,
} from '@ml-debt/plugin-ml-debt-node';
import { DatabaseMlDebtStore } from '../database';
import { SourceReader, SourceReadOptions } from '../source';
import { buildCheckCatalogue, CheckCatalogue } from './catalogue';
import { Scanner } from './Scanner';

// One service's scan against a real store: what is recorded for a changed,
// an unchanged, an unresolvable and a hanging source.
jest.setTimeout(60_000);

const databases = TestDatabases.create();

if (!databases.eachSupportedId().some(([id]) => id.startsWith('POSTGRES'))) {
  // eslint-disable-next-line no-console
  console.warn(
    'PostgreSQL cases SKIPPED in Scanner.test.ts: set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING to run them',
  );
}

const REF = 'component:default/fraud-detection';

const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'fraud-detection', namespace: 'default', annotations },
  spec: {
    type: 'ml-model',
    owner: 'group:default/fraud-ml',
    lifecycle: 'production',
  },
});
const withSource = entity({
  'ml-debt.io/source-location': 'url:https://git.example.com/fraud',
});

/** A source reader over one in-memory repository at a given commit. */
function memoryReader(files: Record<string, string>, commit = 'c1') {
  const reads: Array<SourceReadOptions | undefined> = [];
  let disposed = 0;
  const reader: SourceReader = {
    async read(_location, options) {
      reads.push(options);
      if (options?.etag === commit) return { notModified: true };
      return {
        snapshot: createMemorySnapshot(
          Object.entries(files).map(([path, content]) => ({ path, content })),
        ),
        etag: commit,
        dispose: async () => {
          disposed += 1;
        },
      };
    },
  };
  return { reader, reads, disposed: () => disposed };
}

const repository = {
  'train.py':
    'import pandas as pd\nfrom sklearn.ensemble import RandomForestClassifier\n\ndf = pd.read_csv("data.csv")\nmodel = RandomForestClassifier()\nmodel.fit(df, df.label)\n',
  'requirements.txt': 'pandas\nscikit-learn\n',
};

describe.each(databases.eachSupportedId())(
  'Scanner on %s',
  (databaseId: TestDatabaseId) => {
    async function setUp(options: {
      entities?: Entity[];
      reader?: SourceReader;
      timeoutMs?: number;
      catalogue?: CheckCatalogue;
      onGradeChanged?: (
        entityRef: string,
        labels: { grade: string; score: number },
      ) => Promise<void>;
    }) {
      const knex = await databases.init(databaseId);
      const store = await DatabaseMlDebtStore.create({
        database: mockServices.database({ knex }),
      });
      const scanner = new Scanner({
        store,
        sourceReader: options.reader ?? memoryReader(repository).reader,
        catalog: catalogServiceMock({
          entities: options.entities ?? [withSource],
        }),
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
        catalogue:
          options.catalogue ??
          buildCheckCatalogue({ config: new ConfigReader({}) }),
        timeoutMs: options.timeoutMs ?? 60_000,
        onGradeChanged: options.onGradeChanged,
      });
      return { store, scanner, knex };
    }

    it('records a scorecard, and disposes of the snapshot', async () => {
      const source = memoryReader(repository);
      const { store, scanner } = await setUp({ reader: source.reader });

      const outcome = await scanner.scan(REF, { trigger: 'scheduled' });

      expect(outcome.status).toBe('succeeded');
      const stored = await store.getScorecard(REF);
      expect(stored?.results.length).toBeGreaterThan(0);
      expect(stored?.lastScan).toMatchObject({
        status: 'succeeded',
        trigger: 'scheduled',
      });
      expect(source.disposed()).toBe(1);
    });

    it('does not evaluate an unchanged source again', async () => {
      const source = memoryReader(repository);
      const { store, scanner } = await setUp({ reader: source.reader });
      await scanner.scan(REF, { trigger: 'scheduled' });

      const outcome = await scanner.scan(REF, { trigger: 'scheduled' });

      expect(outcome.status).toBe('unchanged');
      expect(source.reads[1]?.etag).toBe('c1');
      expect(await store.getHistory(REF)).toHaveLength(1);
    });

    it('re-evaluates an unchanged source when a waiver changed', async () => {
      const source = memoryReader(repository);
      const { store, scanner } = await setUp({ reader: source.reader });
      await scanner.scan(REF, { trigger: 'scheduled' });
      await store.createWaiver({
        entityRef: REF,
        kind: 'waiver',
        target: 'REP-02',
        reason: 'Pinning next sprint.',
        author: 'user:default/ada',
        expiresAt: new Date(Date.now() + 86_400_000),
      });

      const outcome = await scanner.scan(REF, { trigger: 'scheduled' });

      expect(outcome.status).toBe('succeeded');
      expect(source.reads[1]?.etag).toBeUndefined();
    });

    it('rescans on demand even when nothing changed', async () => {
      const source = memoryReader(repository);
      const { scanner } = await setUp({ reader: source.reader });
      await scanner.scan(REF, { trigger: 'scheduled' });

      const outcome = await scanner.scan(REF, {
        trigger: 'manual',
        force: true,
      });

      expect(outcome.status).toBe('succeeded');
    });

    it('tells the catalog when the grade or score labels would change, and only then', async () => {
      // A one-check catalogue: the model card decides between A and F.
      const modelCard: MlDebtCheck = {
        id: 'ACME-01',
        title: 'No model card',
        category: 'documentation',
        weight: 3,
        confidence: 'high',
        mlTestScore: [],
        debtType: 'Documentation debt',
        appliesToExperimental: true,
        rationale: 'Acme policy.',
        references: [],
        remediation: ['Add MODEL_CARD.md.'],
        evaluate: ctx =>
          ctx.snapshot.exists('MODEL_CARD.md')
            ? { status: 'pass', summary: 'Present.' }
            : { status: 'fail', summary: 'Missing.' },
      };
      const catalogue: CheckCatalogue = {
        checks: [modelCard],
        version: 'test',
        get: id => (id === modelCard.id ? modelCard : undefined),
        sourceOf: id => (id === modelCard.id ? 'custom' : undefined),
      };
      let files: Record<string, string> = { 'MODEL_CARD.md': '# Card' };
      let commit = 'c1';
      const reader: SourceReader = {
        read: async (location, options) =>
          memoryReader(files, commit).reader.read(location, options),
      };
      const refreshed: string[] = [];
      const { scanner, store } = await setUp({
        reader,
        catalogue,
        onGradeChanged: async (ref, { grade, score }) => {
          // Called after the commit, with the committed labels.
          const stored = await store.getScorecard(ref);
          expect({ grade, score }).toEqual({
            grade: stored?.grade,
            score: stored?.score,
          });
          refreshed.push(`${ref} ${grade}`);
        },
      });

      // The first scorecard gives the entity its labels.
      await scanner.scan(REF, { trigger: 'scheduled' });
      const first = (await store.getScorecard(REF))!.grade;
      expect(refreshed).toEqual([`${REF} ${first}`]);
      // Same grade and score: the labels stay, no refresh.
      files = { 'MODEL_CARD.md': '# Card, v2' };
      commit = 'c2';
      await scanner.scan(REF, { trigger: 'scheduled' });
      expect(refreshed).toHaveLength(1);

      files = { 'README.md': '# No card' };
      commit = 'c3';
      await scanner.scan(REF, { trigger: 'scheduled' });
      const second = (await store.getScorecard(REF))!.grade;
      expect(refreshed).toEqual([`${REF} ${first}`, `${REF} ${second}`]);
    });

    it('records an unresolvable source location as a failed scan, keeping the last scorecard', async () => {
      const { store, scanner } = await setUp({
        entities: [entity({})],
      });

      const outcome = await scanner.scan(REF, { trigger: 'scheduled' });

      expect(outcome.status).toBe('failed');
      const [run] = await store.getHistory(REF);
      expect(run.status).toBe('failed');
      expect(run.error).toContain('no source location');
    });

    it('records a scan that exceeds the per-service timeout as failed', async () => {
      const hanging: SourceReader = { read: () => new Promise(() => {}) };
      const { store, scanner } = await setUp({
        reader: hanging,
        timeoutMs: 50,
      });

      const outcome = await scanner.scan(REF, { trigger: 'scheduled' });

      expect(outcome.status).toBe('failed');
      const [run] = await store.getHistory(REF);
      expect(run.error).toContain('did not finish within');
    });

    it('records nothing for a scan aborted by shutdown', async () => {
      const hanging: SourceReader = { read: () => new Promise(() => {}) };
      const { store, scanner } = await setUp({ reader: hanging });
      const shutdown = new AbortController();

      const scan = scanner.scan(REF, {
        trigger: 'scheduled',
        signal: shutdown.signal,
      });
      shutdown.abort();

      expect(await scan).toEqual({ status: 'aborted' });
      expect(await store.getHistory(REF)).toEqual([]);
    });
  },
);
