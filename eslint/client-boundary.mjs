import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

// A client component ("use client") ships to the browser with everything it imports. From
// src/server it may take only server actions ("use server" modules, which the bundler turns into
// references to POST endpoints) and types (erased); anything else it needs lives in src/lib.
// ESLint cannot tell a client component by its path, so this rule reads the directive.

const EXTENSIONS = [".ts", ".tsx", "/index.ts", "/index.tsx"];
const directiveCache = new Map();

function isDirective(program, directive) {
  return program.body.some((node) => node.type === "ExpressionStatement" && node.directive === directive);
}

/** The file an import names inside src/, or null for packages and anything outside src. */
function resolveInSrc(source, filename, srcDir) {
  let base;
  if (source.startsWith("@/")) base = path.join(srcDir, source.slice(2));
  else if (source.startsWith(".")) base = path.resolve(path.dirname(filename), source);
  else return null;
  return (
    [...EXTENSIONS.map((ext) => base + ext), base].find((file) => existsSync(file) && statSync(file).isFile()) ?? base
  );
}

/** Whether a module starts with the "use server" directive (comments and blank lines before it allowed). */
function isServerActionModule(file) {
  // keyed by the file's mtime, so an editor's long-running ESLint sees a directive added or removed
  const mtime = existsSync(file) ? statSync(file).mtimeMs : -1;
  const cached = directiveCache.get(file);
  if (cached?.mtime === mtime) return cached.serverActions;
  const text = mtime < 0 ? "" : readFileSync(file, "utf8");
  const body = text.replace(/^(\s+|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*/, "");
  const serverActions = /^["']use server["']/.test(body);
  directiveCache.set(file, { mtime, serverActions });
  return serverActions;
}

const typeOnly = (node) =>
  node.importKind === "type" ||
  node.exportKind === "type" ||
  (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === "type" || s.exportKind === "type"));

/** @type {import("eslint").Rule.RuleModule} */
const clientImportsServer = {
  meta: {
    type: "problem",
    docs: { description: 'Client components import from src/server only server actions ("use server") and types.' },
    messages: {
      serverCode:
        'A client component may import from src/server only server actions ("use server" modules) and types; "{{source}}" is server code. Move what the browser needs to src/lib.',
    },
    schema: [],
  },
  create(context) {
    const filename = context.filename;
    const srcDir = path.join(context.cwd, "src");
    const serverDir = path.join(srcDir, "server") + path.sep;
    let client = false;
    const check = (node, source) => {
      if (!client || typeof source !== "string") return;
      const target = resolveInSrc(source, filename, srcDir);
      if (!target || !target.startsWith(serverDir) || isServerActionModule(target)) return;
      context.report({ node, messageId: "serverCode", data: { source } });
    };
    return {
      Program(program) {
        client = isDirective(program, "use client");
      },
      ImportDeclaration(node) {
        if (!typeOnly(node)) check(node, node.source.value);
      },
      ExportNamedDeclaration(node) {
        if (node.source && !typeOnly(node)) check(node, node.source.value);
      },
      ExportAllDeclaration(node) {
        if (node.exportKind !== "type") check(node, node.source.value);
      },
      ImportExpression(node) {
        if (node.source.type === "Literal") check(node, node.source.value);
      },
    };
  },
};

const plugin = { rules: { "client-imports-server": clientImportsServer } };

export default plugin;
