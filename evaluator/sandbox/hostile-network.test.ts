import assert from "node:assert/strict";
import net from "node:net";
import { test } from "node:test";
import { assertFailure, assertSandboxStillWorks, learnerBundle, runOneEpisode } from "@/testing/sandbox/harness";

test("code in the sandbox cannot open a socket to the host's loopback or to the internet", async () => {
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  const bundle = await learnerBundle(
    `
import net from "node:net";
const attempt = (host, port) => new Promise((resolve) => {
  const socket = net.connect({ host, port, timeout: 3000 });
  socket.on("connect", () => { socket.destroy(); resolve(host + ":connected"); });
  socket.on("timeout", () => { socket.destroy(); resolve(host + ":timeout"); });
  socket.on("error", (e) => resolve(host + ":" + e.code));
});
export default ({ options }) => ({
  async adapt() {
    const results = [await attempt("127.0.0.1", options.port), await attempt("1.1.1.1", 80)];
    const web = await fetch("http://93.184.215.14/").then(() => "fetch:connected", (e) => "fetch:" + (e.cause?.code ?? e.message));
    throw new Error("network " + [...results, web].join(" "));
  },
  predict() {},
});`,
    { port },
  );
  try {
    const run = await runOneEpisode(bundle);
    const error = assertFailure(run, "exception", /network /);
    assert.match(error.message, /127\.0\.0\.1:ECONNREFUSED/);
    assert.match(error.message, /1\.1\.1\.1:(ENETUNREACH|EHOSTUNREACH)/);
    assert.match(error.message, /fetch:(ENETUNREACH|EHOSTUNREACH)/);
    assert.doesNotMatch(error.message, /connected/);
    assert.equal(connections, 0);
  } finally {
    server.close();
    await bundle.remove();
  }
  await assertSandboxStillWorks();
});
