import { execFileSync } from 'node:child_process';
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
