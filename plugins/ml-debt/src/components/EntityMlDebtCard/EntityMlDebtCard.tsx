import {
  Box,
  Button,
  List,
  ListItem,
  ListItemText,
  makeStyles,
  Typography,
} from '@material-ui/core';
import ArrowDownwardIcon from '@material-ui/icons/ArrowDownward';
import ArrowUpwardIcon from '@material-ui/icons/ArrowUpward';
import ArrowForwardIcon from '@material-ui/icons/ArrowForward';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity, useEntityRefLink } from '@backstage/plugin-catalog-react';
import { isMlService } from '@ml-debt/plugin-ml-debt-common';
import { ServiceScorecard } from '../../api/MlDebtApi';
import { formatScore, timeAgo } from '../EntityMlDebtContent/format';
import { GradeChip } from '../EntityMlDebtContent/ScoreCards';
import {
  statusOf,
  useServiceScorecard,
} from '../EntityMlDebtContent/useServiceScorecard';
import {
  CheckStatusLabel,
  splitChecks,
} from '../RemediationChecklist/RemediationChecklist';

const useStyles = makeStyles(theme => ({
  score: { display: 'flex', alignItems: 'center', gap: theme.spacing(2) },
  up: { color: theme.palette.success?.main ?? theme.palette.primary.main },
  down: { color: theme.palette.error.main },
  flat: { color: theme.palette.text.secondary },
}));

/** Score change since the previous scan, as an arrow with its meaning spelled out. */
export function TrendArrow(props: { change: number | null }) {
  const classes = useStyles();
  const { change } = props;
  if (change === null) {
    return (
      <Typography variant="body2" className={classes.flat}>
        First scan
      </Typography>
    );
  }
  let label = 'Unchanged since the previous scan';
  let Icon = ArrowForwardIcon;
  let cls = classes.flat;
  if (change > 0) {
    label = `Up ${formatScore(change)} since the previous scan`;
    Icon = ArrowUpwardIcon;
    cls = classes.up;
  } else if (change < 0) {
    label = `Down ${formatScore(-change)} since the previous scan`;
    Icon = ArrowDownwardIcon;
    cls = classes.down;
  }
  return (
    <Box
      display="flex"
      alignItems="center"
      className={cls}
      role="img"
      aria-label={label}
    >
      <Icon fontSize="small" />
      <Typography variant="body2" component="span" aria-hidden>
        {change > 0 ? '+' : ''}
        {formatScore(change)}
      </Typography>
    </Box>
  );
}

function CardBody(props: { scorecard: ServiceScorecard }) {
  const classes = useStyles();
  const { scorecard } = props;
  const top = splitChecks(scorecard).toFix.slice(0, 3);
  return (
    <>
      <Box className={classes.score}>
        <Typography
          variant="h3"
          component="p"
          aria-label={`Health score ${formatScore(scorecard.score)} out of 100`}
        >
          {formatScore(scorecard.score)}
        </Typography>
        <GradeChip grade={scorecard.grade} />
        <TrendArrow change={scorecard.change} />
      </Box>
      <Typography variant="body2" color="textSecondary">
        ML Test Score {formatScore(scorecard.mlTestScore)} / 7 · scanned{' '}
        {timeAgo(scorecard.scannedAt)}
      </Typography>
      <Typography variant="subtitle2" component="h3" style={{ marginTop: 16 }}>
        Top items to fix
      </Typography>
      {top.length === 0 ? (
        <Typography variant="body2">
          Nothing to fix: every applicable check passes or is waived.
        </Typography>
      ) : (
        <List dense aria-label="Top items to fix">
          {top.map(check => (
            <ListItem key={check.id} disableGutters>
              <ListItemText
                primary={
                  <>
                    <CheckStatusLabel status={check.status} /> {check.title}
                  </>
                }
                secondary={`${check.id} · ${check.summary}`}
              />
            </ListItem>
          ))}
        </List>
      )}
    </>
  );
}

/**
 * A card for an ML service's overview tab: score, grade, trend since the last
 * scan, the three most urgent items to fix and a link to the ML Debt tab.
 *
 * @public
 */
export function EntityMlDebtCard(props: { tabPath?: string } = {}) {
  const { tabPath = 'ml-debt' } = props;
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const entityLink = useEntityRefLink();
  const { value, loading, error, retry } = useServiceScorecard(entityRef, {
    historyLimit: 0,
  });
  const tabLink = `${entityLink(entity).replace(/\/$/, '')}/${tabPath}`;

  if (!isMlService(entity)) {
    return (
      <InfoCard title="ML Debt">
        <Typography variant="body2">
          Not an ML service: ML Debt Scorecards do not scan this entity.
        </Typography>
      </InfoCard>
    );
  }

  let body: JSX.Element;
  if (loading && !value) {
    body = <Progress aria-label="Loading the ML debt score" />;
  } else if (error) {
    body =
      statusOf(error) === 403 ? (
        <Typography variant="body2">
          You do not have permission to see this service's ML debt scorecard.
        </Typography>
      ) : (
        <>
          <ResponseErrorPanel
            error={error}
            title="Could not load the ML debt score"
          />
          <Button variant="outlined" size="small" onClick={retry}>
            Try again
          </Button>
        </>
      );
  } else if (!value || value.kind === 'unscanned') {
    body = (
      <Typography variant="body2">
        {value?.kind === 'unscanned' && value.lastScan?.status === 'failed'
          ? `The last scan failed: ${
              value.lastScan.error ?? 'no reason given'
            }.`
          : 'Not scanned yet. ML services are scanned on a schedule; you can rescan from the ML Debt tab.'}
      </Typography>
    );
  } else {
    body = <CardBody scorecard={value.scorecard} />;
  }
  return (
    <InfoCard
      title="ML Debt"
      deepLink={{ title: 'View the ML debt scorecard', link: tabLink }}
    >
      {body}
    </InfoCard>
  );
}
