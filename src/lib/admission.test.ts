import { AsyncLocalStorage } from "node:async_hooks";
import { EventEmitter } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { admissionLimit, bypassesAdmission, createAdmission } from "./admission";

class Fake extends EventEmitter {
  destroyed = false;
}
const request = () => {
  const req = new Fake();
  const res = new Fake();
  return { req, res, as: [req as unknown as IncomingMessage, res as unknown as ServerResponse] as const };
};

describe("admission", () => {
  it("runs at most the limit at once, the rest in arrival order as others finish", () => {
    const admission = createAdmission(2);
    const started: number[] = [];
    const requests = [0, 1, 2, 3, 4].map((i) => {
      const r = request();
      admission.admit(...r.as, () => started.push(i));
      return r;
    });
    expect(started).toEqual([0, 1]);
    expect(admission.state).toEqual({ running: 2, waiting: 3 });
    requests[1]!.res.emit("finish");
    expect(started).toEqual([0, 1, 2]);
    // "close" after "finish" is the same request ending, not a second one
    requests[1]!.res.emit("close");
    expect(admission.state).toEqual({ running: 2, waiting: 2 });
    // a client that goes away mid-request frees its place too
    requests[0]!.res.emit("close");
    expect(started).toEqual([0, 1, 2, 3]);
  });

  it("drops at its turn a request whose client has gone while it waited", () => {
    const admission = createAdmission(1);
    const started: string[] = [];
    const first = request();
    admission.admit(...first.as, () => started.push("first"));
    const gone = request();
    admission.admit(...gone.as, () => started.push("gone"));
    const third = request();
    admission.admit(...third.as, () => started.push("third"));
    gone.req.destroyed = true;
    first.res.emit("finish");
    expect(started).toEqual(["first", "third"]);
    expect(admission.state).toEqual({ running: 1, waiting: 0 });
  });

  it("starts a waiting request in the context it arrived in, not in that of the request that made room", () => {
    const context = new AsyncLocalStorage<string>();
    const admission = createAdmission(1);
    const seen: Array<string | undefined> = [];
    const first = request();
    context.run("first", () => admission.admit(...first.as, () => seen.push(context.getStore())));
    const second = request();
    context.run("second", () => admission.admit(...second.as, () => seen.push(context.getStore())));
    // the first request ends inside its own context, as Node.js emits its response's events
    context.run("first", () => first.res.emit("finish"));
    expect(seen).toEqual(["first", "second"]);
  });

  it("tells when a request starts and when the last one has ended with none waiting", () => {
    const events: string[] = [];
    const admission = createAdmission(1, { busy: () => events.push("busy"), idle: () => events.push("idle") });
    const first = request();
    admission.admit(...first.as, () => {});
    const second = request();
    admission.admit(...second.as, () => {});
    first.res.emit("finish");
    expect(events).toEqual(["busy", "busy"]);
    second.res.emit("finish");
    expect(events).toEqual(["busy", "busy", "idle"]);
  });

  it("lets the health check and static files through, and reads its limit", () => {
    expect(bypassesAdmission("/api/health")).toBe(true);
    expect(bypassesAdmission("/_next/static/chunks/a.js")).toBe(true);
    expect(bypassesAdmission("/api/healthy")).toBe(false);
    expect(bypassesAdmission("/console")).toBe(false);
    expect([
      admissionLimit(undefined),
      admissionLimit("3"),
      admissionLimit("0"),
      admissionLimit("x"),
      admissionLimit("2.5"),
    ]).toEqual([8, 3, 8, 8, 8]);
  });
});
