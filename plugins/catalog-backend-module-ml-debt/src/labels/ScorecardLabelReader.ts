import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/** The two labels of a scanned service. */
export interface ScorecardLabels {
  grade: string;
  score: string;
}

/**
 * The answer for one service: its labels, `null` when the backend has no
 * scorecard for it (not scanned yet), `undefined` when the backend could not
 * be asked and nothing is known.
 */
export type ScorecardLabelLookup = ScorecardLabels | null | undefined;

interface CacheEntry {
  value: ScorecardLabels | null;
  fetchedAt: number;
}

/** Options of {@link ScorecardLabelReader}; the durations come from config. */
export interface ScorecardLabelReaderOptions {
  discovery: DiscoveryService;
  auth: AuthService;
  logger: LoggerService;
  /** A fresh answer is reused for this long (keep it well below the catalog's processing interval). */
  cacheTtlMs?: number;
  /** A request to the ml-debt backend is abandoned after this long. */
  timeoutMs?: number;
  /** At most one warning about an unreachable backend per this period. */
  warnIntervalMs?: number;
  fetch?: typeof fetch;
  clock?: () => number;
}

function cacheKey(ref: CompoundEntityRef): string {
  return `${ref.kind}:${ref.namespace}/${ref.name}`.toLocaleLowerCase('en-US');
}

const DEFAULT_CACHE_TTL_MS = 10_000;
const DEFAULT_TIMEOUT_MS = 3_000;
const DEFAULT_WARN_INTERVAL_MS = 5 * 60_000;

/**
 * Reads `mlDebt.catalogLabels.cacheTtl` and `mlDebt.catalogLabels.timeout`.
 */
export function readLabelReaderDurations(config: Config): {
  cacheTtlMs: number;
  timeoutMs: number;
} {
  const read = (key: string, fallback: number) => {
    const full = `mlDebt.catalogLabels.${key}`;
    if (!config.has(full)) return fallback;
    let ms: number;
    try {
      ms = durationToMilliseconds(
        readDurationFromConfig(config, { key: full }),
      );
    } catch (error) {
      throw new Error(
        `Invalid ${full} configuration: ${(error as Error).message}`,
      );
    }
    if (!(ms >= 0)) {
      throw new Error(`Invalid ${full} configuration: must not be negative`);
    }
    return ms;
  };
  const cacheTtlMs = read('cacheTtl', DEFAULT_CACHE_TTL_MS);
  const timeoutMs = read('timeout', DEFAULT_TIMEOUT_MS);
  if (timeoutMs === 0) {
    throw new Error(
      'Invalid mlDebt.catalogLabels.timeout configuration: must be longer than 0',
    );
  }
  return { cacheTtlMs, timeoutMs };
}

/**
 * Fetches a service's grade and score from the ml-debt backend, as the
 * catalog's own service principal, for the `ml-debt.io/grade` and
 * `ml-debt.io/score` labels.
 *
 * A fresh answer is cached for a short time (10 s by default, well below the
 * catalog's 100–150 s processing interval). The ml-debt backend announces a
 * committed change of a service's labels on the events service before it asks
 * the catalog to refresh the entity; {@link ScorecardLabelReader.invalidate}
 * then drops the cached answer, and discards the answer of a request that was
 * already under way, so the refresh's processing asks again and sees the
 * committed grade. When the backend is down, slow or answers with an error,
 * the last known labels are kept (or none, if nothing is known yet) and a
 * warning is logged at most once per five minutes: processing never fails or
 * waits longer than the timeout because of the labels.
 */
export class ScorecardLabelReader {
  readonly #discovery: DiscoveryService;
  readonly #auth: AuthService;
  readonly #logger: LoggerService;
  readonly #cacheTtlMs: number;
  readonly #timeoutMs: number;
  readonly #warnIntervalMs: number;
  readonly #fetch: typeof fetch;
  readonly #clock: () => number;
  readonly #cache = new Map<string, CacheEntry>();
  /** How many times each service's labels were invalidated. */
  readonly #invalidations = new Map<string, number>();
  #lastWarning = -Infinity;
  #suppressedWarnings = 0;

