// Where the suite's application servers write their output (playwright.config.ts tees it there),
// and which of its lines are errors nobody expected (server-log-check.ts, the global teardown).
import path from "node:path";

export const SERVER_LOG_DIR = ".data/e2e-logs";

export const serverLog = (name: string) => path.join(SERVER_LOG_DIR, `${name}.log`);

/** A line the server writes when something went wrong on its side. */
const ERROR_LINE = /⨯|\berror\b|INSUFFICIENT_PATH|MISSING_MESSAGE|unhandled|uncaught|exception|failed/i;

/**
 * Lines the specs provoke on purpose, each with the spec that does. Keep this list short and
 * exact: anything else that looks like an error fails the run.
 */
const EXPECTED: RegExp[] = [];

/** The unexpected error lines of one log. */
export function unexpectedErrorLines(log: string): string[] {
  return log.split("\n").filter((line) => ERROR_LINE.test(line) && !EXPECTED.some((expected) => expected.test(line)));
}
