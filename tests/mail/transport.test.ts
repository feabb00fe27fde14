import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { encryptSecret, secretContext } from "@/server/crypto/secrets";
import { prisma } from "@/server/db";
import {
  describeSmtpError,
  parseSmtpUrl,
  sendTestEmail,
  smtpErrorText,
  systemSmtpConfig,
  type SmtpConfig,
} from "@/server/mail/transport";
import { allowLocalSmtp, closedPort, startSink, type Sink } from "../support/smtp-sink";

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
    expect(await systemSmtpConfig()).toMatchObject({
      host: "smtp.platform.test",
      port: 465,
      security: "TLS",
      username: "mailer@platform.test",
      password: "p@ss:word",
      fromAddress: "Platform <no-reply@platform.test>",
      trusted: true,
    });
  });

  it("reads the security from the URL's scheme and port", () => {
    const at = (url: string) => parseSmtpUrl(url, "x@platform.test");
    expect(at("smtp://mail.test:587")).toMatchObject({
      host: "mail.test",
      port: 587,
      security: "STARTTLS",
      username: null,
      password: null,
    });
    expect(at("smtp://mail.test")).toMatchObject({ port: 25, security: "NONE" });
    expect(at("smtp://localhost:1025")).toMatchObject({ port: 1025, security: "NONE" });
    expect(at("smtps://u:p@mail.test:2465")).toMatchObject({
      port: 2465,
      security: "TLS",
      username: "u",
      password: "p",
    });
    expect(at("https://mail.test")).toBeNull();
  });

  it("is the saved row once there is one, with its password decrypted", async () => {
    await prisma.systemSmtp.create({
      data: {
        host: "mail.example.test",
        port: 587,
        security: "STARTTLS",
        username: "u",
        passwordEncrypted: encryptSecret("pw", secretContext.systemSmtp),
        fromAddress: "a@example.test",
      },
    });
    expect(await systemSmtpConfig()).toEqual({
      host: "mail.example.test",
      port: 587,
      security: "STARTTLS",
      username: "u",
      password: "pw",
      fromAddress: "a@example.test",
    });
  });
});

describe("sendTestEmail and describeSmtpError", () => {
  // the sink and the closed port are on this machine, where administrators' servers may not be:
  // each test opts in to its port
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
    allowLocalSmtp(sink.port);
    const result = await sendTestEmail(
      config(sink.port, { username: "mailer@platform.test", password: "p@ss:word" }),
      "admin@platform.test",
      "de",
    );
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
    allowLocalSmtp(sink.port);
    const result = await sendTestEmail(
      config(sink.port, { username: "u", password: "wrong" }),
      "admin@platform.test",
      "en",
      { timeoutMs: 2_000 },
    );
    expect(result).toMatchObject({ ok: false, error: "The SMTP server did not accept the user name or password." });
    expect(sink.received).toHaveLength(0);
  });

  it("says in plain words that nobody answers on the port", async () => {
    const port = await closedPort();
    allowLocalSmtp(port);
    const result = await sendTestEmail(config(port), "admin@platform.test", "de", { timeoutMs: 2_000 });
    expect(result).toMatchObject({
      ok: false,
      error: "Der SMTP-Server hat die Verbindung abgelehnt. Prüfen Sie Hostnamen und Port.",
    });
  });

  it("says when the server requires credentials, rejects a recipient, or cannot do STARTTLS", async () => {
    sink = await startSink({ authOptional: false, allowInsecureAuth: true });
    allowLocalSmtp(sink.port);
    expect(await sendTestEmail(config(sink.port), "a@platform.test", "en")).toMatchObject({
      ok: false,
      error: "The SMTP server requires a user name and password.",
    });
    await sink.close();
    sink = await startSink({
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error("5.1.1 User unknown"), { responseCode: 550 }));
      },
    });
    allowLocalSmtp(sink.port);
    expect(await sendTestEmail(config(sink.port), "nobody@platform.test", "en")).toMatchObject({
      ok: false,
      error: "The SMTP server rejected the recipient address.",
    });
    expect(await sendTestEmail(config(sink.port, { security: "STARTTLS" }), "a@platform.test", "en")).toMatchObject({
      ok: false,
      error: "No secure connection could be established (TLS or certificate problem). Check the security setting.",
    });
  });

  it("reports the server's reply code in our words, never its own text", () => {
    const answered = describeSmtpError({
      code: "EMESSAGE",
      responseCode: 552,
      response: "552 5.3.4 Message size exceeds fixed limit",
    });
    expect(answered).toBe("mail.smtpErrors.answered:552");
    expect(smtpErrorText("en", answered)).toBe("The SMTP server answered 552.");
    expect(smtpErrorText("de", answered)).toBe("Der SMTP-Server hat mit 552 geantwortet.");
    // a greeting is whatever the remote side chose to say: it never reaches the page
    expect(
      describeSmtpError({
        code: "EPROTOCOL",
        message: "Invalid greeting. response=SSH-2.0-OpenSSH_9.6: SSH-2.0-OpenSSH_9.6",
        response: "SSH-2.0-OpenSSH_9.6",
      }),
    ).toBe("mail.smtpErrors.unknown");
    expect(describeSmtpError(new Error("getaddrinfo ENOTFOUND smtp.nowhere.invalid"))).toBe(
      "mail.smtpErrors.hostNotFound",
    );
    expect(describeSmtpError({ code: "ETIMEDOUT", message: "Greeting never received" })).toBe(
      "mail.smtpErrors.timeout",
    );
    expect(smtpErrorText("de", "mail.smtpErrors.timeout")).toBe("Der SMTP-Server hat nicht rechtzeitig geantwortet.");
    // what older versions stored (the reply verbatim) shows as its code only
    expect(smtpErrorText("en", "554 5.7.1 Welcome to internal-db-01.corp, Postfix 2.11")).toBe(
      "The SMTP server answered 554.",
    );
    expect(smtpErrorText("en", "SSH-2.0-OpenSSH_9.6")).toBe("The email could not be sent.");
  });
});
