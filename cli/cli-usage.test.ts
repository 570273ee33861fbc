import assert from "node:assert/strict";
import { test } from "node:test";
import { main } from "./heldout";
import { captureIo } from "@/testing/cli/capture-io";
import { startHttpServer } from "@/testing/cli/http-server";

async function cli(argv: string[]) {
  const c = captureIo();
  const code = await main(argv, c.io);
  return { code, out: c.out(), err: c.err() };
}

test("no command prints the usage on stderr and exits 2", async () => {
  const r = await cli([]);
  assert.equal(r.code, 2);
  assert.match(r.err, /^Usage: heldout <command>/);
  assert.match(r.err, /submit +check and upload a bundle/);
});

test("help prints the usage on stdout and exits 0", async () => {
  const r = await cli(["--help"]);
  assert.equal(r.code, 0);
  assert.match(r.out, /leaderboard +print a benchmark's leaderboard/);
});

test("an unknown command is named and exits 2", async () => {
  const r = await cli(["sumbit"]);
  assert.equal(r.code, 2);
  assert.match(r.err, /^Unknown command 'sumbit'\./);
});

test("a command's --help prints its own usage", async () => {
  const r = await cli(["submit", "--help"]);
  assert.equal(r.code, 0);
  assert.match(r.out, /^Usage: heldout submit <bundle-dir-or-archive> --benchmark <slug>/);
});

test("an unknown flag is named, with the command's usage, exit 2", async () => {
  const r = await cli(["status", "abc", "--verbose"]);
  assert.equal(r.code, 2);
  assert.match(r.err, /Unknown option '--verbose'/);
  assert.match(r.err, /Usage: heldout status <submission-id>/);
});

test("a missing positional argument is named", async () => {
  const r = await cli(["leaderboard"]);
  assert.equal(r.code, 2);
  assert.match(r.err, /^Missing <benchmark-slug>\./);
});

test("an extra positional argument is refused", async () => {
  const r = await cli(["status", "a", "b"]);
  assert.equal(r.code, 2);
  assert.match(r.err, /^Unexpected argument 'b'\./);
});

test("submit without --benchmark says it is required", async () => {
  const r = await cli(["submit", "bundle.tar.gz", "--url", "http://127.0.0.1:9", "--token", "t"]);
  assert.equal(r.code, 2);
  assert.match(r.err, /^--benchmark is required\./);
});

test("an enum flag with a bad value lists the allowed values", async () => {
  const r = await cli(["leaderboard", "glyphs", "--partition", "secret", "--url", "http://127.0.0.1:9"]);
  assert.equal(r.code, 2);
  assert.match(r.err, /^--partition must be 'public' or 'private', got 'secret'\./);
});

test("no server URL (no --url, no HELDOUT_URL) says how to give one", async (t) => {
  if (process.env.HELDOUT_URL) return t.skip("HELDOUT_URL is set in this environment");
  const r = await cli(["status", "abc"]);
  assert.equal(r.code, 2);
  assert.match(r.err, /^No server given: pass --url https:\/\/heldout\.example\.org or set HELDOUT_URL\./);
});

test("a --url that is not http(s) is refused", async () => {
  const r = await cli(["status", "abc", "--url", "ftp://example.org"]);
  assert.equal(r.code, 2);
  assert.match(r.err, /^--url must be an http\(s\) URL, got 'ftp:\/\/example\.org'\./);
});

test("submit without a token says how to get one", async (t) => {
  if (process.env.HELDOUT_TOKEN) return t.skip("HELDOUT_TOKEN is set in this environment");
  const r = await cli(["submit", "x.tar.gz", "--benchmark", "glyphs", "--url", "http://127.0.0.1:9"]);
  assert.equal(r.code, 2);
  assert.match(r.err, /^No API token: pass --token or set HELDOUT_TOKEN/);
});

test("an unreachable server is reported with the URL, exit 1", async () => {
  const closed = await startHttpServer(() => {});
  await closed.close();
  const r = await cli(["status", "abc", "--url", closed.url]);
  assert.equal(r.code, 1);
  assert.equal(r.err, `Cannot reach ${closed.url} (ECONNREFUSED).\n`);
});

test("unknown subcommands of bundle, user and token are refused", async () => {
  for (const [command, sub] of [
    ["bundle", "lint"],
    ["user", "delete"],
    ["token", "revoke"],
  ] as const) {
    const r = await cli([command, sub]);
    assert.equal(r.code, 2, `${command} ${sub}`);
    assert.match(r.err, new RegExp(`^Unknown ${command} command '${sub}'\\.`));
  }
});

test("import and bundle init are commands of heldout, each with its own usage", async () => {
  assert.match((await cli(["--help"])).out, /\n {2}import +import a dataset/);
  const importHelp = await cli(["import", "--help"]);
  assert.equal(importHelp.code, 0);
  assert.match(importHelp.out, /^Usage: heldout import <omniglot\|cifar100\|folder> <path>/);
  const initHelp = await cli(["bundle", "init", "--help"]);
  assert.equal(initHelp.code, 0);
  assert.match(initHelp.out, /^Usage: heldout bundle init fewshot --kind embedding\|finetune\|learner/);
  const noKind = await cli(["bundle", "init", "fewshot"]);
  assert.equal(noKind.code, 2);
  assert.match(
    noKind.err,
    /^--kind is required\.\n\nUsage: heldout bundle check .*\n.*\n {7}heldout bundle init fewshot/,
  );
  const unknown = await cli(["import", "mnist", "x"]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /^Unknown dataset 'mnist': expected 'omniglot', 'cifar100' or 'folder'\./);
});
