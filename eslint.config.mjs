import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";
import clientBoundary from "./eslint/client-boundary.mjs";

// src/server never imports components, routes or react-dom: they depend on it, not the other way round.
const NO_UI = {
  paths: [{ name: "react-dom", message: "src/server never renders UI." }],
  patterns: [
    {
      regex: "^(@/|(\\.\\./)+)(components|app)(/|$)",
      message: "src/server never imports components or routes: move what both need into src/server or src/lib.",
    },
    { regex: "^react-dom/", message: "src/server never renders UI." },
  ],
};
// links come from src/components/ui/link.tsx, which turns off Next.js's prefetching of every link on screen
const NEXT_LINK = {
  name: "next/link",
  message: "Import { Link } from @/components/ui/link: it does not prefetch every page on screen.",
};
const SERVER_ACTIONS = ["src/server/**/actions.ts", "src/server/**/*-actions.ts"];
const NO_ACTION_HELPER = {
  regex: "^(@/server/|(\\.\\./)+|\\./)action$",
  message:
    "Only server actions (actions.ts, *-actions.ts) import the action helper: UserError is in @/server/user-error.",
};

const config = [
  ...nextVitals,
  ...nextTs,
  // formatting is Prettier's (npm run format:check): no lint rule argues with it
  prettier,
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".data/**",
      "src/generated/**",
      "next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
    ],
  },
  {
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through src/server/env.ts." },
      ],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    // scripts, tests and tool configs set up the environment themselves
    files: [
      "scripts/**",
      "tests/**",
      "e2e/**",
      "bench/**",
      "prisma/**",
      "*.config.ts",
      "*.config.mjs",
      "src/server/env.ts",
      "src/server/db.ts",
    ],
    rules: { "no-restricted-properties": "off" },
  },
  // Import boundaries (tests/lint-boundaries.test.ts plants a violation of each).
  {
    // routes stay thin: they read through src/server/<domain>/queries.ts, which take the access the choke point returned
    files: ["src/app/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [NEXT_LINK],
          patterns: [
            {
              regex: "^(@/|(\\.\\./)+)server/db$",
              message: "Routes never query Prisma: read through a function in src/server/<domain>/queries.ts.",
            },
            {
              regex: "^(@/|(\\.\\./)+)generated/prisma/client$",
              message: "Routes never query Prisma: read through a function in src/server/<domain>/queries.ts.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/components/**"],
    ignores: ["src/components/ui/link.tsx"],
    rules: { "no-restricted-imports": ["error", { paths: [NEXT_LINK] }] },
  },
  {
    // the server never renders UI; and only server actions build on the action helper, so the
    // helper can import the domains without a cycle (UserError lives in src/server/user-error.ts)
    files: ["src/server/**"],
    ignores: SERVER_ACTIONS,
    rules: { "no-restricted-imports": ["error", { ...NO_UI, patterns: [...NO_UI.patterns, NO_ACTION_HELPER] }] },
  },
  {
    files: SERVER_ACTIONS,
    rules: { "no-restricted-imports": ["error", NO_UI] },
  },
  {
    files: ["src/**/*.{ts,tsx}"],
    plugins: { house: clientBoundary },
    rules: { "house/client-imports-server": "error" },
  },
];

export default config;
