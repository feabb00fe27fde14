// The production HTTP server: Next.js behind a thin layer of our own, so that the application
// knows who is really connecting. Next.js keeps a client's own X-Forwarded-For and never tells
// the application the socket's address; this server does (CLIENT_ADDRESS_HEADER), believing
// forwarded addresses only from TRUSTED_PROXIES. It also refuses bodies larger than the application
// accepts (src/lib/body-limit.ts).
import { createServer } from "node:http";
import next from "next";
import { CLIENT_ADDRESS_HEADER, clientAddress, parseTrustedProxies } from "../src/lib/client-address.ts";
import { guardBodySize } from "../src/lib/body-limit.ts";

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME ?? "0.0.0.0";
const trustedProxies = parseTrustedProxies(process.env.TRUSTED_PROXIES ?? "");

// what `next start` sets: instrumentation.ts starts the mail worker and housekeeping only then
process.env.NEXT_RUNTIME ??= "nodejs";
const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  // a body over the limit gets a 413 in plain words here rather than a 500 from Next.js
  if (!guardBodySize(req, res)) return;
  req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], trustedProxies);
  void handle(req, res);
});
server.listen(port, hostname, () => console.error(`[server] listening on http://${hostname}:${port}`));

const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
