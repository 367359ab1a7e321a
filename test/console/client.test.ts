// The console's typed API client must describe the API as it is: the committed
// console/src/api/schema.d.ts equals what `npm run console:client` generates from the served
// OpenAPI document, so a route change without regenerating fails here (and, where the console
// uses the route, in its type check).
import { readFileSync } from 'node:fs';
import { SCHEMA_FILE, generatedClientTypes } from '../../scripts/console-client';

test('console/src/api/schema.d.ts is generated from the current OpenAPI document', async () => {
  const committed = readFileSync(SCHEMA_FILE, 'utf8');
  const generated = await generatedClientTypes();
  // A plain equality would print 10,000 lines on failure; say what to do instead.
  if (committed !== generated) {
    throw new Error(`${SCHEMA_FILE} is stale: run \`npm run console:client\` and commit it`);
  }
  expect(generated).toContain('"/api/v1/certifications/{id}/evidence"');
});
