import type { RepositoryFacts } from '../../analysis/RepositoryFacts';

export {
  logicalLines,
  findCalls,
  hasKeyword,
  hasKwargsUnpacking,
  positionalCount,
  blocks,
  candidateLines,
  logicalText,
  mayMatch,
} from '../sml/support';

/** Config files per CFG-01: `params.yaml`, `conf/**`, `configs/**`, `config*.{yml,yaml,toml,json}`. */
const CONFIG_FILE =
  /(?:^|\/)(?:params\.ya?ml|(?:conf|configs?)\/(?:[^/]+\/)*[^/]+\.ya?ml|config[^/]*\.(?:ya?ml|toml|json))$/;

/** Folders whose YAML is tooling, not model configuration. */
const NOT_MODEL_CONFIG =
  /^(?:\.github|\.gitlab|\.circleci|\.buildkite|\.vscode|\.idea|\.devcontainer|node_modules|deploy|k8s|kubernetes|helm|charts|infra|terraform)\//;

const configCache = new WeakMap<RepositoryFacts, string[]>();

/** Externalised configuration files of a repository (CFG-01 config sources). */
export function configFiles(facts: RepositoryFacts): string[] {
  const cached = configCache.get(facts);
  if (cached) return cached;
  const files = facts.snapshot
    .files()
    .map(f => f.path)
    .filter(
      p =>
        CONFIG_FILE.test(p) &&
        !NOT_MODEL_CONFIG.test(p) &&
        !facts.isTest(p) &&
        !/(?:^|\/)(?:tsconfig|jsconfig)[^/]*\.json$/.test(p),
    );
  configCache.set(facts, files);
  return files;
}
