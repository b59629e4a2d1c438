import { MlDebtCheck } from '../../engine/types';
import {
  catalogResolved,
  FIELD,
  findRelated,
  parseRef,
  relationTargets,
} from './support';

/**
 * CAT-01 — Owner missing or not a team. Reads `spec.owner` (the descriptor)
 * and falls back to the `ownedBy` relation (the catalog). Resolution is only
 * judged when the caller resolved relations: the CLI cannot know whether a
 * group exists, and says so instead of failing.
 */
export const CAT_01: MlDebtCheck = {
  id: 'CAT-01',
  title: 'Owner missing or not a team',
  category: 'catalog',
  weight: 2,
  confidence: 'high',
  mlTestScore: ['monitor.1'],
  debtType: 'Process management debt; cultural debt',
  appliesToExperimental: false,
  rationale:
    'A model without an owning team has nobody who is paged when it drifts, nobody who approves changes to its configuration and nobody who retires it. Sculley et al. (2015, §8) name this process-management and cultural debt; Breck et al. (2017, Monitor 1) assume a team that is notified of upstream changes. A person as owner is a bus factor of one.',
  references: [
    'Backstage descriptor format: spec.owner of kind Component',
    'Tech Insights entityOwnershipFactRetriever (hasGroupOwner), @backstage-community/plugin-tech-insights-backend',
    'Sculley et al. 2015, Hidden Technical Debt in Machine Learning Systems, §8 (process management and cultural debt)',
  ],
  remediation: [
    'Set spec.owner in catalog-info.yaml to the team that runs the model, as group:<team>, and make sure that Group entity exists in the catalog.',
    'Add an on-call annotation (for example pagerduty.com/integration-key) so alerts reach that team (see CAT-05).',
    'Mirror the ownership in CODEOWNERS so that changes to model code and configuration need the owning team’s review.',
  ],
  evaluate(ctx) {
    const entity = ctx.entity!;
    const namespace = entity.metadata.namespace ?? 'default';
    const declared = entity.spec?.owner;
    const owner =
      parseRef(declared, 'group', namespace) ??
      relationTargets(entity, 'ownedBy', 'group')[0];

    if (!owner) {
      return {
        status: 'fail',
        summary:
          declared === undefined
            ? 'The entity declares no owner (spec.owner is missing).'
            : `spec.owner "${String(
                declared,
              )}" is not a valid entity reference.`,
        evidence: [
          {
            message: 'No owning team is declared.',
            path: FIELD.owner,
            snippet:
              declared === undefined ? undefined : `owner: ${String(declared)}`,
          },
        ],
      };
    }

    const ownerEvidence = {
      message: `Declared owner ${owner.ref}.`,
      path: FIELD.owner,
      snippet: `owner: ${typeof declared === 'string' ? declared : owner.ref}`,
    };

    if (owner.kind !== 'group') {
      return {
        status: 'fail',
        summary: `The owner is a ${owner.kind} (${owner.ref}), not a team; ownership by one person does not survive holidays or departures.`,
        evidence: [ownerEvidence],
      };
    }

    if (!catalogResolved(ctx)) {
      return {
        status: 'pass',
        summary: `Owned by ${owner.ref}; whether that group exists in the catalog was not checked (no catalog relations were supplied).`,
        evidence: [ownerEvidence],
      };
    }

    const resolved = findRelated(ctx, owner.ref);
    if (!resolved) {
      return {
        status: 'fail',
        summary: `The owner ${owner.ref} does not resolve to an entity in the catalog.`,
        evidence: [
          {
            ...ownerEvidence,
            message: `${owner.ref} is not a known catalog entity.`,
          },
        ],
      };
    }
    return {
      status: 'pass',
      summary: `Owned by the team ${owner.ref}, which exists in the catalog.`,
      evidence: [ownerEvidence],
    };
  },
};
