// The largest request body the application accepts. Read by next.config.ts (server actions'
// bodySizeLimit) and by scripts/server.ts (guardBodySize), so Next.js never meets a body larger
// than it accepts: without the guard, an oversized server action answers 500.
import type { IncomingMessage, ServerResponse } from "node:http";
import { sendTooLarge } from "./plain-response.ts";

export const REQUEST_BODY_LIMIT_BYTES = 1024 * 1024;

/** How long a refused request's client may go on sending (and we on dropping) before we hang up. */
const LINGER_MS = 5_000;

/**
 * Answers 413 at once. The client is usually still sending: closing now would reset the connection
 * under it, and it would never read the answer. So the rest is read and dropped (Node.js drains an
 * unread body after the answer) for at most LINGER_MS, then the connection is closed whatever is
 * left: a client cannot keep us reading by sending forever.
 */
function refuse(req: IncomingMessage, res: ServerResponse): void {
  if (res.headersSent) {
    req.destroy();
    return;
  }
  sendTooLarge(req, res);
  const timer = setTimeout(() => req.socket.destroy(), LINGER_MS).unref();
  req.socket.once("close", () => clearTimeout(timer));
}

/**
 * Refuses a request whose body is larger than the limit with 413 and a plain sentence in the
 * viewer's language. Returns false when it answered (Content-Length over the limit): the request
 * must not reach the handler. A body without a length (chunked) is counted as it arrives; once it
 * goes over, the request is answered, and what follows is dropped, whoever is reading it.
 */
export function guardBodySize(req: IncomingMessage, res: ServerResponse, limit = REQUEST_BODY_LIMIT_BYTES): boolean {
  const declared = req.headers["content-length"];
  if (declared !== undefined) {
    if (Number(declared) > limit) {
      refuse(req, res);
      return false;
    }
    // Node itself never delivers more than a declared length
    return true;
  }
  let received = 0;
  let refused = false;
  // counted where the parser hands bytes to the stream, so it works however the handler reads
  const push = req.push.bind(req);
  req.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (refused) {
      // the client has sent everything and has its answer: hang up; the handler never sees an end
      if (chunk === null) req.socket.destroy();
      return true;
    }
    if (chunk !== null && chunk !== undefined) {
      received += typeof chunk === "string" ? Buffer.byteLength(chunk) : (chunk as Uint8Array).byteLength;
      if (received > limit) {
        refused = true;
        refuse(req, res);
        return true;
      }
    }
    return push(chunk, encoding);
  };
  return true;
}
