#!/usr/bin/env node
// The `heldout` command: runs the TypeScript CLI through tsx, resolving the project's "@/..." imports with its own
// tsconfig whatever the current directory is.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
register({ tsconfig: path.join(root, "tsconfig.json") });
import("../heldout.ts")
  .then(({ main }) => main(process.argv.slice(2)))
  .then((code) => {
    process.exitCode = code;
  });
