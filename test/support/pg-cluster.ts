import { execFile } from 'node:child_process';
import { chown, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/**
 * A PostgreSQL cluster of the test's own (initdb into a temporary directory, trust authentication, its own port
 * and socket directory) that the test may stop, start, freeze and resume without touching the shared server.
 * PostgreSQL refuses to run as root: as root the cluster belongs to the user postgres.
 */
export class PgCluster {
  private frozen: number[] = [];

  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly owner: { uid: number; gid: number } | null,
  ) {}

  static async create(port: number): Promise<PgCluster> {
    const dir = await mkdtemp(path.join(tmpdir(), 'fw-pg-'));
    const owner = process.getuid?.() === 0 ? await userIds('postgres') : null;
    if (owner) await chown(dir, owner.uid, owner.gid);
    const cluster = new PgCluster(port, dir, owner);
    try {
      await cluster.exec('initdb', ['-D', cluster.data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale', 'C']);
      await cluster.start();
      return cluster;
    } catch (e) {
      await rm(dir, { recursive: true, force: true });
      throw e;
    }
  }

  private get data(): string {
    return path.join(this.dir, 'data');
  }

  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    await this.exec('pg_ctl', ['-D', this.data, '-l', path.join(this.dir, 'log'), '-o', options, '-w', '-t', '30', 'start']);
  }

  /** Stops the server (fast: open sessions are ended, as by an operator's restart). */
  async stop(): Promise<void> {
    await this.resume();
    await this.exec('pg_ctl', ['-D', this.data, '-m', 'fast', '-w', '-t', '30', 'stop']).catch(() => undefined);
  }

  /** SIGSTOP to the postmaster first (so it forks nothing new), then to every process it started. */
  async freeze(): Promise<void> {
    const postmaster = Number((await readFile(path.join(this.data, 'postmaster.pid'), 'utf8')).split('\n')[0]);
    process.kill(postmaster, 'SIGSTOP');
    this.frozen.push(postmaster);
    for (const pid of await children(postmaster)) {
      process.kill(pid, 'SIGSTOP');
      this.frozen.push(pid);
    }
  }

  async resume(): Promise<void> {
    for (const pid of this.frozen.splice(0)) {
      try {
        process.kill(pid, 'SIGCONT');
      } catch {
        // gone meanwhile
      }
    }
  }

  /** Resumes and stops the server, then removes its directory. */
  async destroy(): Promise<void> {
    await this.stop();
    await rm(this.dir, { recursive: true, force: true });
  }

  private async exec(tool: string, args: string[]): Promise<void> {
    const file = path.join(BIN, tool);
    if (this.owner) await run('runuser', ['-u', 'postgres', '--', file, ...args], { cwd: this.dir });
    else await run(file, args, { cwd: this.dir });
  }
}

async function userIds(name: string): Promise<{ uid: number; gid: number }> {
  const line = (await readFile('/etc/passwd', 'utf8')).split('\n').find((l) => l.startsWith(`${name}:`));
  if (!line) throw new Error(`no user ${name} to run PostgreSQL as`);
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** The pids whose parent is `parent` (from /proc). */
async function children(parent: number): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // pid (comm) state ppid …; comm may contain spaces and parentheses
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === parent) pids.push(Number(entry));
  }
  return pids;
}
