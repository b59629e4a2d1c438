import { alertApiRef, useApi } from '@backstage/frontend-plugin-api';
import { Button, CircularProgress } from '@material-ui/core';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useState } from 'react';
import {
  mlDebtApiRef,
  ScorecardFilters,
  ScorecardSortField,
} from '../../api/MlDebtApi';

/** Saves a blob under a file name through a temporary object URL. */
function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Downloads the backend's CSV export of every scorecard matching the current
 * filters, authenticated through the fetch API (a plain link would carry no
 * token).
 */
export function ExportButton(props: {
  filters: ScorecardFilters;
  sort: ScorecardSortField;
  order: 'asc' | 'desc';
}) {
  const api = useApi(mlDebtApiRef);
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState(false);

  const download = async () => {
    setBusy(true);
    try {
      const file = await api.exportScorecards({
        ...props.filters,
        sort: props.sort,
        order: props.order,
        format: 'csv',
      });
      const stamp = new Date().toISOString().slice(0, 10);
      saveBlob(
        file.blob,
        file.filename === 'ml-debt-scorecards.csv'
          ? `ml-debt-scorecards-${stamp}.csv`
          : file.filename,
      );
    } catch (error) {
      alertApi.post({
        message: `Export failed: ${(error as Error).message}`,
        severity: 'error',
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button
      variant="outlined"
      color="primary"
      onClick={download}
      disabled={busy}
      startIcon={
        busy ? <CircularProgress size={16} aria-hidden /> : <GetAppIcon />
      }
    >
      {busy ? 'Exporting…' : 'Export CSV'}
    </Button>
  );
}
