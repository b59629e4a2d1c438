import {
  AuthService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CustomErrorBase,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  isAdvisory,
  isMlService,
  isMlTestId,
  MlServiceRules,
  mlDebtScanTriggerPermission,
  mlDebtScorecardReadPermission,
  mlDebtWaiverCreatePermission,
  mlDebtWaiverRevokePermission,
} from '@ml-debt/plugin-ml-debt-common';
import { MlDebtCheck } from '@ml-debt/plugin-ml-debt-node';
import express from 'express';
import { toCsv } from './csv';
import {
  FAILING_CHECK_STATUSES,
  ListScorecardsQuery as StoreListQuery,
  MlDebtStore,
  ScanRun as StoredScanRun,
  ScorecardSummary as StoredSummary,
  Waiver as StoredWaiver,
} from './database';
import { MlServiceDiscovery } from './discovery/MlServiceDiscovery';
import { authorizeServiceAction } from './permissions';
import { CheckCatalogue, ScanCoordinator } from './scan';
import {
  CatalogueCheck,
  HistoryEntry,
  ScanRun,
  SCORECARD_EXPORT_COLUMNS,
  ScorecardCheck,
  ScorecardFilters,
  ScorecardSummary,
  ServiceScorecard,
  spec,
  Waiver,
} from './schema/openapi';

/**
 * What the router needs.
 *
 * @public
 */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  discovery: MlServiceDiscovery;
  rules: MlServiceRules;
  store: MlDebtStore;
  catalogue: CheckCatalogue;
  coordinator: ScanCoordinator;
  clock?: () => Date;
}

/** The export reads the list in pages of this size. */
const EXPORT_PAGE_SIZE = 500;

