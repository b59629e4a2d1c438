import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  Config,
  ConfigReader,
  readDurationFromConfig,
} from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';

/** Defaults of `mlDebt.schedule`, as documented in `config.d.ts`. */
export const DEFAULT_SCAN_SCHEDULE = {
  frequency: { hours: 1 },
  timeout: { minutes: 30 },
  initialDelay: { minutes: 1 },
} as const;

/** Default of `mlDebt.scan.concurrency`. */
export const DEFAULT_SCAN_CONCURRENCY = 4;
/** Default of `mlDebt.scan.timeout`: 5 minutes. */
export const DEFAULT_SERVICE_TIMEOUT_MS = 5 * 60_000;
/** Default of `mlDebt.history.retentionDays`. */
export const DEFAULT_RETENTION_DAYS = 180;

/**
 * How the scans run, read from `mlDebt.schedule`, `mlDebt.scan` and
 * `mlDebt.history`.
 *
 * @public
 */
export interface ScanOptions {
  /** The scheduled cycle; scope is always global. */
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Services scanned at the same time by one replica. */
  concurrency: number;
  /** Per-service scan timeout. */
  serviceTimeoutMs: number;
  /**
   * How long a claim on a service lasts. Twice the per-service timeout, so a
   * live replica always finishes (or times out) before its claim can be taken
   * over, while a crashed replica's claims are picked up soon after.
   */
  leaseMs: number;
  /** Scan history older than this is pruned after each cycle. */
  retentionDays: number;
}

/**
 * Reads {@link ScanOptions} from config, with the defaults of `config.d.ts`.
 * Invalid values throw with the key named, so the backend does not start.
 *
 * @public
 */
export function readScanOptions(config: Config): ScanOptions {
  const scheduleConfig = config.getOptionalConfig('mlDebt.schedule');
  const schedule = readSchedulerServiceTaskScheduleDefinitionFromConfig(
    new ConfigReader({
      ...DEFAULT_SCAN_SCHEDULE,
      ...(scheduleConfig?.get<object>() ?? {}),
    }),
  );

  const concurrency =
    config.getOptionalNumber('mlDebt.scan.concurrency') ??
    DEFAULT_SCAN_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new InputError(
      `Invalid configuration: mlDebt.scan.concurrency must be an integer from 1 to 64, got ${concurrency}`,
    );
  }

  const serviceTimeoutMs = config.has('mlDebt.scan.timeout')
    ? durationToMilliseconds(
        readDurationFromConfig(config, { key: 'mlDebt.scan.timeout' }),
      )
    : DEFAULT_SERVICE_TIMEOUT_MS;
  if (!(serviceTimeoutMs > 0)) {
    throw new InputError(
      'Invalid configuration: mlDebt.scan.timeout must be a positive duration',
    );
  }

  const retentionDays =
    config.getOptionalNumber('mlDebt.history.retentionDays') ??
    DEFAULT_RETENTION_DAYS;
  if (!Number.isInteger(retentionDays) || retentionDays < 1) {
    throw new InputError(
      `Invalid configuration: mlDebt.history.retentionDays must be a positive integer, got ${retentionDays}`,
    );
  }

  return {
    schedule: { ...schedule, scope: 'global' },
    concurrency,
    serviceTimeoutMs,
    leaseMs: 2 * serviceTimeoutMs,
    retentionDays,
  };
}

/**
 * Length of one scan cycle's slot. Replicas name a cycle after the slot its
 * start falls in, so two replicas starting "the same" cycle agree on its id.
 * Cron and manual schedules have no fixed period: their slots are one minute,
 * the granularity of cron.
 */
export function cycleSlotMs(
  frequency: SchedulerServiceTaskScheduleDefinition['frequency'],
): number {
  const value = frequency as unknown as Record<string, unknown> & {
    toMillis?: () => number;
  };
  if (typeof value.toMillis === 'function') {
    return Math.max(60_000, value.toMillis());
  }
  if ('cron' in value || 'trigger' in value) {
    return 60_000;
  }
  return Math.max(60_000, durationToMilliseconds(value as HumanDuration));
}

/** Milliseconds of a schedule's timeout. */
export function timeoutMs(
  timeout: SchedulerServiceTaskScheduleDefinition['timeout'],
): number {
  const value = timeout as unknown as Record<string, unknown> & {
    toMillis?: () => number;
  };
  return typeof value.toMillis === 'function'
    ? value.toMillis()
    : durationToMilliseconds(value as HumanDuration);
}
