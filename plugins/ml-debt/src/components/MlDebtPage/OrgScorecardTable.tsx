import { Link } from '@backstage/core-components';
import {
  EntityRefLink,
  useEntityRefLink,
} from '@backstage/plugin-catalog-react';
import {
  LinearProgress,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TablePagination,
  TableRow,
  TableSortLabel,
  Typography,
} from '@material-ui/core';
import type { ScorecardSortField, ScorecardSummary } from '../../api/MlDebtApi';
import { GradeChip } from './GradeChip';
import { PAGE_SIZES, withKind } from './orgQuery';

const useStyles = makeStyles(theme => ({
  table: {
    // Names wrap between words; numbers, grades and times stay on one line.
    // Headers wrap between words only ("Failing / checks").
    '& th': { wordBreak: 'keep-all', overflowWrap: 'normal' },
    '& td:nth-child(n+4)': { whiteSpace: 'nowrap' },
    '& td:first-child': { minWidth: 140 },
    '& td:nth-child(2), & td:nth-child(3)': { minWidth: 80 },
  },
  ref: {
    color: theme.palette.text.secondary,
    display: 'block',
    overflowWrap: 'anywhere',
  },
  up: { color: theme.palette.success.main },
  down: { color: theme.palette.error.main },
  progress: { height: 2 },
  progressSpacer: { height: 2 },
}));

interface Column {
  label: string;
  sort?: ScorecardSortField;
  numeric?: boolean;
}

const COLUMNS: Column[] = [
  { label: 'Service', sort: 'name' },
  { label: 'Owner', sort: 'owner' },
  { label: 'System', sort: 'system' },
  { label: 'Lifecycle' },
  { label: 'Score', sort: 'score', numeric: true },
  { label: 'Grade' },
  { label: 'Change', sort: 'change', numeric: true },
  { label: 'Failing checks', numeric: true },
  { label: 'Last scan', sort: 'scannedAt' },
];

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "5 minutes ago", "yesterday"; "just now" under a minute. */
export function timeAgo(iso: string, now = Date.now()): string {
  const elapsed = new Date(iso).getTime() - now;
  for (const [unit, ms] of UNITS) {
    if (Math.abs(elapsed) >= ms) {
      return relative.format(Math.round(elapsed / ms), unit);
    }
  }
  return 'just now';
}

function Change(props: { change: number | null }) {
  const classes = useStyles();
  const { change } = props;
  if (change === null) {
    return <span aria-label="No previous scan">—</span>;
  }
  if (change === 0) return <span>±0</span>;
  const up = change > 0;
  return (
    <span
      className={up ? classes.up : classes.down}
      aria-label={`${up ? 'Up' : 'Down'} ${Math.abs(change)} points`}
    >
      {up ? '▲' : '▼'} {up ? '+' : '−'}
      {Math.abs(change)}
    </span>
  );
}

export interface OrgScorecardTableProps {
  items: ScorecardSummary[];
  totalCount: number;
  /** A new page is loading; the previous rows stay visible. */
  loading: boolean;
  sort: ScorecardSortField;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
  /** Path of the ML Debt tab under an entity page. */
  tabPath: string;
  onSort(sort: ScorecardSortField): void;
  onPage(page: number): void;
  onPageSize(pageSize: number): void;
}

/** One page of the org-wide scorecard list; sorting and paging happen in the backend. */
export function OrgScorecardTable(props: OrgScorecardTableProps) {
  const classes = useStyles();
  const entityLink = useEntityRefLink();
  return (
    <>
      {props.loading ? (
        <LinearProgress
          className={classes.progress}
          aria-label="Loading scorecards"
        />
      ) : (
        <div className={classes.progressSpacer} />
      )}
      <TableContainer>
        <Table
          className={classes.table}
          size="small"
          aria-label="ML service scorecards"
          data-testid="scorecard-table"
        >
          <TableHead>
            <TableRow>
              {COLUMNS.map(column => {
                const active = column.sort === props.sort;
                return (
                  <TableCell
                    key={column.label}
                    align={column.numeric ? 'right' : 'left'}
                    sortDirection={active ? props.order : false}
                  >
                    {column.sort ? (
                      <TableSortLabel
                        active={active}
                        direction={active ? props.order : 'asc'}
                        onClick={() => props.onSort(column.sort!)}
                      >
                        {column.label}
                      </TableSortLabel>
                    ) : (
                      column.label
                    )}
                  </TableCell>
                );
              })}
            </TableRow>
          </TableHead>
          <TableBody>
            {props.items.map(item => (
              <TableRow key={item.entityRef} hover data-testid="scorecard-row">
                <TableCell>
                  <Link to={`${entityLink(item.entityRef)}/${props.tabPath}`}>
                    {item.title}
                  </Link>
                  <Typography variant="caption" className={classes.ref}>
                    {item.entityRef}
                  </Typography>
                </TableCell>
                <TableCell>
                  {item.owner ? (
                    <EntityRefLink
                      entityRef={withKind(item.owner, 'group')}
                      defaultKind="group"
                      hideIcon
                    />
                  ) : (
                    '—'
                  )}
                </TableCell>
                <TableCell>
                  {item.system ? (
                    <EntityRefLink
                      entityRef={withKind(item.system, 'system')}
                      defaultKind="system"
                      hideIcon
                    />
                  ) : (
                    '—'
                  )}
                </TableCell>
                <TableCell>{item.lifecycle ?? '—'}</TableCell>
                <TableCell align="right">{item.score.toFixed(1)}</TableCell>
                <TableCell>
                  <GradeChip grade={item.grade} />
                </TableCell>
                <TableCell align="right">
                  <Change change={item.change} />
                </TableCell>
                <TableCell align="right">{item.failingChecks}</TableCell>
                <TableCell>
                  <time dateTime={item.scannedAt} title={item.scannedAt}>
                    {timeAgo(item.scannedAt)}
                  </time>
                  {item.scanStatus === 'failed' && (
                    <Typography variant="caption" className={classes.down}>
                      {' '}
                      (last scan failed)
                    </Typography>
                  )}
                  {(item.scanStatus === 'running' ||
                    item.scanStatus === 'queued') && (
                    <Typography variant="caption" className={classes.ref}>
                      rescanning…
                    </Typography>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <TablePagination
        component="div"
        count={props.totalCount}
        page={props.page}
        rowsPerPage={props.pageSize}
        rowsPerPageOptions={PAGE_SIZES}
        onPageChange={(_event, page) => props.onPage(page)}
        onRowsPerPageChange={event =>
          props.onPageSize(Number(event.target.value))
        }
      />
    </>
  );
}
