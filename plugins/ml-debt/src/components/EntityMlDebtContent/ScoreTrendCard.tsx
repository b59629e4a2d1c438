import { Typography, useTheme } from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { HistoryEntry } from '../../api/MlDebtApi';
import {
  formatDateTime,
  formatScore,
  formatShortDate,
  formatShortTime,
} from './format';

interface TrendPoint {
  scannedAt: string;
  time: number;
  score: number;
  grade: string;
}

/** Successful scans, oldest first: the points of the trend line. */
export function trendPoints(history: HistoryEntry[]): TrendPoint[] {
  return history
    .filter(entry => entry.status === 'succeeded' && entry.score !== null)
    .map(entry => ({
      scannedAt: entry.scannedAt,
      time: new Date(entry.scannedAt).getTime(),
      score: entry.score as number,
      grade: entry.grade ?? '',
    }))
    .sort((a, b) => a.time - b.time);
}

/** Health score over time, one point per successful scan. */
export function ScoreTrendCard(props: { history: HistoryEntry[] }) {
  const theme = useTheme();
  const points = trendPoints(props.history);
  const failed = props.history.filter(h => h.status === 'failed').length;
  const first = points[0];
  const last = points[points.length - 1];
  // Scans within a day of each other are told apart by their time.
  const shortDay = !!first && !!last && last.time - first.time < 2 * 86_400_000;
  const summary =
    first && last && points.length > 1
      ? `Health score trend over ${points.length} scans: from ${formatScore(
          first.score,
        )} on ${formatDateTime(first.scannedAt)} to ${formatScore(
          last.score,
        )} on ${formatDateTime(last.scannedAt)}.`
      : 'Only one scan so far: the trend appears after the next scan.';
  return (
    <InfoCard
      title="Score over time"
      subheader={
        failed
          ? `${failed} failed ${failed === 1 ? 'scan' : 'scans'} left out`
          : undefined
      }
    >
      <div role="img" aria-label={summary}>
        {points.length > 1 ? (
          <ResponsiveContainer width="100%" height={240}>
            <LineChart data={points} margin={{ top: 8, right: 16, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis
                dataKey="time"
                type="number"
                scale="time"
                domain={['dataMin', 'dataMax']}
                tickFormatter={(t: number) =>
                  shortDay
                    ? formatShortTime(new Date(t).toISOString())
                    : formatShortDate(new Date(t).toISOString())
                }
              />
              <YAxis domain={[0, 100]} allowDecimals={false} width={40} />
              <Tooltip
                labelFormatter={(t: number) =>
                  formatDateTime(new Date(t).toISOString())
                }
                formatter={(value: number, _name, item) => [
                  `${formatScore(value)} (grade ${item.payload.grade})`,
                  'Health score',
                ]}
              />
              <Line
                type="monotone"
                dataKey="score"
                stroke={theme.palette.primary.main}
                strokeWidth={2}
                dot
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        ) : (
          <Typography variant="body2">{summary}</Typography>
        )}
      </div>
    </InfoCard>
  );
}
