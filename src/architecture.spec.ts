import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

// Module boundaries (CONVENTIONS 10): a feature module reaches another only through its module, its exported
// service, its pure rules (domain/) and its DTOs; the platform and the guideline engine know no feature module.
const SRC = __dirname;
const FEATURES = ['applications', 'review', 'approvals'];
const ALLOWED = [/\/[a-z-]+\.module$/, /\/[a-z-]+\.service$/, /\/domain\//, /\/dto\//];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [full] : [];
  });
}

function imports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/from '(\.[^']+)'/g)].map((m) => path.relative(SRC, path.resolve(path.dirname(file), m[1])));
}

const topOf = (rel: string) => rel.split(path.sep)[0];

describe('module boundaries', () => {
  it('keeps the platform and the guideline engine free of feature modules', () => {
    const offending = ['platform', 'guidelines'].flatMap((top) =>
      files(path.join(SRC, top)).flatMap((f) => imports(f).filter((i) => FEATURES.includes(topOf(i))).map((i) => `${path.relative(SRC, f)} -> ${i}`)),
    );
    expect(offending).toEqual([]);
  });

  it('lets a feature module use another only through its module, service, rules and DTOs', () => {
    const offending = FEATURES.flatMap((feature) =>
      files(path.join(SRC, feature)).flatMap((f) =>
        imports(f)
          .filter((i) => FEATURES.includes(topOf(i)) && topOf(i) !== feature)
          .filter((i) => !ALLOWED.some((rule) => rule.test(`/${i}`)))
          .map((i) => `${path.relative(SRC, f)} -> ${i}`),
      ),
    );
    expect(offending).toEqual([]);
  });
});
