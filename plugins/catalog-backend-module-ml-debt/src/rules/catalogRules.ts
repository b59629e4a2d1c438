import { Config } from '@backstage/config';
import { Entity, parseEntityRef } from '@backstage/catalog-model';

/** What a broken rule does: reject the entity, record a warning, or nothing. */
export type CatalogRuleSeverity = 'error' | 'warning' | 'off';

const SEVERITIES: readonly CatalogRuleSeverity[] = ['error', 'warning', 'off'];

/** The ids of the ingestion rules, as they appear under `mlDebt.catalogRules`. */
export type CatalogRuleId =
  | 'ownerIsGroup'
  | 'lifecycle'
  | 'system'
  | 'description'
  | 'dataDependencies'
  | 'operationsAnnotation';

/** The configured rule set, after validation. */
export interface CatalogRules {
  ownerIsGroup: { severity: CatalogRuleSeverity };
  lifecycle: { severity: CatalogRuleSeverity; allowed: string[] };
  system: { severity: CatalogRuleSeverity };
  description: { severity: CatalogRuleSeverity };
  dataDependencies: { severity: CatalogRuleSeverity };
  operationsAnnotation: {
    severity: CatalogRuleSeverity;
    /** Annotation keys; a key that ends with `/` matches every key with that prefix. */
    annotations: string[];
  };
}

/** One broken rule on one entity. */
export interface CatalogRuleViolation {
  rule: CatalogRuleId;
  /** The CAT check of the scorecard the rule anticipates, if any. */
  check?: string;
  severity: Exclude<CatalogRuleSeverity, 'off'>;
  /** What is wrong and what to add where. */
  message: string;
}

/**
 * The annotations that count as operational integration: the CAT-05 card's
 * on-call, alerting and dashboard annotations, and a model-registry
 * annotation (VER-03's catalog signal).
 */
export const DEFAULT_OPERATIONS_ANNOTATIONS: readonly string[] = Object.freeze([
  'pagerduty.com/',
  'opsgenie.com/',
  'grafana/',
  'prometheus.io/',
  'datadoghq.com/',
  'newrelic.com/',
  'dynatrace.com/',
  'sentry.io/',
  'backstage.io/kubernetes-id',
  'backstage.io/kubernetes-label-selector',
  'ml-debt.io/model-registry',
  'mlflow.org/registered-model',
]);

/**
 * The default rule set (see the README for the CAT check behind each):
 * only the lifecycle rule rejects an entity, because a lifecycle outside the
 * allowed list is a typo that breaks CAT-02 and every lifecycle filter; the
 * others are warnings, so that incomplete metadata never hides a service.
 * `system` and `description` have no CAT check: the org page groups by system
 * and the scorecard shows the description.
 */
export const DEFAULT_CATALOG_RULES: CatalogRules = Object.freeze({
  ownerIsGroup: { severity: 'warning' },
  lifecycle: {
    severity: 'error',
    allowed: ['experimental', 'production', 'deprecated'],
  },
  system: { severity: 'warning' },
  description: { severity: 'warning' },
  dataDependencies: { severity: 'warning' },
  operationsAnnotation: {
    severity: 'warning',
    annotations: [...DEFAULT_OPERATIONS_ANNOTATIONS],
  },
}) as CatalogRules;

const RULE_OPTIONS: Record<CatalogRuleId, string[]> = {
  ownerIsGroup: ['severity'],
  lifecycle: ['severity', 'allowed'],
  system: ['severity'],
  description: ['severity'],
  dataDependencies: ['severity'],
  operationsAnnotation: ['severity', 'annotations'],
};

const CONFIG_KEY = 'mlDebt.catalogRules';

function invalid(message: string): Error {
  return new Error(`Invalid ${CONFIG_KEY} configuration: ${message}`);
}

function readStringList(value: unknown, where: string): string[] {
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    !value.every(v => typeof v === 'string' && v.trim() !== '')
  ) {
    throw invalid(
      `${where} must be a non-empty list of strings, got ${JSON.stringify(
        value,
      )}`,
    );
  }
  return value as string[];
}

/**
 * Reads `mlDebt.catalogRules`, merging it over {@link DEFAULT_CATALOG_RULES}.
 * Unknown rules or options, a severity other than error/warning/off, and
 * values of the wrong type throw, so that the backend does not start with a
 * rule set nobody meant.
 */
export function readCatalogRules(config: Config): CatalogRules {
  const raw = config.getOptional<unknown>(CONFIG_KEY);
  if (raw === undefined) {
    return DEFAULT_CATALOG_RULES;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw invalid(
      `expected an object of rules (${Object.keys(RULE_OPTIONS).join(
        ', ',
      )}), got ${JSON.stringify(raw)}`,
    );
  }
  const rules = JSON.parse(JSON.stringify(DEFAULT_CATALOG_RULES)) as Record<
    string,
    Record<string, unknown>
  >;
  for (const [id, value] of Object.entries(raw as Record<string, unknown>)) {
    const options = RULE_OPTIONS[id as CatalogRuleId];
    if (!options) {
      throw invalid(
        `unknown rule "${id}"; the rules are ${Object.keys(RULE_OPTIONS).join(
          ', ',
        )}`,
      );
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw invalid(
        `${CONFIG_KEY}.${id} must be an object such as { severity: warning }, got ${JSON.stringify(
          value,
        )}`,
      );
    }
    for (const [option, optionValue] of Object.entries(value)) {
      const where = `${CONFIG_KEY}.${id}.${option}`;
      if (!options.includes(option)) {
        throw invalid(
          `unknown option ${where}; ${id} takes ${options.join(', ')}`,
        );
      }
      if (option === 'severity') {
        if (!SEVERITIES.includes(optionValue as CatalogRuleSeverity)) {
          throw invalid(
            `${where} must be one of ${SEVERITIES.join(
              ', ',
            )}, got ${JSON.stringify(optionValue)}`,
          );
        }
        rules[id].severity = optionValue;
      } else {
        rules[id][option] = readStringList(optionValue, where);
      }
    }
  }
  return rules as unknown as CatalogRules;
}

