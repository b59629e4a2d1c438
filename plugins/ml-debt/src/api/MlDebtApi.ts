import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import type {
  CatalogueCheck,
  CreateWaiverRequest,
  HistoryEntry,
  ListScorecardsQuery,
  MlService,
  Overview,
  RollupGroup,
  ScanRun,
  ScanTriggered,
  ScorecardFilters,
  ScorecardPage,
  ScorecardSortField,
  ServiceScorecard,
  Waiver,
} from '@ml-debt/plugin-ml-debt-common';

// The JSON shapes of the backend's API are shared through the common package;
// re-exported here so that this package's public types stay where they were.
export type {
  CatalogueCheck,
  CreateWaiverRequest,
  HistoryEntry,
  MlService,
  RollupGroup,
  ScanRun,
  ScanStatus,
  ScanTriggered,
  ScorecardCheck,
  ScorecardFilters,
  ScorecardPage,
  ScorecardSortField,
  ScorecardSummary,
  ServiceScorecard,
  Waiver,
} from '@ml-debt/plugin-ml-debt-common';

/**
 * A service, as an entity reference string (`component:default/fraud-detection`)
 * or its parts.
 *
 * @public
 */
export type ServiceRef = string | CompoundEntityRef;

/**
 * Filters, sort and page of {@link MlDebtApi.listScorecards}: the query of
 * `GET /scorecards`.
 *
 * @public
 */
export type ListScorecardsRequest = ListScorecardsQuery;

/**
 * The org-wide grade distribution and most common failing checks
 * (`GET /overview`).
 *
 * @public
 */
export type ScorecardOverview = Overview;

/**
 * A downloaded export: the file's content and the name the backend gave it.
 *
 * @public
 */
export interface ScorecardExport {
  blob: Blob;
  filename: string;
}

/**
 * Client of the ml-debt backend API.
 *
 * @public
 */
export interface MlDebtApi {
  listServices(): Promise<MlService[]>;

  // --- Org-wide list, rollups, overview and export (org page) ---
  /** One page of the latest scorecards, filtered and sorted by the backend. */
  listScorecards(request?: ListScorecardsRequest): Promise<ScorecardPage>;
  /** Aggregates per owner or per system. */
  getRollups(groupBy: 'owner' | 'system'): Promise<RollupGroup[]>;
  /** Org-wide grade distribution and the `topChecks` most common failing checks. */
  getOverview(options?: { topChecks?: number }): Promise<ScorecardOverview>;
  /** Every scorecard matching the filters, as the backend's CSV or JSON file. */
  exportScorecards(
    request?: ScorecardFilters & {
      sort?: ScorecardSortField;
      order?: 'asc' | 'desc';
      format?: 'csv' | 'json';
    },
  ): Promise<ScorecardExport>;

  // --- Per-service scorecard (entity tab and card) ---
  /** The service's latest scorecard; 404 (NotFoundError) when never scanned. */
  getScorecard(service: ServiceRef): Promise<ServiceScorecard>;
  /** The service's scans, newest first. */
  getHistory(
    service: ServiceRef,
    options?: { limit?: number; before?: string },
  ): Promise<HistoryEntry[]>;
  /** The current scan, or else the last one; 404 when never scanned. */
  getScanStatus(service: ServiceRef): Promise<ScanRun>;
  /** Rescans the service now (or returns the scan already in progress). */
  requestRescan(service: ServiceRef): Promise<ScanTriggered>;
  /** Active waivers and attestations; with `includeInactive` the audit trail. */
  listWaivers(
    service: ServiceRef,
    options?: { includeInactive?: boolean },
  ): Promise<Waiver[]>;
  /** Waives a failing check or attests an ML Test Score test. */
  createWaiver(
    service: ServiceRef,
    request: CreateWaiverRequest,
  ): Promise<Waiver>;
  /** Revokes a waiver or attestation; it is kept for the audit trail. */
  revokeWaiver(id: string, options?: { reason?: string }): Promise<Waiver>;
  /** The check catalogue. */
  getChecks(): Promise<CatalogueCheck[]>;
  /** One check with its rationale and remediation. */
  getCheck(checkId: string): Promise<CatalogueCheck>;
}

/**
 * Reference to the {@link MlDebtApi}.
 *
 * @public
 */
export const mlDebtApiRef = createApiRef<MlDebtApi>().with({
  id: 'plugin.ml-debt.client',
  pluginId: 'ml-debt',
});

/**
 * The default {@link MlDebtApi}, calling `/api/ml-debt` with the user's token.
 *
 * @public
 */
