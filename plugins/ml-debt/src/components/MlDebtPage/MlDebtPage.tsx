import {
  Content,
  EmptyState,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  Box,
  Button,
  Grid,
  makeStyles,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import { useCallback, useEffect, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  MlService,
  mlDebtApiRef,
  ScorecardSortField,
} from '../../api/MlDebtApi';
import { ExportButton } from './ExportButton';
import { GradeDistributionChart, TopFailingChecksChart } from './OrgCharts';
import { OrgFilters } from './OrgFilters';
import { OrgRollupTable } from './OrgRollupTable';
import { OrgScorecardTable } from './OrgScorecardTable';
import {
  FilterKey,
  hasFilters,
  OrgQuery,
  parseOrgQuery,
  toListRequest,
  toSearchParams,
} from './orgQuery';

/** Path of the entity tab (EntityContentBlueprint) under an entity page. */
export const ENTITY_TAB_PATH = 'ml-debt';

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(2),
    padding: theme.spacing(2),
  },
  code: {
    fontFamily: 'monospace',
    backgroundColor: theme.palette.background.default,
    padding: theme.spacing(1),
    display: 'block',
    whiteSpace: 'pre',
  },
}));

function isForbidden(error: unknown): boolean {
  return (
    (error instanceof ResponseError && error.statusCode === 403) ||
    (error as Error | undefined)?.name === 'NotAllowedError'
  );
}

function PermissionDenied(props: { error: Error }) {
  return (
    <EmptyState
      missing="info"
      title="You cannot see ML debt scorecards"
      description={
        <>
          Reading scorecards needs the <code>ml-debt.scorecard.read</code>{' '}
          permission, which your permission policy does not grant you. Ask the
          team that runs Backstage for access. ({props.error.message})
        </>
      }
    />
  );
}

function NoMlServices() {
  const classes = useStyles();
  return (
    <EmptyState
      missing="data"
      title="No ML services in the catalog"
      description="The ML debt scanner scores catalog entities that are ML services. Mark a component as one by giving it one of the ML types, or by annotating it:"
      action={
        <Typography component="code" className={classes.code}>
          {`# catalog-info.yaml
kind: Component
metadata:
  annotations:
    ml-debt.io/enabled: "true"   # or use spec.type below
spec:
  type: ml-service               # ml-model and ml-pipeline work too`}
        </Typography>
      }
    />
  );
}

/** How often the page looks again for the first scorecards. */
const NEVER_SCANNED_POLL_MS = 15_000;

/**
 * ML services exist but none has a scorecard yet: says when they will, lists
 * the services (each linked to its tab, where a rescan can be started) and
 * looks again by itself.
 */
