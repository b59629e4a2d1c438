import { createHash } from 'node:crypto';
import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_API_CONSUMED_BY,
  RELATION_DEPENDS_ON,
  RELATION_OWNED_BY,
  RELATION_PROVIDES_API,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { stringifyError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  buildScorecard,
  CheckResult,
  isMlTestId,
  MlTestAttestation,
  ML_DEBT_GRADE_LABEL,
  ML_DEBT_SCORE_LABEL,
} from '@ml-debt/plugin-ml-debt-common';
import { scanService } from '@ml-debt/plugin-ml-debt-node';
import { MlDebtStore, ScanRun, ScanTrigger, Waiver } from '../database';
import { MlServiceSummary } from '../discovery/MlServiceDiscovery';
import {
  isSourceNotModified,
  resolveSourceLocation,
  SourceReader,
} from '../source';
import { CheckCatalogue } from './catalogue';

/**
 * What one scan of one service came to.
 *
 * @public
 */
export type ScanOutcome =
  | { status: 'succeeded'; run: ScanRun; gradeChanged: boolean }
  /** The source and everything else scored were unchanged: nothing re-evaluated. */
  | { status: 'unchanged' }
  | { status: 'failed'; run: ScanRun }
  /** The replica is shutting down: nothing recorded, the claim will expire. */
  | { status: 'aborted' };

/**
 * Options of one {@link Scanner.scan}.
 *
 * @public
 */
export interface ScanRequest {
  trigger: ScanTrigger;
  /** Read and evaluate even when nothing changed (an on-demand rescan). */
  force?: boolean;
  /** Aborted when the replica shuts down; the scan then records nothing. */
  signal?: AbortSignal;
}

/** Separates the source's etag from the fingerprint of everything else scored. */
const ETAG_SEPARATOR = '#';

class ScanTimeoutError extends Error {
  name = 'ScanTimeoutError';
}

/**
 * Scans one ML service: reads its source, evaluates the check catalogue over
 * it and its catalog neighbourhood, applies its waivers and attestations, and
 * stores the outcome. Every failure is recorded as a failed scan run, and the
 * last good scorecard stays.
 *
 * @public
 */
