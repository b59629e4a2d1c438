export interface Config {
  /** Configuration of the ML Debt Scorecards plugins. */
  mlDebt?: {
    /**
     * Which catalog entities are ML services. Used by the backend's discovery and
     * by the catalog module. An entity can always opt in or out with the
     * annotation `ml-debt.io/enabled: "true" | "false"`.
     */
    discovery?: {
      /**
       * Entity kinds that can be ML services by `spec.type`.
       * Default: `[Component]`.
       */
      kinds?: string[];
      /**
       * Values of `spec.type` that make an entity an ML service.
       * Default: `[ml-service, ml-model, ml-pipeline]`.
       */
      types?: string[];
    };
    /**
     * Checks defined by the organisation, run next to the built-in catalogue on
     * every ML service. Validated at start-up: a mistake stops the backend with
     * a message naming the key (e.g. `mlDebt.customChecks[2].rule.pattern`).
     */
    customChecks?: Array<{
      /**
       * Stable id: an upper-case prefix of 2–10 characters, a dash and two or
       * three digits, e.g. `ACME-01`. Must not reuse a built-in id (`REP-01`, …)
       * or another custom check's id.
       */
      id: string;
      /** Short title phrased as the problem, e.g. "No model card". */
      title: string;
      /**
       * The category the check scores in: `catalog`, `reproducibility`,
       * `versioning`, `configuration`, `code-smells`, `satd`, `notebooks`,
       * `testing`, `operations`, `monitoring` or `documentation`.
       */
      category: string;
      /** Severity from 0 to 3: 3 critical, 2 major, 1 minor, 0 shown but not scored. */
      weight: number;
      /**
       * How precise the rule is: `high`, `medium` or `low` (low-confidence
       * checks are advisory and count at half weight). Default `high`.
       */
      confidence?: 'high' | 'medium' | 'low';
      /** Why the practice matters, shown in the remediation checklist. */
      rationale: string;
      /** Concrete steps to fix a failure, in order; at least one. */
      remediation: string[];
      /**
       * Whether the check applies to services with `spec.lifecycle:
       * experimental`. Default: true for the reproducibility, versioning,
       * configuration, code-smells, satd and notebooks categories, false
       * otherwise (as for the built-in checks).
       */
      appliesToExperimental?: boolean;
      /** ML Test Score tests the check feeds, e.g. `[infra.1]`. Default none. */
      mlTestScore?: string[];
      /** What the check looks for in the service's repository. */
      rule:
        | {
            /** Passes when any path matches one of `paths`. */
            type: 'file-exists';
            /**
             * Globs relative to the repository root (picomatch syntax, dot
             * files included). A plain path also matches a directory.
             */
            paths: string[];
          }
        | {
            /** Fails when any path matches one of `paths`; the evidence lists them. */
            type: 'file-absent';
            /**
             * Globs relative to the repository root (picomatch syntax, dot
             * files included). A plain path also matches a directory.
             */
            paths: string[];
          }
        | {
            /**
             * Matches `pattern` line by line in the readable text files
             * selected by `files`; evidence gives path, line and snippet of
             * the first 10 matching lines.
             */
            type: 'content-pattern';
            /** Globs selecting the files to search, e.g. `["*.py", "src/**"]`. */
            files: string[];
            /**
             * An RE2 regular expression. RE2 matches in linear time, so no
             * pattern can hang a scan; backreferences and lookaround are not
             * supported and are rejected at start-up. `^` and `$` anchor at
             * line boundaries.
             */
            pattern: string;
            /** `i` for case-insensitive matching. */
            flags?: 'i';
            /**
             * `present`: passes when some line matches. `absent`: fails when
             * more than `maxMatches` lines match.
             */
            expect: 'present' | 'absent';
            /** With `expect: absent`, the number of matching lines tolerated. Default 0. */
            maxMatches?: number;
          };
    }>;
  };
}
