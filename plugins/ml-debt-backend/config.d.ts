export interface Config {
  /** Configuration of the ML Debt Scorecards plugins. */
  mlDebt?: {
    /**
     * Where the backend reads ML services' source code from, and how much of it
     * one scan may read.
     */
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
