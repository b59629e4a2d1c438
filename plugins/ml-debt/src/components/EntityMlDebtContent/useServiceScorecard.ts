import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  HistoryEntry,
  mlDebtApiRef,
  ScanRun,
  ServiceScorecard,
} from '../../api/MlDebtApi';

/** HTTP status of an error thrown by the client, if it came from a response. */
export function statusOf(error: unknown): number | undefined {
  if (error instanceof ResponseError) {
    return error.statusCode;
  }
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/**
 * What the backend knows about a service: its scorecard and history, or that
 * it has never been scanned successfully (with the scan in progress or the
 * last failed one, when there is one).
 */
export type ServiceScorecardState =
  | { kind: 'scored'; scorecard: ServiceScorecard; history: HistoryEntry[] }
  | { kind: 'unscanned'; lastScan?: ScanRun };

/**
 * Loads a service's latest scorecard and history. A 404 on the scorecard is
 * not an error: the service has not been scanned yet, and its scan status
 * tells whether a scan is running or the last one failed.
 */
export function useServiceScorecard(
  entityRef: string,
  options: { historyLimit?: number } = {},
) {
  const api = useApi(mlDebtApiRef);
  const { historyLimit = 100 } = options;
  const state = useAsyncRetry(async (): Promise<ServiceScorecardState> => {
    try {
      const [scorecard, history] = await Promise.all([
        api.getScorecard(entityRef),
        historyLimit > 0
          ? api.getHistory(entityRef, { limit: historyLimit })
          : Promise.resolve([]),
      ]);
      return { kind: 'scored', scorecard, history };
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
      try {
        return {
          kind: 'unscanned',
          lastScan: await api.getScanStatus(entityRef),
        };
      } catch (scanError) {
        if (statusOf(scanError) !== 404) throw scanError;
        return { kind: 'unscanned' };
      }
    }
  }, [api, entityRef, historyLimit]);
  return state;
}

/** Progress of an on-demand rescan, as the Rescan button shows it. */
export type RescanState =
  | { phase: 'idle' }
  | { phase: 'requesting' }
  | { phase: 'scanning'; scan: ScanRun }
  | { phase: 'done'; scan: ScanRun }
  | { phase: 'error'; error: Error };

const IN_PROGRESS = new Set(['queued', 'running']);

/**
 * Triggers a rescan and polls the scan status until the scan is over, then
 * calls `onComplete` (to reload the scorecard). A scan already running when
 * the view opens is followed the same way.
 */
export function useRescan(
  entityRef: string,
  options: {
    onComplete: () => void;
    pollIntervalMs?: number;
    initialScan?: ScanRun;
  },
) {
  const api = useApi(mlDebtApiRef);
  const { onComplete, pollIntervalMs = 2000, initialScan } = options;
  const [state, setState] = useState<RescanState>({ phase: 'idle' });
  const onCompleteRef = useRef(onComplete);
  onCompleteRef.current = onComplete;

  // Follow a scan that was already running when the scorecard loaded.
  const runningScan =
    initialScan && IN_PROGRESS.has(initialScan.status)
      ? initialScan
      : undefined;
  useEffect(() => {
    if (runningScan) {
      setState(current =>
        current.phase === 'idle'
          ? { phase: 'scanning', scan: runningScan }
          : current,
      );
    }
  }, [runningScan?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  const scanning = state.phase === 'scanning';
  useEffect(() => {
    if (!scanning) return undefined;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const scan = await api.getScanStatus(entityRef);
        if (cancelled) return;
        if (IN_PROGRESS.has(scan.status)) {
          setState({ phase: 'scanning', scan });
          timer = setTimeout(poll, pollIntervalMs);
        } else {
          setState({ phase: 'done', scan });
          onCompleteRef.current();
        }
      } catch (error) {
        if (!cancelled) setState({ phase: 'error', error: error as Error });
      }
    };
    timer = setTimeout(poll, pollIntervalMs);
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [api, entityRef, scanning, pollIntervalMs]);

  const rescan = useCallback(async () => {
    setState({ phase: 'requesting' });
    try {
      const triggered = await api.requestRescan(entityRef);
      setState({
        phase: 'scanning',
        scan: {
          id: triggered.scanId,
          status: triggered.status,
          trigger: 'manual',
          startedAt: new Date().toISOString(),
        },
      });
    } catch (error) {
      setState({ phase: 'error', error: error as Error });
    }
  }, [api, entityRef]);

  return { state, rescan };
}
