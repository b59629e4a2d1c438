import { useCallback } from 'react';
import { Box, Button, Grid, Typography } from '@material-ui/core';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  isMlService,
  mlDebtScanTriggerPermission,
  mlDebtWaiverCreatePermission,
  mlDebtWaiverRevokePermission,
} from '@ml-debt/plugin-ml-debt-common';
import { CatalogRuleWarnings } from '../CatalogRuleWarnings';
import { RemediationChecklist } from '../RemediationChecklist';
import { formatDateTime, timeAgo } from './format';
import { RescanButton, RescanStatus } from './RescanControl';
import {
  CategoryScoresCard,
  GradeChip,
  HealthScoreCard,
  MlTestScoreCard,
} from './ScoreCards';
import { ScoreTrendCard } from './ScoreTrendCard';
import {
  statusOf,
  useRescan,
  useServiceScorecard,
} from './useServiceScorecard';

/** The page shown when the backend refuses to show the scorecard. */
function PermissionDenied() {
  return (
    <WarningPanel
      severity="warning"
      defaultExpanded
      title="You do not have permission to see this scorecard"
      message="Reading ML debt scorecards needs the ml-debt.scorecard.read permission on this service. Ask a portal admin for access."
    />
  );
}

/**
 * The "ML Debt" tab of an ML service's entity page: health score and grade,
 * the ML Test Score, category scores, the trend, the last scan with a Rescan
 * button, and the remediation checklist.
 *
 * @public
 */
export function EntityMlDebtContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const mlService = isMlService(entity);
  const { value, loading, error, retry } = useServiceScorecard(entityRef);
  const onComplete = useCallback(() => retry(), [retry]);
  const { state: rescanState, rescan } = useRescan(entityRef, {
    onComplete,
    initialScan:
      value?.kind === 'unscanned' ? value.lastScan : value?.scorecard.lastScan,
  });
  const canRescan = usePermission({
    permission: mlDebtScanTriggerPermission,
    resourceRef: entityRef,
  });
  const canWaive = usePermission({
    permission: mlDebtWaiverCreatePermission,
    resourceRef: entityRef,
  });
  const canRevoke = usePermission({
    permission: mlDebtWaiverRevokePermission,
    resourceRef: entityRef,
  });
  // While the permission check loads, keep the buttons usable: the backend
  // has the last word and its 403 is shown.
  const rescanAllowed = canRescan.loading || canRescan.allowed;

  if (!mlService) {
    return (
      <EmptyState
        missing="field"
        title="Not an ML service"
        description='ML Debt Scorecards scan components of type ml-service, ml-model or ml-pipeline, and entities annotated with ml-debt.io/enabled: "true".'
      />
    );
  }
  if (loading && !value) {
    return <Progress aria-label="Loading the ML debt scorecard" />;
  }
  if (error) {
    if (statusOf(error) === 403) return <PermissionDenied />;
    return (
      <Box>
        <ResponseErrorPanel
          error={error}
          title="Could not load the ML debt scorecard"
        />
        <Box mt={2}>
          <Button variant="outlined" color="primary" onClick={retry}>
            Try again
          </Button>
        </Box>
      </Box>
    );
  }
  if (!value) return null;

  const rescanControls = (
    <RescanButton
      state={rescanState}
      onRescan={rescan}
      allowed={rescanAllowed}
      variant={value.kind === 'unscanned' ? 'contained' : 'outlined'}
    />
  );

  if (value.kind === 'unscanned') {
    const failed =
      value.lastScan?.status === 'failed' ? value.lastScan : undefined;
    return (
      <Box>
        <EmptyState
          missing="data"
          title={
            failed ? 'The last scan of this service failed' : 'Not scanned yet'
          }
          description={
            failed
              ? `The scanner could not build a scorecard: ${
                  failed.error ?? 'no reason given'
                }. Fix the cause and rescan.`
              : "ML Debt Scorecards scans every ML service on a schedule (by default every hour, the first cycle about a minute after the backend starts). Rescan to get this service's scorecard now."
          }
          action={rescanControls}
        />
        <RescanStatus state={rescanState} />
      </Box>
    );
  }

  const { scorecard, history } = value;
  return (
    <Grid container spacing={3} alignItems="stretch">
      <Grid item xs={12}>
        <Box
          display="flex"
          alignItems="center"
          flexWrap="wrap"
          style={{ gap: 16 }}
        >
          <Typography variant="h5" component="h2">
            ML debt of {scorecard.title}
          </Typography>
          <GradeChip grade={scorecard.grade} />
          <Box flexGrow={1} />
          <Typography variant="body2" color="textSecondary">
            Last scan{' '}
            <time
              dateTime={scorecard.scannedAt}
              title={formatDateTime(scorecard.scannedAt)}
            >
              {timeAgo(scorecard.scannedAt)}
            </time>
            {scorecard.scanStatus === 'failed' &&
              ' · the latest scan failed, showing the last good scorecard'}
          </Typography>
          {rescanControls}
        </Box>
        <RescanStatus state={rescanState} />
      </Grid>
      <Grid item xs={12} md={4}>
        <HealthScoreCard scorecard={scorecard} />
      </Grid>
      <Grid item xs={12} md={4}>
        <MlTestScoreCard scorecard={scorecard} />
      </Grid>
      <Grid item xs={12} md={4}>
        <CategoryScoresCard scorecard={scorecard} />
      </Grid>
      <Grid item xs={12}>
        <ScoreTrendCard history={history} />
      </Grid>
      {/* The catalog's warning rules this entity breaks; nothing when none. */}
      <Grid item xs={12}>
        <CatalogRuleWarnings />
      </Grid>
      <Grid item xs={12}>
        <RemediationChecklist
          scorecard={scorecard}
          entity={entity}
          permissions={{
            canWaive: canWaive.loading || canWaive.allowed,
            canRevoke: canRevoke.loading || canRevoke.allowed,
          }}
          onChanged={retry}
        />
      </Grid>
    </Grid>
  );
}
