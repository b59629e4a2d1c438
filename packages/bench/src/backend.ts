import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { stringify } from 'yaml';

const REPO_ROOT = resolvePackagePath('@ml-debt/bench', '../..');
const BACKEND_DIR = path.join(REPO_ROOT, 'packages/backend');

/** A backend process started by the bench, with its peak memory. */
export interface BackendProcess {
  name: string;
  port: number;
  baseUrl: string;
  child: ChildProcess;
  /** Peak resident set size so far (VmHWM), in bytes. */
  peakRss(): number;
  /** Current resident set size (VmRSS), in bytes. */
  rss(): number;
  stop(): Promise<void>;
  logFile: string;
}

function procStatus(pid: number | undefined, field: string): number {
  if (!pid) return 0;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Starts a backend: `entry` (packages/backend/src/index.ts by default, the
 * product's own backend) through the Backstage node transform, with the
 * repository's app-config.yaml and `config` laid over it. Resolves once the
 * backend reports ready.
 */
export async function startBackend(options: {
  name: string;
  port: number;
  config: object;
  workDir: string;
  entry?: string;
  /** Include the repository's app-config.yaml (default true). */
  baseConfig?: boolean;
  readyTimeoutMs?: number;
  /** Extra node options, e.g. --cpu-prof. */
  nodeArgs?: string[];
}): Promise<BackendProcess> {
  const { name, port, workDir } = options;
  fs.mkdirSync(workDir, { recursive: true });
  const configFile = path.join(workDir, `${name}.app-config.yaml`);
  fs.writeFileSync(configFile, stringify(options.config));
  const logFile = path.join(workDir, `${name}.log`);
  const log = fs.openSync(logFile, 'w');
  const entry = options.entry ?? path.join(BACKEND_DIR, 'src/index.ts');
  const configArgs = [
    ...(options.baseConfig === false
      ? []
      : ['--config', path.join(REPO_ROOT, 'app-config.yaml')]),
    '--config',
    configFile,
  ];
  const child = spawn(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      entry,
      ...configArgs,
    ],
    {
      cwd: BACKEND_DIR,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
      },
      stdio: ['ignore', log, log],
    },
  );
  const baseUrl = `http://localhost:${port}`;
  let exited: number | null = null;
  child.on('exit', code => {
    exited = code ?? -1;
  });
  const deadline = Date.now() + (options.readyTimeoutMs ?? 180_000);
  for (;;) {
    if (exited !== null) {
      throw new Error(
        `Backend ${name} exited with ${exited} before it was ready; see ${logFile}:\n${fs
          .readFileSync(logFile, 'utf8')
          .slice(-3000)}`,
      );
    }
    try {
      const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Backend ${name} was not ready in time; see ${logFile}`);
    }
    await new Promise(r => setTimeout(r, 500));
  }
  return {
    name,
    port,
    baseUrl,
    child,
    logFile,
    peakRss: () => procStatus(child.pid, 'VmHWM'),
    rss: () => procStatus(child.pid, 'VmRSS'),
    async stop() {
      if (exited !== null) return;
      const done = new Promise(r => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await done;
      clearTimeout(timer);
      fs.closeSync(log);
    },
  };
}

/** A user token from the guest provider: a real user, evaluated by the permission policy. */
export async function guestToken(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!res.ok) {
    throw new Error(`Guest sign-in failed: ${res.status} ${await res.text()}`);
  }
  const body = (await res.json()) as {
    backstageIdentity?: { token?: string };
  };
  const token = body.backstageIdentity?.token;
  if (!token) throw new Error('Guest sign-in returned no token');
  return token;
}
