import net from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { resetEnvForTests } from "@/server/env";
import { checkSmtpDestination, DestinationRefusedError, isPrivateAddress } from "@/server/mail/destination";
import { sendTestEmail, type SmtpConfig } from "@/server/mail/transport";
import { allowLocalSmtp, startSink, type Sink } from "../support/smtp-sink";

// Real sockets: a listener on loopback records every connection and what the client sent, and
// greets with whatever the test gives it (a banner an internal service would show).
interface Listener {
  port: number;
  connections: number;
  received: Buffer;
  close(): Promise<void>;
}

async function listen(greeting = ""): Promise<Listener> {
  const sockets = new Set<net.Socket>();
  const state = { connections: 0, received: Buffer.alloc(0) };
  const server = net.createServer((socket) => {
    state.connections++;
    sockets.add(socket);
    socket.on("data", (chunk: Buffer) => (state.received = Buffer.concat([state.received, chunk])));
    socket.on("error", () => {});
    if (greeting) socket.write(greeting);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return Object.assign(state, {
    port: (server.address() as net.AddressInfo).port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}

let open: (Listener | Sink)[] = [];
afterEach(async () => {
  await Promise.all(open.map((server) => server.close()));
  open = [];
  vi.unstubAllEnvs();
  resetEnvForTests();
});

/** The platform's own rules, with the listener's port allowed so that only the address decides. */
function rules(env: { private?: boolean; ports: number[] }) {
  vi.stubEnv("SMTP_ALLOW_PRIVATE_HOSTS", env.private ? "true" : "false");
  vi.stubEnv("SMTP_ALLOWED_PORTS", env.ports.join(","));
  resetEnvForTests();
}

const config = (host: string, port: number, extra: Partial<SmtpConfig> = {}): SmtpConfig => ({
  host,
  port,
  security: "NONE",
  fromAddress: "a@platform.test",
  ...extra,
});
const FAST = { timeoutMs: 2_000 };
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

describe("where administrators' SMTP servers may be", () => {
  it("knows private, reserved and metadata addresses, also in IPv4-mapped IPv6 form", () => {
    const refused = [
      "127.0.0.1",
      "127.8.9.10",
      "10.0.0.1",
      "172.16.5.4",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "224.0.0.1",
      "255.255.255.255",
      "::1",
      "::",
      "fe80::1",
      "fc00::1",
      "fd00:ec2::254",
      "ff02::1",
      "::ffff:127.0.0.1",
      "::ffff:10.0.0.1",
      "::ffff:169.254.169.254",
      "::ffff:7f00:1",
    ];
    const allowed = ["8.8.8.8", "100.128.0.1", "172.32.0.1", "2001:4860:4860::8888", "::ffff:8.8.8.8"];
    expect(refused.filter((address) => !isPrivateAddress(address))).toEqual([]);
    expect(allowed.filter((address) => isPrivateAddress(address))).toEqual([]);
  });

  it("refuses loopback, private, link-local and metadata hosts, and names resolving to them, without connecting", async () => {
    const listener = await listen("220 internal.corp ESMTP\r\n");
    open.push(listener);
    rules({ ports: [listener.port] });
    for (const host of [
      "127.0.0.1",
      "localhost",
      "::ffff:127.0.0.1",
      "[::ffff:127.0.0.1]",
      "[::1]",
      "10.0.0.1",
      "169.254.169.254",
      "fd00:ec2::254",
    ]) {
      await expect(checkSmtpDestination(host, listener.port), host).rejects.toEqual(
        new DestinationRefusedError("host"),
      );
      const result = await sendTestEmail(config(host, listener.port), "admin@platform.test", "en", FAST);
      expect(result, host).toMatchObject({
        ok: false,
        refused: "host",
        failure: "hostNotAllowed",
        error: expect.stringContaining("private or reserved network"),
      });
    }
    await settle();
    expect(listener.connections).toBe(0);
  });

  it("refuses a port outside SMTP_ALLOWED_PORTS, without connecting", async () => {
    const listener = await listen("220 ready\r\n");
    open.push(listener);
    rules({ private: true, ports: [25, 465, 587, 2525] });
    await expect(checkSmtpDestination("127.0.0.1", listener.port)).rejects.toEqual(new DestinationRefusedError("port"));
    expect(await sendTestEmail(config("127.0.0.1", listener.port), "admin@platform.test", "de", FAST)).toMatchObject({
      ok: false,
      refused: "port",
      error:
        "Zu diesem Port baut die Plattform keine Verbindung auf. Verwenden Sie einen üblichen SMTP-Port wie 587, 465, 25 oder 2525.",
    });
    await settle();
    expect(listener.connections).toBe(0);
  });

  it("allows loopback with SMTP_ALLOW_PRIVATE_HOSTS=true, for a relay of one's own", async () => {
    const sink = await startSink();
    open.push(sink);
    allowLocalSmtp(sink.port);
    expect(await checkSmtpDestination("127.0.0.1", sink.port)).toBe("127.0.0.1");
    expect(await sendTestEmail(config("127.0.0.1", sink.port), "admin@platform.test", "en", FAST)).toEqual({
      ok: true,
    });
    expect(sink.received).toHaveLength(1);
  });

  it("connects to the checked address and names the host only in TLS", async () => {
    const listener = await listen();
    open.push(listener);
    allowLocalSmtp(listener.port);
    expect(net.isIP(await checkSmtpDestination("localhost", listener.port))).not.toBe(0);
    await sendTestEmail(config("localhost", listener.port, { security: "TLS" }), "admin@platform.test", "en", {
      timeoutMs: 500,
    });
    expect(listener.connections).toBe(1);
    // the ClientHello carries the host name (SNI), so the certificate is checked against it
    expect(listener.received.includes(Buffer.from("localhost"))).toBe(true);
  });

  it("never shows what the remote server says, only its reply code", async () => {
    for (const [banner, expected] of [
      ["554 5.7.1 internal-db-01.corp Postfix says go away\r\n", "The SMTP server answered 554."],
      ["SSH-2.0-OpenSSH_9.6 internal-db-01.corp\r\n", "The email could not be sent."],
      ["+OK internal-db-01.corp POP3 ready\r\n", "The email could not be sent."],
    ]) {
      const listener = await listen(banner);
      open.push(listener);
      allowLocalSmtp(listener.port);
      const result = await sendTestEmail(config("127.0.0.1", listener.port), "admin@platform.test", "en", {
        timeoutMs: 1_000,
      });
      expect(result, banner).toMatchObject({ ok: false, error: expected });
    }
  });
});
