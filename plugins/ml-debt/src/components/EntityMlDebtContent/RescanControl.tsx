import { Box, Button, LinearProgress, Typography } from '@material-ui/core';
import RefreshIcon from '@material-ui/icons/Refresh';
import { WarningPanel } from '@backstage/core-components';
import { RescanState, statusOf } from './useServiceScorecard';
import { timeAgo } from './format';

/** The Rescan button: disabled while a rescan runs or when the policy denies it. */
export function RescanButton(props: {
  state: RescanState;
  onRescan: () => void;
  allowed: boolean;
  variant?: 'contained' | 'outlined';
}) {
  const { state, onRescan, allowed, variant = 'outlined' } = props;
  const busy = state.phase === 'requesting' || state.phase === 'scanning';
  return (
    <Button
      variant={variant}
      color="primary"
      startIcon={<RefreshIcon />}
      onClick={onRescan}
      disabled={busy || !allowed}
      aria-label={busy ? 'Rescan in progress' : 'Rescan this service now'}
      title={
        allowed
          ? undefined
          : 'You do not have permission to rescan this service'
      }
    >
      {busy ? 'Rescanning…' : 'Rescan'}
    </Button>
  );
}

/**
 * What the rescan is doing: a progress bar while the scan is queued or
 * running, its outcome once it is over, or why it could not start. Announced
 * to screen readers as it changes.
 */
export function RescanStatus(props: { state: RescanState }) {
  const { state } = props;
  let content: JSX.Element | null = null;
  if (state.phase === 'requesting') {
    content = (
      <>
        <Typography variant="body2">Requesting a rescan…</Typography>
        <LinearProgress aria-label="Requesting a rescan" />
      </>
    );
  } else if (state.phase === 'scanning') {
    const started = state.scan.startedAt
      ? `, started ${timeAgo(state.scan.startedAt)}`
      : '';
    content = (
      <>
        <Typography variant="body2">
          {state.scan.status === 'queued'
            ? 'Scan queued…'
            : `Scanning the repository${started}…`}{' '}
          The scorecard refreshes when the scan is over.
        </Typography>
        <LinearProgress aria-label="Scan in progress" />
      </>
    );
  } else if (state.phase === 'done') {
    content =
      state.scan.status === 'failed' ? (
        <WarningPanel
          severity="error"
          title="The rescan failed"
          message={state.scan.error ?? 'The scanner gave no reason.'}
        />
      ) : (
        <Typography variant="body2">
          Rescan complete: the scorecard below is up to date.
        </Typography>
      );
  } else if (state.phase === 'error') {
    content =
      statusOf(state.error) === 403 ? (
        <WarningPanel
          severity="warning"
          defaultExpanded
          title="You do not have permission to rescan this service"
          message="Rescans need the ml-debt.scan.trigger permission on this service. Ask the service's owners or a portal admin; the scheduled scan keeps the scorecard current in the meantime."
        />
      ) : (
        <WarningPanel
          severity="error"
          title="Could not rescan"
          message={state.error.message}
        />
      );
  }
  return (
    <Box role="status" aria-live="polite" mt={content ? 1 : 0}>
      {content}
    </Box>
  );
}
