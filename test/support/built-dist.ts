import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.join(__dirname, '../..');
const BUILDS = path.join(ROOT, 'var/test-dist');
/** The V8 settings every start script passes to node (package.json `config.nodeOptions`): tests start the service with them too. */
export const NODE_OPTIONS: string[] = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).config.nodeOptions.split(' ');

/** Everything `nest build` compiles, and how: the build is reused while none of it changes. */
function sourceHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (name.endsWith('.ts')) hash.update(`${path.relative(ROOT, file)}\0`).update(readFileSync(file));
    }
  };
  for (const dir of ['src', 'migrations', 'config']) walk(path.join(ROOT, dir));
  for (const file of ['tsconfig.json', 'tsconfig.build.json', 'nest-cli.json', 'package-lock.json']) hash.update(readFileSync(path.join(ROOT, file)));
  return hash.digest('hex').slice(0, 16);
}

/**
 * The service built with `nest build` (as `npm start` does) into a directory of its own under var/test-dist,
 * named by the hash of the sources. Test files run in parallel: the first to need a build takes a lock
 * (an exclusive mkdir) and builds; the others wait for it and share the result. Returns the output directory;
 * run `node <dir>/src/main.js` with the repository as working directory (config/ is read from there).
 */
export async function builtDist(timeoutMs = 180_000): Promise<string> {
  const out = path.join(BUILDS, sourceHash());
  const done = path.join(out, '.built');
  const lock = `${out}.lock`;
  mkdirSync(BUILDS, { recursive: true });
  const until = Date.now() + timeoutMs;
  while (!existsSync(done)) {
    try {
      mkdirSync(lock);
    } catch {
      // another test file is building; a lock left by a killed run is taken over after a while
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > timeoutMs) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > until) throw new Error(`timed out waiting for the build in ${out}`);
      await new Promise((r) => setTimeout(r, 250));
      continue;
    }
    try {
      if (!existsSync(done)) build(out);
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  return out;
}

function build(out: string): void {
  // nest build with the project's build config, only the output directory differs (--path is taken relative to the project)
  const tsconfig = `${out}.tsconfig.json`;
  writeFileSync(tsconfig, JSON.stringify({ extends: path.join(ROOT, 'tsconfig.build.json'), compilerOptions: { outDir: out } }));
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/@nestjs/cli/bin/nest.js'), 'build', '--path', path.relative(ROOT, tsconfig)], { cwd: ROOT, stdio: 'pipe' });
  writeFileSync(path.join(out, '.built'), new Date().toISOString());
  rmSync(tsconfig, { force: true });
  // builds of earlier sources, no longer of use (an hour's grace for a run still using one)
  for (const name of readdirSync(BUILDS)) {
    const other = path.join(BUILDS, name);
    if (other !== out && !name.endsWith('.lock') && Date.now() - statSync(other).mtimeMs > 3_600_000) rmSync(other, { recursive: true, force: true });
  }
}
