import { createHash } from 'node:crypto';
import { Knex } from 'knex';

/** Every table of the plugin's schema, with the columns that order its rows. */
export const PLUGIN_TABLES: Record<string, string[]> = {
  services: ['entity_ref'],
  scan_runs: ['id'],
  scorecards: ['entity_ref'],
  scorecard_checks: ['entity_ref', 'check_id'],
  waivers: ['id'],
  scan_queue: ['cycle_id', 'entity_ref'],
};

/**
 * A SHA-256 per plugin table over all of its rows in key order, so a test can
 * tell that a request changed nothing stored. Values are normalised (dates to
 * ISO strings, numbers from PostgreSQL's text numerics) so that the same data
 * hashes alike however the driver returns it.
 */
export async function hashPluginTables(
  knex: Knex,
): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const [table, keys] of Object.entries(PLUGIN_TABLES)) {
    const rows = await knex(table).select('*').orderBy(keys);
    const hash = createHash('sha256');
    for (const row of rows) {
      const normalised = Object.keys(row)
        .sort()
        .map(column => {
          const value = row[column];
          if (value instanceof Date) return [column, value.toISOString()];
          if (Buffer.isBuffer(value)) return [column, value.toString('hex')];
          return [column, value];
        });
      hash.update(`${JSON.stringify(normalised)}\n`);
    }
    hashes[table] = `${rows.length}:${hash.digest('hex').slice(0, 16)}`;
  }
  return hashes;
}
