import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { MlDebtCheck } from '../../engine/types';
import { FIELD } from './support';

/** Annotations that route alerts to people (on-call). */
const ON_CALL_ANNOTATION =
  /^(?:pagerduty\.com\/|opsgenie\.com\/|splunk\.com\/on-call|victorops\.com\/)/;

/** Annotations of the card's list that expose dashboards, metrics, errors or runtime state. */
const OBSERVABILITY_ANNOTATION =
  /^(?:grafana\/|prometheus\.io\/|datadoghq\.com\/|newrelic\.com\/|dynatrace\.com\/|sentry\.io\/|backstage\.io\/kubernetes-)/;

/** Observability annotations that define alerts rather than dashboards. */
const ALERTING_ANNOTATION =
  /^(?:grafana\/alert|prometheus\.io\/(?:alert|rule))/;

const LINK_TITLE = /dashboard|grafana|runbook|alert|monitor/i;

interface Link {
  url?: string;
  title?: string;
  type?: string;
}

/**
 * CAT-05 — No operational integration on the entity: no on-call, dashboard
 * or alerting annotation and no dashboard/alerts/runbook link. On-call
 * routing is what turns a drift alert into an action, so its absence is
 * reported as an advisory even when dashboards are linked.
 */
export const CAT_05: MlDebtCheck = {
  id: 'CAT-05',
  title: 'No alerting, on-call or dashboard integration on the entity',
  category: 'catalog',
  weight: 2,
  confidence: 'medium',
  mlTestScore: [
    'monitor.2',
    'monitor.3',
    'monitor.4',
    'monitor.5',
    'monitor.6',
    'monitor.7',
  ],
  debtType: 'Monitoring and testing (changes in the external world)',
  appliesToExperimental: false,
  rationale:
    'Sculley et al. (2015, §7) stress that ML systems must be monitored in production and that alerts need someone who acts on them. Breck et al. (2017, Monitor 2–7) assume dashboards and alerts with an on-call owner. Without an on-call, dashboard or runbook link on the catalog entity, the people who see a degraded model in Backstage cannot tell who is paged or where to look.',
  references: [
    'Sculley et al. 2015, Hidden Technical Debt in Machine Learning Systems, §7 (monitoring and testing)',
    'Breck et al. 2017, The ML Test Score, Monitor 2–7',
    'Backstage well-known annotations; PagerDuty, Opsgenie and Grafana community plugins',
  ],
  remediation: [
    'Add an on-call annotation (pagerduty.com/integration-key, pagerduty.com/service-id or opsgenie.com/component-selector) and a dashboard annotation (grafana/dashboard-selector or grafana/alert-label-selector) to catalog-info.yaml.',
    'Link the model’s runbook and dashboards in metadata.links with type runbook and dashboard.',
    'Route the drift and latency alerts of MON-01 and MON-02 to that on-call rotation.',
  ],
  evaluate(ctx) {
    const entity = ctx.entity!;
    const annotations = Object.keys(entity.metadata.annotations ?? {});
    const links = (entity.metadata.links ?? []) as Link[];

    const onCall = annotations.filter(k => ON_CALL_ANNOTATION.test(k));
    const observability = annotations.filter(k =>
      OBSERVABILITY_ANNOTATION.test(k),
    );
    const opsLinks = links.filter(
      l =>
        ['dashboard', 'alerts', 'runbook'].includes(
          (l.type ?? '').toLocaleLowerCase('en-US'),
        ) || LINK_TITLE.test(l.title ?? ''),
    );
    const alerting = annotations.filter(k => ALERTING_ANNOTATION.test(k));
    const alertLinks = opsLinks.filter(
      l =>
        (l.type ?? '').toLocaleLowerCase('en-US') === 'alerts' ||
        /alert/i.test(l.title ?? ''),
    );

    const evidence: Evidence[] = [
      ...[...onCall, ...observability].map(key => ({
        message: ON_CALL_ANNOTATION.test(key)
          ? 'On-call annotation.'
          : 'Observability annotation.',
        path: `${FIELD.annotations}.${key}`,
        snippet: `${key}: ${String(entity.metadata.annotations?.[key] ?? '')}`,
      })),
      ...opsLinks.map(l => ({
        message: `Operational link (${l.type ?? 'untyped'}).`,
        path: FIELD.links,
        snippet: `${l.title ?? ''} ${l.url ?? ''}`.trim(),
      })),
    ];

    if (evidence.length === 0) {
      return {
        status: 'fail',
        summary:
          'The entity has no on-call, alerting or dashboard annotation and no dashboard, alerts or runbook link.',
        evidence: [
          { message: 'No operational annotation.', path: FIELD.annotations },
          {
            message: 'No dashboard, alerts or runbook link.',
            path: FIELD.links,
          },
        ],
      };
    }
    const paged = onCall.length + alerting.length + alertLinks.length;
    if (paged === 0) {
      // The card flags only the absence of any integration; missing on-call
      // routing is reported, not scored.
      return {
        status: 'pass',
        summary:
          'The entity links dashboards or runbooks; advisory: no on-call or alerting integration, so nobody may be paged when the model degrades.',
        evidence,
      };
    }
    return {
      status: 'pass',
      summary: `The entity declares ${paged} on-call/alerting and ${
        observability.length -
        alerting.length +
        opsLinks.length -
        alertLinks.length
      } dashboard/runbook integration(s).`,
      evidence,
    };
  },
};
