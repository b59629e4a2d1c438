import { InfoCard } from '@backstage/core-components';
import { makeStyles, Typography } from '@material-ui/core';
import type { Grade } from '@ml-debt/plugin-ml-debt-common';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { CatalogueCheck, ScorecardOverview } from '../../api/MlDebtApi';
import { GRADES } from './orgQuery';
import { GRADE_COLORS } from './GradeChip';

/** Drawn at this size until the container is measured, so the first paint has bars. */
const INITIAL_SIZE = { width: 480, height: 260 };

const useStyles = makeStyles(theme => ({
  figure: { margin: 0, height: 260 },
  chart: { height: '100%' },
  visuallyHidden: {
    position: 'absolute',
    width: 1,
    height: 1,
    padding: 0,
    margin: -1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
  empty: { padding: theme.spacing(2) },
}));

/** Text alternative of a chart: a list screen readers read instead of the SVG. */
function ChartText(props: { caption: string; rows: Array<[string, number]> }) {
  const classes = useStyles();
  return (
    <figcaption className={classes.visuallyHidden}>
      {props.caption}
      <ul>
        {props.rows.map(([label, value]) => (
          <li key={label}>{`${label}: ${value}`}</li>
        ))}
      </ul>
    </figcaption>
  );
}

/** Number of services per grade, A to F. */
export function GradeDistributionChart(props: {
  grades: Record<Grade, number>;
}) {
  const classes = useStyles();
  const data = GRADES.map(grade => ({ grade, services: props.grades[grade] }));
  const summary = data.map(d => `${d.grade} ${d.services}`).join(', ');
  return (
    <InfoCard title="Grade distribution" subheader="Services per grade">
      <figure
        className={classes.figure}
        data-testid="grade-distribution-chart"
        aria-label={`Grade distribution: ${summary}`}
      >
        <ChartText
          caption="Services per grade"
          rows={data.map(d => [`Grade ${d.grade}`, d.services])}
        />
        <div className={classes.chart} aria-hidden>
          <ResponsiveContainer
            width="100%"
            height="100%"
            initialDimension={INITIAL_SIZE}
          >
            <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="grade" />
              <YAxis allowDecimals={false} width={48} />
              <Tooltip />
              <Bar dataKey="services" name="Services" isAnimationActive={false}>
                {data.map(d => (
                  <Cell key={d.grade} fill={GRADE_COLORS[d.grade]} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
      </figure>
    </InfoCard>
  );
}

/** The checks failing on the most services; a bar filters the list by its check. */
export function TopFailingChecksChart(props: {
  checks: ScorecardOverview['topFailingChecks'];
  catalogue?: CatalogueCheck[];
  onSelect?: (checkId: string) => void;
}) {
  const classes = useStyles();
  const titleOf = new Map(props.catalogue?.map(c => [c.id, c.title]));
  const data = props.checks.map(c => ({
    checkId: c.checkId,
    title: titleOf.get(c.checkId) ?? c.checkId,
    services: c.count,
  }));
  return (
    <InfoCard
      title="Most common failing checks"
      subheader="Services on which each check fails or warns"
    >
      {data.length === 0 ? (
        <Typography className={classes.empty} data-testid="top-checks-chart">
          No check fails on any service.
        </Typography>
      ) : (
        <figure
          className={classes.figure}
          data-testid="top-checks-chart"
          aria-label={`Most common failing checks: ${data
            .map(d => `${d.checkId} ${d.services}`)
            .join(', ')}`}
        >
          <ChartText
            caption="Services failing each check"
            rows={data.map(d => [`${d.checkId} ${d.title}`, d.services])}
          />
          <div className={classes.chart} aria-hidden>
            <ResponsiveContainer
              width="100%"
              height="100%"
              initialDimension={INITIAL_SIZE}
            >
              <BarChart
                data={data}
                layout="vertical"
                margin={{ top: 8, right: 16, bottom: 8 }}
              >
                <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                <XAxis type="number" allowDecimals={false} />
                <YAxis type="category" dataKey="checkId" width={64} />
                <Tooltip
                  labelFormatter={(id: string) =>
                    `${id} ${titleOf.get(id) ?? ''}`.trim()
                  }
                />
                <Bar
                  dataKey="services"
                  name="Services"
                  fill="#d32f2f"
                  isAnimationActive={false}
                  cursor={props.onSelect ? 'pointer' : undefined}
                  onClick={
                    props.onSelect
                      ? (entry: { checkId: string }) =>
                          props.onSelect?.(entry.checkId)
                      : undefined
                  }
                />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </figure>
      )}
    </InfoCard>
  );
}
