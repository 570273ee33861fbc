/** Where a command writes. Commands take one so tests can read what they print. */
export type Io = {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Whether stderr is a terminal (progress redraws in place there, and prints a few lines elsewhere). */
  errIsTTY: boolean;
};

export const processIo: Io = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  errIsTTY: !!process.stderr.isTTY,
};
