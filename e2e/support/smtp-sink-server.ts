// The e2e mail sink: an SMTP server that keeps every message it receives, and a small HTTP API
// over them (GET /messages, DELETE /messages) that the specs poll through the `mailbox` fixture.
//   E2E_SMTP_PORT (default 3225)       where the app's SMTP_URL points
//   E2E_SINK_HTTP_PORT (default 3226)  where the specs read the messages
import http from "node:http";
import { SMTPServer } from "smtp-server";

export interface SinkMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  date: string;
  raw: string;
}

const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 3225);
const HTTP_PORT = Number(process.env.E2E_SINK_HTTP_PORT ?? 3226);
let messages: SinkMessage[] = [];

function splitHead(raw: string): { headers: Map<string, string>; body: string } {
  const at = raw.search(/\r?\n\r?\n/);
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? "" : raw.slice(at).replace(/^\r?\n\r?\n/, "");
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decodeQuotedPrintable(text: string): Buffer {
  const soft = text.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const hex = soft.slice(i + 1, i + 3);
    if (soft[i] === "=" && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(soft[i], "utf8"));
  }
  return Buffer.from(bytes);
}

/** RFC 2047 encoded words, as nodemailer writes non-ASCII subjects and names. */
function decodeHeader(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BQ]\?[^?]*\?=)\s+(?==\?)/gi, "$1")
    .replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=/gi, (_, _charset: string, enc: string, data: string) =>
      enc.toUpperCase() === "B"
        ? Buffer.from(data, "base64").toString("utf8")
        : decodeQuotedPrintable(data.replace(/_/g, " ")).toString("utf8"),
    );
}

/** The text/plain body of a message or MIME part, decoded. */
function textOf(headers: Map<string, string>, body: string): string {
  const type = headers.get("content-type") ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    const parts = body
      .split(`--${boundary}`)
      .slice(1, -1)
      .map((p) => splitHead(p.replace(/^\r?\n/, "")));
    const plain = parts.find((p) => /^(text\/plain|multipart\/)/i.test(p.headers.get("content-type") ?? "text/plain"));
    return plain ? textOf(plain.headers, plain.body) : "";
  }
  const encoding = (headers.get("content-transfer-encoding") ?? "").toLowerCase();
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") return decodeQuotedPrintable(body).toString("utf8");
  return body;
}

function parse(raw: string): SinkMessage {
  const { headers, body } = splitHead(raw);
  const header = (name: string) => decodeHeader(headers.get(name) ?? "");
  const date = headers.get("date");
  return {
    from: header("from"),
    to: header("to"),
    subject: header("subject"),
    text: textOf(headers, body).replace(/\r\n/g, "\n").trimEnd(),
    date: (date ? new Date(date) : new Date()).toISOString(),
    raw,
  };
}

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  // any user name and password: the specs point a custom SMTP server with credentials at the sink
  onAuth(auth, _session, callback) {
    callback(null, { user: auth.username ?? "anonymous" });
  },
  onData(stream, _session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      messages.push(parse(Buffer.concat(chunks).toString("utf8")));
      callback();
    });
  },
});

const api = http.createServer((req, res) => {
  if (req.url === "/messages" && req.method === "GET") {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(messages));
  } else if (req.url === "/messages" && req.method === "DELETE") {
    messages = [];
    res.writeHead(204).end();
  } else {
    res.writeHead(404).end();
  }
});

smtp.listen(SMTP_PORT, "127.0.0.1", () => {
  api.listen(HTTP_PORT, "127.0.0.1", () => {
    console.log(`[smtp-sink] SMTP on 127.0.0.1:${SMTP_PORT}, messages at http://127.0.0.1:${HTTP_PORT}/messages`);
  });
});

// nothing to flush: the messages live only as long as the test run
process.on("SIGTERM", () => process.exit(0));
process.on("SIGINT", () => process.exit(0));
