import "server-only";

// PostgreSQL's "try again" answers: a deadlock (40P01) or a serialization failure (40001) rolls
// the whole transaction back, so running it again is safe and usually succeeds at once.
const RETRYABLE = new Set(["40P01", "40001"]);
const ATTEMPTS = 4;

type AdapterCause = { originalCode?: string; code?: string };
type DbError = {
  code?: string;
  meta?: { code?: string; driverAdapterError?: { cause?: AdapterCause } };
  /** a model call (create, updateMany) throws the driver adapter's error itself, its code in here */
  cause?: AdapterCause;
};

/** Whether an error is PostgreSQL asking for the transaction to be run again. */
export function isRetryable(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as DbError;
  const causes = [e.meta?.driverAdapterError?.cause, typeof e.cause === "object" ? e.cause : undefined];
  const codes = [e.meta?.code, ...causes.flatMap((cause) => [cause?.originalCode, cause?.code])];
  return e.code === "P2034" || codes.some((code) => !!code && RETRYABLE.has(code));
}

/**
 * Runs work that may lose a deadlock or serialization race, again, a bounded number of times,
 * after a short random pause; any other error, or the last attempt's, goes to the caller.
 */
export async function retryOnConflict<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= ATTEMPTS || !isRetryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}
