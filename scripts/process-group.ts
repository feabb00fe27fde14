import { spawn } from "node:child_process";

/**
 * Runs a command in its own process group and forwards SIGINT/SIGTERM to the whole group, so that
 * grandchildren (`next start` -> next-server) stop with it instead of surviving as orphans.
 * Resolves with the exit code.
 */
export function runInGroup(cmd: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const child = spawn(cmd[0], cmd.slice(1), { stdio: "inherit", env, detached: true });
  const forward = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      /* already gone */
    }
  };
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  return new Promise((resolve) => {
    child.on("exit", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}
