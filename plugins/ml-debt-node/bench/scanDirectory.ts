import { BUILTIN_CHECKS } from '../src/checks';
import { scanService } from '../src/engine/scanService';
import { createDirectorySnapshot } from '../src/snapshot/Snapshot';

/** What scanning one synthetic repository did, for the benchmark's totals. */
export interface ScanCount {
  files: number;
  bytes: number;
  checks: number;
}

/**
 * Scans one repository directory exactly as the backend's scanner does (a
 * snapshot of the directory, every built-in check, scoring and the mllint
 * view), as an ML service in production.
 */
export async function scanDirectory(
  dir: string,
  index: number,
): Promise<ScanCount> {
  const snapshot = createDirectorySnapshot(dir);
  let bytes = 0;
  for (const f of snapshot.files()) bytes += f.size;
  const { results } = await scanService({
    snapshot,
    checks: BUILTIN_CHECKS,
    entity: {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: `svc-${index}`, namespace: 'default' },
      spec: {
        type: 'ml-service',
        lifecycle: 'production',
        owner: 'group:default/team',
      },
    },
  });
  return { files: snapshot.files().length, bytes, checks: results.length };
}
