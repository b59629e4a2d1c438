import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Box,
  IconButton,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TablePagination,
  TableRow,
} from '@material-ui/core';
import FilterListIcon from '@material-ui/icons/FilterList';
import { useMemo, useState } from 'react';
import type { RollupGroup } from '../../api/MlDebtApi';
import { GRADE_COLORS } from './GradeChip';
import { GRADES, withKind } from './orgQuery';

const useStyles = makeStyles(theme => ({
  table: {
    '& th, & td:not(:first-child)': { whiteSpace: 'nowrap' },
    '& td:first-child': { minWidth: 120 },
  },
  mix: {
    display: 'flex',
    height: 12,
    minWidth: 60,
    borderRadius: 2,
    overflow: 'hidden',
    backgroundColor: theme.palette.divider,
  },
}));

/** The grade mix of a group as one stacked bar, described in text for screen readers. */
function GradeMix(props: { grades: RollupGroup['grades']; count: number }) {
  const classes = useStyles();
  const text = GRADES.filter(g => props.grades[g] > 0)
    .map(g => `${props.grades[g]} ${g}`)
    .join(', ');
  return (
    <div
      className={classes.mix}
      role="img"
      aria-label={`Grades: ${text}`}
      title={text}
    >
      {GRADES.map(grade =>
        props.grades[grade] > 0 ? (
          <span
            key={grade}
            style={{
              width: `${(100 * props.grades[grade]) / props.count}%`,
              backgroundColor: GRADE_COLORS[grade],
            }}
          />
        ) : null,
      )}
    </div>
  );
}

const ROLLUP_PAGE_SIZES = [10, 25, 50];

/**
 * Average score, grade mix and service count per team or per system, lowest
 * average first. An estate can have hundreds of teams and systems, so the
 * table pages instead of rendering every group.
 */
export function OrgRollupTable(props: {
  title: string;
  groupLabel: string;
  defaultKind: 'group' | 'system';
  groups: RollupGroup[];
  /** Shows the list filtered to one group. */
  onSelect(key: string): void;
}) {
  const classes = useStyles();
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(ROLLUP_PAGE_SIZES[0]);
  const sorted = useMemo(
    () =>
      [...props.groups].sort(
        (a, b) =>
          a.averageScore - b.averageScore ||
          (a.key ?? '').localeCompare(b.key ?? ''),
      ),
    [props.groups],
  );
  const shown = sorted.slice(page * pageSize, (page + 1) * pageSize);
  return (
    <InfoCard title={props.title} noPadding>
      <Box overflow="auto">
        <Table
          size="small"
          aria-label={props.title}
          stickyHeader
          className={classes.table}
        >
          <TableHead>
            <TableRow>
              <TableCell>{props.groupLabel}</TableCell>
              <TableCell align="right">Avg score</TableCell>
              <TableCell>Grade mix</TableCell>
              <TableCell align="right">Services</TableCell>
              <TableCell>
                <span hidden>Actions</span>
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {shown.map(group => (
              <TableRow key={group.key ?? '(none)'}>
                <TableCell>
                  {group.key ? (
                    <EntityRefLink
                      entityRef={withKind(group.key, props.defaultKind)}
                      defaultKind={props.defaultKind}
                      hideIcon
                    />
                  ) : (
                    <em>None</em>
                  )}
                </TableCell>
                <TableCell align="right">
                  {group.averageScore.toFixed(1)}
                </TableCell>
                <TableCell>
                  <GradeMix grades={group.grades} count={group.count} />
                </TableCell>
                <TableCell align="right">{group.count}</TableCell>
                <TableCell>
                  {group.key && (
                    <IconButton
                      size="small"
                      onClick={() => props.onSelect(group.key!)}
                      aria-label={`Show the services of ${group.key}`}
                      title="Show these services in the list"
                    >
                      <FilterListIcon fontSize="small" />
                    </IconButton>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
      <TablePagination
        component="div"
        count={sorted.length}
        page={page}
        rowsPerPage={pageSize}
        rowsPerPageOptions={ROLLUP_PAGE_SIZES}
        onPageChange={(_event, next) => setPage(next)}
        onRowsPerPageChange={event => {
          setPageSize(Number(event.target.value));
          setPage(0);
        }}
      />
    </InfoCard>
  );
}
