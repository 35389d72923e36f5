// For the replication bench: a bare HTTP hop in front of the database (no session, no check,
// bodies piped through), in a process of its own as the app is. What one more hop costs on this
// machine, beside what the app's /db costs. Started with `TARGET` (the database's origin); says
// its port to the parent.
import http from 'node:http';

const target = new URL(process.env.TARGET);
const agent = new http.Agent({ keepAlive: true });
const server = http.createServer((req, res) => {
  const upstream = http.request(
    {
      host: target.hostname,
      port: target.port,
      path: req.url,
      method: req.method,
      headers: { ...req.headers, host: target.host },
      agent,
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => res.headersSent || res.writeHead(502).end());
  req.pipe(upstream);
});
server.listen(0, '127.0.0.1', () => process.send?.({ port: server.address().port }));
process.on('disconnect', () => process.exit(0));
