/**
 * A benchmark worker thread: scans the repository directories the main thread
 * sends it, one at a time, and answers with what each scan counted. Loaded as
 * an esbuild bundle (see engine.ts), the way a built backend loads the engine,
 * not through the TypeScript transform.
 */
import { parentPort } from 'node:worker_threads';
import { scanDirectory } from './scanDirectory';

parentPort!.on('message', async (job: { dir: string; index: number }) => {
  try {
    parentPort!.postMessage({
      ok: true,
      ...(await scanDirectory(job.dir, job.index)),
    });
  } catch (error) {
    parentPort!.postMessage({
      ok: false,
      error: String((error as Error)?.stack ?? error),
    });
  }
});
