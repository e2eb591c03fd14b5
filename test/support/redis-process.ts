import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import IORedis from 'ioredis';

/** A redis-server of the test's own, on a spare port, that the test can stop and start again. */
export class RedisProcess {
  private child?: ChildProcess;

  private constructor(readonly port: number) {}

  /** `port`: a fixed one (tests that must keep to a port range), else a spare one. */
  static async start(port?: number): Promise<RedisProcess> {
    const r = new RedisProcess(port ?? (await sparePort()));
    await r.start();
    return r;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const until = Date.now() + 10_000;
    for (;;) {
      const client = new IORedis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      client.on('error', () => undefined);
      const ok = await client.connect().then(() => client.ping(), () => null);
      client.disconnect();
      if (ok === 'PONG') return;
      if (Date.now() > until) throw new Error(`redis-server on port ${this.port} did not start`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGCONT'); // a frozen server would not act on SIGTERM
      child.kill('SIGTERM');
    });
  }

  /** The server stops answering but keeps its connections open (SIGSTOP), until resume(). */
  freeze(): void {
    this.child?.kill('SIGSTOP');
  }

  resume(): void {
    this.child?.kill('SIGCONT');
  }
}

function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}
