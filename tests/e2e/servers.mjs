// Starts what the end-to-end tests drive: the release build on the demo (4173), the same build pointed at
// the fake API by its config.json (4174), and the fake Atlas API (4175). Playwright runs this as its
// webServer and stops it afterwards.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { startFakeApi } from './fake-api.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, '..', '..', 'dist');
await startStaticServer({ root: dist, port: 4173 });
await startStaticServer({ root: dist, port: 4174, config: path.join(here, 'fake-api-config.json') });
await startFakeApi({ port: 4175 });
console.log('e2e servers ready on 4173 (demo), 4174 (fake API site), 4175 (fake API)');
