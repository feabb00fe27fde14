import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { encryptSecret, secretContext } from "@/server/crypto/secrets";
import { prisma } from "@/server/db";
import { describeSmtpError, parseSmtpUrl, sendTestEmail, smtpErrorText, systemSmtpConfig, type SmtpConfig } from "@/server/mail/transport";
import { closedPort, startSink, type Sink } from "../support/smtp-sink";

let sink: Sink | undefined;

// env() reads process.env once, on first use: SMTP_URL is set before anything asks for it
beforeAll(() => {
  process.env.SMTP_URL = "smtps://mailer%40platform.test:p%40ss%3Aword@smtp.platform.test";
  process.env.MAIL_FROM = "Platform <no-reply@platform.test>";
});

afterEach(async () => {
  await prisma.systemSmtp.deleteMany();
  await sink?.close();
  sink = undefined;
});

const config = (port: number, extra: Partial<SmtpConfig> = {}): SmtpConfig => ({
  host: "127.0.0.1",
  port,
  security: "NONE",
  fromAddress: "Platform <no-reply@platform.test>",
  ...extra,
});

describe("the system SMTP server", () => {
  it("comes from SMTP_URL and MAIL_FROM while no administrator saved one", async () => {
    expect(await systemSmtpConfig()).toEqual({
      host: "smtp.platform.test",
      port: 465,
      security: "TLS",
      username: "mailer@platform.test",
      password: "p@ss:word",
      fromAddress: "Platform <no-reply@platform.test>",
    });
  });

  it("reads the security from the URL's scheme and port", () => {
    const at = (url: string) => parseSmtpUrl(url, "x@platform.test");
    expect(at("smtp://mail.test:587")).toMatchObject({ host: "mail.test", port: 587, security: "STARTTLS", username: null, password: null });
    expect(at("smtp://mail.test")).toMatchObject({ port: 25, security: "NONE" });
    expect(at("smtp://localhost:1025")).toMatchObject({ port: 1025, security: "NONE" });
    expect(at("smtps://u:p@mail.test:2465")).toMatchObject({ port: 2465, security: "TLS", username: "u", password: "p" });
    expect(at("https://mail.test")).toBeNull();
  });

  it("is the saved row once there is one, with its password decrypted", async () => {
    await prisma.systemSmtp.create({
      data: { host: "mail.example.test", port: 587, security: "STARTTLS", username: "u", passwordEncrypted: encryptSecret("pw", secretContext.systemSmtp), fromAddress: "a@example.test" },
    });
    expect(await systemSmtpConfig()).toEqual({ host: "mail.example.test", port: 587, security: "STARTTLS", username: "u", password: "pw", fromAddress: "a@example.test" });
  });
});

describe("sendTestEmail and describeSmtpError", () => {
  it("delivers the test email with the credentials it was given", async () => {
    const logins: string[] = [];
    sink = await startSink({
      authOptional: false,
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        logins.push(`${auth.username}:${auth.password}`);
        callback(null, { user: auth.username });
      },
    });
    const result = await sendTestEmail(config(sink.port, { username: "mailer@platform.test", password: "p@ss:word" }), "admin@platform.test", "de");
    expect(result).toEqual({ ok: true });
    expect(logins).toEqual(["mailer@platform.test:p@ss:word"]);
    expect(sink.received[0].headers.to).toBe("admin@platform.test");
    expect(sink.received[0].text).toContain(`Sie wurde über den SMTP-Server 127.0.0.1:${sink.port} versendet`);
  });

  it("says in plain words that the password was wrong", async () => {
    sink = await startSink({
      authOptional: false,
      allowInsecureAuth: true,
      onAuth(_auth, _session, callback) {
        callback(new Error("Invalid username or password"));
      },
    });
    const result = await sendTestEmail(config(sink.port, { username: "u", password: "wrong" }), "admin@platform.test", "en", { timeoutMs: 2_000 });
    expect(result).toEqual({ ok: false, error: "The SMTP server did not accept the user name or password." });
    expect(sink.received).toHaveLength(0);
  });

  it("says in plain words that nobody answers on the port", async () => {
    const result = await sendTestEmail(config(await closedPort()), "admin@platform.test", "de", { timeoutMs: 2_000 });
    expect(result).toEqual({ ok: false, error: "Der SMTP-Server hat die Verbindung abgelehnt. Prüfen Sie Hostnamen und Port." });
  });

  it("says when the server requires credentials, rejects a recipient, or cannot do STARTTLS", async () => {
    sink = await startSink({ authOptional: false, allowInsecureAuth: true });
    expect(await sendTestEmail(config(sink.port), "a@platform.test", "en")).toEqual({ ok: false, error: "The SMTP server requires a user name and password." });
    await sink.close();
    sink = await startSink({
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error("5.1.1 User unknown"), { responseCode: 550 }));
      },
    });
    expect(await sendTestEmail(config(sink.port), "nobody@platform.test", "en")).toEqual({ ok: false, error: "The SMTP server rejected the recipient address." });
    expect(await sendTestEmail(config(sink.port, { security: "STARTTLS" }), "a@platform.test", "en")).toEqual({
      ok: false,
      error: "No secure connection could be established (TLS or certificate problem). Check the security setting.",
    });
  });

  it("passes on the server's own words when it has no better ones, and keys stay translatable", () => {
    expect(describeSmtpError({ code: "EMESSAGE", responseCode: 552, response: "552 5.3.4 Message size exceeds fixed limit" })).toBe("552 5.3.4 Message size exceeds fixed limit");
    expect(describeSmtpError(new Error("getaddrinfo ENOTFOUND smtp.nowhere.invalid"))).toBe("mail.smtpErrors.hostNotFound");
    expect(describeSmtpError({ code: "ETIMEDOUT", message: "Greeting never received" })).toBe("mail.smtpErrors.timeout");
    expect(smtpErrorText("en", "552 5.3.4 Message size exceeds fixed limit")).toBe("552 5.3.4 Message size exceeds fixed limit");
    expect(smtpErrorText("de", "mail.smtpErrors.timeout")).toBe("Der SMTP-Server hat nicht rechtzeitig geantwortet.");
  });
});
