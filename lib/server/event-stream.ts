import type { LiveEvent } from "@/lib/jobs";
import { onLiveEvent } from "./live";

const HEARTBEAT_MS = 20_000;

/**
 * A server-sent event stream of the live events that `accept` lets through, until the client goes away.
 * Events carry ids and statuses only; the page refetches what the viewer may see.
 */
export async function liveEventStream(options: {
  accept: (event: LiveEvent) => boolean;
  signal: AbortSignal;
}): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  let stop = () => {};
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const stream = new ReadableStream<Uint8Array>({
    start: (c) => {
      controller = c;
    },
    cancel: () => stop(),
  });
  const send = (text: string) => {
    try {
      controller.enqueue(encoder.encode(text));
    } catch {
      stop();
    }
  };
  const unsubscribe = await onLiveEvent((event) => {
    if (options.accept(event)) send(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  });
  const heartbeat = setInterval(() => send(": keep-alive\n\n"), HEARTBEAT_MS);
  stop = () => {
    clearInterval(heartbeat);
    unsubscribe();
    try {
      controller.close();
    } catch {
      // already closed by the client
    }
  };
  options.signal.addEventListener("abort", () => stop(), { once: true });
  send("retry: 3000\nevent: ready\ndata: {}\n\n");
  return stream;
}
