import { HumanDuration } from '@backstage/types';

/** A rule's severity: reject the entity, record a warning, or nothing. */
type Severity = 'error' | 'warning' | 'off';

export interface Config {
  mlDebt?: {
    /**
     * Ingestion rules for ML services (entities that `mlDebt.discovery`
     * selects). `error` rejects the new version of the entity with a
     * processing error; `warning` records the problem in the entity's
     * `ml-debt.io/catalog-warnings` annotation; `off` disables the rule.
     * Rules that are not listed keep their default (see the module README).
     */
    catalogRules?: {
      /** CAT-01: `spec.owner` is a Group ref. Default: warning. */
      ownerIsGroup?: { severity?: Severity };
      /** CAT-02: `spec.lifecycle` is in `allowed`. Default: error. */
      lifecycle?: {
        severity?: Severity;
        /** Default: experimental, production, deprecated. */
        allowed?: string[];
      };
      /** `spec.system` is set. Default: warning. */
      system?: { severity?: Severity };
      /** `metadata.description` is set. Default: warning. */
      description?: { severity?: Severity };
      /** CAT-04: `spec.dependsOn` has at least one Resource. Default: warning. */
      dataDependencies?: { severity?: Severity };
      /**
       * CAT-05 / VER-03: a monitoring, on-call or model-registry annotation
       * (or a dashboard/alerts/runbook/registry link). Default: warning.
       */
      operationsAnnotation?: {
        severity?: Severity;
        /** Annotation keys; a key ending in `/` is a prefix. */
        annotations?: string[];
      };
    };
    /** How the catalog reads the grade and score labels from the ml-debt backend. */
    catalogLabels?: {
      /**
       * How long a fetched grade is reused; keep it well below the catalog's
       * processing interval (100–150 s by default). Default: 10 seconds.
       */
      cacheTtl?: string | HumanDuration;
      /** Timeout of one request to the ml-debt backend. Default: 3 seconds. */
      timeout?: string | HumanDuration;
    };
  };
}
