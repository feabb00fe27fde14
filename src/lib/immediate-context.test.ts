import { AsyncLocalStorage } from "node:async_hooks";
import { promisify } from "node:util";
import v8 from "node:v8";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { releaseImmediateContexts } from "./immediate-context";

v8.setFlagsFromString("--expose-gc");
const collectGarbage = vm.runInNewContext("gc") as () => void;
const plainSetImmediate = globalThis.setImmediate;

/**
 * Schedules an immediate inside a context, keeps the immediate (as an Error's unread stack does),
 * and tells whether the context's store is still alive after collection.
 */
async function storeOutlivesImmediate(schedule: typeof setImmediate): Promise<{ seen: boolean; alive: boolean }> {
  const storage = new AsyncLocalStorage<{ payload: number[] }>();
  let store: WeakRef<object> | undefined;
  let kept: NodeJS.Immediate | undefined;
  const seen = await new Promise<boolean>((done) =>
    storage.run({ payload: new Array(10_000).fill(1) }, () => {
      const own = storage.getStore()!;
      store = new WeakRef(own);
      kept = schedule(() => done(storage.getStore() === own));
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, 10));
  collectGarbage();
  await new Promise((resolve) => setTimeout(resolve, 10));
  collectGarbage();
  expect(kept).toBeDefined();
  return { seen, alive: store!.deref() !== undefined };
}

describe("releaseImmediateContexts", () => {
  it("Node.js keeps an immediate's context alive after its callback has run (why this exists)", async () => {
    expect(await storeOutlivesImmediate(plainSetImmediate)).toEqual({ seen: true, alive: true });
  });

  it("lets the context go once the callback has run, which still ran in it", async () => {
    releaseImmediateContexts();
    expect(globalThis.setImmediate).not.toBe(plainSetImmediate);
    expect(await storeOutlivesImmediate(setImmediate)).toEqual({ seen: true, alive: false });
  });

  it("keeps setImmediate's contract: arguments, order, clearImmediate, promisify", async () => {
    releaseImmediateContexts();
    releaseImmediateContexts();
    const ran: string[] = [];
    setImmediate((a: string, b: string) => ran.push(a + b), "a", "b");
    const cleared = setImmediate(() => ran.push("cleared"));
    setImmediate(() => ran.push("c"));
    clearImmediate(cleared);
    expect(await promisify(setImmediate)("value")).toBe("value");
    expect(ran).toEqual(["ab", "c"]);
    expect(() => setImmediate("not a function" as never)).toThrow(
      expect.objectContaining({ code: "ERR_INVALID_ARG_TYPE" }),
    );
  });
});
