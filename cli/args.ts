import { parseArgs, type ParseArgsConfig } from "node:util";

/** Bad command line: the caller prints the message with the command's usage and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * node:util parseArgs in strict mode, with `--help` on every command and exactly `positionals` positional
 * arguments (named, for the error message). Returns undefined when help was asked for.
 */
export function parseCommand<O extends Options>(argv: string[], options: O, positionals: string[] = []) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    // parseArgs messages name the flag; drop its advice about '--' which does not apply here.
    throw new UsageError(
      (error as Error).message.replace(/\. To specify a positional argument starting with.*$/s, "."),
    );
  }
  if ((parsed.values as { help?: boolean }).help) return undefined;
  if (parsed.positionals.length < positionals.length) {
    throw new UsageError(
      `Missing ${positionals
        .slice(parsed.positionals.length)
        .map((p) => `<${p}>`)
        .join(" ")}.`,
    );
  }
  if (parsed.positionals.length > positionals.length) {
    throw new UsageError(`Unexpected argument '${parsed.positionals[positionals.length]}'.`);
  }
  return {
    values: parsed.values as ReturnType<typeof parseArgs<{ options: O; strict: true }>>["values"],
    positionals: parsed.positionals,
  };
}

/** The value of a string flag that must be one of `allowed`. */
export function oneOf<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(
    `--${flag} must be ${allowed
      .map((a) => `'${a}'`)
      .join(", ")
      .replace(/, ([^,]*)$/, " or $1")}, got '${value}'.`,
  );
}

export function required(flag: string, value: string | undefined): string {
  if (value === undefined || value === "") throw new UsageError(`--${flag} is required.`);
  return value;
}
