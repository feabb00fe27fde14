// What the outbox tests of an SMTP outage share: the worker's quick timeout, the clock moved on,
// the SMTP server of the test switched on at a port and stopped after each test, and the
// environment the test changed set back.
import { afterEach, vi } from "vitest";
import { resetEnvForTests } from "@/server/env";
import { db } from "./factory";
import { startSink, type Sink } from "./smtp-sink";

export const FAST = { timeoutMs: 2_000 };

export const later = (ms: number) => vi.setSystemTime(new Date(Date.now() + ms));
export const readOutbox = (id: string) => db.emailOutbox.findUniqueOrThrow({ where: { id } });

/** Points the application's SMTP_URL at this port of this machine. */
export function smtpAt(port: number) {
  vi.stubEnv("SMTP_URL", `smtp://127.0.0.1:${port}`);
  resetEnvForTests();
}

let sink: Sink | undefined;

/** The SMTP server comes back at this port; it is stopped after the test. */
export async function sinkAt(port: number): Promise<Sink> {
  sink = await startSink({ port });
  return sink;
}

/** After each test: real timers, the environment as it was, the sink stopped. */
export function restoreAfterEach() {
  afterEach(async () => {
    vi.useRealTimers();
    vi.unstubAllEnvs();
    resetEnvForTests();
    await sink?.close();
    sink = undefined;
  });
}