/**
 * The REST API of the ml-debt plugin, mounted at `/api/ml-debt` and described
 * by `src/schema/openapi.yaml`: requests are validated against the spec before
 * they reach a handler. Every route authenticates; reads need
 * `ml-debt.scorecard.read`, rescans `ml-debt.scan.trigger`, waivers
 * `ml-debt.waiver.create` and `ml-debt.waiver.revoke`.
 *
 * @public
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const {
    httpAuth,
    auth,
    permissions,
    catalog,
    discovery,
    rules,
    store,
    catalogue,
    coordinator,
  } = options;
  const clock = options.clock ?? (() => new Date());
  const router = createValidatedOpenApiRouter<typeof spec>(spec);

  // Typed routes carry parsed query values (numbers, booleans); httpAuth only
  // reads the headers.
  const credentialsOf = (req: express.Request<any, any, any, any>) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  /** The caller, and the service named by the path, once `permission` allows it. */
  async function authorizeService(
    req: express.Request<
      { kind: string; namespace: string; name: string },
      any,
      any,
      any
    >,
    permission: Parameters<typeof authorizeServiceAction>[0]['permission'],
  ) {
    const credentials = await credentialsOf(req);
    const entityRef = entityRefOf(req.params);
    await authorizeServiceAction({
      permissions,
      credentials,
      permission,
      resource: entityRef,
    });
    return { credentials, entityRef };
  }

  /** The list routes need read access in general; no per-service filtering yet. */
  async function authorizeListRead(credentials: BackstageCredentials) {
    const [decision] = await permissions.authorizeConditional(
      [{ permission: mlDebtScorecardReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You are not allowed to read ML debt scorecards (permission '${
          mlDebtScorecardReadPermission.name
        }' was ${
          decision.result === AuthorizeResult.DENY
            ? 'denied'
            : 'granted only conditionally, which lists do not support'
        })`,
      );
    }
  }

  /** The catalog entity, if it is an ML service; 404 otherwise. */
  async function requireMlService(entityRef: string) {
    const entity = await catalog.getEntityByRef(entityRef, {
      credentials: await auth.getOwnServiceCredentials(),
    });
    if (!entity || !isMlService(entity, rules)) {
      throw new NotFoundError(`No ML service ${entityRef} in the catalog`);
    }
    return entity;
  }

  function validateFilters(query: ScorecardFilters): StoreListQuery {
    if (query.failingCheck && !catalogue.get(query.failingCheck)) {
      throw new InputError(
        `failingCheck ${query.failingCheck} is not a check of the catalogue (see GET /checks)`,
      );
    }
    return {
      owner: query.owner,
      system: query.system,
      lifecycle: query.lifecycle,
      grade: query.grade,
      kind: query.kind?.toLocaleLowerCase('en-US'),
      failingCheck: query.failingCheck,
      text: query.q,
      sort: query.sort ?? 'score',
      order: query.order ?? 'asc',
    };
  }

  /**
   * The API view of list rows. The store's list query already carries each
   * row's failing-check count and newest scan status; only an on-demand
   * rescan running on this replica is added.
   */
  function summarise(items: StoredSummary[]): ScorecardSummary[] {
    return items.map(item =>
      toApiSummary(
        item,
        item.failingChecks ?? 0,
        coordinator.runningRescan(item.entityRef)
          ? 'running'
          : item.lastScanStatus ?? 'succeeded',
      ),
    );
  }

  function scanStatusOf(
    entityRef: string,
    lastScan: StoredScanRun | undefined,
  ): ScorecardSummary['scanStatus'] {
    if (coordinator.runningRescan(entityRef)) return 'running';
    return lastScan?.status ?? 'succeeded';
  }

  router.get('/scorecards', async (req, res) => {
    const credentials = await credentialsOf(req);
    await authorizeListRead(credentials);
    const limit = req.query.limit ?? 50;
    const offset = req.query.offset ?? 0;
    const page = await store.listScorecards({
      ...validateFilters(req.query),
      limit,
      offset,
    });
    res.json({
      items: summarise(page.items),
      totalCount: page.totalCount,
      limit,
      offset,
    });
  });

  router.get('/scorecards/:kind/:namespace/:name', async (req, res) => {
    const { entityRef } = await authorizeService(
      req,
      mlDebtScorecardReadPermission,
    );
    const stored = await store.getScorecard(entityRef);
    if (!stored) {
      throw new NotFoundError(
        `No scorecard for ${entityRef}: it is not an ML service, or has not been scanned successfully yet (see its /scan)`,
      );
    }
    const now = clock();
    const waivers = await store.listWaivers(entityRef, { now });
    const waiverOf = new Map(
      waivers.filter(w => w.kind === 'waiver').map(w => [w.target, w]),
    );
    const resultOf = new Map(stored.results.map(r => [r.id, r]));
    const checks: ScorecardCheck[] = catalogue.checks.map(check => {
      const result = resultOf.get(check.id) ?? {
        status: 'not-applicable' as const,
        score: null,
        summary:
          'Not evaluated yet: the check joined the catalogue after the last scan.',
        evidence: [],
        automation: 'none' as const,
      };
      const waiver = waiverOf.get(check.id);
      return {
        ...catalogueCheck(check, catalogue),
        advisory: isAdvisory(check),
        status: result.status,
        score: result.score,
        summary: result.summary,
        evidence: result.evidence,
        automation: result.automation,
        ...(result.status === 'waived' && waiver
          ? { waiver: toApiWaiver(waiver, now) }
          : {}),
      };
    });
    const failing = stored.results.filter(r =>
      FAILING_CHECK_STATUSES.includes(r.status),
    ).length;
    const running = coordinator.runningRescan(entityRef);
    const body: ServiceScorecard = {
      ...toApiSummary(
        stored,
        failing,
        scanStatusOf(entityRef, stored.lastScan),
      ),
      scorecard: stored.scorecard,
      checks,
      // The store keeps the accepted attestations inside the scorecard only;
      // the reader's rejections are not persisted (see the report).
      attestations: {
        accepted: stored.scorecard.mlTestScore.tests.flatMap(t =>
          t.attestation ? [t.attestation] : [],
        ),
        problems: [],
      },
      lastScan: running
        ? runningScan(running.id, running.startedAt)
        : toApiScanRun(stored.lastScan),
      waivers: waivers.map(w => toApiWaiver(w, now)),
    };
    res.json(body);
  });

  router.get('/scorecards/:kind/:namespace/:name/history', async (req, res) => {
    const { entityRef } = await authorizeService(
      req,
      mlDebtScorecardReadPermission,
    );
    const runs = await store.getHistory(entityRef, {
      limit: req.query.limit ?? 50,
      before: req.query.before ? new Date(req.query.before) : undefined,
    });
    if (runs.length === 0 && !req.query.before) {
      await requireMlService(entityRef);
    }
    res.json({ items: runs.map(toHistoryEntry) });
  });

  router.get('/scorecards/:kind/:namespace/:name/scan', async (req, res) => {
    const { entityRef } = await authorizeService(
      req,
      mlDebtScorecardReadPermission,
    );
    const running = coordinator.runningRescan(entityRef);
    if (running) {
      res.json(runningScan(running.id, running.startedAt));
      return;
    }
    const [last] = await store.getHistory(entityRef, { limit: 1 });
    if (!last) {
      throw new NotFoundError(
        `${entityRef} has never been scanned; POST to this path to scan it`,
      );
    }
    res.json(toApiScanRun(last));
  });

  router.post('/scorecards/:kind/:namespace/:name/scan', async (req, res) => {
    const { entityRef } = await authorizeService(
      req,
      mlDebtScanTriggerPermission,
    );
    await requireMlService(entityRef);
    const rescan = coordinator.rescan(entityRef);
    res.status(202).json({ scanId: rescan.id, status: 'running' });
  });

  router.get('/scorecards/:kind/:namespace/:name/waivers', async (req, res) => {
    const { entityRef } = await authorizeService(
      req,
      mlDebtScorecardReadPermission,
    );
    const now = clock();
    const waivers = await store.listWaivers(entityRef, {
      includeInactive: req.query.includeInactive ?? false,
      now,
    });
    if (waivers.length === 0) {
      await requireMlService(entityRef);
    }
    res.json({ items: waivers.map(w => toApiWaiver(w, now)) });
  });

  router.post(
    '/scorecards/:kind/:namespace/:name/waivers',
    async (req, res) => {
      const credentials = await credentialsOf(req);
      const entityRef = entityRefOf(req.params);
      await authorizeServiceAction({
        permissions,
        credentials,
        permission: mlDebtWaiverCreatePermission,
        resource: entityRef,
      });
      await requireMlService(entityRef);
      const body = req.body;
      const now = clock();
      if (body.kind === 'waiver' && !catalogue.get(body.target)) {
        throw new InputError(
          `target ${body.target} is not a check of the catalogue (see GET /checks)`,
        );
      }
      if (body.kind === 'attestation' && !isMlTestId(body.target)) {
        throw new InputError(
          `target ${body.target} is not an ML Test Score test (data.1 to monitor.7)`,
        );
      }
      const expiresAt = body.expiresAt ? new Date(body.expiresAt) : undefined;
      if (expiresAt && expiresAt.getTime() <= now.getTime()) {
        throw new InputError(
          `expiresAt ${body.expiresAt} is not in the future`,
        );
      }
      const waiver = await store.createWaiver({
        entityRef,
        kind: body.kind,
        target: body.target,
        status: body.kind === 'attestation' ? body.status : undefined,
        evidence: body.evidence,
        reason: body.reason.trim(),
        author: authorOf(auth, credentials),
        createdAt: now,
        expiresAt,
      });
      res.status(201).json(toApiWaiver(waiver, now));
    },
  );

  router.post('/waivers/:id/revoke', async (req, res) => {
    const credentials = await credentialsOf(req);
    const existing = await store.getWaiver(req.params.id);
    await authorizeServiceAction({
      permissions,
      credentials,
      permission: mlDebtWaiverRevokePermission,
      resource: existing.entityRef,
    });
    const now = clock();
    const revoked = await store.revokeWaiver(
      existing.id,
      authorOf(auth, credentials),
      now,
    );
    res.json(toApiWaiver(revoked, now));
  });

  router.get('/rollups', async (req, res) => {
    const credentials = await credentialsOf(req);
    await authorizeListRead(credentials);
    const groupBy = req.query.groupBy;
    const rollups = await store.getRollups(groupBy);
    res.json({
      groupBy,
      groups: rollups.map(r => ({
        key: r.key,
        count: r.count,
        averageScore: r.averageScore,
        grades: r.grades,
        topFailingChecks: r.topFailingChecks,
      })),
    });
  });

  router.get('/overview', async (req, res) => {
    const credentials = await credentialsOf(req);
    await authorizeListRead(credentials);
    res.json(await store.getOverview({ topChecks: req.query.topChecks ?? 10 }));
  });

  router.get('/checks', async (req, res) => {
    await credentialsOf(req);
    res.json({
      items: catalogue.checks.map(check => catalogueCheck(check, catalogue)),
    });
  });

  router.get('/checks/:checkId', async (req, res) => {
    await credentialsOf(req);
    const check = catalogue.get(req.params.checkId);
    if (!check) {
      throw new NotFoundError(
        `No check ${req.params.checkId} in the catalogue (see GET /checks)`,
      );
    }
    res.json(catalogueCheck(check, catalogue));
  });

  router.get('/export', async (req, res) => {
    const credentials = await credentialsOf(req);
    await authorizeListRead(credentials);
    const filters = validateFilters(req.query);
    const items: ScorecardSummary[] = [];
    for (let offset = 0; ; offset += EXPORT_PAGE_SIZE) {
      const page = await store.listScorecards({
        ...filters,
        limit: EXPORT_PAGE_SIZE,
        offset,
      });
      items.push(...summarise(page.items));
      if (page.items.length < EXPORT_PAGE_SIZE) break;
    }
    const exportedAt = clock().toISOString();
    const stamp = exportedAt.slice(0, 10);
    if ((req.query.format ?? 'csv') === 'json') {
      res.attachment(`ml-debt-scorecards-${stamp}.json`);
      res.json({ exportedAt, items });
      return;
    }
    res.attachment(`ml-debt-scorecards-${stamp}.csv`);
    // The typed response only knows the JSON bodies of the spec.
    (res as express.Response)
      .type('text/csv; charset=utf-8')
      .send(toCsv(SCORECARD_EXPORT_COLUMNS, items));
  });

  router.get('/services', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json({ items: await discovery.listServices(credentials) });
  });

  return withBodyErrors(router);
}

/** A request body that is not JSON, the only type the API accepts. */
class UnsupportedMediaTypeError extends CustomErrorBase {
  statusCode = 415;
}

/**
 * Parses JSON bodies ahead of the validated router, whose error transformer
 * would turn every error, an oversized body or a body of another media type
 * included, into a 400. Here a body over the parser's 100 kB answers 413 and a
 * body that is not `application/json` answers 415; the validated router's own
 * parser then finds the body already parsed.
 */
function withBodyErrors(validated: express.Router): express.Router {
  const outer = express.Router();
  outer.use((req, _res, next) => {
    // `req.is` is null without a body, false for a body of another type; an
    // empty body (a POST that carries none) is no body.
    const empty = req.get('content-length') === '0';
    if (!empty && req.is('application/json') === false) {
      next(
        new UnsupportedMediaTypeError(
          `Request bodies must be application/json, got ${req.get(
            'content-type',
          )}`,
        ),
      );
      return;
    }
    next();
  });
  outer.use(express.json({ limit: '100kb' }));
  outer.use(validated);
  return outer;
}

/**
 * The entity ref of the path's kind, namespace and name. The spec's patterns
 * already reject most malformed parts; this catches what they cannot express.
 */
function entityRefOf(params: {
  kind: string;
  namespace: string;
  name: string;
}): string {
  const raw = `${params.kind}:${params.namespace}/${params.name}`;
  try {
    return stringifyEntityRef(parseEntityRef(raw));
  } catch (error) {
    throw new InputError(
      `Malformed entity reference ${JSON.stringify(raw)}: ${
        (error as Error).message
      }`,
    );
  }
}

function authorOf(auth: AuthService, credentials: BackstageCredentials) {
  if (auth.isPrincipal(credentials, 'user')) {
    return credentials.principal.userEntityRef;
  }
  if (auth.isPrincipal(credentials, 'service')) {
    return `service:${credentials.principal.subject}`;
  }
  return 'unknown';
}

function catalogueCheck(
  check: MlDebtCheck,
  catalogue: CheckCatalogue,
): CatalogueCheck {
  return {
    id: check.id,
    title: check.title,
    category: check.category,
    weight: check.weight,
    confidence: check.confidence,
    mlTestScore: [...check.mlTestScore],
    debtType: check.debtType,
    rationale: check.rationale,
    references: [...check.references],
    remediation: [...check.remediation],
    appliesToExperimental: check.appliesToExperimental,
    source: catalogue.sourceOf(check.id) ?? 'custom',
  };
}

function toApiSummary(
  item: StoredSummary,
  failingChecks: number,
  scanStatus: ScorecardSummary['scanStatus'],
): ScorecardSummary {
  return {
    entityRef: item.entityRef,
    title: item.title,
    kind: item.kind,
    type: item.type,
    ...(item.owner ? { owner: item.owner } : {}),
    ...(item.system ? { system: item.system } : {}),
    ...(item.lifecycle ? { lifecycle: item.lifecycle } : {}),
    score: item.score,
    uncappedScore: item.uncappedScore,
    grade: item.grade,
    mlTestScore: item.mlTestScore,
    change: item.change ?? null,
    failingChecks,
    scannedAt: item.scannedAt.toISOString(),
    scanStatus,
  };
}

function toApiScanRun(run: StoredScanRun): ScanRun {
  return {
    id: run.id,
    status: run.status,
    trigger: run.trigger,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt.toISOString(),
    error: run.error ?? null,
  };
}

function runningScan(id: string, startedAt: Date): ScanRun {
  return {
    id,
    status: 'running',
    trigger: 'manual',
    startedAt: startedAt.toISOString(),
    finishedAt: null,
    error: null,
  };
}

function toHistoryEntry(run: StoredScanRun): HistoryEntry {
  return {
    scanId: run.id,
    scannedAt: run.finishedAt.toISOString(),
    status: run.status,
    trigger: run.trigger,
    score: run.score ?? null,
    grade: run.grade ?? null,
    mlTestScore: run.mlTestScore ?? null,
    ...(run.error ? { error: run.error } : {}),
  };
}

function toApiWaiver(waiver: StoredWaiver, now: Date): Waiver {
  let state: Waiver['state'] = 'active';
  if (waiver.revokedAt) state = 'revoked';
  else if (waiver.expiresAt && waiver.expiresAt.getTime() <= now.getTime())
    state = 'expired';
  return {
    id: waiver.id,
    entityRef: waiver.entityRef,
    kind: waiver.kind,
    target: waiver.target,
    reason: waiver.reason,
    ...(waiver.status ? { status: waiver.status } : {}),
    ...(waiver.evidence ? { evidence: waiver.evidence } : {}),
    author: waiver.author,
    createdAt: waiver.createdAt.toISOString(),
    expiresAt: waiver.expiresAt?.toISOString() ?? null,
    revokedBy: waiver.revokedBy ?? null,
    revokedAt: waiver.revokedAt?.toISOString() ?? null,
    state,
  };
}