/** Where the entity's descriptor is, for the messages. */
function descriptorOf(entity: Entity, locationTarget?: string): string {
  const ref = `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${
    entity.metadata.name
  }`;
  const file =
    locationTarget ??
    entity.metadata.annotations?.['backstage.io/managed-by-location'];
  return file
    ? `the descriptor of ${ref} (${file})`
    : `the descriptor of ${ref}`;
}

function ownerKind(owner: unknown): string | undefined {
  if (typeof owner !== 'string' || !owner) return undefined;
  try {
    return parseEntityRef(owner, {
      defaultKind: 'Group',
    }).kind.toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

function refKind(ref: unknown, defaultKind: string): string | undefined {
  if (typeof ref !== 'string') return undefined;
  try {
    return parseEntityRef(ref, { defaultKind }).kind.toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

function matchesAnnotation(key: string, patterns: string[]): boolean {
  return patterns.some(p => (p.endsWith('/') ? key.startsWith(p) : key === p));
}

const OPERATIONAL_LINK_TYPES = [
  'dashboard',
  'alerts',
  'runbook',
  'registry',
  'model-registry',
];

/**
 * Applies the rules to an ML service and returns what it breaks, in rule
 * order. The caller decides what an ML service is (the shared isMlService).
 */
export function evaluateCatalogRules(
  entity: Entity,
  rules: CatalogRules,
  locationTarget?: string,
): CatalogRuleViolation[] {
  const where = descriptorOf(entity, locationTarget);
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const violations: CatalogRuleViolation[] = [];
  const add = (
    rule: CatalogRuleId,
    check: string | undefined,
    message: string,
  ) => {
    const severity = rules[rule].severity;
    if (severity !== 'off') {
      violations.push({ rule, ...(check ? { check } : {}), severity, message });
    }
  };

  if (rules.ownerIsGroup.severity !== 'off') {
    const kind = ownerKind(spec.owner);
    if (kind !== 'group') {
      add(
        'ownerIsGroup',
        'CAT-01',
        `${
          spec.owner
            ? `spec.owner is "${String(spec.owner)}", not a Group`
            : 'spec.owner is missing'
        }: set spec.owner to a Group ref (group:<team>) in ${where}`,
      );
    }
  }

  if (rules.lifecycle.severity !== 'off') {
    const lifecycle = spec.lifecycle;
    if (
      typeof lifecycle !== 'string' ||
      !rules.lifecycle.allowed.includes(lifecycle)
    ) {
      add(
        'lifecycle',
        'CAT-02',
        `spec.lifecycle is ${
          typeof lifecycle === 'string' ? `"${lifecycle}"` : 'missing'
        }: set spec.lifecycle to one of ${rules.lifecycle.allowed.join(
          ', ',
        )} in ${where}`,
      );
    }
  }

  if (rules.system.severity !== 'off') {
    if (typeof spec.system !== 'string' || spec.system.trim() === '') {
      add(
        'system',
        undefined,
        `spec.system is missing: set spec.system to the System the service belongs to in ${where}`,
      );
    }
  }

  if (rules.description.severity !== 'off') {
    const description = entity.metadata.description;
    if (typeof description !== 'string' || description.trim() === '') {
      add(
        'description',
        undefined,
        `metadata.description is missing: describe what the model predicts and for whom in metadata.description in ${where}`,
      );
    }
  }

  if (rules.dataDependencies.severity !== 'off') {
    const dependsOn = Array.isArray(spec.dependsOn) ? spec.dependsOn : [];
    if (!dependsOn.some(ref => refKind(ref, 'Component') === 'resource')) {
      add(
        'dataDependencies',
        'CAT-04',
        `spec.dependsOn has no data Resource: add the datasets, tables or topics the service reads as resource:<name> to spec.dependsOn in ${where}`,
      );
    }
  }

  if (rules.operationsAnnotation.severity !== 'off') {
    const keys = Object.keys(entity.metadata.annotations ?? {});
    const links = (entity.metadata.links ?? []) as { type?: string }[];
    const annotated = keys.some(k =>
      matchesAnnotation(k, rules.operationsAnnotation.annotations),
    );
    const linked = links.some(l =>
      OPERATIONAL_LINK_TYPES.includes(
        (l.type ?? '').toLocaleLowerCase('en-US'),
      ),
    );
    if (!annotated && !linked) {
      add(
        'operationsAnnotation',
        'CAT-05',
        `no monitoring, on-call or model-registry annotation: add one of ${rules.operationsAnnotation.annotations
          .map(a => (a.endsWith('/') ? `${a}*` : a))
          .join(
            ', ',
          )} to metadata.annotations (or a metadata.links entry of type ${OPERATIONAL_LINK_TYPES.join(
          '/',
        )}) in ${where}`,
      );
    }
  }
  return violations;
}
