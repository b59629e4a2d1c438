import type { ScorecardSummary } from '@ml-debt/plugin-ml-debt-common';

// The API's JSON types live in the common package, shared with the frontend.
export type {
  CatalogueCheck,
  ScanStatus,
  ScanTrigger,
  ScanRun,
  WaiverState,
  Waiver,
  CreateWaiverRequest,
  RevokeWaiverRequest,
  ScorecardCheck,
  ScorecardSummary,
  RepositoryAttestations,
  ServiceScorecard,
  ScorecardSortField,
  ScorecardFilters,
  ListScorecardsQuery,
  ScorecardPage,
  HistoryEntry,
  ScorecardHistory,
  ScanTriggered,
  RollupGroup,
  Rollups,
  Overview,
  MlService,
} from '@ml-debt/plugin-ml-debt-common';

/**
 * The REST API contract of the ml-debt plugin: `openapi.yaml` as a TypeScript
 * constant, for `createValidatedOpenApiRouter<typeof spec>(spec)` from
 * `@backstage/backend-openapi-utils`.
 *
 * It is written by hand instead of generated because
 * `backstage-repo-tools package schema openapi generate` needs a Java runtime.
 * `openapi.test.ts` fails whenever this object and the YAML differ, so change
 * the YAML first and mirror the change here.
 *
 * `security` lists `{}` next to the bearer scheme on purpose (as the Backstage
 * plugins do): authentication is enforced by the backend's `httpAuth` (401),
 * not by the request validator, which would otherwise reject cookie-
 * authenticated and test requests with a 400.
 *
 * @public
 */
