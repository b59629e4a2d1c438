import fs from 'node:fs';
import path from 'node:path';
import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';

const migrationsDir = path.resolve(__dirname, '../../migrations');
const migrationFiles = fs
  .readdirSync(migrationsDir)
  .filter(file => file.endsWith('.js'))
  .sort();

const TABLES = [
  'services',
  'scan_runs',
  'scorecards',
  'scorecard_checks',
  'waivers',
  'scan_queue',
];

jest.setTimeout(60_000);

const databases = TestDatabases.create();

if (!databases.eachSupportedId().some(([id]) => id.startsWith('POSTGRES'))) {
  // eslint-disable-next-line no-console
  console.warn(
    'PostgreSQL cases SKIPPED in migrations.test.ts: no BACKSTAGE_TEST_DATABASE_POSTGRES*_CONNECTION_STRING is set',
  );
}

async function existingTables(knex: Knex): Promise<string[]> {
  const present: string[] = [];
  for (const table of TABLES) {
    if (await knex.schema.hasTable(table)) {
      present.push(table);
    }
  }
  return present;
}

describe('ml-debt migrations', () => {
  it('are dated, checked JavaScript files', () => {
    expect(migrationFiles.length).toBeGreaterThan(0);
    for (const file of migrationFiles) {
      expect(file).toMatch(/^\d{14}_[a-z0-9_]+\.js$/);
      expect(fs.readFileSync(path.join(migrationsDir, file), 'utf8')).toMatch(
        /^\/\/ @ts-check/,
      );
    }
  });

  it.each(databases.eachSupportedId())(
    'migrate up, all the way down and up again on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);

      for (const _ of migrationFiles) {
        await knex.migrate.up({ directory: migrationsDir });
      }
      expect(await existingTables(knex)).toEqual(TABLES);
      await knex('waivers').insert({
        id: '6f1c5d2e-1b1a-4a55-9d61-3f0a3c1b2a10',
        entity_ref: 'component:default/churn-model',
        kind: 'waiver',
        target: 'REP-02',
        reason: 'Lock file lands in Q1',
        author: 'user:default/alice',
        created_at: new Date('2026-11-01T00:00:00Z'),
      });

      for (const _ of migrationFiles) {
        await knex.migrate.down({ directory: migrationsDir });
      }
      expect(await existingTables(knex)).toEqual([]);

      await knex.migrate.latest({ directory: migrationsDir });
      expect(await existingTables(knex)).toEqual(TABLES);
      // Down dropped the data with the tables: the re-created tables are empty.
      const [{ count }] = await knex('waivers').count({ count: '*' });
      expect(Number(count)).toBe(0);
    },
  );
});
