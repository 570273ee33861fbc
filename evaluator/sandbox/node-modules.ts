import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/** Package name → host directory, to be bound read-only at /node_modules/<name> inside the sandbox. */
export type PackageBinds = Map<string, string>;

type PackageJson = {
  name?: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
};

/**
 * The packages `roots` need at run time, found the way Node resolves them from `nodeModulesDir`.
 * Only packages installed directly in `nodeModulesDir` are listed: one nested deeper travels inside its
 * parent's bind. Missing optional and peer dependencies are skipped; a missing root is an error.
 */
export function packageClosure(nodeModulesDir: string, roots: string[]): PackageBinds {
  const binds: PackageBinds = new Map();
  const seen = new Set<string>();
  const visit = (dir: string) => {
    if (seen.has(dir)) return;
    seen.add(dir);
    const manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as PackageJson;
    if (path.dirname(dir) === nodeModulesDir || path.dirname(path.dirname(dir)) === nodeModulesDir) {
      const name = path.relative(nodeModulesDir, dir);
      if (manifest.name === name) binds.set(name, dir);
    }
    const deps = { ...manifest.peerDependencies, ...manifest.optionalDependencies, ...manifest.dependencies };
    for (const dep of Object.keys(deps)) {
      if (dep.startsWith("@types/")) continue; // type declarations only: nothing to load
      const found = resolvePackage(dir, dep, nodeModulesDir);
      if (found) visit(found);
    }
  };
  for (const root of roots) {
    const dir = path.join(nodeModulesDir, root);
    if (!existsSync(path.join(dir, "package.json")))
      throw new Error(`package ${root} is not installed in ${nodeModulesDir}`);
    visit(dir);
  }
  return binds;
}

/** Node's lookup: <dir>/node_modules/<name>, then each parent's, stopping at `top` (inclusive). */
function resolvePackage(fromDir: string, name: string, top: string): string | undefined {
  let dir = fromDir;
  for (;;) {
    const candidate = path.join(dir, "node_modules", name);
    if (existsSync(path.join(candidate, "package.json"))) return candidate;
    if (path.basename(dir) === "node_modules" && dir === top) {
      const hoisted = path.join(top, name);
      return existsSync(path.join(hoisted, "package.json")) ? hoisted : undefined;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
