import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./src", import.meta.url)),
      // `server-only` throws outside the react-server condition; neutralise it in tests.
      "server-only": fileURLToPath(new URL("./tests/support/empty-module.ts", import.meta.url)),
    },
  },
  test: {
    include: ["tests/**/*.test.ts", "src/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/setup-db.ts", "tests/support/fail-on-console-error.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    env: {
      NEXTAUTH_SECRET: "test-secret-0123456789abcdef",
      SECRETS_KEY: "dGVzdC1rZXktMDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3",
      MAIL_WORKER: "off",
      NODE_ENV: "test",
    },
  },
});
