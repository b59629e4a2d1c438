import { useMemo, useState } from 'react';
import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Box,
  Button,
  Chip,
  List,
  ListItem,
  ListItemText,
  makeStyles,
  Typography,
} from '@material-ui/core';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import {
  InfoCard,
  Link,
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { configApiRef, useApi } from '@backstage/frontend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { Entity } from '@backstage/catalog-model';
import {
  CATEGORIES,
  CategoryId,
  CheckStatus,
  getMlTest,
} from '@ml-debt/plugin-ml-debt-common';
import { ScorecardCheck, ServiceScorecard, Waiver } from '../../api/MlDebtApi';
import { formatDateTime } from '../EntityMlDebtContent/format';
import { evidenceLocation, evidenceUrl } from './evidenceLinks';
import { AttestDialog, RevokeDialog, WaiveDialog } from './WaiverDialogs';

const useStyles = makeStyles(theme => ({
  summary: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
  id: { fontFamily: 'monospace', color: theme.palette.text.secondary },
  section: { marginTop: theme.spacing(2) },
  label: { fontWeight: theme.typography.fontWeightMedium as number },
  snippet: {
    fontFamily: 'monospace',
    fontSize: '0.85em',
    background: theme.palette.background.default,
    padding: theme.spacing(0.25, 0.5),
  },
  actions: {
    display: 'flex',
    gap: theme.spacing(1),
    marginTop: theme.spacing(2),
  },
}));

const WEIGHT_LABEL: Record<number, string> = {
  3: 'critical',
  2: 'major',
  1: 'minor',
  0: 'informational',
};
const STATUS_LABEL: Record<CheckStatus, string> = {
  fail: 'Failing',
  warn: 'Warning',
  error: 'Could not run',
  pass: 'Passing',
  'not-applicable': 'Not applicable',
  waived: 'Waived',
};

/**
 * The status as a Backstage status icon and its word. The core status
 * components hide themselves from assistive technology, so the word is
 * rendered next to the icon instead of inside it.
 */
export function CheckStatusLabel(props: {
  status: CheckStatus;
  pending?: boolean;
}) {
  const label = props.pending
    ? 'Waived (from next scan)'
    : STATUS_LABEL[props.status];
  let icon: JSX.Element;
  if (props.pending || props.status === 'waived') icon = <StatusPending />;
  else if (props.status === 'fail') icon = <StatusError />;
  else if (props.status === 'warn') icon = <StatusWarning />;
  else if (props.status === 'pass') icon = <StatusOK />;
  else icon = <StatusAborted />;
  return (
    <Box component="span" display="inline-flex" alignItems="center">
      {icon}
      <span>{label}</span>
    </Box>
  );
}

const FIX_STATUSES = new Set<CheckStatus>(['fail', 'warn', 'error']);

/** The checks of a scorecard, split as the checklist shows them. */
export function splitChecks(scorecard: ServiceScorecard) {
  const activeWaivers = new Map(
    scorecard.waivers
      .filter(w => w.kind === 'waiver' && w.state === 'active')
      .map(w => [w.target, w]),
  );
  const priority = new Map(
    scorecard.scorecard.checklist.map(i => [i.id, i.priority]),
  );
  const toFix = scorecard.checks
    .filter(c => FIX_STATUSES.has(c.status) && !activeWaivers.has(c.id))
    .sort((a, b) => (priority.get(b.id) ?? 0) - (priority.get(a.id) ?? 0));
  const waived = scorecard.checks.filter(
    c =>
      c.status === 'waived' ||
      (FIX_STATUSES.has(c.status) && activeWaivers.has(c.id)),
  );
  const passing = scorecard.checks.filter(c => c.status === 'pass');
  const notApplicable = scorecard.checks.filter(
    c => c.status === 'not-applicable',
  );
  const attestations = scorecard.waivers.filter(
    w => w.kind === 'attestation' && w.state === 'active',
  );
  return {
    toFix,
    waived,
    passing,
    notApplicable,
    attestations,
    activeWaivers,
    priority,
  };
}

/**
 * Groups checks by category, keeping their order: a category comes where its
 * most urgent check is, and its checks stay in priority order.
 */
export function groupByCategory(checks: ScorecardCheck[]) {
  const groups = new Map<CategoryId, ScorecardCheck[]>();
  for (const check of checks) {
    const group = groups.get(check.category) ?? [];
    group.push(check);
    groups.set(check.category, group);
  }
  return [...groups.entries()].map(([id, items]) => ({
    id,
    title: CATEGORIES.find(c => c.id === id)?.title ?? id,
    items,
  }));
}

interface Permissions {
  canWaive: boolean;
  canRevoke: boolean;
}

type DialogState =
  | { type: 'waive'; check: ScorecardCheck }
  | { type: 'attest'; check: ScorecardCheck }
  | { type: 'revoke'; waiver: Waiver };

function Evidence(props: { check: ScorecardCheck; entity?: Entity }) {
  const classes = useStyles();
  const config = useApi(configApiRef);
  const integrations = useMemo(
    () => ScmIntegrations.fromConfig(config),
    [config],
  );
  if (!props.check.evidence.length) return null;
  return (
    <Box className={classes.section}>
      <Typography variant="subtitle2" component="h5">
        Evidence
      </Typography>
      <List dense disablePadding>
        {props.check.evidence.map((evidence, i) => {
          const location = evidenceLocation(evidence);
          const url = evidenceUrl(evidence, props.entity, integrations);
          return (
            <ListItem key={i} disableGutters>
              <ListItemText
                primary={
                  <>
                    {location &&
                      (url ? (
                        <Link to={url} className={classes.snippet}>
                          {location}
                        </Link>
                      ) : (
                        <span className={classes.snippet}>{location}</span>
                      ))}
                    {location && ' — '}
                    {evidence.message}
                    {evidence.unknown && ' (could not be read)'}
                  </>
                }
                secondary={
                  evidence.snippet && (
                    <code className={classes.snippet}>{evidence.snippet}</code>
                  )
                }
              />
            </ListItem>
          );
        })}
      </List>
    </Box>
  );
}

function CheckDetails(props: {
  check: ScorecardCheck;
  entity?: Entity;
  waiver?: Waiver;
  permissions: Permissions;
  onAction: (dialog: DialogState) => void;
}) {
  const { check, entity, waiver, permissions, onAction } = props;
  const classes = useStyles();
  const fixable = FIX_STATUSES.has(check.status) && !waiver;
  return (
    <Box width="100%">
      <Typography variant="body1">{check.summary}</Typography>
      {waiver && (
        <Typography variant="body2" className={classes.section}>
          <span className={classes.label}>Waived</span> by {waiver.author} until{' '}
          {waiver.expiresAt ? formatDateTime(waiver.expiresAt) : 'revoked'}:{' '}
          {waiver.reason}
          {check.status !== 'waived' &&
            ' — the score changes at the next scan.'}
        </Typography>
      )}
      <Box className={classes.section}>
        <Typography variant="subtitle2" component="h5">
          Why it matters
        </Typography>
        <Typography variant="body2">{check.rationale}</Typography>
        <Typography variant="body2" color="textSecondary">
          Debt type: {check.debtType}
          {check.references.length > 0 && (
            <> · Sources: {check.references.join('; ')}</>
          )}
        </Typography>
      </Box>
      <Evidence check={check} entity={entity} />
      <Box className={classes.section}>
        <Typography variant="subtitle2" component="h5">
          How to fix it
        </Typography>
        <ol>
          {check.remediation.map((step, i) => (
            <li key={i}>
              <Typography variant="body2">{step}</Typography>
            </li>
          ))}
        </ol>
      </Box>
      {check.mlTestScore.length > 0 && (
        <Typography variant="body2" color="textSecondary">
          Feeds ML Test Score{' '}
          {check.mlTestScore.map(id => getMlTest(id)?.label ?? id).join(', ')}
        </Typography>
      )}
      <Box className={classes.actions}>
        {fixable && (
          <Button
            variant="outlined"
            size="small"
            disabled={!permissions.canWaive}
            onClick={() => onAction({ type: 'waive', check })}
            aria-label={`Waive ${check.id}`}
            title={
              permissions.canWaive
                ? undefined
                : 'Only the service owners may waive checks'
            }
          >
            Waive…
          </Button>
        )}
        {fixable && check.mlTestScore.length > 0 && (
          <Button
            variant="outlined"
            size="small"
            disabled={!permissions.canWaive}
            onClick={() => onAction({ type: 'attest', check })}
            aria-label={`Attest an ML Test Score test of ${check.id}`}
          >
            Attest ML Test Score…
          </Button>
        )}
        {waiver && (
          <Button
            variant="outlined"
            size="small"
            disabled={!permissions.canRevoke}
            onClick={() => onAction({ type: 'revoke', waiver })}
            aria-label={`Revoke the waiver of ${check.id}`}
          >
            Revoke waiver
          </Button>
        )}
      </Box>
    </Box>
  );
}

function CheckItem(props: {
  check: ScorecardCheck;
  entity?: Entity;
  waiver?: Waiver;
  defaultExpanded?: boolean;
  permissions: Permissions;
  onAction: (dialog: DialogState) => void;
}) {
  const { check, waiver } = props;
  const classes = useStyles();
  const detailsId = `ml-debt-check-${check.id}`;
  return (
    <Accordion
      defaultExpanded={props.defaultExpanded}
      TransitionProps={{ unmountOnExit: false }}
    >
      <AccordionSummary
        expandIcon={<ExpandMoreIcon />}
        aria-controls={detailsId}
        id={`${detailsId}-header`}
      >
        <Box className={classes.summary}>
          <CheckStatusLabel
            status={check.status}
            pending={!!waiver && check.status !== 'waived'}
          />
          <Typography component="h4" variant="subtitle1">
            {check.title}
          </Typography>
          <span className={classes.id}>{check.id}</span>
          <Chip
            size="small"
            label={WEIGHT_LABEL[check.weight] ?? `weight ${check.weight}`}
          />
          {check.advisory && (
            <Chip size="small" variant="outlined" label="advisory" />
          )}
        </Box>
      </AccordionSummary>
      <AccordionDetails id={detailsId}>
        <CheckDetails {...props} />
      </AccordionDetails>
    </Accordion>
  );
}

/**
 * The remediation checklist: what to fix first (failing and warning checks by
 * priority, grouped by category), what is waived or attested, and the passing
 * checks folded away.
 */
export function RemediationChecklist(props: {
  scorecard: ServiceScorecard;
  entity?: Entity;
  permissions: Permissions;
  onChanged: () => void;
}) {
  const { scorecard, entity, permissions, onChanged } = props;
  const classes = useStyles();
  const [dialog, setDialog] = useState<DialogState>();
  const split = useMemo(() => splitChecks(scorecard), [scorecard]);
  const groups = groupByCategory(split.toFix);
  const closeAndRefresh = () => {
    setDialog(undefined);
    onChanged();
  };
  let rank = 0;

  return (
    <InfoCard
      title="Remediation checklist"
      subheader="Most urgent first: severity × gap × confidence, doubled for the weakest ML Test Score section"
    >
      <Typography variant="h6" component="h3">
        To fix ({split.toFix.length})
      </Typography>
      {split.toFix.length === 0 && (
        <Typography variant="body2">
          Nothing to fix: every applicable check passes or is waived.
        </Typography>
      )}
      {groups.map(group => (
        <Box
          key={group.id}
          className={classes.section}
          component="section"
          aria-label={group.title}
        >
          <Typography variant="subtitle1" component="h4" gutterBottom>
            {group.title}
          </Typography>
          {group.items.map(check => {
            rank += 1;
            return (
              <CheckItem
                key={check.id}
                check={check}
                entity={entity}
                defaultExpanded={rank <= 3}
                permissions={permissions}
                onAction={setDialog}
              />
            );
          })}
        </Box>
      ))}

      {(split.waived.length > 0 || split.attestations.length > 0) && (
        <Box
          className={classes.section}
          component="section"
          aria-label="Waived and attested"
        >
          <Typography variant="h6" component="h3">
            Waived and attested (
            {split.waived.length + split.attestations.length})
          </Typography>
          {split.waived.map(check => (
            <CheckItem
              key={check.id}
              check={check}
              entity={entity}
              waiver={split.activeWaivers.get(check.id) ?? check.waiver}
              permissions={permissions}
              onAction={setDialog}
            />
          ))}
          {split.attestations.length > 0 && (
            <List aria-label="Attestations">
              {split.attestations.map(attestation => {
                const test = getMlTest(attestation.target);
                return (
                  <ListItem key={attestation.id} disableGutters>
                    <ListItemText
                      primary={
                        <>
                          <StatusPending />
                          Attested{' '}
                          {test
                            ? `${test.label}: ${test.title}`
                            : attestation.target}{' '}
                          (
                          {attestation.status === 'automated'
                            ? 'automated'
                            : 'by hand'}
                          )
                        </>
                      }
                      secondary={`By ${attestation.author} on ${formatDateTime(
                        attestation.createdAt,
                      )}: ${attestation.reason}${
                        attestation.evidence
                          ? ` — evidence: ${attestation.evidence}`
                          : ''
                      }`}
                    />
                    <Button
                      size="small"
                      variant="outlined"
                      disabled={!permissions.canRevoke}
                      onClick={() =>
                        setDialog({ type: 'revoke', waiver: attestation })
                      }
                      aria-label={`Revoke the attestation of ${attestation.target}`}
                    >
                      Revoke
                    </Button>
                  </ListItem>
                );
              })}
            </List>
          )}
        </Box>
      )}

      <Accordion className={classes.section}>
        <AccordionSummary
          expandIcon={<ExpandMoreIcon />}
          aria-controls="ml-debt-passing"
          id="ml-debt-passing-header"
        >
          <Typography variant="h6" component="h3">
            Passing checks ({split.passing.length})
          </Typography>
        </AccordionSummary>
        <AccordionDetails id="ml-debt-passing">
          <List dense aria-label="Passing checks">
            {split.passing.map(check => (
              <ListItem key={check.id} disableGutters>
                <ListItemText
                  primary={
                    <>
                      <StatusOK />
                      {check.title}{' '}
                      <span className={classes.id}>{check.id}</span>
                    </>
                  }
                  secondary={check.summary}
                />
              </ListItem>
            ))}
          </List>
        </AccordionDetails>
      </Accordion>
      {split.notApplicable.length > 0 && (
        <Typography
          variant="body2"
          color="textSecondary"
          className={classes.section}
        >
          Not applicable to this service:{' '}
          {split.notApplicable.map(c => c.id).join(', ')}.
        </Typography>
      )}

      {dialog?.type === 'waive' && (
        <WaiveDialog
          entityRef={scorecard.entityRef}
          check={dialog.check}
          onClose={() => setDialog(undefined)}
          onSaved={closeAndRefresh}
        />
      )}
      {dialog?.type === 'attest' && (
        <AttestDialog
          entityRef={scorecard.entityRef}
          check={dialog.check}
          onClose={() => setDialog(undefined)}
          onSaved={closeAndRefresh}
        />
      )}
      {dialog?.type === 'revoke' && (
        <RevokeDialog
          waiver={dialog.waiver}
          onClose={() => setDialog(undefined)}
          onSaved={closeAndRefresh}
        />
      )}
    </InfoCard>
  );
}
