import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { API_SCHEMA_FILE, apiClientSchema } from '../../src/cli/api-client';
import { createApp, openApiDocument } from '../../src/app.factory';
import { loadConfig } from '../../src/platform/config/app-config';
import { TestApp } from '../support/test-app';

// The browser UI's types come from the OpenAPI document: a changed endpoint must break the UI's typecheck,
// which only happens when web/src/api/schema.d.ts is regenerated. CI fails here when it was not.
describe('the generated API client', () => {
  it('web/src/api/schema.d.ts is what npm run api:generate writes now', async () => {
    const committed = readFileSync(path.join(__dirname, '../..', API_SCHEMA_FILE), 'utf8');
    const current = await apiClientSchema();
    if (current !== committed) throw new Error(`${API_SCHEMA_FILE} is out of date with the API: run npm run api:generate and commit it`);
  });

  it('is generated from the same document the running service serves', async () => {
    const preview = await createApp(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), [], { preview: true });
    const t = await TestApp.start();
    try {
      const served = await t.request('GET', '/api/docs-json');
      expect(openApiDocument(preview)).toEqual(served.body);
    } finally {
      await preview.close();
      await t.close();
    }
  });
});