  constructor(options: ScorecardLabelReaderOptions) {
    this.#discovery = options.discovery;
    this.#auth = options.auth;
    this.#logger = options.logger;
    this.#cacheTtlMs = options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#warnIntervalMs = options.warnIntervalMs ?? DEFAULT_WARN_INTERVAL_MS;
    this.#fetch = options.fetch ?? fetch;
    this.#clock = options.clock ?? Date.now;
  }

  /** The labels of one service; never throws. */
  async read(ref: CompoundEntityRef): Promise<ScorecardLabelLookup> {
    const key = cacheKey(ref);
    const cached = this.#cache.get(key);
    const now = this.#clock();
    if (cached && now - cached.fetchedAt < this.#cacheTtlMs) {
      return cached.value;
    }
    const invalidations = this.#invalidations.get(key);
    try {
      const value = await this.#fetchLabels(ref);
      // An answer that may predate an invalidation is used this once and
      // kept only as the last known labels, never reused as fresh.
      const fresh = this.#invalidations.get(key) === invalidations;
      this.#cache.set(key, {
        value,
        fetchedAt: fresh ? this.#clock() : -Infinity,
      });
      return value;
    } catch (error) {
      this.#warn(
        `Could not read the ML debt grade of ${key} from the ml-debt backend; ${
          cached ? 'keeping its last known labels' : 'leaving it unlabelled'
        }: ${(error as Error).message}`,
      );
      return cached?.value;
    }
  }

  /**
   * Forgets that the cached labels of a service are fresh, as when the
   * ml-debt backend has committed a scorecard that changes them: the next
   * read asks the backend, and an answer to a request already under way is
   * not reused. The old labels are still kept for when the backend fails.
   */
  invalidate(ref: CompoundEntityRef): void {
    const key = cacheKey(ref);
    this.#invalidations.set(key, (this.#invalidations.get(key) ?? 0) + 1);
    const cached = this.#cache.get(key);
    if (cached) cached.fetchedAt = -Infinity;
  }

  async #fetchLabels(ref: CompoundEntityRef): Promise<ScorecardLabels | null> {
    const signal = AbortSignal.timeout(this.#timeoutMs);
    const baseUrl = await this.#discovery.getBaseUrl('ml-debt');
    const { token } = await this.#auth.getPluginRequestToken({
      onBehalfOf: await this.#auth.getOwnServiceCredentials(),
      targetPluginId: 'ml-debt',
    });
    const path = [ref.kind, ref.namespace, ref.name]
      .map(encodeURIComponent)
      .join('/');
    const response = await this.#fetch(`${baseUrl}/scorecards/${path}`, {
      headers: { Authorization: `Bearer ${token}` },
      signal,
    });
    if (response.status === 404) {
      // Not scanned (yet), or no longer an ML service.
      return null;
    }
    if (!response.ok) {
      throw new Error(
        `GET /api/ml-debt/scorecards/${path} answered ${response.status} ${response.statusText}`,
      );
    }
    const body = (await response.json()) as {
      grade?: unknown;
      score?: unknown;
    };
    if (
      typeof body.grade !== 'string' ||
      !/^[A-Z]$/.test(body.grade) ||
      typeof body.score !== 'number' ||
      !Number.isFinite(body.score)
    ) {
      throw new Error(
        `GET /api/ml-debt/scorecards/${path} answered without a grade and score`,
      );
    }
    return { grade: body.grade, score: String(Math.round(body.score)) };
  }

  #warn(message: string) {
    const now = this.#clock();
    if (now - this.#lastWarning >= this.#warnIntervalMs) {
      const suppressed = this.#suppressedWarnings;
      this.#lastWarning = now;
      this.#suppressedWarnings = 0;
      this.#logger.warn(
        suppressed > 0
          ? `${message} (${suppressed} similar warnings suppressed)`
          : message,
      );
    } else {
      this.#suppressedWarnings += 1;
      this.#logger.debug(message);
    }
  }
}