export class Scanner {
  readonly #store: MlDebtStore;
  readonly #sourceReader: SourceReader;
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;
  readonly #logger: LoggerService;
  readonly #catalogue: CheckCatalogue;
  readonly #timeoutMs: number;
  readonly #clock: () => Date;
  readonly #onGradeChanged?: (
    entityRef: string,
    labels: { grade: string; score: number },
  ) => Promise<void>;

  constructor(options: {
    store: MlDebtStore;
    sourceReader: SourceReader;
    catalog: CatalogService;
    auth: AuthService;
    logger: LoggerService;
    catalogue: CheckCatalogue;
    /** Per-service timeout. */
    timeoutMs: number;
    clock?: () => Date;
    /**
     * Called after a scan that gave the service its first scorecard or changed
     * its grade or rounded score (the catalog labels); errors are logged.
     */
    onGradeChanged?: (
      entityRef: string,
      labels: { grade: string; score: number },
    ) => Promise<void>;
  }) {
    this.#store = options.store;
    this.#sourceReader = options.sourceReader;
    this.#catalog = options.catalog;
    this.#auth = options.auth;
    this.#logger = options.logger;
    this.#catalogue = options.catalogue;
    this.#timeoutMs = options.timeoutMs;
    this.#clock = options.clock ?? (() => new Date());
    this.#onGradeChanged = options.onGradeChanged;
  }

  /** Scans the service with this entity ref and records the outcome. */
  async scan(entityRef: string, request: ScanRequest): Promise<ScanOutcome> {
    const startedAt = this.#clock();
    const controller = new AbortController();
    const onShutdown = () => controller.abort(request.signal?.reason);
    request.signal?.addEventListener('abort', onShutdown);
    const timer = setTimeout(
      () =>
        controller.abort(
          new ScanTimeoutError(
            `The scan of ${entityRef} did not finish within ${Math.round(
              this.#timeoutMs / 1000,
            )} s (mlDebt.scan.timeout)`,
          ),
        ),
      this.#timeoutMs,
    );
    try {
      if (request.signal?.aborted) {
        return { status: 'aborted' };
      }
      // The work is raced against the signal: a read or a check that ignores
      // it must not hold the scan (and the replica's claim) forever.
      return await Promise.race([
        this.#scanOnce(entityRef, request, startedAt, controller.signal),
        new Promise<never>((_, reject) => {
          controller.signal.addEventListener('abort', () =>
            reject(controller.signal.reason),
          );
        }),
      ]);
    } catch (error) {
      if (request.signal?.aborted) {
        return { status: 'aborted' };
      }
      this.#logger.warn(
        `Scan of ${entityRef} failed: ${stringifyError(error)}`,
      );
      const run = await this.#store.recordScanFailure({
        entityRef,
        error: error instanceof Error ? error : String(error),
        trigger: request.trigger,
        startedAt,
        finishedAt: this.#clock(),
        catalogueVersion: this.#catalogue.version,
      });
      return { status: 'failed', run };
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onShutdown);
    }
  }

  async #scanOnce(
    entityRef: string,
    request: ScanRequest,
    startedAt: Date,
    signal: AbortSignal,
  ): Promise<ScanOutcome> {
    const credentials = await this.#auth.getOwnServiceCredentials();
    const entity = await this.#catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      throw new Error(`${entityRef} is no longer in the catalog`);
    }
    const location = resolveSourceLocation(entity);
    if (location.type === 'error') {
      throw location.error;
    }
    const relatedEntities = await this.#relatedEntities(entity, credentials);
    const now = this.#clock();
    const waivers = await this.#store.activeWaivers(entityRef, now);

    // An unchanged source is not re-read only if nothing else that is scored
    // changed either: the entity and its neighbours (catalog checks), the
    // active waivers and attestations, the catalogue, and the day (file
    // attestations age by date).
    const fingerprint = createHash('sha256')
      .update(
        JSON.stringify([
          this.#catalogue.version,
          now.toISOString().slice(0, 10),
          waivers.map(w => w.id).sort(),
          stableEntity(entity),
          relatedEntities.map(stableEntity),
        ]),
      )
      .digest('hex')
      .slice(0, 16);
    const stored = request.force
      ? undefined
      : await this.#etagUnlessLastScanFailed(entityRef);
    const [storedSourceEtag, storedFingerprint] = splitEtag(stored);

    const read = await this.#sourceReader.read(location, {
      etag: storedFingerprint === fingerprint ? storedSourceEtag : undefined,
      signal,
    });
    if (isSourceNotModified(read)) {
      await this.#store.touchUnchanged(entityRef, this.#clock());
      return { status: 'unchanged' };
    }
    try {
      const scan = await scanService({
        snapshot: read.snapshot,
        entity,
        relatedEntities,
        checks: this.#catalogue.checks,
        catalogue: this.#catalogue.checks,
        now,
      });
      const results = applyWaivers(scan.results, waivers);
      const scorecard = buildScorecard({
        results,
        checks: this.#catalogue.checks,
        attestations: [
          ...scan.attestations.accepted,
          ...portalAttestations(waivers),
        ],
        mllint: scan.scorecard.mllint,
        now,
      });
      if (signal.aborted) {
        // Timed out or shutting down while evaluating: the caller records it.
        throw signal.reason;
      }
      const previous = await this.#store.getScorecard(entityRef);
      const run = await this.#store.recordScanSuccess({
        service: toServiceSummary(entity),
        trigger: request.trigger,
        startedAt,
        finishedAt: this.#clock(),
        sourceEtag: `${read.etag}${ETAG_SEPARATOR}${fingerprint}`,
        results,
        scorecard,
        catalogueVersion: this.#catalogue.version,
      });
      const gradeChanged =
        previous !== undefined && previous.grade !== scorecard.grade;
      // The catalog module labels the entity with the grade and the rounded
      // score: refresh it whenever either label would change, including the
      // first scorecard, after the store has committed the new one.
      const labelsChanged =
        previous === undefined ||
        gradeChanged ||
        Math.round(previous.score) !== Math.round(scorecard.score);
      if (labelsChanged && this.#onGradeChanged) {
        await this.#onGradeChanged(entityRef, {
          grade: scorecard.grade,
          score: scorecard.score,
        }).catch(error =>
          this.#logger.debug(
            `Could not refresh ${entityRef} after its grade changed: ${stringifyError(
              error,
            )}`,
          ),
        );
      }
      return { status: 'succeeded', run, gradeChanged };
    } finally {
      await read.dispose();
    }
  }

  /**
   * The stored etag, unless the service's last scan failed: a source that is
   * readable again after a fault must be scored and recorded, even when it is
   * unchanged since the last good scan, or the failure would stay the
   * service's last scan until the source changed.
   */
  async #etagUnlessLastScanFailed(
    entityRef: string,
  ): Promise<string | undefined> {
    const etag = await this.#store.getSourceEtag(entityRef);
    if (etag === undefined) return undefined;
    const [last] = await this.#store.getHistory(entityRef, { limit: 1 });
    return last?.status === 'failed' ? undefined : etag;
  }

  /**
   * The owner, the APIs the service provides with their consumers, and what
   * it depends on. Relations are used when the catalog has processed them;
   * the spec fields too, so that unprocessed entities are still related.
   */
  async #relatedEntities(
    entity: Entity,
    credentials: BackstageCredentials,
  ): Promise<Entity[]> {
    const namespace = entity.metadata.namespace ?? 'default';
    const spec = (entity.spec ?? {}) as Record<string, unknown>;
    const refs = new Set<string>();
    const add = (value: unknown, defaultKind: string) => {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (typeof item !== 'string' || !item) continue;
        try {
          refs.add(
            stringifyEntityRef(
              parseEntityRef(item, {
                defaultKind,
                defaultNamespace: namespace,
              }),
            ),
          );
        } catch {
          // A malformed reference is the catalog checks' finding, not ours.
        }
      }
    };
    for (const relation of entity.relations ?? []) {
      if (
        [
          RELATION_OWNED_BY,
          RELATION_PROVIDES_API,
          RELATION_DEPENDS_ON,
        ].includes(relation.type)
      ) {
        refs.add(relation.targetRef);
      }
    }
    add(spec.owner, 'group');
    add(spec.providesApis, 'api');
    add(spec.dependsOn, 'component');
    const first = await this.#fetch([...refs], credentials);

    const consumers = new Set<string>();
    for (const api of first.filter(e => e.kind.toLowerCase() === 'api')) {
      for (const relation of api.relations ?? []) {
        if (relation.type === RELATION_API_CONSUMED_BY) {
          consumers.add(relation.targetRef);
        }
      }
    }
    const self = stringifyEntityRef(entity);
    const second = await this.#fetch(
      [...consumers].filter(ref => ref !== self && !refs.has(ref)),
      credentials,
    );
    return [...first, ...second];
  }

  async #fetch(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Entity[]> {
    if (entityRefs.length === 0) return [];
    const { items } = await this.#catalog.getEntitiesByRefs(
      { entityRefs },
      { credentials },
    );
    return items.filter((e): e is Entity => Boolean(e));
  }
}

