import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ["node_modules/**", ".next/**", ".data/**", "src/generated/**", "next-env.d.ts", "test-results/**", "playwright-report/**"],
  },
  {
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through src/server/env.ts." }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    // scripts, tests and tool configs set up the environment themselves
    files: ["scripts/**", "tests/**", "e2e/**", "bench/**", "prisma/**", "*.config.ts", "*.config.mjs", "src/server/env.ts", "src/server/db.ts"],
    rules: { "no-restricted-properties": "off" },
  },
];

export default config;
