// The application as it runs in production, for the HTTP benchmark: the `next build` output served
// by scripts/server.ts (through tsx, as `npm start` runs it), its output in a log file, and the
// resident memory of the process that really serves the requests.
import { spawn, type ChildProcess } from "node:child_process";
import { openSync, readFileSync, readdirSync, readlinkSync } from "node:fs";
import { serverCommand, serverProcessEnv } from "../scripts/server-process.ts";

export interface AppServer {
  baseUrl: string;
  /** the process listening on the port: tsx starts node as its child, which serves */
  pid: number;
  stop(): Promise<void>;
}

async function waitUntilHealthy(baseUrl: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}; see ${logFile}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server did not answer /api/health within 120 s; see ${logFile}`);
}

/** Inodes of the sockets listening on `port` (IPv4 and IPv6). */
function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of readFileSync(file, "utf8").split("\n").slice(1)) {
      const f = line.trim().split(/\s+/);
      // local address is "<hex ip>:<hex port>"; state 0A is LISTEN
      if (f.length > 9 && f[3] === "0A" && parseInt(f[1].split(":")[1], 16) === port) inodes.add(f[9]);
    }
  }
  return inodes;
}

function descendants(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // the command name in parentheses may contain spaces: the fields after it are fixed
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // gone meanwhile
    }
  }
  const found = [root];
  for (let i = 0; i < found.length; i++) for (const [pid, ppid] of parentOf) if (ppid === found[i]) found.push(pid);
  return found;
}

function listeningPid(root: number, port: number): number {
  const inodes = listeningInodes(port);
  for (const pid of descendants(root)) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        if (target.startsWith("socket:[") && inodes.has(target.slice(8, -1))) return pid;
      } catch {
        // closed meanwhile
      }
    }
  }
  throw new Error(`no process below ${root} listens on port ${port}`);
}

/** Resident memory in MB: `VmRSS` now, or `VmHWM`, the most it ever held. */
export function residentMb(pid: number, field: "VmRSS" | "VmHWM" = "VmRSS"): number {
  const match = readFileSync(`/proc/${pid}/status`, "utf8").match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"));
  if (!match) throw new Error(`no ${field} for process ${pid}`);
  return Number(match[1]) / 1024;
}

/** CPU time the process has used so far, user and system, in ms (/proc counts in 1/100 s). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // the command name in parentheses may contain spaces: utime and stime are the 12th and 13th fields after it
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export async function startAppServer(env: NodeJS.ProcessEnv, port: number, logFile: string): Promise<AppServer> {
  const log = openSync(logFile, "w");
  // its own process group, so that stopping it stops tsx's node child too
  const [command, ...args] = serverCommand();
  const child = spawn(command!, args, { env: serverProcessEnv(env), detached: true, stdio: ["ignore", log, log] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      /* already gone */
    }
  };
  // its own group gets no Ctrl-C from the terminal: however this process ends, the server ends too
  const orphanGuard = () => signal("SIGTERM");
  process.once("exit", orphanGuard);
  const stop = async () => {
    process.off("exit", orphanGuard);
    if (child.exitCode !== null || child.signalCode !== null) return;
    signal("SIGTERM");
    const timer = setTimeout(() => signal("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitUntilHealthy(baseUrl, child, logFile);
    return { baseUrl, pid: listeningPid(child.pid!, port), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
