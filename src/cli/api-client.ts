// npm run api:generate — writes the browser UI's API types (web/src/api/schema.d.ts) from the OpenAPI document,
// built from the app's routes without connecting to anything. test/web/api-client.spec.ts fails when the file is stale.
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { createApp, openApiDocument } from '../app.factory';
import { loadConfig } from '../platform/config/app-config';

export const API_SCHEMA_FILE = path.join('web', 'src', 'api', 'schema.d.ts');

export async function apiClientSchema(): Promise<string> {
  const app = await createApp(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), [], { preview: true });
  try {
    const document = openApiDocument(app);
    const header = '// Generated from the OpenAPI document by `npm run api:generate`. Do not edit.\n';
    return header + astToString(await openapiTS(document as unknown as Parameters<typeof openapiTS>[0]));
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  apiClientSchema().then(
    (schema) => {
      writeFileSync(API_SCHEMA_FILE, schema);
      process.stdout.write(`wrote ${API_SCHEMA_FILE}\n`);
    },
    (e) => {
      process.stderr.write(`api:generate failed: ${e instanceof Error ? e.stack : e}\n`);
      process.exit(1);
    },
  );
}
