import { useRef, useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormLabel,
  MenuItem,
  Radio,
  RadioGroup,
  TextField,
} from '@material-ui/core';
import { WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { getMlTest, MlTestId } from '@ml-debt/plugin-ml-debt-common';
import { mlDebtApiRef, ScorecardCheck, Waiver } from '../../api/MlDebtApi';
import { statusOf } from '../EntityMlDebtContent/useServiceScorecard';

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of a date, in UTC. */
function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The message shown when the backend refuses a change. */
function failureMessage(error: Error, action: string): string {
  if (statusOf(error) === 403) {
    return `You do not have permission to ${action} on this service. By default only the service's owners and portal admins may.`;
  }
  return error.message;
}

function useSubmit(onDone: () => void, action: string) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const submit = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
      setBusy(false);
      onDone();
    } catch (e) {
      setBusy(false);
      setError(failureMessage(e as Error, action));
    }
  };
  return { busy, error, submit };
}

/**
 * Moves focus to a dialog's first field once it has opened, so keyboard and
 * screen-reader users land in the form rather than on the dialog frame.
 */
function useFocusOnOpen() {
  const ref = useRef<HTMLInputElement | null>(null);
  return {
    inputRef: ref,
    TransitionProps: { onEntered: () => ref.current?.focus() },
  };
}

