// The largest request body the application accepts. Read by next.config.ts (server actions'
// bodySizeLimit) and by scripts/server.ts (guardBodySize), so Next.js never meets a body larger
// than it accepts: without the guard, an oversized server action answers 500.
import type { IncomingMessage, ServerResponse } from "node:http";
import { defaultLocale, fromAcceptLanguage, isLocale, localeCookie, type Locale } from "../i18n/config.ts";

export const REQUEST_BODY_LIMIT_BYTES = 1024 * 1024;

const TOO_LARGE: Record<Locale, string> = {
  en: "The request is too large.",
  de: "Die Anfrage ist zu groß.",
};

function viewerLocale(req: IncomingMessage): Locale {
  const cookie = (req.headers.cookie ?? "")
    .split(";")
    .map((pair) => pair.trim().split("="))
    .find(([name]) => name === localeCookie)?.[1];
  if (isLocale(cookie)) return cookie;
  return fromAcceptLanguage(req.headers["accept-language"]) ?? defaultLocale;
}

function refuse(req: IncomingMessage, res: ServerResponse): void {
  if (res.headersSent) {
    req.destroy();
    return;
  }
  const body = `${TOO_LARGE[viewerLocale(req)]}\n`;
  // the rest of the body is not read: the connection cannot carry another request
  res.writeHead(413, { "Content-Type": "text/plain; charset=utf-8", "Content-Length": Buffer.byteLength(body), Connection: "close" });
  res.end(body, () => req.destroy());
}

/**
 * Refuses a request whose body is larger than the limit with 413 and a plain sentence in the
 * viewer's language. Returns false when it answered (Content-Length over the limit): the request
 * must not reach the handler. A body without a length (chunked) is counted as it arrives, and the
 * request is answered and closed once it goes over, whoever is reading it.
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
    if (refused) return false;
    if (chunk !== null && chunk !== undefined) {
      received += typeof chunk === "string" ? Buffer.byteLength(chunk) : (chunk as Uint8Array).byteLength;
      if (received > limit) {
        refused = true;
        refuse(req, res);
        return false;
      }
    }
    return push(chunk, encoding);
  };
  return true;
}
