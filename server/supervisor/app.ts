// Child process of `npm start`: the built SvelteKit app (adapter-node's handler) on node:http.
// Its environment (COUCHDB_URL, SESSION_SECRET…) is set by the supervisor, server/main.ts.
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../config';
import { FRAME_CSP, securityHeaders } from '../../src/lib/server/shared/security-headers';
import { onStopRequest } from './stop-request';

const host = process.env.HOST ?? '0.0.0.0';
const port = Number(process.env.PORT ?? 3000);
const handlerPath = join(projectRoot, 'build', 'handler.js');
if (!existsSync(handlerPath)) throw new Error(`missing ${handlerPath}`);
const { handler } = (await import(pathToFileURL(handlerPath).href)) as {
  handler: (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
};

const server = createServer((req, res) => {
  req.headers['x-forwarded-proto'] ??= 'http';
  // Static files and prerendered pages are served before hooks.server.ts runs: same headers.
  const https = String(req.headers['x-forwarded-proto']).split(',')[0]?.trim() === 'https';
  for (const [name, value] of Object.entries(securityHeaders(https))) res.setHeader(name, value);
  res.setHeader('content-security-policy', FRAME_CSP);
  handler(req, res, () => {
    res.statusCode = 404;
    res.end('Not found');
  });
});
server.listen(port, host, () => {
  const shown = host === '0.0.0.0' ? 'localhost' : host;
  process.send?.({ ready: `http://${shown}:${port}` });
});
onStopRequest(
  () =>
    new Promise<void>((done) => {
      server.closeAllConnections();
      server.close(() => done());
    }),
);