/** Waive a failing check: a reason and an expiry date are required. */
export function WaiveDialog(props: {
  entityRef: string;
  check: ScorecardCheck;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { entityRef, check, onClose, onSaved } = props;
  const focus = useFocusOnOpen();
  const api = useApi(mlDebtApiRef);
  const [reason, setReason] = useState('');
  const [expires, setExpires] = useState(
    isoDate(new Date(Date.now() + 90 * DAY_MS)),
  );
  const { busy, error, submit } = useSubmit(onSaved, 'waive checks');
  const tomorrow = isoDate(new Date(Date.now() + DAY_MS));
  const valid = reason.trim().length > 0 && expires >= tomorrow;
  const titleId = `waive-${check.id}-title`;

  return (
    <Dialog
      open
      onClose={onClose}
      TransitionProps={focus.TransitionProps}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="sm"
    >
      <form
        onSubmit={e => {
          e.preventDefault();
          if (!valid) return;
          submit(() =>
            api.createWaiver(entityRef, {
              kind: 'waiver',
              target: check.id,
              reason: reason.trim(),
              // End of the chosen day, so "until 30 June" includes 30 June.
              expiresAt: new Date(`${expires}T23:59:59.000Z`).toISOString(),
            }),
          );
        }}
      >
        <DialogTitle id={titleId}>
          Waive {check.id}: {check.title}
        </DialogTitle>
        <DialogContent>
          <DialogContentText>
            A waiver accepts this finding until it expires: the check stops
            counting against the score from the next scan. It is recorded with
            your name and kept for the audit trail.
          </DialogContentText>
          <TextField
            label="Reason"
            id="ml-debt-waive-reason"
            inputRef={focus.inputRef}
            helperText="Why the finding is accepted, e.g. a ticket or a compensating control"
            value={reason}
            onChange={e => setReason(e.target.value)}
            required
            multiline
            minRows={3}
            fullWidth
            margin="normal"
            inputProps={{ maxLength: 2000 }}
          />
          <TextField
            label="Expires on"
            id="ml-debt-waive-expires"
            type="date"
            value={expires}
            onChange={e => setExpires(e.target.value)}
            required
            fullWidth
            margin="normal"
            InputLabelProps={{ shrink: true }}
            inputProps={{ min: tomorrow }}
            error={expires < tomorrow}
            helperText={
              expires < tomorrow
                ? 'The expiry must be in the future'
                : undefined
            }
          />
          {error && (
            <WarningPanel
              severity="error"
              title="The waiver was not saved"
              message={error}
            />
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={!valid || busy}
          >
            {busy ? 'Saving…' : 'Waive check'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/**
 * Attest an ML Test Score test the check feeds: the team states it runs the
 * practice, by hand or automatically, with evidence the scanner cannot see.
 */
export function AttestDialog(props: {
  entityRef: string;
  check: ScorecardCheck;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { entityRef, check, onClose, onSaved } = props;
  const focus = useFocusOnOpen();
  const api = useApi(mlDebtApiRef);
  const [test, setTest] = useState<MlTestId>(check.mlTestScore[0]);
  const [status, setStatus] = useState<'manual' | 'automated'>('manual');
  const [evidence, setEvidence] = useState('');
  const [reason, setReason] = useState('');
  const { busy, error, submit } = useSubmit(
    onSaved,
    'attest ML Test Score tests',
  );
  const valid = reason.trim().length > 0 && !!test;
  const titleId = `attest-${check.id}-title`;

  return (
    <Dialog
      open
      onClose={onClose}
      TransitionProps={focus.TransitionProps}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="sm"
    >
      <form
        onSubmit={e => {
          e.preventDefault();
          if (!valid) return;
          submit(() =>
            api.createWaiver(entityRef, {
              kind: 'attestation',
              target: test,
              status,
              reason: reason.trim(),
              ...(evidence.trim() ? { evidence: evidence.trim() } : {}),
            }),
          );
        }}
      >
        <DialogTitle id={titleId}>Attest an ML Test Score test</DialogTitle>
        <DialogContent>
          <DialogContentText>
            An attestation states that your team runs a test of the ML Test
            Score that the scanner cannot detect in the repository. It earns at
            most half a point, counts from the next scan, and is shown as
            attested.
          </DialogContentText>
          <TextField
            select
            label="Test"
            id="ml-debt-attest-test"
            inputRef={focus.inputRef}
            value={test}
            onChange={e => setTest(e.target.value as MlTestId)}
            fullWidth
            margin="normal"
          >
            {check.mlTestScore.map(id => {
              const mlTest = getMlTest(id);
              return (
                <MenuItem key={id} value={id}>
                  {mlTest ? `${mlTest.label}: ${mlTest.title}` : id}
                </MenuItem>
              );
            })}
          </TextField>
          <FormControl component="fieldset" margin="normal">
            <FormLabel component="legend" id="ml-debt-attest-status">
              How the test runs
            </FormLabel>
            <RadioGroup
              row
              aria-labelledby="ml-debt-attest-status"
              value={status}
              onChange={e =>
                setStatus(e.target.value as 'manual' | 'automated')
              }
            >
              <FormControlLabel
                value="manual"
                control={<Radio />}
                label="By hand"
              />
              <FormControlLabel
                value="automated"
                control={<Radio />}
                label="Automatically"
              />
            </RadioGroup>
          </FormControl>
          <TextField
            label="Evidence"
            id="ml-debt-attest-evidence"
            helperText="A link or path: a runbook, a dashboard, a pipeline"
            value={evidence}
            onChange={e => setEvidence(e.target.value)}
            fullWidth
            margin="normal"
            inputProps={{ maxLength: 2000 }}
          />
          <TextField
            label="Reason"
            id="ml-debt-attest-reason"
            helperText="What the team does, and where"
            value={reason}
            onChange={e => setReason(e.target.value)}
            required
            multiline
            minRows={2}
            fullWidth
            margin="normal"
            inputProps={{ maxLength: 2000 }}
          />
          {error && (
            <WarningPanel
              severity="error"
              title="The attestation was not saved"
              message={error}
            />
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={!valid || busy}
          >
            {busy ? 'Saving…' : 'Attest'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** Revoke a waiver or attestation; it stays in the audit trail. */
export function RevokeDialog(props: {
  waiver: Waiver;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { waiver, onClose, onSaved } = props;
  const focus = useFocusOnOpen();
  const api = useApi(mlDebtApiRef);
  const [reason, setReason] = useState('');
  const noun = waiver.kind === 'waiver' ? 'waiver' : 'attestation';
  const { busy, error, submit } = useSubmit(onSaved, `revoke this ${noun}`);
  const titleId = `revoke-${waiver.id}-title`;
  return (
    <Dialog
      open
      onClose={onClose}
      TransitionProps={focus.TransitionProps}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="sm"
    >
      <form
        onSubmit={e => {
          e.preventDefault();
          submit(() =>
            api.revokeWaiver(
              waiver.id,
              reason.trim() ? { reason: reason.trim() } : {},
            ),
          );
        }}
      >
        <DialogTitle id={titleId}>
          Revoke the {noun} of {waiver.target}
        </DialogTitle>
        <DialogContent>
          <DialogContentText>
            The {noun} stops counting from the next scan. It is kept, marked as
            revoked by you, for the audit trail.
          </DialogContentText>
          <TextField
            label="Reason (optional)"
            id="ml-debt-revoke-reason"
            inputRef={focus.inputRef}
            value={reason}
            onChange={e => setReason(e.target.value)}
            fullWidth
            margin="normal"
            inputProps={{ maxLength: 2000 }}
          />
          {error && (
            <WarningPanel
              severity="error"
              title={`The ${noun} was not revoked`}
              message={error}
            />
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            color="secondary"
            variant="contained"
            disabled={busy}
          >
            {busy ? 'Revoking…' : `Revoke ${noun}`}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
