/**
 * A benchmark worker thread: scans the batch of repository directories the
 * main thread sends it, one after the other, and answers with what the scans
 * counted together. Loaded as an esbuild bundle (see engine.ts), the way a
 * built backend loads the engine, not through the TypeScript transform.
 */
import { parentPort } from 'node:worker_threads';
import { ScanCount, scanDirectory } from './scanDirectory';

parentPort!.on(
  'message',
  async (batch: { jobs: Array<{ dir: string; index: number }> }) => {
    try {
      const total: ScanCount = { files: 0, bytes: 0, checks: 0 };
      for (const job of batch.jobs) {
        const count = await scanDirectory(job.dir, job.index);
        total.files += count.files;
        total.bytes += count.bytes;
        total.checks += count.checks;
      }
      parentPort!.postMessage({ ok: true, repos: batch.jobs.length, ...total });
    } catch (error) {
      parentPort!.postMessage({
        ok: false,
        error: String((error as Error)?.stack ?? error),
      });
    }
  },
);
