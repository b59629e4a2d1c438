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
  };
}
