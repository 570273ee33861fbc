/* eslint-disable no-control-regex -- control characters and escape sequences are exactly what this module finds */
/**
 * Text from outside — a sandbox's output, the strings and errors in its protocol messages, anything a user typed —
 * made safe to store and to show. The one place this is done: pure functions that import nothing, so every layer
 * (the sandbox launcher, the worker, the routes, the CLI, the log viewer) may use them.
 *
 * - `decodeUntrusted`: bytes → string, every invalid UTF-8 sequence replaced by U+FFFD.
 * - `storableText`: safe for PostgreSQL text and jsonb and for JSON: NUL shown as ␀, lone surrogates replaced by
 *   U+FFFD, capped with a marker saying how much was cut.
 * - `displayText`: safe to render on a terminal or a page: storable, terminal escape sequences removed, every other
 *   control character (except tab and newline) shown as its visible symbol.
 */

/** Where a NUL was: PostgreSQL text cannot hold U+0000, and a terminal would swallow it. */
export const NUL_SYMBOL = "\u2400";
const REPLACEMENT = "\uFFFD";

/** Error messages and names from a sandbox are kept to this many characters by default (the log has the rest). */
export const DEFAULT_MAX_CHARS = 4000;

// ES2024's String.prototype.toWellFormed (Node 20, every current browser); the project's TypeScript lib is ES2023.
type WellFormable = string & { toWellFormed(): string };

const decoder = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

/** UTF-8 bytes as text; invalid sequences (a cut multi-byte character, random bytes) become U+FFFD. */
export function decodeUntrusted(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** The marker left where `cut` characters were taken out of over-long text. */
export function cutMarker(cut: number, unit = "characters"): string {
  return `[… ${cut} ${unit} cut …]`;
}

/**
 * Text longer than `maxChars` keeps its first and last halves around a marker saying how many characters were
 * cut: the start says what the code was doing, the end how it failed.
 */
export function capText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const half = Math.floor(maxChars / 2);
  const cut = text.length - 2 * half;
  // A surrogate pair split at either edge is left lone here; storableText replaces it.
  return `${text.slice(0, half)}${cutMarker(cut)}${text.slice(text.length - half)}`;
}

/** Safe for PostgreSQL (text, jsonb) and JSON: no NUL, no lone surrogate, at most `maxChars` plus the cut marker. */
export function storableText(text: string, maxChars: number = DEFAULT_MAX_CHARS): string {
  const capped = capText(text, maxChars);
  const whole = (capped as WellFormable).toWellFormed();
  return whole.includes("\0") ? whole.replaceAll("\0", NUL_SYMBOL) : whole;
}

// CSI (ESC [ … final, or the one-character C1 CSI), OSC/DCS/SOS/PM/APC strings ended by BEL or ST within their
// line, and the two-character escapes: everything a terminal acts on instead of printing. An unended string is
// not swallowed whole: its ESC goes, its text stays.
const ESCAPE_SEQUENCE =
  /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|(?:\x1b[\]PX^_]|[\x90\x98\x9d-\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)|\x1b[ -~]?/g;
// C0 controls but tab and newline, DEL, C1 controls, and the bidirectional overrides that reorder what is shown.
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Safe to render (a terminal, a log viewer): storable, escape sequences (colours, cursor moves, window titles,
 * hyperlinks) removed, a lone carriage return made a line break (so no line can be overwritten), and every other
 * control character shown as its symbol (␀, ␇, …) or U+FFFD.
 */
export function displayText(text: string, maxChars: number = Number.POSITIVE_INFINITY): string {
  return storableText(text, maxChars)
    .replace(ESCAPE_SEQUENCE, "")
    .replace(/\r\n?/g, "\n")
    .replace(CONTROL, (c) => {
      const code = c.charCodeAt(0);
      if (code < 0x20) return String.fromCharCode(0x2400 + code);
      if (code === 0x7f) return "\u2421";
      return REPLACEMENT;
    });
}

/**
 * The first character a one-line name may not hold, described for an error message ("U+0000"), or undefined:
 * control characters (NUL, escapes, line breaks), bidirectional overrides and lone surrogates.
 */
export function forbiddenInName(text: string): string | undefined {
  const match =
    /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.exec(
      text,
    );
  if (!match) return undefined;
  return `U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
}
