import { accessSync, constants } from "node:fs";
import path from "node:path";
import { PlatformError } from "../../lib/core/errors";

export type HostTools = { sh: string; bwrap: string; setpriv: string; prlimit: string };

/** Fixed system locations: the launcher must not depend on whatever PATH the worker was started with. */
const SEARCH = ["/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin"];

const PACKAGES: Record<keyof HostTools, string> = {
  sh: "dash (or any POSIX sh)",
  bwrap: "bubblewrap",
  setpriv: "util-linux (setpriv)",
  prlimit: "util-linux (prlimit)",
};

/** The programs the sandbox is built from; a PlatformError names the Debian package of any that is missing. */
export function findHostTools(searchDirs: string[] = SEARCH): HostTools {
  const tools = {} as HostTools;
  for (const name of Object.keys(PACKAGES) as (keyof HostTools)[]) {
    const found = searchDirs.map((dir) => path.join(dir, name)).find(isExecutable);
    if (!found) {
      throw new PlatformError(
        `The sandbox needs \`${name}\`, which is not installed (install the ${PACKAGES[name]} package)`,
      );
    }
    tools[name] = found;
  }
  return tools;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
