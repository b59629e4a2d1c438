import {
  Box,
  Chip,
  LinearProgress,
  List,
  ListItem,
  ListItemText,
  makeStyles,
  useTheme,
  Typography,
} from '@material-ui/core';
import { Gauge, InfoCard } from '@backstage/core-components';
import {
  Grade,
  ML_TEST_SECTION_MAX,
  ML_TEST_SECTION_TITLES,
  ML_TEST_SECTIONS,
} from '@ml-debt/plugin-ml-debt-common';
import { ServiceScorecard } from '../../api/MlDebtApi';
import { formatScore, gradeColor } from './format';

const useStyles = makeStyles(theme => ({
  gauge: { width: 180, margin: '0 auto' },
  grade: {
    fontWeight: theme.typography.fontWeightBold as number,
    color: theme.palette.common.white,
    fontSize: '1rem',
  },
  weakest: { fontWeight: theme.typography.fontWeightBold as number },
  bar: { height: 8, borderRadius: 4 },
  muted: { color: theme.palette.text.secondary },
}));

/** The grade as a coloured chip, readable on its own ("Grade B"). */
export function GradeChip(props: { grade: Grade; size?: 'small' | 'medium' }) {
  const classes = useStyles();
  const theme = useTheme();
  return (
    <Chip
      size={props.size ?? 'medium'}
      label={props.grade}
      aria-label={`Grade ${props.grade}`}
      className={classes.grade}
      style={{ backgroundColor: gradeColor(props.grade, theme.palette) }}
    />
  );
}

/** Health gauge (0–100) with the grade and, when capped, why. */
export function HealthScoreCard(props: { scorecard: ServiceScorecard }) {
  const classes = useStyles();
  const { scorecard } = props;
  const { capped, cappedBy, uncappedScore, debtIndex } = scorecard.scorecard;
  return (
    <InfoCard title="Health score" subheader="0–100, higher is healthier">
      <Box
        className={classes.gauge}
        role="img"
        aria-label={`Health score ${formatScore(
          scorecard.score,
        )} out of 100, grade ${scorecard.grade}`}
      >
        <Gauge
          value={scorecard.score}
          fractional={false}
          max={100}
          unit=""
          decimalDigits={Number.isInteger(scorecard.score) ? 0 : 1}
          getColor={({ palette }) => gradeColor(scorecard.grade, palette)}
          description={`Grade ${scorecard.grade}`}
        />
      </Box>
      <Box mt={2} textAlign="center">
        <Typography variant="h5" component="p">
          Grade {scorecard.grade}
        </Typography>
        <Typography variant="body2" className={classes.muted}>
          ML Debt Index {formatScore(debtIndex)} · {scorecard.failingChecks}{' '}
          failing {scorecard.failingChecks === 1 ? 'check' : 'checks'}
        </Typography>
        {capped && (
          <Typography variant="body2" color="error">
            Capped at 60 by critical{' '}
            {cappedBy.length === 1 ? 'check' : 'checks'} {cappedBy.join(', ')}{' '}
            (uncapped score {formatScore(uncappedScore)}).
          </Typography>
        )}
      </Box>
    </InfoCard>
  );
}

/**
 * The ML Test Score: final score out of 7, the four section sums, the band
 * text of the paper's Table V and the weakest section.
 */
export function MlTestScoreCard(props: { scorecard: ServiceScorecard }) {
  const classes = useStyles();
  const mts = props.scorecard.scorecard.mlTestScore;
  const attested = mts.tests.filter(
    t => t.attestation && !t.attestation.expired,
  );
  return (
    <InfoCard title="ML Test Score" subheader={mts.label}>
      <Typography variant="h4" component="p">
        {formatScore(mts.final)}
        <Typography component="span" variant="h6" className={classes.muted}>
          {' '}
          / {ML_TEST_SECTION_MAX}
        </Typography>
      </Typography>
      <Typography variant="body2" gutterBottom>
        {mts.band}
      </Typography>
      <List dense aria-label="ML Test Score sections">
        {ML_TEST_SECTIONS.map(section => {
          const sum = mts.sections[section];
          const weakest = section === mts.weakestSection;
          const title = ML_TEST_SECTION_TITLES[section];
          return (
            <ListItem key={section} disableGutters>
              <ListItemText
                primary={
                  <Box display="flex" justifyContent="space-between">
                    <span className={weakest ? classes.weakest : undefined}>
                      {title}
                      {weakest && ' (weakest)'}
                    </span>
                    <span>
                      {formatScore(sum)} / {ML_TEST_SECTION_MAX}
                    </span>
                  </Box>
                }
                secondary={
                  <LinearProgress
                    variant="determinate"
                    className={classes.bar}
                    value={(sum / ML_TEST_SECTION_MAX) * 100}
                    color={weakest ? 'secondary' : 'primary'}
                    aria-label={`${title}: ${formatScore(
                      sum,
                    )} of ${ML_TEST_SECTION_MAX}`}
                  />
                }
                secondaryTypographyProps={{ component: 'div' }}
              />
            </ListItem>
          );
        })}
      </List>
      {attested.length > 0 && (
        <Typography variant="body2" gutterBottom>
          Attested by the team:{' '}
          {attested
            .map(t => `${t.label} (${formatScore(t.attestedPoints)})`)
            .join(', ')}
        </Typography>
      )}
      <Typography variant="body2" className={classes.muted}>
        Final score = the weakest section (
        {ML_TEST_SECTION_TITLES[mts.weakestSection]}
        ). Its checks are ranked first in the checklist.
      </Typography>
    </InfoCard>
  );
}

/** The eleven categories with their scores; unscored ones say so. */
export function CategoryScoresCard(props: { scorecard: ServiceScorecard }) {
  const classes = useStyles();
  return (
    <InfoCard title="Category scores">
      <List dense aria-label="Category scores">
        {props.scorecard.scorecard.categories.map(category => (
          <ListItem key={category.id} disableGutters>
            <ListItemText
              primary={
                <Box display="flex" justifyContent="space-between">
                  <span>{category.title}</span>
                  <span>
                    {category.score === null
                      ? 'not scored'
                      : formatScore(category.score)}
                  </span>
                </Box>
              }
              secondary={
                category.score === null ? (
                  <span className={classes.muted}>
                    No check of this category applies.
                  </span>
                ) : (
                  <LinearProgress
                    variant="determinate"
                    className={classes.bar}
                    value={category.score}
                    aria-label={`${category.title}: ${formatScore(
                      category.score,
                    )} of 100, ${category.failing} failing, ${
                      category.warning
                    } warning`}
                  />
                )
              }
              secondaryTypographyProps={{ component: 'div' }}
            />
          </ListItem>
        ))}
      </List>
    </InfoCard>
  );
}
