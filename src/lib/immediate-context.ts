import timers from "node:timers";
import { promisify } from "node:util";

/**
 * Node.js keeps two things on an `Immediate` after its callback has run: the links to the other
 * immediates of its turn (`_idleNext`, `_idlePrev`: node/lib/internal/timers.js,
 * "TODO: Destroy and unref the Immediate after _onImmediate() gets executed") and, with
 * AsyncLocalStorage, the async context it was scheduled in, one property per storage. Anything
 * that keeps one immediate keeps its whole turn, and through their contexts the requests they
 * belonged to. React keeps one: when a render completes it aborts the request's cache signal with
 * an Error made inside an immediate, and an Error whose stack nobody has read keeps the receivers
 * of its frames, that immediate among them. So each finished request kept the requests whose
 * immediates shared a turn with its own, and those theirs: under load the server held every
 * request it had served (the README's "Over HTTP" gives the figures).
 *
 * Wrapping setImmediate lets the context go once the callback has run: the immediate itself and
 * its links stay as Node.js leaves them (its loop still walks them), but a kept immediate no
 * longer keeps a request. Installed once, by the server, before Next.js loads.
 */
export function releaseImmediateContexts(): void {
  const original = globalThis.setImmediate as typeof setImmediate & { [released]?: true };
  if (original[released]) return;
  const wrapped = function setImmediate(callback: (...args: unknown[]) => void, ...args: unknown[]) {
    // Node.js's own refusal of a callback that is not a function, at once rather than at its turn
    if (typeof callback !== "function") return original(callback);
    const immediate = original(() => {
      try {
        callback(...args);
      } finally {
        forgetContext(immediate);
      }
    });
    return immediate;
  } as typeof setImmediate & { [released]?: true };
  // util.promisify(setImmediate) resolves with its value, as Node.js's own does
  Object.defineProperty(wrapped, promisify.custom, {
    value: (original as unknown as Record<symbol, unknown>)[promisify.custom],
  });
  wrapped[released] = true;
  globalThis.setImmediate = wrapped;
  timers.setImmediate = wrapped;
}

const released = Symbol("released immediate contexts");

/**
 * The async context Node.js keeps on a resource: in Node.js 20, one `kResourceStore` symbol per
 * AsyncLocalStorage; where AsyncLocalStorage runs on async context frames, the frame.
 */
function forgetContext(immediate: NodeJS.Immediate): void {
  const resource = immediate as unknown as Record<symbol, unknown>;
  for (const key of Object.getOwnPropertySymbols(resource))
    if (key.description === "kResourceStore" || /context.?frame/i.test(key.description ?? ""))
      resource[key] = undefined;
}