function NeverScanned(props: { services: MlService[]; onRetry(): void }) {
  const classes = useStyles();
  const entityLink = useEntityRefLink();
  const { services, onRetry } = props;
  useEffect(() => {
    const timer = setTimeout(onRetry, NEVER_SCANNED_POLL_MS);
    return () => clearTimeout(timer);
  }, [onRetry]);
  return (
    <Paper>
      <div className={classes.toolbar}>
        <Typography variant="h5" component="h2">
          {`ML services (${services.length})`}
        </Typography>
        <Button variant="outlined" color="primary" onClick={onRetry}>
          Check again
        </Button>
      </div>
      <Box px={2} pb={2}>
        <Typography variant="h6" component="h3">
          No scorecards yet
        </Typography>
        <Typography>
          {`${services.length} ML service${
            services.length === 1 ? ' is' : 's are'
          } in the catalog but none has been scanned yet. Scans run on a schedule (mlDebt.schedule in app-config.yaml; the first one starts shortly after the backend does), or on demand with the Rescan button of a service's ML Debt tab. This page looks again every ${
            NEVER_SCANNED_POLL_MS / 1000
          } seconds.`}
        </Typography>
      </Box>
      <Table size="small" aria-label="ML services not scanned yet">
        <TableHead>
          <TableRow>
            <TableCell>Service</TableCell>
            <TableCell>Owner</TableCell>
            <TableCell>Lifecycle</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {services.map(service => (
            <TableRow key={service.entityRef}>
              <TableCell>
                <Link
                  to={`${entityLink(service.entityRef)}/${ENTITY_TAB_PATH}`}
                >
                  {service.title}
                </Link>
              </TableCell>
              <TableCell>{service.owner ?? '—'}</TableCell>
              <TableCell>{service.lifecycle ?? '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Paper>
  );
}

function ErrorWithRetry(props: { error: Error; onRetry(): void }) {
  return (
    <>
      <ResponseErrorPanel
        error={props.error}
        title="Could not load scorecards"
      />
      <Box mt={2}>
        <Button variant="contained" color="primary" onClick={props.onRetry}>
          Retry
        </Button>
      </Box>
    </>
  );
}

/**
 * The org-wide ML debt page: every ML service's latest scorecard, filtered,
 * sorted and paged by the backend, with rollups per team and per system, the
 * grade distribution, the most common failing checks and a CSV export. The
 * view lives in the URL's query, so it can be shared.
 */
export function MlDebtPage() {
  const classes = useStyles();
  const api = useApi(mlDebtApiRef);
  const [searchParams, setSearchParams] = useSearchParams();
  const query = useMemo(() => parseOrgQuery(searchParams), [searchParams]);
  const request = useMemo(() => toListRequest(query), [query]);
  const requestKey = JSON.stringify(request);

  const update = useCallback(
    (change: (current: OrgQuery) => OrgQuery, replace = false) =>
      setSearchParams(
        current => toSearchParams(change(parseOrgQuery(current))),
        { replace },
      ),
    [setSearchParams],
  );

  // Each part loads on its own, so the first rows show as soon as they arrive.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const list = useAsyncRetry(() => api.listScorecards(request), [requestKey]);
  const overview = useAsyncRetry(() => api.getOverview(), [api]);
  const owners = useAsyncRetry(() => api.getRollups('owner'), [api]);
  const systems = useAsyncRetry(() => api.getRollups('system'), [api]);
  const checks = useAsync(() => api.getChecks(), [api]);
  // Only when nothing is scored: are there ML services at all?
  const noScorecards = overview.value?.count === 0;
  const services = useAsyncRetry(
    async () => (noScorecards ? api.listServices() : undefined),
    [noScorecards],
  );

  const retries = [list, overview, owners, systems, services].map(s => s.retry);
  const retryAll = useCallback(
    () => retries.forEach(retry => retry()),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    retries,
  );

  const setFilter = useCallback(
    (key: FilterKey, value: string | undefined) =>
      update(
        current => ({
          ...current,
          filters: { ...current.filters, [key]: value },
          page: 0,
        }),
        key === 'q',
      ),
    [update],
  );
  const showOnly = (key: FilterKey, value: string) => {
    update(() => ({ ...query, filters: { [key]: value }, page: 0 }));
    document
      .getElementById('ml-debt-services')
      ?.scrollIntoView?.({ block: 'start' });
  };
  const sortBy = (sort: ScorecardSortField) =>
    update(current => ({
      ...current,
      sort,
      order: current.sort === sort && current.order === 'asc' ? 'desc' : 'asc',
      page: 0,
    }));

  const firstError = [list, overview, owners, systems, services].find(
    s => s.error,
  )?.error;
  if (firstError && isForbidden(firstError)) {
    return (
      <Content>
        <PermissionDenied error={firstError} />
      </Content>
    );
  }
  if (list.error || overview.error) {
    return (
      <Content>
        <ErrorWithRetry
          error={(list.error ?? overview.error)!}
          onRetry={retryAll}
        />
      </Content>
    );
  }
  if (noScorecards && !hasFilters(query.filters)) {
    // A re-check keeps showing the previous answer until the new one arrives.
    if (!services.value) {
      return services.error ? (
        <Content>
          <ErrorWithRetry error={services.error} onRetry={retryAll} />
        </Content>
      ) : (
        <Progress />
      );
    }
    return (
      <Content>
        {services.value.length === 0 ? (
          <NoMlServices />
        ) : (
          <NeverScanned services={services.value} onRetry={retryAll} />
        )}
      </Content>
    );
  }

  const page = list.value;
  return (
    <Content>
      <Grid container spacing={3}>
        <Grid item xs={12} md={5}>
          {overview.value ? (
            <GradeDistributionChart grades={overview.value.grades} />
          ) : (
            <Progress />
          )}
        </Grid>
        <Grid item xs={12} md={7}>
          {overview.value ? (
            <TopFailingChecksChart
              checks={overview.value.topFailingChecks}
              catalogue={checks.value}
              onSelect={checkId => showOnly('failingCheck', checkId)}
            />
          ) : (
            <Progress />
          )}
        </Grid>
        <Grid item xs={12}>
          <Paper id="ml-debt-services">
            <div className={classes.toolbar}>
              <Typography variant="h5" component="h2">
                {page ? `ML services (${page.totalCount})` : 'ML services'}
              </Typography>
              <ExportButton
                filters={query.filters}
                sort={query.sort}
                order={query.order}
              />
            </div>
            <Box px={2} pb={1}>
              <OrgFilters
                filters={query.filters}
                owners={
                  owners.value?.flatMap(g => (g.key ? [g.key] : [])) ?? []
                }
                systems={
                  systems.value?.flatMap(g => (g.key ? [g.key] : [])) ?? []
                }
                checks={checks.value ?? []}
                onChange={setFilter}
                onClear={() =>
                  update(current => ({ ...current, filters: {}, page: 0 }))
                }
              />
            </Box>
            {!page ? (
              <Progress />
            ) : (
              <>
                <OrgScorecardTable
                  items={page.items}
                  totalCount={page.totalCount}
                  loading={list.loading}
                  sort={query.sort}
                  order={query.order}
                  page={query.page}
                  pageSize={query.pageSize}
                  tabPath={ENTITY_TAB_PATH}
                  onSort={sortBy}
                  onPage={p => update(current => ({ ...current, page: p }))}
                  onPageSize={size =>
                    update(current => ({
                      ...current,
                      pageSize: size,
                      page: 0,
                    }))
                  }
                />
                {page.items.length === 0 && (
                  <Box p={3} textAlign="center">
                    <Typography>
                      {page.totalCount > 0
                        ? 'This page is past the end of the list.'
                        : 'No service matches these filters.'}
                    </Typography>
                    <Button
                      onClick={() =>
                        update(current => ({
                          ...current,
                          filters: page.totalCount > 0 ? current.filters : {},
                          page: 0,
                        }))
                      }
                    >
                      {page.totalCount > 0 ? 'First page' : 'Clear filters'}
                    </Button>
                  </Box>
                )}
              </>
            )}
          </Paper>
        </Grid>
        <Grid item xs={12} md={6}>
          {owners.value ? (
            <OrgRollupTable
              title="By team"
              groupLabel="Team"
              defaultKind="group"
              groups={owners.value}
              onSelect={key => showOnly('owner', key)}
            />
          ) : (
            <Progress />
          )}
        </Grid>
        <Grid item xs={12} md={6}>
          {systems.value ? (
            <OrgRollupTable
              title="By system"
              groupLabel="System"
              defaultKind="system"
              groups={systems.value}
              onSelect={key => showOnly('system', key)}
            />
          ) : (
            <Progress />
          )}
        </Grid>
      </Grid>
    </Content>
  );
}
