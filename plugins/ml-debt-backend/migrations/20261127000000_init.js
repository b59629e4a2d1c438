// @ts-check

/**
 * The storage of the ml-debt plugin: the ML services discovered in the
 * catalog, every scan run (history), the latest scorecard per service with its
 * per-check rows, waivers and attestations, and the scan queue that spreads a
 * scan cycle over several backend replicas.
 *
 * Timestamps are written as JS dates: `timestamptz` on PostgreSQL, epoch
 * milliseconds on SQLite; both compare and sort correctly in SQL.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('services', table => {
    table.comment(
      'The ML services found in the catalog; rows stay after a service leaves the catalog so that its history is kept',
    );
    table
      .string('entity_ref', 255)
      .primary()
      .notNullable()
      .comment(
        'The entity ref of the service, e.g. component:default/churn-model',
      );
    table.string('kind', 255).notNullable().comment('Entity kind, lower case');
    table
      .string('type', 255)
      .notNullable()
      .comment('The spec.type of the entity');
    table
      .text('title')
      .notNullable()
      .comment('metadata.title, or metadata.name');
    table
      .string('owner', 255)
      .nullable()
      .comment('The spec.owner of the entity');
    table
      .string('system', 255)
      .nullable()
      .comment('The spec.system of the entity');
    table
      .string('lifecycle', 255)
      .nullable()
      .comment('The spec.lifecycle of the entity');
    table
      .timestamp('first_seen_at', { useTz: true })
      .notNullable()
      .comment('When discovery first found the service');
    table
      .timestamp('last_seen_at', { useTz: true })
      .notNullable()
      .comment('When discovery last found the service');
    table
      .timestamp('removed_at', { useTz: true })
      .nullable()
      .comment(
        'When the service left the catalog; null while it is in the catalog',
      );
    table.index(['removed_at'], 'services_removed_at_idx');
  });

  await knex.schema.createTable('scan_runs', table => {
    table.comment(
      'One row per scan of a service, successful or failed: the history behind trends, kept for the configured retention',
    );
    table.string('id', 36).primary().notNullable().comment('UUID of the scan');
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('The scanned service');
    table
      .string('trigger', 16)
      .notNullable()
      .comment('What started the scan: scheduled or manual');
    table.string('status', 16).notNullable().comment('succeeded or failed');
    table
      .timestamp('started_at', { useTz: true })
      .notNullable()
      .comment('When the scan started');
    table
      .timestamp('finished_at', { useTz: true })
      .notNullable()
      .comment('When the scan finished');
    table.text('error').nullable().comment('Why a failed scan failed');
    table
      .text('source_etag')
      .nullable()
      .comment('ETag of the source tree that was read');
    table.double('score').nullable().comment('Health 0-100 after the cap');
    table.double('uncapped_score').nullable().comment('Health before the cap');
    table.string('grade', 1).nullable().comment('Letter grade A-F');
    table
      .double('ml_test_score')
      .nullable()
      .comment('Final ML Test Score (0-7) of the scan');
    table
      .string('engine_version', 64)
      .nullable()
      .comment('Version of the check engine that ran');
    table
      .string('catalogue_version', 255)
      .nullable()
      .comment('Version (hash) of the check catalogue that ran');
    table
      .text('scorecard')
      .nullable()
      .comment('The full Scorecard as JSON, for successful scans');
    table
      .text('results')
      .nullable()
      .comment(
        'The CheckResult list with evidence as JSON, for successful scans',
      );
    table.index(
      ['entity_ref', 'started_at'],
      'scan_runs_entity_ref_started_at_idx',
    );
    table.index(
      ['entity_ref', 'status', 'finished_at'],
      'scan_runs_entity_ref_status_finished_at_idx',
    );
    table.index(['finished_at'], 'scan_runs_finished_at_idx');
  });

  await knex.schema.createTable('scorecards', table => {
    table.comment(
      'The latest successful scorecard of each service, with catalog fields copied in so that org-wide lists filter and sort on one table',
    );
    table
      .string('entity_ref', 255)
      .primary()
      .notNullable()
      .comment('The service');
    table.string('kind', 255).notNullable().comment('Copy of services.kind');
    table.string('type', 255).notNullable().comment('Copy of services.type');
    table.text('title').notNullable().comment('Copy of services.title');
    table.string('owner', 255).nullable().comment('Copy of services.owner');
    table.string('system', 255).nullable().comment('Copy of services.system');
    table
      .string('lifecycle', 255)
      .nullable()
      .comment('Copy of services.lifecycle');
    table.double('score').notNullable().comment('Health 0-100 after the cap');
    table
      .double('uncapped_score')
      .notNullable()
      .comment('Health before the cap');
    table.string('grade', 1).notNullable().comment('Letter grade A-F');
    table
      .double('ml_test_score')
      .notNullable()
      .comment('Final ML Test Score (0-7)');
    table
      .double('previous_score')
      .nullable()
      .comment(
        'Score at the start of the change period (or of the first scan), for "change since last period"',
      );
    table
      .string('scan_id', 36)
      .notNullable()
      .comment('The scan_runs row holding the full scorecard');
    table
      .timestamp('scanned_at', { useTz: true })
      .notNullable()
      .comment('When the scan that produced this scorecard finished');
    table
      .timestamp('checked_at', { useTz: true })
      .notNullable()
      .comment(
        'When a scan last confirmed this scorecard (including unchanged sources)',
      );
    table
      .text('source_etag')
      .nullable()
      .comment('ETag of the source tree behind this scorecard');
    table.index(['score', 'entity_ref'], 'scorecards_score_idx');
    table.index(['owner', 'entity_ref'], 'scorecards_owner_idx');
    table.index(['system', 'entity_ref'], 'scorecards_system_idx');
    table.index(['scanned_at', 'entity_ref'], 'scorecards_scanned_at_idx');
    table.index(['grade'], 'scorecards_grade_idx');
  });

  await knex.schema.createTable('scorecard_checks', table => {
    table.comment(
      'One row per check of each latest scorecard, for the failing-check filter and the most-common-failing-checks rollup',
    );
    table.string('entity_ref', 255).notNullable().comment('The service');
    table.string('check_id', 64).notNullable().comment('Check id, e.g. REP-02');
    table
      .string('status', 16)
      .notNullable()
      .comment('pass, fail, warn, not-applicable, error or waived');
    table.double('score').nullable().comment('0-100, null when not scored');
    table
      .string('category', 32)
      .nullable()
      .comment('Catalogue category of the check, when it was scored');
    table.primary(['entity_ref', 'check_id']);
    table.index(['check_id', 'status'], 'scorecard_checks_check_status_idx');
  });

  await knex.schema.createTable('waivers', table => {
    table.comment(
      'Waivers of checks and attestations of ML Test Score items; never deleted, so that the audit trail is complete',
    );
    table.string('id', 36).primary().notNullable().comment('UUID');
    table.string('entity_ref', 255).notNullable().comment('The service');
    table.string('kind', 16).notNullable().comment('waiver or attestation');
    table
      .string('target', 64)
      .notNullable()
      .comment('A check id (REP-02) or an ML Test Score item (infra.6)');
    table
      .string('status', 16)
      .nullable()
      .comment('For attestations: manual or automated');
    table.text('evidence').nullable().comment('A path or URL backing it up');
    table.text('reason').notNullable().comment('Why it was granted');
    table.string('author', 255).notNullable().comment('User entity ref');
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .comment('When it was created');
    table
      .timestamp('expires_at', { useTz: true })
      .nullable()
      .comment('When it stops counting; null for never');
    table
      .string('revoked_by', 255)
      .nullable()
      .comment('User entity ref of the revoker');
    table
      .timestamp('revoked_at', { useTz: true })
      .nullable()
      .comment('When it was revoked');
    table.index(['entity_ref', 'created_at'], 'waivers_entity_ref_idx');
  });

  await knex.schema.createTable('scan_queue', table => {
    table.comment(
      'The services of each scan cycle, claimed by replicas with expiring leases so that each is scanned once per cycle',
    );
    table.string('cycle_id', 128).notNullable().comment('Scan cycle id');
    table.string('entity_ref', 255).notNullable().comment('The service');
    table
      .string('status', 16)
      .notNullable()
      .comment('pending, claimed or done');
    table
      .string('worker_id', 255)
      .nullable()
      .comment('The replica holding or last holding the claim');
    table
      .timestamp('lease_expires_at', { useTz: true })
      .nullable()
      .comment('When the claim may be taken over by another replica');
    table
      .integer('attempts')
      .notNullable()
      .defaultTo(0)
      .comment('Number of times the service was claimed in this cycle');
    table
      .timestamp('enqueued_at', { useTz: true })
      .notNullable()
      .comment('When the cycle enqueued the service');
    table
      .timestamp('completed_at', { useTz: true })
      .nullable()
      .comment('When the claim was completed');
    table.primary(['cycle_id', 'entity_ref']);
    table.index(['cycle_id', 'status'], 'scan_queue_cycle_status_idx');
    table.index(['enqueued_at'], 'scan_queue_enqueued_at_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('scan_queue');
  await knex.schema.dropTable('waivers');
  await knex.schema.dropTable('scorecard_checks');
  await knex.schema.dropTable('scorecards');
  await knex.schema.dropTable('scan_runs');
  await knex.schema.dropTable('services');
};
