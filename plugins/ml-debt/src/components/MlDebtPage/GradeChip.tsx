import { Chip, makeStyles } from '@material-ui/core';
import type { Grade } from '@ml-debt/plugin-ml-debt-common';

/** Grade colours, from healthy green to failing red (white text is legible on each). */
export const GRADE_COLORS: Record<Grade, string> = {
  A: '#2e7d32',
  B: '#558b2f',
  C: '#8d6e00',
  D: '#e65100',
  F: '#c62828',
};

const useStyles = makeStyles({
  chip: { color: '#fff', fontWeight: 'bold', minWidth: 32 },
});

export function GradeChip(props: { grade: Grade }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={props.grade}
      aria-label={`Grade ${props.grade}`}
      className={classes.chip}
      style={{ backgroundColor: GRADE_COLORS[props.grade] }}
    />
  );
}