/** The catalog fields stored on the scorecard, as discovery records them. */
export function toServiceSummary(entity: Entity): MlServiceSummary {
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    entityRef: stringifyEntityRef(entity),
    title: entity.metadata.title ?? entity.metadata.name,
    type: str(spec.type) ?? 'unknown',
    owner: str(spec.owner),
    system: str(spec.system),
    lifecycle: str(spec.lifecycle),
  };
}

/**
 * A failing or warning check with an active waiver becomes `waived`, which
 * scoring leaves out; a waiver of a passing check changes nothing.
 */
export function applyWaivers(
  results: CheckResult[],
  waivers: Waiver[],
): CheckResult[] {
  const byCheck = new Map(
    waivers.filter(w => w.kind === 'waiver').map(w => [w.target, w]),
  );
  return results.map(result => {
    const waiver = byCheck.get(result.id);
    if (!waiver || (result.status !== 'fail' && result.status !== 'warn')) {
      return result;
    }
    const until = waiver.expiresAt
      ? ` until ${waiver.expiresAt.toISOString().slice(0, 10)}`
      : '';
    return {
      ...result,
      status: 'waived',
      summary: `Waived by ${waiver.author}${until}: ${waiver.reason} (finding: ${result.summary})`,
    };
  });
}

/**
 * Attestations made through the API, in the shape of the repository's.
 * Their evidence cannot be checked against the repository's automation, so an
 * `automated` one earns at most half a point, like an unverified file entry.
 */
export function portalAttestations(waivers: Waiver[]): MlTestAttestation[] {
  return waivers
    .filter(w => w.kind === 'attestation' && isMlTestId(w.target))
    .map(w => ({
      id: w.target as MlTestAttestation['id'],
      status: w.status ?? 'manual',
      evidence: w.evidence ?? `Attested by ${w.author}: ${w.reason}`,
      reviewed: w.createdAt.toISOString().slice(0, 10),
      evidenceAutomated: false,
      points: 0.5,
    }));
}

function splitEtag(
  stored: string | undefined,
): [string | undefined, string | undefined] {
  if (!stored) return [undefined, undefined];
  const at = stored.lastIndexOf(ETAG_SEPARATOR);
  return at < 0
    ? [stored, undefined]
    : [stored.slice(0, at), stored.slice(at + 1)];
}

/** An entity without the fields the catalog rewrites on every refresh. */
function stableEntity(entity: Entity): unknown {
  const { uid, etag, generation, labels, ...metadata } =
    entity.metadata as Record<string, unknown>;
  void uid;
  void etag;
  void generation;
  // The grade and score labels are the scan's own output (set by the catalog
  // module): a change in them must not make the next scan a rescan.
  const ownLabels = new Set([ML_DEBT_GRADE_LABEL, ML_DEBT_SCORE_LABEL]);
  const otherLabels = Object.entries(
    (labels ?? {}) as Record<string, string>,
  ).filter(([key]) => !ownLabels.has(key));
  return {
    ref: stringifyEntityRef(getCompoundEntityRef(entity)),
    metadata: {
      ...metadata,
      ...(otherLabels.length
        ? { labels: Object.fromEntries(otherLabels) }
        : {}),
    },
    spec: entity.spec,
    relations: entity.relations,
  };
}
