import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import {
  catalogFactory,
  DEMO_REPOS,
  demoEntity,
  examplesDir,
} from '../../__testUtils__/backend';
import { createMlDebtPlugin } from '../../plugin';
import { SCAN_TASK_ID } from '../../scan';

/** Whether the fault tests run at full size (`ML_DEBT_FAULTS_FULL=1`). */
export const FULL_SIZE = process.env.ML_DEBT_FAULTS_FULL === '1';

/**
 * How big the enormous repository is: at CI size it still exceeds the
 * (lowered) file-count limit and every other bound; at full size it exceeds
 * the default limits of `mlDebt.sources`.
 */
export const ENORMOUS = FULL_SIZE
  ? {
      files: 25_000,
      filesPerDir: 500,
      hugeFiles: 3,
      hugeBytes: 8 * 1024 ** 3,
      binaries: 40,
      depth: 1_000,
      maxFiles: undefined as number | undefined,
    }
  : {
      files: 1_500,
      filesPerDir: 250,
      hugeFiles: 2,
      hugeBytes: 2 * 1024 ** 3,
      binaries: 6,
      depth: 120,
      maxFiles: 1_000 as number | undefined,
    };

/** A fresh temporary directory; removed by `removeTree`. */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `ml-debt-${prefix}-`));
}

/** Removes a tree, restoring permissions first so that nothing is left. */
export function removeTree(dir: string) {
  try {
    execFileSync('chmod', ['-R', 'u+rwx', dir], { stdio: 'ignore' });
  } catch {
    // Already gone, or nothing to restore.
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Copies a demo repository to `target`. */
export function copyDemoRepo(repo: string, target: string) {
  fs.cpSync(path.join(examplesDir, 'repos', repo), target, {
    recursive: true,
  });
}

/**
 * The entity of a demo repository under another name, with its source
 * location pointing at `location` (`dir:<absolute path>` or `url:<url>`).
 */
export function faultEntity(
  repo: string,
  name: string,
  location: string,
): Entity {
  const entity = demoEntity(repo);
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      name,
      title: `${entity.metadata.title} (${name})`,
      uid: `uid-${name}`,
      annotations: {
        ...entity.metadata.annotations,
        'ml-debt.io/source-location': location,
      },
    },
  };
}

/**
 * Grows `dir` into an enormous repository: many small files across many
 * folders, sparse files of gigabytes, binary model files, a deep folder chain,
 * symbolic-link loops (to itself, to its parent, and a cycle of two) and a
 * named pipe.
 */
export function growEnormousRepository(dir: string, size = ENORMOUS) {
  for (let i = 0; i < size.files; i++) {
    const folder = path.join(
      dir,
      'data',
      `shard-${String(Math.floor(i / size.filesPerDir)).padStart(4, '0')}`,
    );
    if (i % size.filesPerDir === 0) fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(
      path.join(folder, `row-${i}.py`),
      `# generated ${i}\nVALUE = ${i}\n`,
    );
  }
  fs.mkdirSync(path.join(dir, 'models'), { recursive: true });
  for (let i = 0; i < size.hugeFiles; i++) {
    // Sparse: gigabytes by size, nothing on disk.
    const file = path.join(dir, 'models', `huge-${i}.ckpt`);
    fs.closeSync(fs.openSync(file, 'w'));
    fs.truncateSync(file, size.hugeBytes);
  }
  for (let i = 0; i < size.binaries; i++) {
    fs.writeFileSync(
      path.join(dir, 'models', `weights-${i}.pkl`),
      randomBytes(256 * 1024),
    );
  }
  // Binary bytes under a source-code name.
  fs.writeFileSync(
    path.join(dir, 'models', 'not_really.py'),
    randomBytes(4096),
  );
  let deep = path.join(dir, 'deep');
  for (let i = 0; i < size.depth; i++) deep = path.join(deep, 'd');
  fs.mkdirSync(deep, { recursive: true });
  fs.writeFileSync(path.join(deep, 'bottom.py'), 'BOTTOM = True\n');
  fs.symlinkSync('.', path.join(dir, 'loop-self'));
  fs.symlinkSync('..', path.join(dir, 'loop-parent'));
  fs.symlinkSync('loop-b', path.join(dir, 'loop-a'));
  fs.symlinkSync('loop-a', path.join(dir, 'loop-b'));
  fs.symlinkSync(deep, path.join(deep, 'back-to-self'));
  // A named pipe with a source-code name: reading it would block the
  // process until a writer appears, so it must never be opened.
  execFileSync('mkfifo', [path.join(dir, 'models', 'stream.py')]);
}

/**
 * A Gitea-compatible server for one repository: the commit and archive
 * endpoints the backend's Gitea URL reader calls. In `hang` mode it accepts
 * the connection and never answers, as a Git host that stopped responding.
 */
