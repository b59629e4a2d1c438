import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import pLimit from 'p-limit';
import { MlDebtStore } from '../database';
import { MlServiceDiscovery } from '../discovery/MlServiceDiscovery';
import { cycleSlotMs, ScanOptions, timeoutMs } from './options';
import { ScanOutcome, Scanner } from './Scanner';

/** Id of the global task that starts a scan cycle. */
export const SCAN_TASK_ID = 'ml-debt-scan';
/** Id of the local task with which every replica helps finish open cycles. */
export const DRAIN_TASK_ID = 'ml-debt-scan-drain';
/** How often every replica looks for unfinished cycles. */
const DRAIN_FREQUENCY = { seconds: 30 };
const DAY_MS = 86_400_000;

/**
 * An on-demand rescan in progress on this replica.
 *
 * @public
 */
export interface RunningRescan {
  id: string;
  entityRef: string;
  startedAt: Date;
  done: Promise<ScanOutcome>;
}

/**
 * Runs the scan cycles, safe with several replicas on one database.
 *
 * A cycle is started by the scheduler's global task on one replica:
 * discovery, then every ML service enqueued under a cycle id derived from the
 * schedule slot (so replicas starting the same cycle agree on it). Work is then
 * claimed from the database in batches with leases, by that replica and by
 * every other replica's local drain task, so replicas share it; each service
 * is scanned once per cycle, and the claims of a replica that dies expire and
 * are taken over. Nothing here relies on in-process state for correctness,
 * except the guard against two concurrent on-demand rescans of one service on
 * one replica.
 *
 * @public
 */
export class ScanCoordinator {
  readonly #store: MlDebtStore;
  readonly #scanner: Scanner;
  readonly #discovery: MlServiceDiscovery;
  readonly #logger: LoggerService;
  readonly #options: ScanOptions;
  readonly #clock: () => Date;
  readonly #workerId: string;
  readonly #shutdown = new AbortController();
  readonly #rescans = new Map<string, RunningRescan>();
  readonly #inFlight = new Set<Promise<unknown>>();