export const spec = {
  openapi: '3.1.0',
  info: {
    title: 'ml-debt',
    version: '1',
    description:
      "The REST API of ML Debt Scorecards: the scorecards of the ML services in the\nsoftware catalog, their scan history, org-wide rollups, the check catalogue,\nwaivers and attestations, on-demand rescans and exports.\n\nPaths are relative to the plugin's base URL, `<backend.baseUrl>/api/ml-debt`.\nEvery operation needs a Backstage user or service token (`Authorization:\nBearer <token>`); the backend answers 401 without one. Reading scorecards,\ntriggering rescans and creating or revoking waivers are separate permissions\n(`ml-debt.scorecard.read`, `ml-debt.scan.trigger`, `ml-debt.waiver.create`,\n`ml-debt.waiver.revoke`); a denied permission answers 403.\n\nErrors use the Backstage error body (`components.schemas.Error`): 400 for a\nmalformed entity reference, query or body (the message names the offending\nfield), 401, 403, 404 for an unknown service, check or waiver, 409 for a\nconflicting state change, 500 for anything unexpected.\n",
    license: {
      name: 'Apache-2.0',
      url: 'http://www.apache.org/licenses/LICENSE-2.0.html',
    },
  },
  servers: [
    {
      url: '/',
    },
  ],
  tags: [
    {
      name: 'Scorecards',
      description:
        "Latest scorecards of the ML services, one service's scorecard and its history.",
    },
    {
      name: 'Scans',
      description: 'On-demand rescans and scan status.',
    },
    {
      name: 'Waivers',
      description:
        'Waivers of failing checks and attestations of ML Test Score tests. Never deleted, only revoked.',
    },
    {
      name: 'Rollups',
      description: 'Org-wide aggregates per owner or per system.',
    },
    {
      name: 'Checks',
      description: 'The check catalogue.',
    },
    {
      name: 'Export',
      description: 'CSV and JSON exports of the scorecard list.',
    },
    {
      name: 'Services',
      description: 'The ML services the scanner tracks.',
    },
  ],
  components: {
    securitySchemes: {
      JWT: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'A Backstage user or service token.',
      },
    },
    parameters: {
      kind: {
        name: 'kind',
        in: 'path',
        required: true,
        description:
          "Kind of the service's catalog entity, e.g. `component` (case-insensitive).",
        schema: {
          type: 'string',
          pattern: '^[A-Za-z][A-Za-z0-9]{0,62}$',
        },
      },
      namespace: {
        name: 'namespace',
        in: 'path',
        required: true,
        description:
          "Namespace of the service's catalog entity, e.g. `default`.",
        schema: {
          type: 'string',
          pattern: '^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$',
        },
      },
      name: {
        name: 'name',
        in: 'path',
        required: true,
        description: "Name of the service's catalog entity.",
        schema: {
          type: 'string',
          pattern: '^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$',
        },
      },
      checkId: {
        name: 'checkId',
        in: 'path',
        required: true,
        description: 'A check id, e.g. `REP-02`.',
        schema: {
          $ref: '#/components/schemas/CheckId',
        },
      },
      waiverId: {
        name: 'id',
        in: 'path',
        required: true,
        description: "The waiver's or attestation's id.",
        schema: {
          type: 'string',
          format: 'uuid',
        },
      },
      owner: {
        name: 'owner',
        in: 'query',
        required: false,
        description:
          'Only services owned by this entity, e.g. `group:default/fraud-ml`.',
        schema: {
          type: 'string',
          minLength: 1,
          maxLength: 300,
        },
      },
      system: {
        name: 'system',
        in: 'query',
        required: false,
        description:
          'Only services of this system, e.g. `system:default/fraud-prevention`.',
        schema: {
          type: 'string',
          minLength: 1,
          maxLength: 300,
        },
      },
      lifecycle: {
        name: 'lifecycle',
        in: 'query',
        required: false,
        description:
          'Only services with this `spec.lifecycle`, e.g. `production`.',
        schema: {
          type: 'string',
          minLength: 1,
          maxLength: 63,
        },
      },
      grade: {
        name: 'grade',
        in: 'query',
        required: false,
        description: 'Only services with this grade.',
        schema: {
          $ref: '#/components/schemas/Grade',
        },
      },
      kindFilter: {
        name: 'kind',
        in: 'query',
        required: false,
        description:
          'Only services whose catalog entity is of this kind, e.g. `component`.',
        schema: {
          type: 'string',
          pattern: '^[A-Za-z][A-Za-z0-9]{0,62}$',
        },
      },
      failingCheck: {
        name: 'failingCheck',
        in: 'query',
        required: false,
        description:
          'Only services on which this check currently fails (a waived check does not fail). An id that is not in the check catalogue is a 400.',
        schema: {
          $ref: '#/components/schemas/CheckId',
        },
      },
      q: {
        name: 'q',
        in: 'query',
        required: false,
        description:
          "Case-insensitive text matched against the service's title and entity reference.",
        schema: {
          type: 'string',
          minLength: 1,
          maxLength: 200,
        },
      },
      sort: {
        name: 'sort',
        in: 'query',
        required: false,
        description:
          'Sort field. `change` is the score delta against the previous scan. Ties are broken by entity reference.',
        schema: {
          type: 'string',
          enum: ['score', 'name', 'owner', 'system', 'scannedAt', 'change'],
          default: 'score',
        },
      },
      order: {
        name: 'order',
        in: 'query',
        required: false,
        description:
          'Sort order. The default, ascending score, lists the services with the most debt first.',
        schema: {
          type: 'string',
          enum: ['asc', 'desc'],
          default: 'asc',
        },
      },
      limit: {
        name: 'limit',
        in: 'query',
        required: false,
        description: 'Page size.',
        schema: {
          type: 'integer',
          minimum: 1,
          maximum: 500,
          default: 50,
        },
      },
      offset: {
        name: 'offset',
        in: 'query',
        required: false,
        description: 'Number of items to skip, at most 2147483647.',
        schema: {
          type: 'integer',
          minimum: 0,
          maximum: 2147483647,
          default: 0,
        },
      },
    },
    responses: {
      BadRequest: {
        description:
          'The entity reference, a query parameter or the request body is malformed; the message says which.',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
      Unauthorized: {
        description: 'The request carries no valid Backstage token.',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
      Forbidden: {
        description: 'The caller lacks the permission this operation needs.',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
      NotFound: {
        description: 'No such ML service, check or waiver.',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
      Conflict: {
        description: 'The change conflicts with the current state.',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
      InternalServerError: {
        description: 'An unexpected error.',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
    },
    schemas: {
      Error: {
        type: 'object',
        description:
          "The Backstage error body, as written by the backend's error handler.",
        required: ['error', 'response'],
        properties: {
          error: {
            type: 'object',
            required: ['name', 'message'],
            properties: {
              name: {
                type: 'string',
                description:
                  'The error class, e.g. `InputError`, `NotFoundError`.',
              },
              message: {
                type: 'string',
              },
              stack: {
                type: 'string',
              },
            },
            additionalProperties: true,
          },
          request: {
            type: 'object',
            required: ['method', 'url'],
            properties: {
              method: {
                type: 'string',
              },
              url: {
                type: 'string',
              },
            },
          },
          response: {
            type: 'object',
            required: ['statusCode'],
            properties: {
              statusCode: {
                type: 'integer',
              },
            },
          },
        },
        additionalProperties: true,
      },
      EntityRef: {
        type: 'string',
        description: 'A full entity reference, `kind:namespace/name`.',
        minLength: 1,
        examples: ['component:default/fraud-detection'],
      },
      CheckId: {
        type: 'string',
        description:
          'A check id of the catalogue or of a custom check, e.g. `REP-02`.',
        pattern: '^[A-Z][A-Z0-9]{1,9}-\\d{2,3}$',
      },
      MlTestId: {
        type: 'string',
        description:
          'One of the 28 tests of the ML Test Score (Breck et al. 2017), e.g. `infra.6`.',
        pattern: '^(data|model|infra|monitor)\\.[1-7]$',
      },
      Grade: {
        type: 'string',
        description: 'A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, F < 60.',
        enum: ['A', 'B', 'C', 'D', 'F'],
      },
      CheckStatus: {
        type: 'string',
        description: '`waived`: a failing check with an active waiver.',
        enum: ['pass', 'fail', 'warn', 'not-applicable', 'error', 'waived'],
      },
      CategoryId: {
        type: 'string',
        enum: [
          'catalog',
          'reproducibility',
          'versioning',
          'configuration',
          'code-smells',
          'satd',
          'notebooks',
          'testing',
          'operations',
          'monitoring',
          'documentation',
        ],
      },
      Confidence: {
        type: 'string',
        enum: ['high', 'medium', 'low'],
      },
      Automation: {
        type: 'string',
        enum: ['automated', 'manual', 'none'],
      },
      MlTestSection: {
        type: 'string',
        enum: ['data', 'model', 'infrastructure', 'monitoring'],
      },
      ScanStatus: {
        type: 'string',
        description:
          '`queued` and `running` for a scan in progress; `succeeded` (including a source found unchanged) or `failed` once it is over.',
        enum: ['queued', 'running', 'succeeded', 'failed'],
      },
      ScanTrigger: {
        type: 'string',
        enum: ['scheduled', 'manual'],
      },
      Evidence: {
        type: 'object',
        additionalProperties: false,
        description: 'Where a finding was made and what it shows.',
        required: ['message'],
        properties: {
          message: {
            type: 'string',
          },
          path: {
            type: 'string',
            description:
              'Repository-relative path, or a catalog field such as `spec.owner`.',
          },
          line: {
            type: 'integer',
            minimum: 1,
          },
          snippet: {
            type: 'string',
          },
          url: {
            type: 'string',
          },
          unknown: {
            type: 'boolean',
            description: 'The scanner could not read what it needed.',
          },
        },
      },
      CheckMetadata: {
        type: 'object',
        additionalProperties: false,
        description: 'What a check detects, why it matters and how to fix it.',
        required: [
          'id',
          'title',
          'category',
          'weight',
          'confidence',
          'mlTestScore',
          'debtType',
          'rationale',
          'references',
          'remediation',
          'appliesToExperimental',
          'source',
        ],
        properties: {
          id: {
            $ref: '#/components/schemas/CheckId',
          },
          title: {
            type: 'string',
          },
          category: {
            $ref: '#/components/schemas/CategoryId',
          },
          weight: {
            type: 'number',
            minimum: 0,
            maximum: 3,
            description:
              '3 critical, 2 major, 1 minor, 0 shown but not scored.',
          },
          confidence: {
            $ref: '#/components/schemas/Confidence',
          },
          mlTestScore: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/MlTestId',
            },
          },
          debtType: {
            type: 'string',
            description: 'The Sculley et al. 2015 debt type.',
          },
          rationale: {
            type: 'string',
          },
          references: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          remediation: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          appliesToExperimental: {
            type: 'boolean',
          },
          source: {
            type: 'string',
            enum: ['builtin', 'custom'],
            description:
              'A catalogue check, or one added by configuration or a backend module.',
          },
        },
      },
      ScorecardCheck: {
        type: 'object',
        additionalProperties: false,
        description:
          "One check of a service's scorecard, with its metadata, its result and, when waived, the waiver. The metadata fields are those of `CheckMetadata`.",
        required: [
          'id',
          'title',
          'category',
          'weight',
          'confidence',
          'mlTestScore',
          'debtType',
          'rationale',
          'references',
          'remediation',
          'appliesToExperimental',
          'source',
          'advisory',
          'status',
          'score',
          'summary',
          'evidence',
          'automation',
        ],
        properties: {
          id: {
            $ref: '#/components/schemas/CheckId',
          },
          title: {
            type: 'string',
          },
          category: {
            $ref: '#/components/schemas/CategoryId',
          },
          weight: {
            type: 'number',
            minimum: 0,
            maximum: 3,
            description:
              '3 critical, 2 major, 1 minor, 0 shown but not scored.',
          },
          confidence: {
            $ref: '#/components/schemas/Confidence',
          },
          mlTestScore: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/MlTestId',
            },
          },
          debtType: {
            type: 'string',
            description: 'The Sculley et al. 2015 debt type.',
          },
          rationale: {
            type: 'string',
          },
          references: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          remediation: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          appliesToExperimental: {
            type: 'boolean',
          },
          source: {
            type: 'string',
            enum: ['builtin', 'custom'],
            description:
              'A catalogue check, or one added by configuration or a backend module.',
          },
          advisory: {
            type: 'boolean',
            description:
              'A low-confidence check counts at half weight and never caps the score.',
          },
          status: {
            $ref: '#/components/schemas/CheckStatus',
          },
          score: {
            type: ['number', 'null'],
            minimum: 0,
            maximum: 100,
            description: '0–100; null when not applicable or errored.',
          },
          summary: {
            type: 'string',
          },
          evidence: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Evidence',
            },
          },
          automation: {
            $ref: '#/components/schemas/Automation',
          },
          waiver: {
            $ref: '#/components/schemas/Waiver',
          },
        },
      },
      CategoryScore: {
        type: 'object',
        additionalProperties: false,
        required: [
          'id',
          'title',
          'score',
          'checks',
          'failing',
          'warning',
          'checkIds',
        ],
        properties: {
          id: {
            $ref: '#/components/schemas/CategoryId',
          },
          title: {
            type: 'string',
          },
          score: {
            type: ['number', 'null'],
            minimum: 0,
            maximum: 100,
            description:
              'Weighted mean of the scored checks; null when none could be scored.',
          },
          checks: {
            type: 'integer',
            minimum: 0,
          },
          failing: {
            type: 'integer',
            minimum: 0,
          },
          warning: {
            type: 'integer',
            minimum: 0,
          },
          checkIds: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/CheckId',
            },
          },
        },
      },
      MlTestAttestation: {
        type: 'object',
        additionalProperties: false,
        description:
          "A team's statement, read from `.ml-test-score.yaml`, that it runs one ML Test Score test.",
        required: ['id', 'status', 'evidence', 'evidenceAutomated', 'points'],
        properties: {
          id: {
            $ref: '#/components/schemas/MlTestId',
          },
          status: {
            type: 'string',
            enum: ['manual', 'automated'],
          },
          evidence: {
            type: 'string',
          },
          reviewed: {
            type: 'string',
            description: 'Date of the last review, `YYYY-MM-DD`.',
          },
          evidenceAutomated: {
            type: 'boolean',
          },
          points: {
            type: 'number',
            minimum: 0,
            maximum: 1,
          },
          expired: {
            type: 'boolean',
          },
        },
      },
      AttestationProblem: {
        type: 'object',
        additionalProperties: false,
        description:
          'A rejected entry of the attestation file, or a warning about it; the fields of `Evidence` plus the test and the severity.',
        required: ['message', 'severity'],
        properties: {
          message: {
            type: 'string',
          },
          path: {
            type: 'string',
            description:
              'Repository-relative path, or a catalog field such as `spec.owner`.',
          },
          line: {
            type: 'integer',
            minimum: 1,
          },
          snippet: {
            type: 'string',
          },
          url: {
            type: 'string',
          },
          unknown: {
            type: 'boolean',
            description: 'The scanner could not read what it needed.',
          },
          test: {
            type: 'string',
            description:
              'The test id of the entry, when the problem is about one entry.',
          },
          severity: {
            type: 'string',
            enum: ['rejected', 'warning'],
            description:
              '`rejected` entries count for nothing; `warning` entries still count.',
          },
        },
      },
      Attestations: {
        type: 'object',
        additionalProperties: false,
        description:
          "The attestations read from the repository's `.ml-test-score.yaml`.",
        required: ['accepted', 'problems'],
        properties: {
          path: {
            type: 'string',
          },
          accepted: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/MlTestAttestation',
            },
          },
          problems: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/AttestationProblem',
            },
          },
        },
      },
      MlTestScoreTest: {
        type: 'object',
        additionalProperties: false,
        required: [
          'id',
          'section',
          'label',
          'title',
          'points',
          'source',
          'detectedPoints',
          'attestedPoints',
          'checks',
          'relatedChecks',
        ],
        properties: {
          id: {
            $ref: '#/components/schemas/MlTestId',
          },
          section: {
            $ref: '#/components/schemas/MlTestSection',
          },
          label: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          points: {
            type: 'number',
            minimum: 0,
            maximum: 1,
            multipleOf: 0.5,
          },
          source: {
            type: 'string',
            enum: ['detected', 'attested', 'none'],
          },
          detectedPoints: {
            type: 'number',
            minimum: 0,
            maximum: 1,
            multipleOf: 0.5,
          },
          attestedPoints: {
            type: 'number',
            minimum: 0,
            maximum: 1,
            multipleOf: 0.5,
          },
          checks: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          relatedChecks: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          attestation: {
            $ref: '#/components/schemas/MlTestAttestation',
          },
        },
      },
      MlTestSectionScores: {
        type: 'object',
        additionalProperties: false,
        required: ['data', 'model', 'infrastructure', 'monitoring'],
        properties: {
          data: {
            type: 'number',
            minimum: 0,
            maximum: 7,
          },
          model: {
            type: 'number',
            minimum: 0,
            maximum: 7,
          },
          infrastructure: {
            type: 'number',
            minimum: 0,
            maximum: 7,
          },
          monitoring: {
            type: 'number',
            minimum: 0,
            maximum: 7,
          },
        },
      },
      MlTestScore: {
        type: 'object',
        additionalProperties: false,
        description:
          'The ML Test Score (Breck et al. 2017) from the static proxy plus attestations.',
        required: [
          'final',
          'sections',
          'band',
          'bandInterval',
          'weakestSection',
          'tests',
          'label',
        ],
        properties: {
          final: {
            type: 'number',
            minimum: 0,
            maximum: 7,
            description: 'Minimum of the four section sums.',
          },
          sections: {
            $ref: '#/components/schemas/MlTestSectionScores',
          },
          band: {
            type: 'string',
            description: 'Table V interpretation of `final`, verbatim.',
          },
          bandInterval: {
            type: 'string',
          },
          weakestSection: {
            $ref: '#/components/schemas/MlTestSection',
          },
          tests: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/MlTestScoreTest',
            },
          },
          label: {
            type: 'string',
          },
        },
      },
      ChecklistItem: {
        type: 'object',
        additionalProperties: false,
        description: 'One item of the remediation checklist.',
        required: [
          'id',
          'title',
          'category',
          'status',
          'score',
          'priority',
          'feedsWeakestSection',
          'advisory',
          'weight',
          'confidence',
          'debtType',
          'mlTestScore',
          'mlTestSections',
          'summary',
          'remediation',
          'evidence',
        ],
        properties: {
          id: {
            $ref: '#/components/schemas/CheckId',
          },
          title: {
            type: 'string',
          },
          category: {
            $ref: '#/components/schemas/CategoryId',
          },
          status: {
            $ref: '#/components/schemas/CheckStatus',
          },
          score: {
            type: ['number', 'null'],
            minimum: 0,
            maximum: 100,
          },
          priority: {
            type: 'number',
            minimum: 0,
          },
          feedsWeakestSection: {
            type: 'boolean',
          },
          advisory: {
            type: 'boolean',
          },
          weight: {
            type: 'number',
            minimum: 0,
            maximum: 3,
          },
          confidence: {
            $ref: '#/components/schemas/Confidence',
          },
          debtType: {
            type: 'string',
          },
          mlTestScore: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/MlTestId',
            },
          },
          mlTestSections: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/MlTestSection',
            },
          },
          summary: {
            type: 'string',
          },
          remediation: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          evidence: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Evidence',
            },
          },
        },
      },
      MllintRule: {
        type: 'object',
        additionalProperties: false,
        required: ['slug', 'name', 'category', 'weight', 'score', 'details'],
        properties: {
          slug: {
            type: 'string',
          },
          name: {
            type: 'string',
          },
          category: {
            type: 'string',
          },
          weight: {
            type: 'number',
          },
          score: {
            type: ['number', 'null'],
            minimum: 0,
            maximum: 100,
          },
          details: {
            type: 'string',
          },
        },
      },
      MllintReport: {
        type: 'object',
        additionalProperties: false,
        description: 'The mllint-compatible view.',
        required: [
          'rules',
          'categories',
          'categoryResults',
          'rulesUnsuccessful',
        ],
        properties: {
          rules: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/MllintRule',
            },
          },
          categories: {
            type: 'object',
            additionalProperties: {
              type: ['number', 'null'],
            },
          },
          categoryResults: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: [
                'id',
                'title',
                'score',
                'passed',
                'rulesScored',
                'rulesUnsuccessful',
              ],
              properties: {
                id: {
                  type: 'string',
                },
                title: {
                  type: 'string',
                },
                score: {
                  type: ['number', 'null'],
                },
                passed: {
                  type: 'boolean',
                },
                rulesScored: {
                  type: 'integer',
                  minimum: 0,
                },
                rulesUnsuccessful: {
                  type: 'integer',
                  minimum: 0,
                },
              },
            },
          },
          rulesUnsuccessful: {
            type: 'integer',
            minimum: 0,
          },
        },
      },
      Scorecard: {
        type: 'object',
        additionalProperties: false,
        description:
          "The scorecard of one scan, as built by `buildScorecard` and embedded in the CLI's JSON report.",
        required: [
          'score',
          'grade',
          'capped',
          'cappedBy',
          'uncappedScore',
          'debtIndex',
          'categories',
          'mlTestScore',
          'checklist',
        ],
        properties: {
          score: {
            type: 'number',
            minimum: 0,
            maximum: 100,
          },
          grade: {
            $ref: '#/components/schemas/Grade',
          },
          capped: {
            type: 'boolean',
            description: 'A critical check scored 0, capping the score at 60.',
          },
          cappedBy: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/CheckId',
            },
          },
          uncappedScore: {
            type: 'number',
            minimum: 0,
            maximum: 100,
          },
          debtIndex: {
            type: 'number',
            minimum: 0,
            maximum: 100,
          },
          categories: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/CategoryScore',
            },
          },
          mlTestScore: {
            $ref: '#/components/schemas/MlTestScore',
          },
          checklist: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ChecklistItem',
            },
          },
          mllint: {
            $ref: '#/components/schemas/MllintReport',
          },
        },
      },
      ScorecardSummary: {
        type: 'object',
        additionalProperties: false,
        description: 'One row of the org-wide scorecard list.',
        required: [
          'entityRef',
          'title',
          'kind',
          'type',
          'score',
          'uncappedScore',
          'grade',
          'mlTestScore',
          'change',
          'failingChecks',
          'scannedAt',
          'scanStatus',
        ],
        properties: {
          entityRef: {
            $ref: '#/components/schemas/EntityRef',
          },
          title: {
            type: 'string',
          },
          kind: {
            type: 'string',
          },
          type: {
            type: 'string',
            description: "The entity's `spec.type`.",
          },
          owner: {
            type: 'string',
            description: 'Owner entity reference, when the entity has one.',
          },
          system: {
            type: 'string',
            description: 'System entity reference, when the entity has one.',
          },
          lifecycle: {
            type: 'string',
          },
          score: {
            type: 'number',
            minimum: 0,
            maximum: 100,
            description: 'Health score after the critical cap.',
          },
          uncappedScore: {
            type: 'number',
            minimum: 0,
            maximum: 100,
          },
          grade: {
            $ref: '#/components/schemas/Grade',
          },
          mlTestScore: {
            type: 'number',
            minimum: 0,
            maximum: 7,
            description: 'The final ML Test Score.',
          },
          change: {
            type: ['number', 'null'],
            description:
              'Score delta against the previous successful scan; null for the first one.',
          },
          failingChecks: {
            type: 'integer',
            minimum: 0,
            description: 'Checks that currently fail (waived checks excluded).',
          },
          scannedAt: {
            type: 'string',
            format: 'date-time',
            description: "When the scorecard's scan finished.",
          },
          scanStatus: {
            $ref: '#/components/schemas/ScanStatus',
            description:
              'Status of the latest scan, which may have failed after this scorecard was built.',
          },
        },
      },
      ScanRun: {
        type: 'object',
        additionalProperties: false,
        description: 'One scan of one service.',
        required: ['id', 'status'],
        properties: {
          id: {
            type: 'string',
          },
          status: {
            $ref: '#/components/schemas/ScanStatus',
          },
          trigger: {
            $ref: '#/components/schemas/ScanTrigger',
          },
          startedAt: {
            type: ['string', 'null'],
            format: 'date-time',
          },
          finishedAt: {
            type: ['string', 'null'],
            format: 'date-time',
          },
          error: {
            type: ['string', 'null'],
            description: 'Why a failed scan failed, e.g. an unreadable source.',
          },
        },
      },
      Waiver: {
        type: 'object',
        additionalProperties: false,
        description:
          'A waiver of a failing check, or an attestation of an ML Test Score test. Never deleted, only revoked.',
        required: [
          'id',
          'entityRef',
          'kind',
          'target',
          'reason',
          'author',
          'createdAt',
          'state',
        ],
        properties: {
          id: {
            type: 'string',
            format: 'uuid',
          },
          entityRef: {
            $ref: '#/components/schemas/EntityRef',
          },
          kind: {
            type: 'string',
            enum: ['waiver', 'attestation'],
          },
          target: {
            type: 'string',
            description:
              'The check id (waivers) or ML Test Score test id (attestations).',
          },
          reason: {
            type: 'string',
          },
          status: {
            type: 'string',
            enum: ['manual', 'automated'],
            description: 'Attestations only.',
          },
          evidence: {
            type: 'string',
          },
          author: {
            $ref: '#/components/schemas/EntityRef',
          },
          createdAt: {
            type: 'string',
            format: 'date-time',
          },
          expiresAt: {
            type: ['string', 'null'],
            format: 'date-time',
          },
          revokedBy: {
            type: ['string', 'null'],
          },
          revokedAt: {
            type: ['string', 'null'],
            format: 'date-time',
          },
          revokeReason: {
            type: ['string', 'null'],
          },
          state: {
            type: 'string',
            enum: ['active', 'expired', 'revoked'],
            description:
              'Only `active` waivers and attestations count in the scorecard.',
          },
        },
      },
      CreateWaiverRequest: {
        type: 'object',
        description:
          'A waiver (`kind: waiver`) turns a failing check into `waived` until it expires;\n`target` is a check id and `expiresAt` is required. An attestation\n(`kind: attestation`) states that the team runs an ML Test Score test;\n`target` is a test id such as `infra.6` and `status` is required.\n',
        required: ['kind', 'target', 'reason'],
        additionalProperties: false,
        properties: {
          kind: {
            type: 'string',
            enum: ['waiver', 'attestation'],
          },
          target: {
            type: 'string',
            maxLength: 20,
          },
          reason: {
            type: 'string',
            minLength: 1,
            maxLength: 2000,
            pattern: '\\S',
          },
          expiresAt: {
            type: 'string',
            format: 'date-time',
          },
          status: {
            type: 'string',
            enum: ['manual', 'automated'],
          },
          evidence: {
            type: 'string',
            minLength: 1,
            maxLength: 2000,
          },
        },
        allOf: [
          {
            if: {
              required: ['kind'],
              properties: {
                kind: {
                  const: 'waiver',
                },
              },
            },
            then: {
              required: ['expiresAt'],
              properties: {
                target: {
                  $ref: '#/components/schemas/CheckId',
                },
                status: false,
              },
            },
          },
          {
            if: {
              required: ['kind'],
              properties: {
                kind: {
                  const: 'attestation',
                },
              },
            },
            then: {
              required: ['status'],
              properties: {
                target: {
                  $ref: '#/components/schemas/MlTestId',
                },
              },
            },
          },
        ],
      },
      RevokeWaiverRequest: {
        type: 'object',
        additionalProperties: false,
        properties: {
          reason: {
            type: 'string',
            minLength: 1,
            maxLength: 2000,
          },
        },
      },
      ServiceScorecard: {
        type: 'object',
        additionalProperties: false,
        description:
          "One service's latest scorecard with every check, its attestations, last scan and waivers. The fields of `ScorecardSummary` plus the details.",
        required: [
          'entityRef',
          'title',
          'kind',
          'type',
          'score',
          'uncappedScore',
          'grade',
          'mlTestScore',
          'change',
          'failingChecks',
          'scannedAt',
          'scanStatus',
          'scorecard',
          'checks',
          'attestations',
          'lastScan',
          'waivers',
        ],
        properties: {
          entityRef: {
            $ref: '#/components/schemas/EntityRef',
          },
          title: {
            type: 'string',
          },
          kind: {
            type: 'string',
          },
          type: {
            type: 'string',
            description: "The entity's `spec.type`.",
          },
          owner: {
            type: 'string',
            description: 'Owner entity reference, when the entity has one.',
          },
          system: {
            type: 'string',
            description: 'System entity reference, when the entity has one.',
          },
          lifecycle: {
            type: 'string',
          },
          score: {
            type: 'number',
            minimum: 0,
            maximum: 100,
            description: 'Health score after the critical cap.',
          },
          uncappedScore: {
            type: 'number',
            minimum: 0,
            maximum: 100,
          },
          grade: {
            $ref: '#/components/schemas/Grade',
          },
          mlTestScore: {
            type: 'number',
            minimum: 0,
            maximum: 7,
            description: 'The final ML Test Score.',
          },
          change: {
            type: ['number', 'null'],
            description:
              'Score delta against the previous successful scan; null for the first one.',
          },
          failingChecks: {
            type: 'integer',
            minimum: 0,
            description: 'Checks that currently fail (waived checks excluded).',
          },
          scannedAt: {
            type: 'string',
            format: 'date-time',
            description: "When the scorecard's scan finished.",
          },
          scanStatus: {
            $ref: '#/components/schemas/ScanStatus',
            description:
              'Status of the latest scan, which may have failed after this scorecard was built.',
          },
          scorecard: {
            $ref: '#/components/schemas/Scorecard',
          },
          checks: {
            type: 'array',
            description: 'Every check of the catalogue, in catalogue order.',
            items: {
              $ref: '#/components/schemas/ScorecardCheck',
            },
          },
          attestations: {
            $ref: '#/components/schemas/Attestations',
          },
          lastScan: {
            $ref: '#/components/schemas/ScanRun',
          },
          waivers: {
            type: 'array',
            description: 'Active waivers and attestations.',
            items: {
              $ref: '#/components/schemas/Waiver',
            },
          },
        },
      },
      HistoryEntry: {
        type: 'object',
        additionalProperties: false,
        required: [
          'scanId',
          'scannedAt',
          'status',
          'score',
          'grade',
          'mlTestScore',
        ],
        properties: {
          scanId: {
            type: 'string',
          },
          scannedAt: {
            type: 'string',
            format: 'date-time',
          },
          status: {
            $ref: '#/components/schemas/ScanStatus',
          },
          trigger: {
            $ref: '#/components/schemas/ScanTrigger',
          },
          score: {
            type: ['number', 'null'],
            minimum: 0,
            maximum: 100,
            description: 'Null for a failed scan.',
          },
          grade: {
            anyOf: [
              {
                $ref: '#/components/schemas/Grade',
              },
              {
                type: 'null',
              },
            ],
          },
          mlTestScore: {
            type: ['number', 'null'],
            minimum: 0,
            maximum: 7,
          },
          error: {
            type: 'string',
          },
        },
      },
      RollupGroup: {
        type: 'object',
        additionalProperties: false,
        required: [
          'key',
          'count',
          'averageScore',
          'grades',
          'topFailingChecks',
        ],
        properties: {
          key: {
            type: ['string', 'null'],
            description:
              'The owner or system entity reference; null groups the services that have none.',
          },
          count: {
            type: 'integer',
            minimum: 0,
          },
          averageScore: {
            type: 'number',
            minimum: 0,
            maximum: 100,
          },
          grades: {
            type: 'object',
            additionalProperties: false,
            description: 'Number of services per grade.',
            required: ['A', 'B', 'C', 'D', 'F'],
            properties: {
              A: {
                type: 'integer',
                minimum: 0,
              },
              B: {
                type: 'integer',
                minimum: 0,
              },
              C: {
                type: 'integer',
                minimum: 0,
              },
              D: {
                type: 'integer',
                minimum: 0,
              },
              F: {
                type: 'integer',
                minimum: 0,
              },
            },
          },
          topFailingChecks: {
            type: 'array',
            description:
              'The most common failing checks of the group, most frequent first.',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['checkId', 'count'],
              properties: {
                checkId: {
                  $ref: '#/components/schemas/CheckId',
                },
                count: {
                  type: 'integer',
                  minimum: 1,
                },
              },
            },
          },
        },
      },
      Overview: {
        type: 'object',
        additionalProperties: false,
        description:
          "Org-wide aggregate of the latest scorecards, for the org page's charts.",
        required: ['count', 'averageScore', 'grades', 'topFailingChecks'],
        properties: {
          count: {
            type: 'integer',
            minimum: 0,
            description: 'Number of services with a scorecard.',
          },
          averageScore: {
            type: ['number', 'null'],
            minimum: 0,
            maximum: 100,
            description:
              'Mean score, one decimal; null when no service has a scorecard.',
          },
          grades: {
            type: 'object',
            additionalProperties: false,
            description: 'Number of services per grade.',
            required: ['A', 'B', 'C', 'D', 'F'],
            properties: {
              A: { type: 'integer', minimum: 0 },
              B: { type: 'integer', minimum: 0 },
              C: { type: 'integer', minimum: 0 },
              D: { type: 'integer', minimum: 0 },
              F: { type: 'integer', minimum: 0 },
            },
          },
          topFailingChecks: {
            type: 'array',
            description:
              'The checks failing (or warning) on the most services, most frequent first, ties by check id.',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['checkId', 'count'],
              properties: {
                checkId: { $ref: '#/components/schemas/CheckId' },
                count: { type: 'integer', minimum: 1 },
              },
            },
          },
        },
      },
      MlService: {
        type: 'object',
        additionalProperties: false,
        required: ['entityRef', 'title', 'type'],
        properties: {
          entityRef: {
            $ref: '#/components/schemas/EntityRef',
          },
          title: {
            type: 'string',
          },
          type: {
            type: 'string',
          },
          owner: {
            type: 'string',
          },
          system: {
            type: 'string',
          },
          lifecycle: {
            type: 'string',
          },
        },
      },
    },
  },
  paths: {
    '/scorecards': {
      get: {
        operationId: 'ListScorecards',
        tags: ['Scorecards'],
        summary: 'List the latest scorecards.',
        description:
          'Filtered, sorted and paged in the database. Needs `ml-debt.scorecard.read`; services the caller may not read are left out.',
        security: [
          {},
          {
            JWT: [],
          },
        ],
        parameters: [
          {
            $ref: '#/components/parameters/owner',
          },
          {
            $ref: '#/components/parameters/system',
          },
          {
            $ref: '#/components/parameters/lifecycle',
          },
          {
            $ref: '#/components/parameters/grade',
          },
          {
            $ref: '#/components/parameters/kindFilter',
          },
          {
            $ref: '#/components/parameters/failingCheck',
          },
          {
            $ref: '#/components/parameters/q',
          },
          {
            $ref: '#/components/parameters/sort',
          },
          {
            $ref: '#/components/parameters/order',
          },
          {
            $ref: '#/components/parameters/limit',
          },
          {
            $ref: '#/components/parameters/offset',
          },
        ],
        responses: {
          '200': {
            description: 'One page of scorecard summaries.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['items', 'totalCount', 'limit', 'offset'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/ScorecardSummary',
                      },
                    },
                    totalCount: {
                      type: 'integer',
                      minimum: 0,
                    },
                    limit: {
                      type: 'integer',
                      minimum: 1,
                    },
                    offset: {
                      type: 'integer',
                      minimum: 0,
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '500': {
            $ref: '#/components/responses/InternalServerError',
          },
        },
      },
    },
    '/scorecards/{kind}/{namespace}/{name}': {
      get: {
        operationId: 'GetScorecard',
        tags: ['Scorecards'],
        summary: "Get one service's latest scorecard.",
        description:
          'Needs `ml-debt.scorecard.read` on the service. 404 when the service is not an ML service or has no successful scan yet (its scan status is at `/scan`).',
        security: [
          {},
          {
            JWT: [],
          },
        ],
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: "The service's scorecard.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ServiceScorecard',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '500': {
            $ref: '#/components/responses/InternalServerError',
          },
        },
      },
    },
    '/scorecards/{kind}/{namespace}/{name}/history': {
      get: {
        operationId: 'GetScorecardHistory',
        tags: ['Scorecards'],
        summary: "Get one service's scan history, newest first.",
        description:
          "Needs `ml-debt.scorecard.read` on the service. Page back in time by passing the last item's `scannedAt` as `before`.",
        security: [
          {},
          {
            JWT: [],
          },
        ],
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            $ref: '#/components/parameters/limit',
          },
          {
            name: 'before',
            in: 'query',
            required: false,
            description: 'Only scans that finished before this time.',
            schema: {
              type: 'string',
              format: 'date-time',
            },
          },
        ],
        responses: {
          '200': {
            description: 'Scans of the service, newest first.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/HistoryEntry',
                      },
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '500': {
            $ref: '#/components/responses/InternalServerError',
          },
        },
      },
    },
    '/scorecards/{kind}/{namespace}/{name}/scan': {
      get: {
        operationId: 'GetScanStatus',
        tags: ['Scans'],
        summary:
          "Get the status of the service's current scan, or else its last one.",
        description:
          'Needs `ml-debt.scorecard.read` on the service. 404 when the service is unknown or has never been scanned or queued.',
        security: [
          {},
          {
            JWT: [],
          },
        ],
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: 'The current or last scan.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ScanRun',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '500': {
            $ref: '#/components/responses/InternalServerError',
          },
        },
      },
      post: {
        operationId: 'TriggerScan',
        tags: ['Scans'],
        summary: 'Rescan one service now.',
        description:
          'Needs `ml-debt.scan.trigger` on the service. A scan already queued or running for the service is returned instead of starting another.',
        security: [
          {},
          {
            JWT: [],
          },
        ],
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '202': {
            description:
              'The scan is queued or running; poll `GET` on the same path for its outcome.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['scanId', 'status'],
                  properties: {
                    scanId: {
                      type: 'string',
                    },
                    status: {
                      type: 'string',
                      enum: ['queued', 'running'],
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '500': {
            $ref: '#/components/responses/InternalServerError',
          },
        },
      },
    },
    '/scorecards/{kind}/{namespace}/{name}/waivers': {
      get: {
        operationId: 'ListWaivers',
        tags: ['Waivers'],
        summary: "List the service's waivers and attestations.",
        description:
          'Needs `ml-debt.scorecard.read` on the service. Newest first.',
        security: [
          {},
          {
            JWT: [],
          },
        ],
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            name: 'includeInactive',
            in: 'query',
            required: false,
            description:
              'Also list expired and revoked waivers and attestations (the audit trail).',
            schema: {
              type: 'boolean',
              default: false,
            },
          },
        ],
        responses: {
          '200': {
            description: 'The waivers and attestations.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/Waiver',
                      },
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '500': {
            $ref: '#/components/responses/InternalServerError',
          },
        },
      },
      post: {
        operationId: 'CreateWaiver',
        tags: ['Waivers'],
        summary: 'Waive a failing check, or attest an ML Test Score test.',
        description:
          'Needs `ml-debt.waiver.create` on the service (by default conditional on owning it). The author is the calling user. 400 for a check id that is not in the catalogue or an expiry in the past.',
        security: [
          {},
          {
            JWT: [],
          },
        ],
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/CreateWaiverRequest',
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'The waiver or attestation was recorded.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Waiver',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '500': {
            $ref: '#/components/responses/InternalServerError',
          },
        },
      },
    },
    '/waivers/{id}/revoke': {
      post: {
        operationId: 'RevokeWaiver',
        tags: ['Waivers'],
        summary: 'Revoke a waiver or attestation.',
        description:
          "Needs `ml-debt.waiver.revoke` on the waiver's service. The waiver is kept, marked revoked by the calling user, for the audit trail.",
        security: [
          {},
          {
            JWT: [],
          },
        ],
        parameters: [
          {
            $ref: '#/components/parameters/waiverId',
          },
        ],
        requestBody: {
          required: false,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/RevokeWaiverRequest',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The revoked waiver or attestation.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Waiver',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '409': {
            $ref: '#/components/responses/Conflict',
          },
          '500': {
            $ref: '#/components/responses/InternalServerError',
          },
        },
      },
    },
    '/rollups': {
      get: {
        operationId: 'GetRollups',
        tags: ['Rollups'],
        summary: 'Aggregate the latest scorecards per owner or per system.',
        description:
          'Needs `ml-debt.scorecard.read`; only services the caller may read are counted. Groups are ordered by key.',
        security: [
          {},
          {
            JWT: [],
          },
        ],
        parameters: [
          {
            name: 'groupBy',
            in: 'query',
            required: true,
            schema: {
              type: 'string',
              enum: ['owner', 'system'],
            },
          },
        ],
        responses: {
          '200': {
            description: 'One group per owner or system.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['groupBy', 'groups'],
                  properties: {
                    groupBy: {
                      type: 'string',
                      enum: ['owner', 'system'],
                    },
                    groups: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/RollupGroup',
                      },
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '500': {
            $ref: '#/components/responses/InternalServerError',
          },
        },
      },
    },
    '/overview': {
      get: {
        operationId: 'GetOverview',
        tags: ['Rollups'],
        summary: 'Org-wide grade distribution and most common failing checks.',
        description:
          'Over the latest scorecards of the services in the catalog. Needs `ml-debt.scorecard.read`.',
        security: [{}, { JWT: [] }],
        parameters: [
          {
            name: 'topChecks',
            in: 'query',
            required: false,
            description:
              'How many of the most common failing checks to return.',
            schema: { type: 'integer', minimum: 1, maximum: 100, default: 10 },
          },
        ],
        responses: {
          '200': {
            description: 'The org-wide aggregate.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/Overview' },
              },
            },
          },
          '400': { $ref: '#/components/responses/BadRequest' },
          '401': { $ref: '#/components/responses/Unauthorized' },
          '403': { $ref: '#/components/responses/Forbidden' },
          '500': { $ref: '#/components/responses/InternalServerError' },
        },
      },
    },
    '/checks': {
      get: {
        operationId: 'ListChecks',
        tags: ['Checks'],
        summary: 'List the check catalogue, built-in and custom checks.',
        security: [
          {},
          {
            JWT: [],
          },
        ],
        responses: {
          '200': {
            description: 'Every check, in catalogue order.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/CheckMetadata',
                      },
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '500': {
            $ref: '#/components/responses/InternalServerError',
          },
        },
      },
    },
    '/checks/{checkId}': {
      get: {
        operationId: 'GetCheck',
        tags: ['Checks'],
        summary: 'Get one check with its rationale and remediation.',
        security: [
          {},
          {
            JWT: [],
          },
        ],
        parameters: [
          {
            $ref: '#/components/parameters/checkId',
          },
        ],
        responses: {
          '200': {
            description: 'The check.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/CheckMetadata',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '500': {
            $ref: '#/components/responses/InternalServerError',
          },
        },
      },
    },
    '/export': {
      get: {
        operationId: 'ExportScorecards',
        tags: ['Export'],
        summary: 'Export every scorecard matching the filters.',
        description:
          'Same filters and sorting as `GET /scorecards`, without paging. Needs\n`ml-debt.scorecard.read`; services the caller may not read are left out.\nThe CSV has a header row and one row per service, with the columns of\n`ScorecardSummary` in this order: entityRef, title, kind, type, owner,\nsystem, lifecycle, score, uncappedScore, grade, mlTestScore, change,\nfailingChecks, scannedAt, scanStatus.\n',
        security: [
          {},
          {
            JWT: [],
          },
        ],
        parameters: [
          {
            $ref: '#/components/parameters/owner',
          },
          {
            $ref: '#/components/parameters/system',
          },
          {
            $ref: '#/components/parameters/lifecycle',
          },
          {
            $ref: '#/components/parameters/grade',
          },
          {
            $ref: '#/components/parameters/kindFilter',
          },
          {
            $ref: '#/components/parameters/failingCheck',
          },
          {
            $ref: '#/components/parameters/q',
          },
          {
            $ref: '#/components/parameters/sort',
          },
          {
            $ref: '#/components/parameters/order',
          },
          {
            name: 'format',
            in: 'query',
            required: false,
            schema: {
              type: 'string',
              enum: ['csv', 'json'],
              default: 'csv',
            },
          },
        ],
        responses: {
          '200': {
            description: 'The export, as an attachment.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['exportedAt', 'items'],
                  properties: {
                    exportedAt: {
                      type: 'string',
                      format: 'date-time',
                    },
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/ScorecardSummary',
                      },
                    },
                  },
                },
              },
              'text/csv': {
                schema: {
                  type: 'string',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '500': {
            $ref: '#/components/responses/InternalServerError',
          },
        },
      },
    },
    '/services': {
      get: {
        operationId: 'ListServices',
        tags: ['Services'],
        summary:
          'List the ML services the scanner tracks, as the caller may see them in the catalog.',
        security: [
          {},
          {
            JWT: [],
          },
        ],
        responses: {
          '200': {
            description: 'The ML services, in entity-reference order.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['items'],
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/MlService',
                      },
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '500': {
            $ref: '#/components/responses/InternalServerError',
          },
        },
      },
    },
  },
} as const;

/**
 * Response of `GET /export?format=json`.
 *
 * @public
 */
export interface ScorecardExport {
  /** ISO 8601. */
  exportedAt: string;
  items: ScorecardSummary[];
}

/**
 * Columns of `GET /export?format=csv`, in order: the fields of
 * {@link ScorecardSummary}.
 *
 * @public
 */
export const SCORECARD_EXPORT_COLUMNS: ReadonlyArray<keyof ScorecardSummary> = [
  'entityRef',
  'title',
  'kind',
  'type',
  'owner',
  'system',
  'lifecycle',
  'score',
  'uncappedScore',
  'grade',
  'mlTestScore',
  'change',
  'failingChecks',
  'scannedAt',
  'scanStatus',
];