export class MlDebtClient implements MlDebtApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  async listServices(): Promise<MlService[]> {
    const body = await this.get<{ items: MlService[] }>('/services');
    return body.items;
  }

  // --- Org-wide list, rollups, overview and export (org page) ---

  async listScorecards(
    request: ListScorecardsRequest = {},
  ): Promise<ScorecardPage> {
    return this.get<ScorecardPage>(`/scorecards${queryString(request)}`);
  }

  async getRollups(groupBy: 'owner' | 'system'): Promise<RollupGroup[]> {
    const body = await this.get<{ groups: RollupGroup[] }>(
      `/rollups${queryString({ groupBy })}`,
    );
    return body.groups;
  }

  async getOverview(
    options: { topChecks?: number } = {},
  ): Promise<ScorecardOverview> {
    return this.get<ScorecardOverview>(`/overview${queryString(options)}`);
  }

  async exportScorecards(
    request: ScorecardFilters & {
      sort?: ScorecardSortField;
      order?: 'asc' | 'desc';
      format?: 'csv' | 'json';
    } = {},
  ): Promise<ScorecardExport> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('ml-debt');
    const response = await this.deps.fetchApi.fetch(
      `${baseUrl}/export${queryString(request)}`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const disposition = response.headers.get('content-disposition') ?? '';
    const named = /filename="?([^";]+)"?/i.exec(disposition);
    return {
      blob: await response.blob(),
      filename: named?.[1] ?? `ml-debt-scorecards.${request.format ?? 'csv'}`,
    };
  }

  // --- Per-service scorecard (entity tab and card) ---

  async getScorecard(service: ServiceRef): Promise<ServiceScorecard> {
    return this.get<ServiceScorecard>(servicePath(service));
  }

  async getHistory(
    service: ServiceRef,
    options: { limit?: number; before?: string } = {},
  ): Promise<HistoryEntry[]> {
    const query = new URLSearchParams();
    if (options.limit !== undefined) query.set('limit', String(options.limit));
    if (options.before) query.set('before', options.before);
    const qs = query.toString();
    const body = await this.get<{ items: HistoryEntry[] }>(
      `${servicePath(service)}/history${qs ? `?${qs}` : ''}`,
    );
    return body.items;
  }

  async getScanStatus(service: ServiceRef): Promise<ScanRun> {
    return this.get<ScanRun>(`${servicePath(service)}/scan`);
  }

  async requestRescan(service: ServiceRef): Promise<ScanTriggered> {
    return this.post<ScanTriggered>(`${servicePath(service)}/scan`);
  }

  async listWaivers(
    service: ServiceRef,
    options: { includeInactive?: boolean } = {},
  ): Promise<Waiver[]> {
    const qs = options.includeInactive ? '?includeInactive=true' : '';
    const body = await this.get<{ items: Waiver[] }>(
      `${servicePath(service)}/waivers${qs}`,
    );
    return body.items;
  }

  async createWaiver(
    service: ServiceRef,
    request: CreateWaiverRequest,
  ): Promise<Waiver> {
    return this.post<Waiver>(`${servicePath(service)}/waivers`, request);
  }

  async revokeWaiver(
    id: string,
    options: { reason?: string } = {},
  ): Promise<Waiver> {
    return this.post<Waiver>(
      `/waivers/${encodeURIComponent(id)}/revoke`,
      options.reason ? { reason: options.reason } : {},
    );
  }

  async getChecks(): Promise<CatalogueCheck[]> {
    const body = await this.get<{ items: CatalogueCheck[] }>('/checks');
    return body.items;
  }

  async getCheck(checkId: string): Promise<CatalogueCheck> {
    return this.get<CatalogueCheck>(`/checks/${encodeURIComponent(checkId)}`);
  }

  private async post<T>(path: string, body?: unknown): Promise<T> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('ml-debt');
    const response = await this.deps.fetchApi.fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('ml-debt');
    const response = await this.deps.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

/** `/scorecards/{kind}/{namespace}/{name}` of a service, each part encoded. */
function servicePath(service: ServiceRef): string {
  const ref =
    typeof service === 'string'
      ? parseEntityRef(service, { defaultKind: 'component' })
      : service;
  return `/scorecards/${[ref.kind, ref.namespace, ref.name]
    .map(part => encodeURIComponent(part.toLocaleLowerCase('en-US')))
    .join('/')}`;
}

/** `?a=1&b=x` of the defined, non-empty values; `''` when there are none. */
function queryString(params: object): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') query.set(key, String(value));
  }
  const qs = query.toString();
  return qs ? `?${qs}` : '';
}