  constructor(options: {
    store: MlDebtStore;
    scanner: Scanner;
    discovery: MlServiceDiscovery;
    logger: LoggerService;
    options: ScanOptions;
    clock?: () => Date;
    workerId?: string;
  }) {
    this.#store = options.store;
    this.#scanner = options.scanner;
    this.#discovery = options.discovery;
    this.#logger = options.logger;
    this.#options = options.options;
    this.#clock = options.clock ?? (() => new Date());
    this.#workerId =
      options.workerId ??
      `${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  }

  /** This replica's name in the scan queue's claims. */
  get workerId(): string {
    return this.#workerId;
  }

  /** Schedules the global cycle task and this replica's drain task. */
  async start(scheduler: SchedulerService): Promise<void> {
    await scheduler.scheduleTask({
      id: SCAN_TASK_ID,
      ...this.#options.schedule,
      scope: 'global',
      fn: async signal => {
        await this.runCycle(signal);
      },
    });
    await scheduler.scheduleTask({
      id: DRAIN_TASK_ID,
      frequency: DRAIN_FREQUENCY,
      timeout: this.#options.schedule.timeout,
      scope: 'local',
      fn: async signal => {
        await this.drainOpenCycles(signal);
      },
    });
  }

  /**
   * Stops claiming work, aborts the scans in progress without recording them
   * (their claims expire and another replica takes them over), and waits for
   * them to wind down.
   */
  async stop(): Promise<void> {
    this.#shutdown.abort();
    await Promise.allSettled([...this.#inFlight]);
  }

  /** The cycle id of the slot `at` falls in. */
  cycleIdAt(at: Date): string {
    const slot = cycleSlotMs(this.#options.schedule.frequency);
    const start = Math.floor(at.getTime() / slot) * slot;
    return `scheduled:${new Date(start).toISOString()}`;
  }

  /**
   * One scheduled cycle: discovery, enqueueing, scanning the share of the
   * work this replica claims, and pruning old history and queue rows.
   */
  async runCycle(signal?: AbortSignal): Promise<string> {
    const now = this.#clock();
    const cycleId = this.cycleIdAt(now);
    const services = await this.#discovery.listServices();
    const refs = services.map(s => s.entityRef);
    await this.#store.upsertServices(services, now);
    const removed = await this.#store.markMissingAsRemoved(refs, now);
    await this.#store.startCycle(cycleId, refs, now);
    this.#logger.info(
      `Scan cycle ${cycleId}: ${refs.length} ML services enqueued, ${removed} no longer in the catalog`,
    );
    await this.drain(cycleId, signal);

    const retention = this.#options.retentionDays * DAY_MS;
    const prunedRuns = await this.#store.pruneHistory(
      new Date(now.getTime() - retention),
    );
    // Queue rows are only needed while their cycle can still be drained.
    const prunedQueue = await this.#store.pruneCycles(
      new Date(now.getTime() - this.#drainWindowMs() - DAY_MS),
    );
    const progress = await this.#store.cycleProgress(cycleId);
    this.#logger.info(
      `Scan cycle ${cycleId}: ${progress.done} done, ${progress.pending} pending, ${progress.claimed} claimed elsewhere; pruned ${prunedRuns} scan runs and ${prunedQueue} queue rows`,
    );
    return cycleId;
  }

  /**
   * Claims and scans services of a cycle until none is left to claim:
   * pending ones, and claimed ones whose lease expired.
   */
  async drain(cycleId: string, signal?: AbortSignal): Promise<number> {
    const limit = pLimit(this.#options.concurrency);
    let scanned = 0;
    while (!this.#stopping(signal)) {
      const refs = await this.#store.claimBatch({
        cycleId,
        workerId: this.#workerId,
        limit: this.#options.concurrency,
        leaseMs: this.#options.leaseMs,
        now: this.#clock(),
      });
      if (refs.length === 0) break;
      const completed = await Promise.all(
        refs.map(ref => limit(() => this.#scanClaimed(cycleId, ref, signal))),
      );
      scanned += completed.filter(Boolean).length;
    }
    return scanned;
  }

  /** Scans one claimed service and completes its claim; false when aborted. */
  async #scanClaimed(
    cycleId: string,
    ref: string,
    signal?: AbortSignal,
  ): Promise<boolean> {
    const outcome = await this.#track(
      this.#scanner.scan(ref, {
        trigger: 'scheduled',
        signal: this.#combinedSignal(signal),
      }),
    );
    if (outcome.status === 'aborted') return false;
    const held = await this.#store.completeClaim(
      cycleId,
      ref,
      this.#workerId,
      this.#clock(),
    );
    if (!held) {
      this.#logger.warn(
        `Scan of ${ref} finished after its claim in cycle ${cycleId} expired; the lease (twice mlDebt.scan.timeout) may be too short`,
      );
    }
    return true;
  }

  /**
   * Helps finish every cycle that may still have work: those of the slots
   * within the cycle task's timeout, so that a crashed replica's claims are
   * picked up once their leases expire.
   */
  async drainOpenCycles(signal?: AbortSignal): Promise<number> {
    const slot = cycleSlotMs(this.#options.schedule.frequency);
    const slots = Math.min(60, Math.ceil(this.#drainWindowMs() / slot) + 1);
    const now = this.#clock().getTime();
    let scanned = 0;
    for (let i = 0; i < slots && !this.#stopping(signal); i++) {
      const cycleId = this.cycleIdAt(new Date(now - i * slot));
      const progress = await this.#store.cycleProgress(cycleId);
      if (progress.pending + progress.claimed > 0) {
        scanned += await this.drain(cycleId, signal);
      }
    }
    return scanned;
  }

  /**
   * Starts an on-demand rescan of one service in the background, or returns
   * the one already running on this replica.
   */
  rescan(entityRef: string): RunningRescan {
    const running = this.#rescans.get(entityRef);
    if (running) return running;
    const done = this.#track(
      this.#scanner.scan(entityRef, {
        trigger: 'manual',
        force: true,
        signal: this.#shutdown.signal,
      }),
    )
      .catch(error => {
        this.#logger.error(
          `Rescan of ${entityRef} could not be recorded: ${stringifyError(
            error,
          )}`,
        );
        return { status: 'aborted' } as ScanOutcome;
      })
      .finally(() => this.#rescans.delete(entityRef));
    const rescan: RunningRescan = {
      id: randomUUID(),
      entityRef,
      startedAt: this.#clock(),
      done,
    };
    this.#rescans.set(entityRef, rescan);
    return rescan;
  }

  /** The on-demand rescan of a service running on this replica, if any. */
  runningRescan(entityRef: string): RunningRescan | undefined {
    return this.#rescans.get(entityRef);
  }

  #drainWindowMs(): number {
    return Math.max(
      timeoutMs(this.#options.schedule.timeout),
      2 * this.#options.leaseMs,
    );
  }

  #stopping(signal?: AbortSignal): boolean {
    return this.#shutdown.signal.aborted || Boolean(signal?.aborted);
  }

  #combinedSignal(signal?: AbortSignal): AbortSignal {
    return signal
      ? AbortSignal.any([signal, this.#shutdown.signal])
      : this.#shutdown.signal;
  }

  #track<T>(promise: Promise<T>): Promise<T> {
    this.#inFlight.add(promise);
    const untrack = () => this.#inFlight.delete(promise);
    promise.then(untrack, untrack);
    return promise;
  }
}