export async function startGiteaLikeServer(options: {
  port: number;
  owner: string;
  repo: string;
  /** The directory served as the repository's tree. */
  sourceDir: string;
}) {
  const workDir = tempDir('gitea');
  const archive = path.join(workDir, 'archive.tar.gz');
  // Gitea archives have one top-level folder, which the reader strips.
  execFileSync('tar', [
    '-czf',
    archive,
    '-C',
    path.dirname(options.sourceDir),
    path.basename(options.sourceDir),
  ]);
  let mode: 'serve' | 'hang' = 'serve';
  let hungRequests = 0;
  const prefix = `/api/v1/repos/${options.owner}/${options.repo}`;
  const server = http.createServer((req, res) => {
    if (mode === 'hang') {
      hungRequests++;
      return; // Never answers.
    }
    if (req.url === `${prefix}/git/commits/main`) {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({ sha: 'c0ffee0000000000000000000000000000000001' }),
      );
    } else if (req.url === `${prefix}/archive/main.tar.gz`) {
      res.setHeader('content-type', 'application/gzip');
      fs.createReadStream(archive).pipe(res);
    } else {
      res.statusCode = 404;
      res.end('{"message":"not found"}');
    }
  });
  // The first free port from `options.port` up to 7599 (this suite's range),
  // so that two runs on one machine do not collide.
  for (let port = options.port; ; port++) {
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          server.off('error', reject);
          resolve();
        });
      });
      break;
    } catch (error) {
      if (
        (error as NodeJS.ErrnoException).code !== 'EADDRINUSE' ||
        port >= 7599
      ) {
        throw error;
      }
    }
  }
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://localhost:${port}`;
  return {
    baseUrl,
    /** The url: location of the repository's main branch. */
    location: `url:${baseUrl}/${options.owner}/${options.repo}/src/branch/main`,
    /** The integrations config that routes the URL to the Gitea reader. */
    integration: { host: `localhost:${port}`, baseUrl },
    setMode(next: 'serve' | 'hang') {
      mode = next;
    },
    get hungRequests() {
      return hungRequests;
    },
    async close() {
      server.closeAllConnections();
      await new Promise(resolve => server.close(resolve));
      removeTree(workDir);
    },
  };
}

/** Polls `condition` every `intervalMs` until it holds or `timeoutMs` passes. */
export async function waitFor(
  condition: () => Promise<boolean> | boolean,
  timeoutMs: number,
  intervalMs = 25,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) {
      throw new Error(`Condition not met within ${timeoutMs} ms`);
    }
    await new Promise(resolve => setTimeout(resolve, intervalMs));
  }
}

/**
 * `startMlDebt` with top-level config beside `mlDebt` (e.g. `integrations`),
 * which the shared helper does not take.
 */
export async function startWithConfig(options: {
  knex: Knex;
  entities: Entity[];
  mlDebt: JsonObject;
  rootConfig?: JsonObject;
  clock?: () => Date;
  workerId?: string;
}) {
  const scheduler = mockServices.scheduler() as SchedulerService & {
    factory(options?: { skipTaskRunOnStartup?: boolean }): ServiceFactory;
  };
  const backend = await startTestBackend({
    features: [
      createMlDebtPlugin({ clock: options.clock, workerId: options.workerId }),
      catalogFactory(catalogServiceMock({ entities: options.entities })),
      mockServices.database.factory({ knex: options.knex }),
      scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.rootConfig.factory({
        data: { ...options.rootConfig, mlDebt: options.mlDebt },
      }),
    ],
  });
  return {
    backend,
    server: backend.server,
    scheduler,
    runCycle: () => scheduler.triggerTask(SCAN_TASK_ID),
  };
}

/**
 * The demo estate, or `copies` copies of it under numbered names (each copy
 * reads the same demo repository): 12 entities, 10 of them ML services, per
 * copy.
 */
export function demoEstate(copies = 1): Entity[] {
  const entities = DEMO_REPOS.map(demoEntity);
  if (copies <= 1) return entities;
  return Array.from({ length: copies }, (_, i) =>
    entities.map(entity => ({
      ...entity,
      metadata: {
        ...entity.metadata,
        name: `${entity.metadata.name}-${i}`,
        uid: `${entity.metadata.uid}-${i}`,
      },
    })),
  ).flat();
}

/** How many copies of the demo estate the replica and restart tests use. */
export const ESTATE_COPIES = FULL_SIZE ? 10 : 1;

/**
 * Prints a test's result line and, when `ML_DEBT_FAULTS_RESULTS` names a
 * directory (as `yarn bench:faults` does), writes it there as JSON too.
 */
export function reportResult(
  name: string,
  summary: string,
  data: Record<string, unknown>,
) {
  // eslint-disable-next-line no-console
  console.log(`${name}: ${summary}`);
  const dir = process.env.ML_DEBT_FAULTS_RESULTS;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, `${name.replace(/[^A-Za-z0-9_-]+/g, '-')}.json`),
    `${JSON.stringify(
      {
        name,
        summary,
        fullSize: FULL_SIZE,
        at: new Date().toISOString(),
        machine: {
          cpus: os.cpus().length,
          cpuModel: os.cpus()[0]?.model,
          memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
          node: process.version,
          platform: `${os.type()} ${os.release()}`,
        },
        ...data,
      },
      null,
      2,
    )}\n`,
  );
}
