import {
  mockCredentials,
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import request from 'supertest';
import {
  demoEntity,
  scorecardPath,
  startMlDebt,
} from '../__testUtils__/backend';
import { reportResult } from './__testUtils__/fixtures';
import { hashPluginTables } from './__testUtils__/tableHash';

// The REST API fed malformed and hostile input, on the real router and store
// of every supported database: each request is answered with the right 4xx
// and an error body in the @backstage/errors shape, and no row of any of the
// plugin's tables changes. Injection strings that are valid values must match
// literally: they find nothing and change nothing.
jest.setTimeout(180_000);

const databases = TestDatabases.create();

if (!databases.eachSupportedId().some(([id]) => id.startsWith('POSTGRES'))) {
  // eslint-disable-next-line no-console
  console.warn(
    'PostgreSQL cases SKIPPED in reliability/badInput.test.ts: set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING to run them',
  );
}

const estate = (): Entity[] => [
  demoEntity('fraud-detection'),
  demoEntity('sentiment-api'),
  demoEntity('churn-prototype'),
  demoEntity('marketing-website'),
];

const API = '/api/ml-debt';
const FRAUD = scorecardPath('fraud-detection');
const user = mockCredentials.user.header();

/** A well-formed JWT whose `exp` lies in 2001: expired, and not ours. */
const expiredJwt = [
  { alg: 'ES256', kid: 'k1', typ: 'vnd.backstage.user' },
  {
    sub: 'user:default/mallory',
    ent: ['user:default/mallory'],
    iat: 978307200,
    exp: 978310800,
  },
]
  .map(part => Buffer.from(JSON.stringify(part)).toString('base64url'))
  .concat('c2lnbmF0dXJl')
  .join('.');

const inADay = () => new Date(Date.now() + 86_400_000).toISOString();
const waiver = (extra: Record<string, unknown> = {}) => ({
  kind: 'waiver',
  target: 'REP-02',
  reason: 'The data set is regenerated nightly',
  expiresAt: inADay(),
  ...extra,
});

interface BadRequest {
  /** What is wrong with it. */
  name: string;
  method: 'GET' | 'POST';
  path: string | ((ctx: { waiverId: string }) => string);
  /** Sent as JSON unless `raw` is given. */
  body?: unknown | (() => unknown);
  /** A raw body with its content type. */
  raw?: { type: string; data: string | (() => string) };
  /** The Authorization header; a valid user token when not given. */
  auth?: string | null;
  /** Run against the replica whose permission policy denies everything. */
  denied?: boolean;
  status: 400 | 401 | 403 | 404 | 413 | 415;
}

const long = (n: number, c = 'a') => c.repeat(n);
const q = encodeURIComponent;

const BAD_REQUESTS: BadRequest[] = [
  // Authentication
  {
    name: 'no credentials on a read',
    method: 'GET',
    path: `${API}/scorecards`,
    auth: null,
    status: 401,
  },
  {
    name: 'no credentials on a waiver',
    method: 'POST',
    path: `${FRAUD}/waivers`,
    body: waiver(),
    auth: null,
    status: 401,
  },
  {
    name: 'no credentials on a rescan',
    method: 'POST',
    path: `${FRAUD}/scan`,
    auth: null,
    status: 401,
  },
  {
    name: 'a garbage bearer token',
    method: 'GET',
    path: FRAUD,
    auth: 'Bearer not-a-token',
    status: 401,
  },
  {
    name: 'an expired user JWT',
    method: 'GET',
    path: FRAUD,
    auth: `Bearer ${expiredJwt}`,
    status: 401,
  },
  {
    name: 'an invalid user token',
    method: 'POST',
    path: `${FRAUD}/waivers`,
    body: waiver(),
    auth: mockCredentials.user.invalidHeader(),
    status: 401,
  },
  {
    name: 'an invalid service token',
    method: 'GET',
    path: `${API}/rollups?groupBy=owner`,
    auth: mockCredentials.service.invalidHeader(),
    status: 401,
  },
  {
    name: 'an empty bearer',
    method: 'GET',
    path: `${API}/checks`,
    auth: 'Bearer ',
    status: 401,
  },
  // Authorization
  {
    name: 'a denied scorecard read',
    method: 'GET',
    path: FRAUD,
    denied: true,
    status: 403,
  },
  {
    name: 'a denied list read',
    method: 'GET',
    path: `${API}/scorecards`,
    denied: true,
    status: 403,
  },
  {
    name: 'a denied waiver',
    method: 'POST',
    path: `${FRAUD}/waivers`,
    body: waiver(),
    denied: true,
    status: 403,
  },
  {
    name: 'a denied revocation',
    method: 'POST',
    path: ({ waiverId }) => `${API}/waivers/${waiverId}/revoke`,
    denied: true,
    status: 403,
  },
  {
    name: 'a denied rescan',
    method: 'POST',
    path: `${FRAUD}/scan`,
    denied: true,
    status: 403,
  },
  // Entity references in the path
  {
    name: 'a malformed kind',
    method: 'GET',
    path: `${API}/scorecards/com-ponent/default/x`,
    status: 400,
  },
  {
    name: 'a name with a space',
    method: 'GET',
    path: scorecardPath('a%20b'),
    status: 400,
  },
  {
    name: 'a path traversal in the name',
    method: 'GET',
    path: scorecardPath(q('../../etc/passwd')),
    status: 400,
  },
  {
    name: 'a 300-character name',
    method: 'GET',
    path: scorecardPath(long(300)),
    status: 400,
  },
  {
    name: 'SQL in the name',
    method: 'GET',
    path: scorecardPath(q("x' OR 1=1--")),
    status: 400,
  },
  {
    name: 'a NUL byte in the name',
    method: 'GET',
    path: scorecardPath('fraud%00detection'),
    status: 400,
  },
  {
    name: 'a non-ASCII namespace',
    method: 'POST',
    path: `${API}/scorecards/component/${q('défault')}/fraud-detection/scan`,
    status: 400,
  },
  {
    name: 'a service not in the catalog',
    method: 'GET',
    path: scorecardPath('nope'),
    status: 404,
  },
  {
    name: 'a waiver for a non-ML service',
    method: 'POST',
    path: `${scorecardPath('marketing-website')}/waivers`,
    body: waiver(),
    status: 404,
  },
  {
    name: 'a rescan of an unknown service',
    method: 'POST',
    path: `${scorecardPath('nope')}/scan`,
    status: 404,
  },
  // Filters, sorting and paging
  {
    name: 'SQL in the kind filter',
    method: 'GET',
    path: `${API}/scorecards?kind=${q("' OR 1=1--")}`,
    status: 400,
  },
  {
    name: 'SQL in the failingCheck filter',
    method: 'GET',
    path: `${API}/scorecards?failingCheck=${q("REP-02' OR '1'='1")}`,
    status: 400,
  },
  {
    name: 'an unknown failingCheck',
    method: 'GET',
    path: `${API}/scorecards?failingCheck=ZZZ-99`,
    status: 400,
  },
  {
    name: 'a 301-character owner',
    method: 'GET',
    path: `${API}/scorecards?owner=${long(301)}`,
    status: 400,
  },
  {
    name: 'an empty owner',
    method: 'GET',
    path: `${API}/scorecards?owner=`,
    status: 400,
  },
  {
    name: 'a 201-character search',
    method: 'GET',
    path: `${API}/scorecards?q=${long(201, '%25')}`,
    status: 400,
  },
  {
    name: 'an unknown grade',
    method: 'GET',
    path: `${API}/scorecards?grade=Z`,
    status: 400,
  },
  {
    name: 'an unknown sort key',
    method: 'GET',
    path: `${API}/scorecards?sort=popularity`,
    status: 400,
  },
  {
    name: 'SQL in the sort key',
    method: 'GET',
    path: `${API}/scorecards?sort=${q('score; DROP TABLE scorecards')}`,
    status: 400,
  },
  {
    name: 'an unknown order',
    method: 'GET',
    path: `${API}/scorecards?order=sideways`,
    status: 400,
  },
  {
    name: 'a negative limit',
    method: 'GET',
    path: `${API}/scorecards?limit=-1`,
    status: 400,
  },
  {
    name: 'a zero limit',
    method: 'GET',
    path: `${API}/scorecards?limit=0`,
    status: 400,
  },
  {
    name: 'a huge limit',
    method: 'GET',
    path: `${API}/scorecards?limit=100000`,
    status: 400,
  },
  {
    name: 'a fractional limit',
    method: 'GET',
    path: `${API}/scorecards?limit=1.5`,
    status: 400,
  },
  {
    name: 'a non-numeric limit',
    method: 'GET',
    path: `${API}/scorecards?limit=ten`,
    status: 400,
  },
  {
    name: 'a negative offset',
    method: 'GET',
    path: `${API}/scorecards?offset=-5`,
    status: 400,
  },
  {
    name: 'an offset beyond 64 bits',
    method: 'GET',
    path: `${API}/scorecards?offset=99999999999999999999999`,
    status: 400,
  },
  {
    name: 'a negative history limit',
    method: 'GET',
    path: `${FRAUD}/history?limit=-3`,
    status: 400,
  },
  {
    name: 'a history cursor that is not a date',
    method: 'GET',
    path: `${FRAUD}/history?before=${q("yesterday' OR 1=1")}`,
    status: 400,
  },
  {
    name: 'an unknown rollup grouping',
    method: 'GET',
    path: `${API}/rollups?groupBy=${q('owner; DROP TABLE waivers')}`,
    status: 400,
  },
  {
    name: 'a missing rollup grouping',
    method: 'GET',
    path: `${API}/rollups`,
    status: 400,
  },
  {
    name: 'an unknown export format',
    method: 'GET',
    path: `${API}/export?format=xml`,
    status: 400,
  },
  {
    name: 'a malformed check id',
    method: 'GET',
    path: `${API}/checks/${q("REP-02' --")}`,
    status: 400,
  },
  {
    name: 'an unknown check id',
    method: 'GET',
    path: `${API}/checks/ZZZ-99`,
    status: 404,
  },
  // Waiver bodies
  {
    name: 'a waiver of an unknown check',
    method: 'POST',
    path: `${FRAUD}/waivers`,
    body: waiver({ target: 'ZZZ-99' }),
    status: 400,
  },
  {
    name: 'a waiver without a reason',
    method: 'POST',
    path: `${FRAUD}/waivers`,
    body: { kind: 'waiver', target: 'REP-02', expiresAt: inADay() },
    status: 400,
  },
  {
    name: 'a blank reason',
    method: 'POST',
    path: `${FRAUD}/waivers`,
    body: waiver({ reason: ' \t\n ' }),
    status: 400,
  },
  {
    name: 'a 2001-character reason',
    method: 'POST',
    path: `${FRAUD}/waivers`,
    body: waiver({ reason: long(2001) }),
    status: 400,
  },
  {
    name: 'a reason that is a number',
    method: 'POST',
    path: `${FRAUD}/waivers`,
    body: waiver({ reason: 42 }),
    status: 400,
  },
  {
    name: 'a target that is a list',
    method: 'POST',
    path: `${FRAUD}/waivers`,
    body: waiver({ target: ['REP-02'] }),
    status: 400,
  },
  {
    name: 'an unknown kind',
    method: 'POST',
    path: `${FRAUD}/waivers`,
    body: waiver({ kind: 'exemption' }),
    status: 400,
  },
  {
    name: 'an unknown field',
    method: 'POST',
    path: `${FRAUD}/waivers`,
    body: waiver({ author: 'user:default/ceo' }),
    status: 400,
  },
  {
    name: 'an expiry in the past',
    method: 'POST',
    path: `${FRAUD}/waivers`,
    body: waiver({ expiresAt: '2020-01-01T00:00:00Z' }),
    status: 400,
  },
  {
    name: 'an expiry that is not a date',
    method: 'POST',
    path: `${FRAUD}/waivers`,
    body: waiver({ expiresAt: 'tomorrow' }),
    status: 400,
  },
  {
    name: 'a waiver without expiry',
    method: 'POST',
    path: `${FRAUD}/waivers`,
    body: { kind: 'waiver', target: 'REP-02', reason: 'x' },
    status: 400,
  },
  {
    name: 'an attestation of an unknown test',
    method: 'POST',
    path: `${FRAUD}/waivers`,
    body: {
      kind: 'attestation',
      target: 'model.9',
      reason: 'x',
      status: 'manual',
    },
    status: 400,
  },
  {
    name: 'a body that is a list',
    method: 'POST',
    path: `${FRAUD}/waivers`,
    body: [waiver()],
    status: 400,
  },
  {
    name: 'a body that is not JSON',
    method: 'POST',
    path: `${FRAUD}/waivers`,
    raw: { type: 'application/json', data: '{"kind": ' },
    status: 400,
  },
  {
    name: 'an oversized body',
    method: 'POST',
    path: `${FRAUD}/waivers`,
    raw: {
      type: 'application/json',
      data: () => JSON.stringify(waiver({ evidence: long(300_000) })),
    },
    status: 413,
  },
  {
    name: 'a form-encoded body',
    method: 'POST',
    path: `${FRAUD}/waivers`,
    raw: {
      type: 'application/x-www-form-urlencoded',
      data: 'kind=waiver&target=REP-02&reason=x',
    },
    status: 415,
  },
  {
    name: 'a revocation of a malformed id',
    method: 'POST',
    path: `${API}/waivers/${q("1' OR '1'='1")}/revoke`,
    status: 400,
  },
  {
    name: 'a revocation of an unknown waiver',
    method: 'POST',
    path: `${API}/waivers/0b3c2f9e-4a59-4c3e-9a41-0d1b2c3d4e5f/revoke`,
    status: 404,
  },
];

/** Valid filter values built from injection strings: they must match literally. */
const LITERAL_FILTERS: Array<[string, string]> = [
  ['SQL in the search text', `q=${q("' OR 1=1--")}`],
  ['a LIKE wildcard as the search text', 'q=%25'],
  ['a LIKE single-character wildcard', 'q=_'],
  ['a backslash escape in the search', `q=${q('\\%')}`],
  ['unicode look-alikes in the search', `q=${q('𝔣𝔯𝔞𝔲𝔡')}`],
  ['SQL in the owner filter', `owner=${q("group:default/x' OR '1'='1")}`],
  ['SQL in the system filter', `system=${q('x"; DELETE FROM scorecards; --')}`],
  ['a LIKE wildcard as the lifecycle', 'lifecycle=%25'],
];

describe.each(databases.eachSupportedId())(
  'bad requests on %s',
  (databaseId: TestDatabaseId) => {
    let knex: Knex;
    let open: Awaited<ReturnType<typeof startMlDebt>>;
    let denying: Awaited<ReturnType<typeof startMlDebt>>;
    let waiverId: string;
    let before: Record<string, string>;
    let passed = 0;
    let literalPassed = 0;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      // Requests without credentials are anonymous here (the default test
      // backend would treat them as a user).
      const anonymousByDefault = mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      });
      open = await startMlDebt({
        knex,
        entities: estate(),
        extraFeatures: [anonymousByDefault],
      });
      denying = await startMlDebt({
        knex,
        entities: estate(),
        extraFeatures: [
          anonymousByDefault,
          mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
        ],
      });
      await open.runCycle();
      const created = await request(open.server)
        .post(`${FRAUD}/waivers`)
        .set('Authorization', user)
        .send(waiver());
      if (created.status !== 201) {
        throw new Error(`Could not create the waiver: ${created.text}`);
      }
      waiverId = created.body.id;
      before = await hashPluginTables(knex);
    });

    afterAll(async () => {
      const statuses: Record<number, number> = {};
      for (const c of BAD_REQUESTS)
        statuses[c.status] = (statuses[c.status] ?? 0) + 1;
      reportResult(
        `bad-input-${databaseId}`,
        `${passed} of ${
          BAD_REQUESTS.length
        } bad requests answered with the expected 4xx and a JSON error, ${literalPassed} of ${
          LITERAL_FILTERS.length
        } injection strings matched literally; all ${
          Object.keys(before ?? {}).length
        } plugin tables unchanged after each`,
        {
          database: databaseId,
          badRequests: BAD_REQUESTS.length,
          passed,
          statuses,
          literalFilters: LITERAL_FILTERS.length,
          literalPassed,
        },
      );
      await denying?.backend.stop();
      await open?.backend.stop();
    });

    it('has a table of at least 30 bad requests and data to protect', () => {
      expect(before.scorecards).toMatch(/^3:/);
      expect(before.waivers).toMatch(/^1:/);
      expect(BAD_REQUESTS.length).toBeGreaterThanOrEqual(30);
      expect(new Set(BAD_REQUESTS.map(c => c.name)).size).toBe(
        BAD_REQUESTS.length,
      );
    });

    it.each(BAD_REQUESTS.map(c => [c.name, c] as const))(
      'answers %s with its 4xx and changes nothing',
      async (_name, c) => {
        const server = c.denied ? denying.server : open.server;
        const path =
          typeof c.path === 'function' ? c.path({ waiverId }) : c.path;
        let req =
          c.method === 'GET'
            ? request(server).get(path)
            : request(server).post(path);
        if (c.auth !== null) req = req.set('Authorization', c.auth ?? user);
        if (c.raw) {
          const data =
            typeof c.raw.data === 'function' ? c.raw.data() : c.raw.data;
          req = req.set('Content-Type', c.raw.type).send(data);
        } else if (c.body !== undefined) {
          req = req.send(typeof c.body === 'function' ? c.body() : c.body);
        }

        const res = await req;

        expect({ status: res.status, body: res.body }).toMatchObject({
          status: c.status,
          body: {
            error: { name: expect.any(String), message: expect.any(String) },
            response: { statusCode: c.status },
          },
        });
        expect(res.type).toBe('application/json');
        expect(await hashPluginTables(knex)).toEqual(before);
        passed++;
      },
    );

    it.each(LITERAL_FILTERS)(
      'matches %s literally: nothing found, nothing changed',
      async (_name, query) => {
        const res = await request(open.server)
          .get(`${API}/scorecards?${query}`)
          .set('Authorization', user);

        expect(res.status).toBe(200);
        expect(res.body.totalCount).toBe(0);
        expect(res.body.items).toEqual([]);
        expect(await hashPluginTables(knex)).toEqual(before);
        literalPassed++;
      },
    );

    it('still lists every service after the bad requests', async () => {
      const res = await request(open.server)
        .get(`${API}/scorecards?limit=500&offset=0`)
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body.totalCount).toBe(3);
    });
  },
);
