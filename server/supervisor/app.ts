// Child process of `npm start`: the built SvelteKit app (adapter-node's handler) behind express.
// Its environment (COUCHDB_URL, SESSION_SECRET…) is set by the supervisor, server/main.ts.
import express from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../config';
import { FRAME_CSP, securityHeaders } from '../../src/lib/server/shared/security-headers';
import { onStopRequest } from './stop-request';

const host = process.env.HOST ?? '0.0.0.0';
const port = Number(process.env.PORT ?? 3000);
const handlerPath = join(projectRoot, 'build', 'handler.js');
if (!existsSync(handlerPath)) throw new Error(`missing ${handlerPath}`);
const { handler } = await import(pathToFileURL(handlerPath).href);

const app = express();
app.disable('x-powered-by');
app.use((req, res, next) => {
  req.headers['x-forwarded-proto'] ??= 'http';
  // Static files and prerendered pages are served before hooks.server.ts runs: same headers.
  const https = String(req.headers['x-forwarded-proto']).split(',')[0]?.trim() === 'https';
  for (const [name, value] of Object.entries(securityHeaders(https))) res.setHeader(name, value);
  res.setHeader('content-security-policy', FRAME_CSP);
  next();
});
app.use(handler);
const server = app.listen(port, host, () => {
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
