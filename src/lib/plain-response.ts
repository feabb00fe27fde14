// The answers our own HTTP server (scripts/server.ts) gives in front of Next.js, where Next.js
// cannot help: a body over the limit (413) and a request that failed on the server (503 while the
// database is away, otherwise 500). They are plain, in the viewer's language, from the message
// catalogue, and carry nothing of the failure itself: no error text, no stack, no digest.
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import deCommon from "../../messages/de/common.json";
import deErrors from "../../messages/de/errors.json";
import enCommon from "../../messages/en/common.json";
import enErrors from "../../messages/en/errors.json";
import { defaultLocale, requestLocale, type Locale } from "../i18n/config.ts";
import { staticSecurityHeaders } from "./security-headers.ts";

const TEXTS = { en: { ...enCommon, ...enErrors }, de: { ...deCommon, ...deErrors } } satisfies Record<Locale, unknown>;

/** How long a client should wait before asking again while the database is away (seconds). */
export const RETRY_AFTER_SECONDS = 60;

/** The language the application would answer in: the switcher's cookie, else the browser's. */
export function viewerLocale(req: IncomingMessage): Locale {
  return requestLocale(req.headers.cookie, req.headers["accept-language"]) ?? defaultLocale;
}

/** A one-line plain-text answer (413: what a server action's client code can show as it is). */
export function sendTooLarge(req: IncomingMessage, res: ServerResponse): void {
  const body = `${TEXTS[viewerLocale(req)].tooLarge}\n`;
  res.writeHead(413, {
    ...staticSecurityHeaders(),
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
  });
  res.end(body);
}

const STYLE =
  "body{margin:0;font-family:system-ui,sans-serif;color:#1f2933;background:#f5f7fa}" +
  "main{max-width:36rem;margin:15vh auto;padding:0 1rem}h1{font-size:1.5rem}p{line-height:1.5}";
const STYLE_HASH = createHash("sha256").update(STYLE).digest("base64");

export type FailureKind = "unavailable" | "error";

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The page for a failed request: 503 with Retry-After while the database is away, else 500. */
export function failurePage(
  locale: Locale,
  kind: FailureKind,
): { status: number; headers: Record<string, string>; body: string } {
  const t = TEXTS[locale];
  const [title, text] = kind === "unavailable" ? [t.unavailableTitle, t.unavailable] : [t.errorTitle, t.generic];
  const body =
    `<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(title)} · ${escapeHtml(t.appName)}</title><style>${STYLE}</style></head>` +
    `<body><main><h1>${escapeHtml(title)}</h1><p data-testid="failure-message">${escapeHtml(text)}</p></main></body></html>`;
  return {
    status: kind === "unavailable" ? 503 : 500,
    headers: {
      ...staticSecurityHeaders(),
      "Content-Security-Policy": `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
      "Content-Type": "text/html; charset=utf-8",
      "Content-Length": String(Buffer.byteLength(body)),
      "Cache-Control": "no-store",
      ...(kind === "unavailable" ? { "Retry-After": String(RETRY_AFTER_SECONDS) } : {}),
    },
    body,
  };
}

type Write = ServerResponse["write"];
type End = ServerResponse["end"];
type WriteHead = ServerResponse["writeHead"];

/** The callback among a write()/end() call's arguments, if any. */
const callbackOf = (args: unknown[]) => args.find((arg): arg is () => void => typeof arg === "function");

/**
 * Watches one response on its way out: when the handler (Next.js) answers 500, nothing it wrote
 * reaches the client; `classify` decides (e.g. by asking the database) whether the plain
 * "briefly unavailable" page (503, Retry-After) or the plain error page (500) goes out instead.
 * Any other status passes untouched. The decision is taken at the first header or body write,
 * so a page that already streamed part of itself keeps its status.
 */
export function replaceServerErrors(
  req: IncomingMessage,
  res: ServerResponse,
  classify: () => Promise<FailureKind>,
): void {
  const original = { writeHead: res.writeHead, write: res.write, end: res.end, flushHeaders: res.flushHeaders };
  // the wrappers stay in place once decided: a compression layer may have wrapped them in turn
  let state: "open" | "passing" | "replacing" = "open";

  const decide = (status: number): boolean => {
    if (state !== "open") return state === "replacing";
    if (status !== 500) {
      state = "passing";
      return false;
    }
    state = "replacing";
    void classify()
      .catch((): FailureKind => "error")
      .then((kind) => {
        if (res.destroyed || res.headersSent) return;
        for (const name of res.getHeaderNames()) res.removeHeader(name);
        const page = failurePage(viewerLocale(req), kind);
        original.writeHead.call(res, page.status, page.headers);
        (original.end as (body?: string) => ServerResponse).call(res, req.method === "HEAD" ? undefined : page.body);
      });
    return true;
  };

  // whatever the handler writes from the moment it answered 500 is dropped, its callbacks still called
  res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
    if (decide(status)) return res;
    return (original.writeHead as (...args: unknown[]) => ServerResponse).call(res, status, ...rest);
  } as WriteHead;
  // a dropped write or end still calls its callback, as the handler may wait for it
  const drop = (args: unknown[]) => {
    const callback = callbackOf(args);
    if (callback) queueMicrotask(callback);
  };
  res.write = function (this: ServerResponse, ...args: unknown[]) {
    if (!decide(res.statusCode)) return (original.write as (...a: unknown[]) => boolean).apply(res, args);
    drop(args);
    return true;
  } as Write;
  res.end = function (this: ServerResponse, ...args: unknown[]) {
    if (!decide(res.statusCode)) return (original.end as (...a: unknown[]) => ServerResponse).apply(res, args);
    drop(args);
    return res;
  } as End;
  res.flushHeaders = function (this: ServerResponse) {
    if (!decide(res.statusCode)) original.flushHeaders.call(res);
  };
}
