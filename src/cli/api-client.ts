// npm run api:generate — writes the browser UI's API types (web/src/api/schema.d.ts) from the OpenAPI document,
// built from the app's routes without connecting to anything. test/web/api-client.spec.ts fails when the file is stale.
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createApp, openApiDocument } from '../app.factory';
import { loadConfig } from '../platform/config/app-config';

export const API_SCHEMA_FILE = path.join('web', 'src', 'api', 'schema.d.ts');
const ROOT = path.join(__dirname, '..', '..', __dirname.includes(`${path.sep}dist${path.sep}`) ? '..' : '');

export async function apiClientSchema(): Promise<string> {
  const app = await createApp(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), [], { preview: true });
  const tmp = mkdtempSync(path.join(tmpdir(), 'fw-openapi-'));
  try {
    const document = path.join(tmp, 'openapi.json');
    writeFileSync(document, JSON.stringify(openApiDocument(app)));
    // the CLI rather than the library: the library's ES modules do not load in Jest's CommonJS
    return execFileSync(process.execPath, [path.join(ROOT, 'node_modules/openapi-typescript/bin/cli.js'), document], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } finally {
    await app.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) {
  apiClientSchema().then(
    (schema) => {
      writeFileSync(path.join(ROOT, API_SCHEMA_FILE), schema);
      process.stdout.write(`wrote ${API_SCHEMA_FILE}\n`);
    },
    (e) => {
      process.stderr.write(`api:generate failed: ${e instanceof Error ? e.stack : e}\n`);
      process.exit(1);
    },
  );
}
