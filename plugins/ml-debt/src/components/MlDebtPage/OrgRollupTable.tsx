import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Box,
  Button,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
} from '@material-ui/core';
import type { RollupGroup } from '../../api/MlDebtApi';
import { GRADE_COLORS } from './GradeChip';
import { GRADES, withKind } from './orgQuery';

const useStyles = makeStyles(theme => ({
  table: { '& th, & td': { whiteSpace: 'nowrap' } },
  mix: {
    display: 'flex',
    height: 12,
    minWidth: 120,
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
    <Tooltip title={text}>
      <div className={classes.mix} role="img" aria-label={`Grades: ${text}`}>
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
    </Tooltip>
  );
}

/** Average score, grade mix and service count per team or per system. */
export function OrgRollupTable(props: {
  title: string;
  groupLabel: string;
  defaultKind: 'group' | 'system';
  groups: RollupGroup[];
  /** Shows the list filtered to one group. */
  onSelect(key: string): void;
}) {
  const classes = useStyles();
  return (
    <InfoCard title={props.title} noPadding>
      <Box maxHeight={420} overflow="auto">
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
            {props.groups.map(group => (
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
                    <Button
                      size="small"
                      onClick={() => props.onSelect(group.key!)}
                      aria-label={`Show the services of ${group.key}`}
                    >
                      Show
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </InfoCard>
  );
}
