import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { mockErrorHandler } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { isAdvisory } from '@ml-debt/plugin-ml-debt-common';
import {
  BUILTIN_CHECKS,
  createDirectorySnapshot,
  MlDebtCheck,
  scanService,
} from '@ml-debt/plugin-ml-debt-node';
import express from 'express';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import {
  CatalogueCheck,
  Rollups,
  ScorecardHistory,
  ScorecardPage,
  ScorecardSummary,
  SCORECARD_EXPORT_COLUMNS,
  ServiceScorecard,
  spec,
  Waiver,
} from './openapi';

const yamlSpec = parse(
  fs.readFileSync(path.join(__dirname, 'openapi.yaml'), 'utf8'),
);

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'];

type Operation = {
  operationId?: string;
  security?: Array<Record<string, unknown>>;
  parameters?: Array<{ $ref?: string; name?: string; in?: string }>;
  responses: Record<string, { $ref?: string }>;
};

/** Every operation of the YAML, as `[label, path, operation]`. */
const operations: Array<[string, string, Operation]> = Object.entries(
  yamlSpec.paths as Record<string, Record<string, Operation>>,
).flatMap(([route, item]) =>
  Object.entries(item)
    .filter(([method]) => METHODS.includes(method))
    .map(
      ([method, op]) =>
        [`${method.toUpperCase()} ${route}`, route, op] as [
          string,
          string,
          Operation,
        ],
    ),
);

/** Follows a local `$ref` such as `#/components/parameters/kind`. */
function resolveRef(ref: string): unknown {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<any>((node, key) => node?.[key], yamlSpec);
}

function collectRefs(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) {
    node.forEach(n => collectRefs(n, found));
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.push(value);
      else collectRefs(value, found);
    }
  }
  return found;
}

