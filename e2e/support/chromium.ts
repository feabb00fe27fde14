import type { LaunchOptions } from "@playwright/test";

/** How the end-to-end tests and the HTTP benchmark start Chromium on these machines. */
export const CHROMIUM_LAUNCH: LaunchOptions = {
  // Debian's chromium (apt-get install chromium); Playwright's own browser download is unreachable here
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
  ],
};
