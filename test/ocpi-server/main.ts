// Starts the test CPO: `npx tsx test/ocpi-server/main.ts --port 4187 --token greenslot-test-token`.
// With ../shared/data present (or --examples DIR), the OCPI 2.2.1 spec examples are served too.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SHARED_DATA_DIR } from '../support/shared-data';
import { createCpoStore, type OcpiObject } from './cpo-store';
import { createOcpiCpoServer } from './ocpi-cpo-server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.OCPI_TEST_PORT ?? '4187' },
    token: { type: 'string', default: 'greenslot-test-token' },
    examples: { type: 'string', default: resolve(SHARED_DATA_DIR, 'ocpi-examples', 'v2.2.1', 'examples') },
    start: { type: 'string', default: '2026-03-02T07:00:00Z' },
    'tick-s': { type: 'string', default: '0' },
    'page-size': { type: 'string', default: '2' }
  }
});

const store = createCpoStore({ nowMs: Date.parse(values.start) });
if (existsSync(values.examples)) {
  for (const f of readdirSync(values.examples)) {
    const kind = f.startsWith('location_example') ? 'locations' : f.startsWith('session_example') ? 'sessions' : f === 'cdr_example.json' ? 'cdrs' : /^tariff_\d+/.test(f) ? 'tariffs' : null;
    if (!kind) continue;
    const obj = JSON.parse(readFileSync(resolve(values.examples, f), 'utf8')) as OcpiObject;
    if (typeof obj.last_updated === 'string') store.add(kind, obj);
  }
  console.log(`serving the OCPI 2.2.1 spec examples from ${values.examples}`);
} else {
  console.log(`spec examples not found (${values.examples}): generated traffic only`);
}
const server = createOcpiCpoServer({ store, token: values.token, pageSize: Number(values['page-size']) });
server.listen(Number(values.port), '127.0.0.1', () => console.log(`test OCPI 2.2.1 CPO on http://localhost:${values.port}/ocpi/versions`));
const tick = Number(values['tick-s']);
if (tick > 0) setInterval(() => store.advance(15), tick * 1000);
