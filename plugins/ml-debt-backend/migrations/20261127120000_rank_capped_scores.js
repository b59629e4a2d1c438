// @ts-check

/**
 * Services capped at 60 by a critical check tie on `score`; the list ranks
 * them by their uncapped score, so the score index carries it too.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('scorecards', table => {
    table.dropIndex(['score', 'entity_ref'], 'scorecards_score_idx');
    table.index(
      ['score', 'uncapped_score', 'entity_ref'],
      'scorecards_score_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('scorecards', table => {
    table.dropIndex(
      ['score', 'uncapped_score', 'entity_ref'],
      'scorecards_score_idx',
    );
    table.index(['score', 'entity_ref'], 'scorecards_score_idx');
  });
};
