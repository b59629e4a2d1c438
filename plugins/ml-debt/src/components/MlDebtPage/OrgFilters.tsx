import {
  Button,
  Grid,
  InputAdornment,
  makeStyles,
  MenuItem,
  TextField,
} from '@material-ui/core';
import SearchIcon from '@material-ui/icons/Search';
import { useEffect, useState } from 'react';
import type { CatalogueCheck, ScorecardFilters } from '../../api/MlDebtApi';
import { FilterKey, GRADES, hasFilters } from './orgQuery';

const useStyles = makeStyles({
  select: { minWidth: 160 },
});

/** Backstage's well-known lifecycles. */
const LIFECYCLES = ['production', 'experimental', 'deprecated'];
const SEARCH_DEBOUNCE_MS = 300;

/** `group:default/fraud-ml` and `group:fraud-ml` read as `fraud-ml` in a team list. */
function label(ref: string, defaultKind: string): string {
  const match = /^(?:([^:/]+):)?(?:([^:/]+)\/)?([^:/]+)$/.exec(ref);
  if (!match) return ref;
  const [, kind, namespace, name] = match;
  const sameKind = !kind || kind.toLocaleLowerCase('en-US') === defaultKind;
  const prefix = sameKind ? '' : `${kind}:`;
  return `${prefix}${
    namespace && namespace !== 'default' ? `${namespace}/` : ''
  }${name}`;
}

function SelectFilter(props: {
  id: string;
  label: string;
  value?: string;
  options: Array<{ value: string; label: string }>;
  onChange(value: string | undefined): void;
}) {
  const classes = useStyles();
  return (
    <TextField
      select
      id={props.id}
      label={props.label}
      variant="outlined"
      size="small"
      className={classes.select}
      value={props.value ?? ''}
      onChange={event => props.onChange(event.target.value || undefined)}
    >
      <MenuItem value="">
        <em>All</em>
      </MenuItem>
      {/* A value from a shared link that the options do not list is kept selectable. */}
      {props.value && !props.options.some(o => o.value === props.value) && (
        <MenuItem value={props.value}>{props.value}</MenuItem>
      )}
      {props.options.map(option => (
        <MenuItem key={option.value} value={option.value}>
          {option.label}
        </MenuItem>
      ))}
    </TextField>
  );
}

export interface OrgFiltersProps {
  filters: ScorecardFilters;
  owners: string[];
  systems: string[];
  checks: CatalogueCheck[];
  onChange(key: FilterKey, value: string | undefined): void;
  onClear(): void;
}

/** The list's server-side filters; every change lands in the URL. */
export function OrgFilters(props: OrgFiltersProps) {
  const { filters, onChange } = props;
  const [text, setText] = useState(filters.q ?? '');

  // Follows the URL (back button, "clear filters").
  useEffect(() => setText(filters.q ?? ''), [filters.q]);

  useEffect(() => {
    const value = text.trim() || undefined;
    if (value === filters.q) return undefined;
    const timer = setTimeout(() => onChange('q', value), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, filters.q, onChange]);

  return (
    <Grid container spacing={2} alignItems="center" role="search">
      <Grid item>
        <TextField
          id="ml-debt-filter-q"
          label="Search services"
          variant="outlined"
          size="small"
          value={text}
          onChange={event => setText(event.target.value)}
          InputProps={{
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon fontSize="small" />
              </InputAdornment>
            ),
          }}
        />
      </Grid>
      <Grid item>
        <SelectFilter
          id="ml-debt-filter-owner"
          label="Team"
          value={filters.owner}
          options={props.owners.map(o => ({
            value: o,
            label: label(o, 'group'),
          }))}
          onChange={v => onChange('owner', v)}
        />
      </Grid>
      <Grid item>
        <SelectFilter
          id="ml-debt-filter-system"
          label="System"
          value={filters.system}
          options={props.systems.map(s => ({
            value: s,
            label: label(s, 'system'),
          }))}
          onChange={v => onChange('system', v)}
        />
      </Grid>
      <Grid item>
        <SelectFilter
          id="ml-debt-filter-lifecycle"
          label="Lifecycle"
          value={filters.lifecycle}
          options={LIFECYCLES.map(l => ({ value: l, label: l }))}
          onChange={v => onChange('lifecycle', v)}
        />
      </Grid>
      <Grid item>
        <SelectFilter
          id="ml-debt-filter-grade"
          label="Grade"
          value={filters.grade}
          options={GRADES.map(g => ({ value: g, label: g }))}
          onChange={v => onChange('grade', v)}
        />
      </Grid>
      <Grid item>
        <SelectFilter
          id="ml-debt-filter-failing-check"
          label="Failing check"
          value={filters.failingCheck}
          options={props.checks.map(c => ({
            value: c.id,
            label: `${c.id} ${c.title}`,
          }))}
          onChange={v => onChange('failingCheck', v)}
        />
      </Grid>
      {hasFilters(filters) && (
        <Grid item>
          <Button onClick={props.onClear}>Clear filters</Button>
        </Grid>
      )}
    </Grid>
  );
}
