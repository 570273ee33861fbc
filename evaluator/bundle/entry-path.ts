import { BundleError } from "./errors";

/**
 * Normalizes one archive entry name to a bundle path ("model/model.json") and refuses any name that could
 * land outside the bundle directory or be read differently on another system. Returns undefined for the
 * archive's own root ("./"), which `tar -C dir .` writes first.
 */
export function checkEntryPath(raw: string, maxPathLength: number): string | undefined {
  const shown = JSON.stringify(raw);
  if (raw.includes("\\")) {
    throw new BundleError(
      "bundle_path_backslash",
      `Bundle entry ${shown}: backslashes are not allowed in paths; use '/'.`,
    );
  }
  if (raw.startsWith("/") || /^[A-Za-z]:/.test(raw)) {
    throw new BundleError(
      "bundle_path_absolute",
      `Bundle entry ${shown}: absolute paths are not allowed; paths are relative to the bundle root.`,
    );
  }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
  if (/[\u0000-\u001f\u007f]/.test(raw)) {
    throw new BundleError("bundle_path_invalid", `Bundle entry ${shown}: control characters are not allowed in paths.`);
  }
  let p = raw;
  while (p.startsWith("./")) p = p.slice(2);
  p = p.replace(/\/+$/, "");
  if (p === "" || p === ".") return undefined;
  const segments = p.split("/");
  if (segments.includes("..")) {
    throw new BundleError("bundle_path_traversal", `Bundle entry ${shown}: '..' is not allowed in paths.`);
  }
  if (segments.some((s) => s === "" || s === ".")) {
    throw new BundleError("bundle_path_invalid", `Bundle entry ${shown}: empty or '.' path segments are not allowed.`);
  }
  if (p.length > maxPathLength) {
    throw new BundleError(
      "bundle_path_too_long",
      `Bundle entry ${JSON.stringify(p.slice(0, 40) + "...")}: path is ${p.length} characters; the limit is ${maxPathLength}.`,
    );
  }
  return p;
}
