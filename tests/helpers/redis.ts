/** A throw-away redis-server on a free loopback port (no persistence), for tests. */
import { execFileSync, spawn } from "node:child_process";
import { freePort, portOpen, waitUntil } from "./wait.js";

/** Undefined when redis-server can be started; otherwise why not (the caller skips with it). */
export function redisUnavailable(): string | undefined {
  try {
    execFileSync("redis-server", ["--version"], { stdio: "ignore" });
    return undefined;
  } catch {
    return "redis-server is not installed (apt-get install redis-server)";
  }
}

export async function startRedis(): Promise<{ url: string; stop(): void }> {
  const port = await freePort();
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  if (await waitUntil(() => portOpen(port), { timeoutMs: 5_000, intervalMs: 100 })) return { url: `redis://127.0.0.1:${port}`, stop: () => child.kill() };
  child.kill();
  throw new Error("redis-server did not start");
}
