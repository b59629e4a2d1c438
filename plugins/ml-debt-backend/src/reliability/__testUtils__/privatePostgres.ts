import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { removeTree, tempDir } from './fixtures';

const BIN = process.env.ML_DEBT_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/**
 * A throw-away PostgreSQL 15 server of the test's own, in a temporary
 * directory, so that the test can restart it without touching the machine's
 * shared server. As root it runs as the `postgres` user (PostgreSQL refuses
 * to run as root).
 */
export class PrivatePostgres {
  readonly port: number;
  readonly #dir: string;
  readonly #asPostgres: boolean;

  /** Why a private server cannot run here, or undefined when it can. */
  static async unavailable(port: number): Promise<string | undefined> {
    if (!fs.existsSync(path.join(BIN, 'initdb'))) {
      return `no PostgreSQL binaries in ${BIN} (set ML_DEBT_PG_BIN)`;
    }
    if (process.getuid?.() === 0) {
      try {
        execFileSync('id', ['postgres'], { stdio: 'ignore' });
      } catch {
        return 'running as root and there is no postgres user to run the server as';
      }
    }
    PrivatePostgres.#reapStale();
    const inUse = await new Promise<boolean>(resolve => {
      const socket = net.connect({ port, host: '127.0.0.1' });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    return inUse ? `port ${port} is already in use` : undefined;
  }

  /**
   * Stops and removes the servers of earlier runs that were killed before
   * they could clean up: only this class's own temporary directories, and
   * only those whose test process is gone.
   */
  static #reapStale() {
    for (const name of fs.readdirSync(os.tmpdir())) {
      if (!name.startsWith('ml-debt-pg-')) continue;
      const dir = path.join(os.tmpdir(), name);
      if (ownerAlive(dir)) continue; // Another run's server, in use.
      if (fs.existsSync(path.join(dir, 'data', 'postmaster.pid'))) {
        try {
          const command = path.join(BIN, 'pg_ctl');
          const args = [
            'stop',
            '-D',
            path.join(dir, 'data'),
            '-m',
            'immediate',
          ];
          if (process.getuid?.() === 0) {
            execFileSync(
              'runuser',
              ['-u', 'postgres', '--', command, ...args],
              {
                stdio: 'ignore',
              },
            );
          } else {
            execFileSync(command, args, { stdio: 'ignore' });
          }
        } catch {
          // Not running any more.
        }
      }
      removeTree(dir);
    }
  }

  constructor(port: number) {
    this.port = port;
    this.#asPostgres = process.getuid?.() === 0;
    this.#dir = tempDir('pg');
    fs.writeFileSync(path.join(this.#dir, 'owner.pid'), String(process.pid));
    if (this.#asPostgres) {
      execFileSync('chown', ['-R', 'postgres', this.#dir]);
    }
  }

  get connection() {
    return {
      host: '127.0.0.1',
      port: this.port,
      user: 'postgres',
      database: 'postgres',
    };
  }

  #run(tool: string, args: string[]) {
    const command = path.join(BIN, tool);
    const [file, argv] = this.#asPostgres
      ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
      : [command, args];
    return execFileSync(file, argv, {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    }).toString();
  }

  #pgCtl(action: string, extra: string[] = []) {
    return this.#run('pg_ctl', [
      action,
      '-D',
      path.join(this.#dir, 'data'),
      '-l',
      path.join(this.#dir, 'server.log'),
      '-w',
      '-t',
      '60',
      ...extra,
    ]);
  }

  /** initdb and start, listening on 127.0.0.1 only with trust auth. */
  start() {
    this.#run('initdb', [
      '-D',
      path.join(this.#dir, 'data'),
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--no-sync',
    ]);
    this.#pgCtl('start', [
      '-o',
      `-p ${this.port} -k ${
        this.#dir
      } -c listen_addresses=127.0.0.1 -c fsync=off`,
    ]);
  }

  /** `pg_ctl restart -m fast`: every connection is terminated. */
  restart() {
    this.#pgCtl('restart', ['-m', 'fast']);
  }

  /** Stops the server and removes its files. */
  destroy() {
    try {
      this.#pgCtl('stop', ['-m', 'immediate']);
    } catch {
      // Not running.
    }
    removeTree(this.#dir);
  }

  /** The tail of the server's log, for failure messages. */
  log(lines = 20): string {
    try {
      const text = fs.readFileSync(path.join(this.#dir, 'server.log'), 'utf8');
      return text.trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }
}

/** Whether the test process that made this server directory still runs. */
function ownerAlive(dir: string): boolean {
  try {
    const pid = Number(fs.readFileSync(path.join(dir, 'owner.pid'), 'utf8'));
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
