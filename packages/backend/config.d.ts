export interface Config {
  permission?: {
    /**
     * Entity refs of the groups whose members may change what the catalog
     * tracks (create or delete locations, delete entities).
     * Example: `group:default/ml-platform`.
     */
    adminGroups?: string[];
  };
}
