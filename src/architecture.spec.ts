import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

// The module boundaries of CONVENTIONS 10 are rules of dependency-cruiser (.dependency-cruiser.js), derived from
// the folders under src/; this spec runs them over the code as it is and shows on fixtures that they bite.
const ROOT = path.join(__dirname, '..');
const FIXTURES = path.join(ROOT, 'test/fixtures/architecture');

function violations(cwd: string): string[] {
  const out = execFileSync(process.execPath, [path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'), 'src', '--config', path.join(ROOT, '.dependency-cruiser.js'), '--output-type', 'json'], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const result = JSON.parse(out) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
  return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`);
}

describe('module boundaries (dependency-cruiser)', () => {
  it('holds for the code as it is', () => {
    expect(violations(ROOT)).toEqual([]);
  });

  it('passes a fixture where one feature uses another through its service', () => {
    expect(violations(path.join(FIXTURES, 'clean'))).toEqual([]);
  });

  it("fails on a feature module reading another's repository", () => {
    expect(violations(path.join(FIXTURES, 'bad-import'))).toEqual(['features-through-the-front-door: src/beta/beta.service.ts -> src/alpha/alpha.repository.ts']);
  });

  it('fails on a cycle between two feature modules', () => {
    expect(violations(path.join(FIXTURES, 'cycle'))).toEqual(expect.arrayContaining([expect.stringMatching(/^no-cycle-between-modules: src\/(alpha|beta) -> src\/(alpha|beta)$/)]));
  });
});

describe('API document names', () => {
  // Swagger names a schema after its DTO class: two classes of one name silently become one schema, and the
  // generated client then types one module's answer with the other's fields.
  it('gives every DTO class a name of its own', () => {
    const files = [...new Set(execFileSync('git', ['ls-files', 'src/**/dto/*.ts'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean))];
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const file of files) {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      for (const [, name] of text.matchAll(/^export class (\w+)/gm)) {
        if (seen.has(name)) clashes.push(`${name}: ${seen.get(name)} and ${file}`);
        else seen.set(name, file);
      }
    }
    expect(clashes).toEqual([]);
  });
});

describe('V8 settings', () => {
  it('are the same in the start scripts and the container image', () => {
    const { config } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { config: { nodeOptions: string } };
    expect(readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8')).toContain(`ENV NODE_OPTIONS="${config.nodeOptions}"`);
  });
});