describe('openapi.yaml', () => {
  it('is mirrored exactly by the TypeScript spec the router is built from', () => {
    expect(spec).toStrictEqual(yamlSpec);
  });

  it('is an OpenAPI 3.1 document for the ml-debt plugin served relative to its base URL', () => {
    expect(yamlSpec.openapi).toBe('3.1.0');
    expect(yamlSpec.info).toMatchObject({ title: 'ml-debt', version: '1' });
    expect(yamlSpec.servers).toEqual([{ url: '/' }]);
  });

  it('describes the operations of the ml-debt API', () => {
    expect(operations.map(([label]) => label).sort()).toEqual([
      'GET /checks',
      'GET /checks/{checkId}',
      'GET /export',
      'GET /overview',
      'GET /rollups',
      'GET /scorecards',
      'GET /scorecards/{kind}/{namespace}/{name}',
      'GET /scorecards/{kind}/{namespace}/{name}/history',
      'GET /scorecards/{kind}/{namespace}/{name}/scan',
      'GET /scorecards/{kind}/{namespace}/{name}/waivers',
      'GET /services',
      'POST /scorecards/{kind}/{namespace}/{name}/scan',
      'POST /scorecards/{kind}/{namespace}/{name}/waivers',
      'POST /waivers/{id}/revoke',
    ]);
  });

  it('gives every operation a unique PascalCase operationId', () => {
    const ids = operations.map(([, , op]) => op.operationId);
    for (const id of ids) expect(id).toMatch(/^[A-Z][A-Za-z]+$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(operations)(
    '%s accepts the Backstage bearer token',
    (_label, _route, op) => {
      expect(yamlSpec.components.securitySchemes.JWT).toMatchObject({
        type: 'http',
        scheme: 'bearer',
      });
      expect(op.security).toContainEqual({ JWT: [] });
    },
  );

  it.each(operations)(
    '%s documents 400, 401 and 500 with the Backstage error body',
    (_label, _route, op) => {
      for (const status of ['400', '401', '500']) {
        const response = resolveRef(op.responses[status]?.$ref ?? '') as any;
        expect(response?.content?.['application/json']?.schema).toEqual({
          $ref: '#/components/schemas/Error',
        });
      }
    },
  );

  it.each(operations.filter(([, route]) => route.includes('{')))(
    '%s documents 404 for an unknown resource',
    (_label, _route, op) => {
      expect(op.responses['404']).toEqual({
        $ref: '#/components/responses/NotFound',
      });
    },
  );

  it.each(operations)(
    '%s declares exactly the path parameters of its path template',
    (_label, route, op) => {
      const declared = (op.parameters ?? [])
        .map(p => (p.$ref ? (resolveRef(p.$ref) as typeof p) : p))
        .filter(p => p.in === 'path')
        .map(p => p.name);
      const templated = [...route.matchAll(/\{([^}]+)\}/g)].map(m => m[1]);
      expect(declared).toEqual(templated);
    },
  );

  it.each([
    ['ScorecardCheck', 'CheckMetadata'],
    ['ServiceScorecard', 'ScorecardSummary'],
    ['AttestationProblem', 'Evidence'],
  ])(
    'repeats every field of the closed schema %s has flattened in: %s',
    (schema, base) => {
      const { schemas } = yamlSpec.components;
      expect(schemas[schema].properties).toMatchObject(
        schemas[base].properties,
      );
      expect(schemas[schema].required).toEqual(
        expect.arrayContaining(schemas[base].required),
      );
    },
  );

  it('has no dangling $ref', () => {
    const dangling = collectRefs(yamlSpec).filter(
      ref => resolveRef(ref) === undefined,
    );
    expect(dangling).toEqual([]);
  });

  it('documents the CSV export columns in the order the router writes them', () => {
    const description: string = yamlSpec.paths['/export'].get.description;
    expect(description.replace(/\s+/g, ' ')).toContain(
      `in this order: ${SCORECARD_EXPORT_COLUMNS.join(', ')}.`,
    );
  });
});

/** The metadata of an engine check, as the API lists it. */
function catalogueCheck(check: MlDebtCheck): CatalogueCheck {
  const { evaluate: _evaluate, ...metadata } = check;
  return { ...metadata, source: 'builtin' };
}

const summary: ScorecardSummary = {
  entityRef: 'component:default/fraud-detection',
  title: 'Fraud detection model',
  kind: 'Component',
  type: 'ml-model',
  owner: 'group:default/fraud-ml',
  system: 'system:default/fraud-prevention',
  lifecycle: 'production',
  score: 58.3,
  uncappedScore: 71.2,
  grade: 'F',
  mlTestScore: 0.5,
  change: -4.1,
  failingChecks: 12,
  scannedAt: '2026-11-27T03:00:00.000Z',
  scanStatus: 'succeeded',
};

const waiver: Waiver = {
  id: '6f1c9a52-3d1e-4f5b-9a43-1c2d3e4f5a6b',
  entityRef: 'component:default/fraud-detection',
  kind: 'waiver',
  target: 'REP-02',
  reason: 'Pinned in the Docker base image until the Q1 migration.',
  author: 'user:default/ada',
  createdAt: '2026-11-27T03:00:00.000Z',
  expiresAt: '2027-01-31T00:00:00.000Z',
  revokedBy: null,
  revokedAt: null,
  state: 'active',
};

const history: ScorecardHistory = {
  items: [
    {
      scanId: 'scan-2',
      scannedAt: '2026-11-27T03:00:00.000Z',
      status: 'failed',
      trigger: 'manual',
      score: null,
      grade: null,
      mlTestScore: null,
      error: 'Could not read https://github.com/acme-ml/fraud-detection: 404',
    },
    {
      scanId: 'scan-1',
      scannedAt: '2026-11-26T03:00:00.000Z',
      status: 'succeeded',
      trigger: 'scheduled',
      score: 58.3,
      grade: 'F',
      mlTestScore: 0.5,
    },
  ],
};

const rollups: Rollups = {
  groupBy: 'owner',
  groups: [
    {
      key: 'group:default/fraud-ml',
      count: 2,
      averageScore: 64.2,
      grades: { A: 0, B: 0, C: 1, D: 0, F: 1 },
      topFailingChecks: [{ checkId: 'REP-02', count: 2 }],
    },
    {
      key: null,
      count: 1,
      averageScore: 91,
      grades: { A: 1, B: 0, C: 0, D: 0, F: 0 },
      topFailingChecks: [],
    },
  ],
};

/**
 * A router built from the spec with stub handlers: what reaches a handler has
 * passed request validation, and what a handler sends is checked against the
 * response schemas (`validateResponses`), the way the real router's tests can.
 * The handlers are typed by the spec, so `tsc` also checks that the
 * hand-written types of `openapi.ts` fit it.
 */
function createApp(handlers: {
  serviceScorecard?: () => unknown;
  scorecardPage?: (query: unknown) => unknown;
}) {
  const router = createValidatedOpenApiRouter<typeof spec>(spec, {
    validatorOptions: { validateResponses: true },
  });
  router.get('/scorecards', (req, res) => {
    const page: ScorecardPage = {
      items: [summary],
      totalCount: 1,
      limit: req.query.limit ?? 50,
      offset: req.query.offset ?? 0,
    };
    res.json((handlers.scorecardPage?.(req.query) as ScorecardPage) ?? page);
  });
  router.get('/scorecards/:kind/:namespace/:name', (_req, res) => {
    res.json(handlers.serviceScorecard?.() as ServiceScorecard);
  });
  router.get('/scorecards/:kind/:namespace/:name/history', (_req, res) => {
    res.json(history);
  });
  router.get('/scorecards/:kind/:namespace/:name/waivers', (_req, res) => {
    res.json({ items: [waiver] });
  });
  router.post('/scorecards/:kind/:namespace/:name/waivers', (req, res) => {
    res.status(201).json({ ...waiver, ...req.body } as Waiver);
  });
  router.post('/waivers/:id/revoke', (_req, res) => {
    res.json({ ...waiver, state: 'revoked' } as Waiver);
  });
  router.get('/rollups', (_req, res) => {
    res.json(rollups);
  });
  router.get('/checks/:checkId', (_req, res) => {
    res.json(catalogueCheck(BUILTIN_CHECKS[0]));
  });
  return express().use(router).use(mockErrorHandler());
}

describe('request validation by the router built from the spec', () => {
  const app = createApp({});

  it('passes a well-formed list request to the handler with the defaults applied', async () => {
    let received: unknown;
    const res = await request(
      createApp({ scorecardPage: query => void (received = query) }),
    ).get('/scorecards?grade=F&failingCheck=REP-02&q=fraud&sort=change');

    expect(res.status).toBe(200);
    expect(received).toEqual({
      grade: 'F',
      failingCheck: 'REP-02',
      q: 'fraud',
      sort: 'change',
      order: 'asc',
      limit: 50,
      offset: 0,
    });
  });

  it('hands the handler numbers, not strings, for limit and offset', async () => {
    let received: any;
    await request(
      createApp({ scorecardPage: query => void (received = query) }),
    ).get('/scorecards?limit=25&offset=50');

    expect(received).toMatchObject({ limit: 25, offset: 50 });
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['limit=ten', 'limit'],
    ['offset=-1', 'offset'],
    ['sort=popularity', 'sort'],
    ['order=sideways', 'order'],
    ['grade=E', 'grade'],
    ['failingCheck=rep-02', 'failingCheck'],
    ['kind=not%20a%20kind', 'kind'],
    ['colour=red', 'colour'],
  ])(
    'rejects GET /scorecards?%s with a 400 naming %s',
    async (query, field) => {
      const res = await request(app).get(`/scorecards?${query}`);

      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toContain(field);
    },
  );

  it.each([
    ['a kind with a dash', '/scorecards/com-ponent/default/fraud-detection'],
    ['a name with a space', '/scorecards/component/default/fraud%20detection'],
    ['a namespace with a colon', '/scorecards/component/de:fault/fraud'],
  ])('rejects an entity reference with %s with a 400', async (_case, url) => {
    const res = await request(app).get(url);

    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
  });

  it('rejects a history request whose before is not a date-time', async () => {
    const res = await request(app).get(
      '/scorecards/component/default/fraud-detection/history?before=yesterday',
    );

    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('before');
  });

  it('rejects a waiver list request whose includeInactive is not a boolean', async () => {
    const res = await request(app).get(
      '/scorecards/component/default/fraud-detection/waivers?includeInactive=maybe',
    );

    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('includeInactive');
  });

  it('rejects a rollup request without groupBy', async () => {
    const res = await request(app).get('/rollups');

    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('groupBy');
  });

  it('rejects a malformed check id with a 400', async () => {
    const res = await request(app).get('/checks/rep02');

    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('checkId');
  });

  it('rejects revoking a waiver whose id is not a UUID with a 400', async () => {
    const res = await request(app).post('/waivers/42/revoke').send({});

    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('id');
  });
});

describe('waiver and attestation bodies', () => {
  const app = createApp({});
  const url = '/scorecards/component/default/fraud-detection/waivers';
  const validWaiver = {
    kind: 'waiver',
    target: 'REP-02',
    reason: 'Pinned in the Docker base image until the Q1 migration.',
    expiresAt: '2027-01-31T00:00:00Z',
  };
  const validAttestation = {
    kind: 'attestation',
    target: 'monitor.4',
    reason: 'Model age is alerted on by the nightly freshness job.',
    status: 'automated',
    evidence: 'ops/freshness-alert.yaml',
  };

  it('accepts a waiver of a check with an expiry', async () => {
    const res = await request(app).post(url).send(validWaiver);

    expect(res.status).toBe(201);
  });

  it('accepts an attestation of an ML Test Score test with a status', async () => {
    const res = await request(app).post(url).send(validAttestation);

    expect(res.status).toBe(201);
  });

  it.each([
    [
      'an extra field',
      { ...validWaiver, approvedBy: 'me' },
      'must NOT have additional properties',
    ],
    ['no expiry', { ...validWaiver, expiresAt: undefined }, 'expiresAt'],
    [
      'an expiry that is not a date-time',
      { ...validWaiver, expiresAt: 'next quarter' },
      'expiresAt',
    ],
    [
      'an ML Test Score test as target',
      { ...validWaiver, target: 'infra.1' },
      'target',
    ],
    ['a status', { ...validWaiver, status: 'manual' }, 'status'],
    ['an empty reason', { ...validWaiver, reason: '' }, 'reason'],
    ['a blank reason', { ...validWaiver, reason: '   ' }, 'reason'],
    [
      'a reason over 2000 characters',
      { ...validWaiver, reason: 'x'.repeat(2001) },
      'reason',
    ],
    ['an unknown kind', { ...validWaiver, kind: 'exemption' }, 'kind'],
  ])('rejects a waiver with %s with a 400', async (_case, body, field) => {
    const res = await request(app).post(url).send(body);

    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toContain(field);
  });

  it.each([
    ['a check as target', { ...validAttestation, target: 'REP-02' }, 'target'],
    ['an unknown test', { ...validAttestation, target: 'infra.8' }, 'target'],
    ['no status', { ...validAttestation, status: undefined }, 'status'],
    [
      'an unknown status',
      { ...validAttestation, status: 'sometimes' },
      'status',
    ],
  ])(
    'rejects an attestation with %s with a 400',
    async (_case, body, field) => {
      const res = await request(app).post(url).send(body);

      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(field);
    },
  );

  it('rejects a revocation with an extra field', async () => {
    const res = await request(app)
      .post('/waivers/6f1c9a52-3d1e-4f5b-9a43-1c2d3e4f5a6b/revoke')
      .send({ reason: 'Fixed upstream.', force: true });

    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'request/body must NOT have additional properties',
    );
  });

  it('accepts a revocation without a body', async () => {
    const res = await request(app).post(
      '/waivers/6f1c9a52-3d1e-4f5b-9a43-1c2d3e4f5a6b/revoke',
    );

    expect(res.status).toBe(200);
    expect(res.body.state).toBe('revoked');
  });
});

describe('response schemas', () => {
  // A real scan of a demo repository (one with an attestation file), so that
  // the schemas are checked against what the engine actually produces.
  const repository = path.resolve(
    __dirname,
    '../../../../examples/repos/credit-risk-scoring',
  );
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'credit-risk-scoring', namespace: 'default' },
    spec: {
      type: 'ml-model',
      lifecycle: 'production',
      owner: 'group:default/risk-ml',
    },
  };
  let serviceScorecard: ServiceScorecard;

  beforeAll(async () => {
    const scan = await scanService({
      snapshot: createDirectorySnapshot(repository),
      checks: BUILTIN_CHECKS,
      entity,
      now: new Date('2026-11-27T03:00:00Z'),
    });
    const resultById = new Map(scan.results.map(r => [r.id, r]));
    serviceScorecard = {
      ...summary,
      entityRef: 'component:default/credit-risk-scoring',
      score: scan.scorecard.score,
      uncappedScore: scan.scorecard.uncappedScore,
      grade: scan.scorecard.grade,
      mlTestScore: scan.scorecard.mlTestScore.final,
      change: null,
      scorecard: scan.scorecard,
      checks: BUILTIN_CHECKS.map(check => {
        const { id: _id, ...result } = resultById.get(check.id)!;
        return {
          ...catalogueCheck(check),
          ...result,
          advisory: isAdvisory(check),
        };
      }),
      attestations: scan.attestations,
      lastScan: {
        id: 'scan-1',
        status: 'succeeded',
        trigger: 'scheduled',
        startedAt: '2026-11-27T02:59:58.000Z',
        finishedAt: '2026-11-27T03:00:00.000Z',
        error: null,
      },
      waivers: [waiver],
    };
  });

  it('accept a service scorecard built from a real scan', async () => {
    expect(serviceScorecard.attestations.accepted.length).toBeGreaterThan(0);

    const res = await request(
      createApp({ serviceScorecard: () => serviceScorecard }),
    ).get('/scorecards/component/default/credit-risk-scoring');

    expect(res.status).toBe(200);
    expect(res.body.scorecard.mlTestScore.tests).toHaveLength(28);
  });

  it('accept a history with a failed and a succeeded scan', async () => {
    const res = await request(createApp({})).get(
      '/scorecards/component/default/fraud-detection/history?limit=2',
    );

    expect(res.status).toBe(200);
    expect(res.body).toEqual(history);
  });

  it('accept rollups, including the group of services without an owner', async () => {
    const res = await request(createApp({})).get('/rollups?groupBy=owner');

    expect(res.status).toBe(200);
    expect(res.body).toEqual(rollups);
  });

  it('reject a service scorecard that lacks a required field', async () => {
    const { lastScan: _lastScan, ...withoutLastScan } = serviceScorecard;

    const res = await request(
      createApp({ serviceScorecard: () => withoutLastScan }),
    ).get('/scorecards/component/default/credit-risk-scoring');

    expect(res.status).toBe(500);
    expect(res.body.error.message).toContain('lastScan');
  });

  it('reject a scorecard page whose grade is not a grade', async () => {
    const res = await request(
      createApp({
        scorecardPage: () => ({
          items: [{ ...summary, grade: 'E' }],
          totalCount: 1,
          limit: 50,
          offset: 0,
        }),
      }),
    ).get('/scorecards');

    expect(res.status).toBe(500);
    expect(res.body.error.message).toContain('grade');
  });
});
