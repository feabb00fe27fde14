import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createIdleCollection, exposedCollector } from "./idle-collection";

describe("idle collection", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("collects a quiet spell after the last request, then once more when it settles, and no more", () => {
    const collect = vi.fn();
    const idle = createIdleCollection(collect, 2_000, 3_000);
    idle.busy();
    idle.idle();
    vi.advanceTimersByTime(1_999);
    expect(collect).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(collect).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(2_999);
    expect(collect).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(collect).toHaveBeenCalledTimes(2);
    // nothing served since: staying idle does not collect again
    idle.idle();
    vi.advanceTimersByTime(10_000);
    expect(collect).toHaveBeenCalledTimes(2);
  });

  it("leaves the second collection out when a request comes before it", () => {
    const collect = vi.fn();
    const idle = createIdleCollection(collect, 2_000, 3_000);
    idle.busy();
    idle.idle();
    vi.advanceTimersByTime(2_000);
    expect(collect).toHaveBeenCalledTimes(1);
    idle.busy();
    vi.advanceTimersByTime(10_000);
    expect(collect).toHaveBeenCalledTimes(1);
    // that request's end starts the quiet spell again
    idle.idle();
    vi.advanceTimersByTime(5_000);
    expect(collect).toHaveBeenCalledTimes(3);
  });

  it("does not collect while requests keep coming", () => {
    const collect = vi.fn();
    const idle = createIdleCollection(collect, 2_000);
    for (let i = 0; i < 5; i++) {
      idle.busy();
      idle.idle();
      vi.advanceTimersByTime(1_500);
    }
    expect(collect).not.toHaveBeenCalled();
    vi.advanceTimersByTime(500);
    expect(collect).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(2_000);
    expect(collect).toHaveBeenCalledTimes(2);
  });

  it("never collects before anything was served", () => {
    const collect = vi.fn();
    createIdleCollection(collect, 2_000).idle();
    vi.advanceTimersByTime(10_000);
    expect(collect).not.toHaveBeenCalled();
  });
});

describe("exposedCollector", () => {
  it("is V8's collector when the process has one, else none", () => {
    const global = globalThis as { gc?: () => void };
    const own = global.gc;
    const calls: string[] = [];
    try {
      global.gc = () => calls.push("collected");
      exposedCollector()?.();
      expect(calls).toEqual(["collected"]);
      global.gc = undefined;
      expect(exposedCollector()).toBeUndefined();
    } finally {
      global.gc = own;
    }
  });
});
