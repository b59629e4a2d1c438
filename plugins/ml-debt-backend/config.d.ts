import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the ML Debt Scorecards plugins. */
  mlDebt?: {
    /**
     * Where the backend reads ML services' source code from, and how much of it
     * one scan may read.
     */
    /**
     * The scheduled scan cycle, which scans every ML service. It runs on one
     * replica at a time (global scope); the services are then shared by all
     * replicas through leases in the database.
     */
    schedule?: {
      /**
       * How often a cycle starts: a duration such as `{ hours: 1 }` or an
       * ISO 8601 duration, or `{ cron: '0 * * * *' }`. Default: 1 hour.
       */
      frequency?: { cron: string } | string | HumanDuration;
      /**
       * How long one cycle may run before it is aborted; services it did not
       * reach are picked up by the replicas' drain task. Default: 30 minutes.
       */
      timeout?: string | HumanDuration;
      /**
       * Delay after start-up before the first cycle. Default: 1 minute.
       */
      initialDelay?: string | HumanDuration;
    };
    /** How one replica scans. */
    scan?: {
      /**
       * How many services one replica scans at the same time, 1 to 64.
       * Default: 4.
       */
      concurrency?: number;
      /**
       * Per-service timeout: a scan that takes longer is recorded as failed
       * and the last good scorecard stays. A replica's claim on a service
       * lasts twice this long, so a crashed replica's work is taken over
       * after at most two timeouts. Default: 5 minutes.
       */
      timeout?: string | HumanDuration;
    };
    /** Scan history. */
    history?: {
      /**
       * Scan runs older than this many days are deleted after each cycle,
       * except the run behind each service's current scorecard. Default: 180.
       */
      retentionDays?: number;
    };
    sources?: {
      /**
       * Directories on the backend's machine that `dir:` source locations may
       * point into, resolved against the backend's working directory (e.g.
       * `../../examples` for `yarn start` in `packages/backend`). A `dir:`
       * location outside every root, or reaching outside through `..` or a
       * symbolic link, is refused. Default: none, so no local directory is read.
       */
      localRoots?: string[];
      /**
       * Files larger than this many bytes are listed with their size but their
       * content is not read. Default: 1048576 (1 MiB).
       */
      maxFileBytes?: number;
      /**
       * At most this many files of one repository are listed; the rest is
       * reported as a truncated snapshot. Default: 20000.
       */
      maxFiles?: number;
      /**
       * At most this many bytes of one repository are read in total.
       * Default: 209715200 (200 MiB).
       */
      maxTotalBytes?: number;
    };
  };
}
