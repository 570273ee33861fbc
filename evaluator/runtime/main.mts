/**
 * Entry point of the sandboxed runtime (built into dist/runtime.mjs). Talks to the driver over two inherited
 * file descriptors; stdout and stderr are logs only.
 */
import { BlockingFrameChannel } from "../protocol/blocking-channel";
import { selectBackend } from "./backend/index";
import { parseRuntimeArgs } from "./args";
import { serve } from "./serve";
import { RUNTIME_VERSION } from "./version";

const args = parseRuntimeArgs(process.argv.slice(2));
const channel = new BlockingFrameChannel({ inFd: args.inFd, outFd: args.outFd });

let failing = false;
/** Reports the first failure to the driver, then exits: after user code has thrown, nothing it left behind is trusted. */
async function fail(error: unknown): Promise<never> {
  if (!failing) {
    failing = true;
    const err = error instanceof Error ? error : new Error(`a non-Error value was thrown: ${String(error)}`);
    console.error(err.stack ?? err.message);
    await channel
      .send({ type: "error", message: err.message, ...(err.stack ? { stack: err.stack } : {}) })
      .catch(() => {});
  }
  process.exit(1);
}

process.on("uncaughtException", fail);
process.on("unhandledRejection", fail);

try {
  const { tf, backend } = await selectBackend({ prefer: args.backend, tfjsNodePath: args.tfjsNodePath });
  await channel.send({
    type: "hello",
    backend,
    tfjsVersion: tf.version.tfjs ?? tf.version["tfjs-core"],
    runtimeVersion: RUNTIME_VERSION,
  });
  await serve({ channel, tf, bundleDir: args.bundleDir });
  process.exit(0);
} catch (error) {
  await fail(error);
}
