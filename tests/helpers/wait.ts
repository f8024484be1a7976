/** Waiting in tests: for a free loopback port, for a port to accept connections, for a condition, for a child process to be ready. */
import net from "node:net";

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A loopback port that was free a moment ago (for a server the test is about to start). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Whether something accepts connections on the loopback `port` now. */
export function portOpen(port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const socket = net.connect(port, "127.0.0.1", () => {
      socket.end();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}

/**
 * Check `condition` every `intervalMs` until it holds (true) or `timeoutMs` has passed (false).
 * A condition may throw to give up at once (say, when the process it waits for has died).
 */
export async function waitUntil(condition: () => boolean | Promise<boolean>, options: { timeoutMs: number; intervalMs: number }): Promise<boolean> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() + options.intervalMs > deadline) return false;
    await sleep(options.intervalMs);
  }
}

/** A child process the test started: settles with its exit code; `output()` is everything it wrote. */
export interface Watched {
  exit: Promise<number | null>;
  output(): string;
}

/** Wait for `ready`, failing with the process's output if it exits first. */
export async function readyOrExit<T>(ready: Promise<T>, child: Watched): Promise<T> {
  const died = child.exit.then((code): never => {
    throw new Error(`the process exited with ${code} before it was ready:\n${child.output()}`);
  });
  return Promise.race([ready, died]);
}
