/**
 * What an operator scrapes: `GET /healthz` (200 "ok" while the bot takes
 * updates, 503 once it is stopping) and `GET /metrics` (Prometheus text
 * format). Served on READOUT_METRICS_PORT in polling and webhook mode alike,
 * or by the webhook's own server when both ports are the same.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { BotStats } from "./stats.js";

export interface OpsRoutes {
  /** Answers the request and returns true when it is one of ours. */
  handle(req: http.IncomingMessage, res: http.ServerResponse): boolean;
  /** From now on /healthz says the bot is stopping. */
  stopping(): void;
}

export function opsRoutes(stats: BotStats): OpsRoutes {
  let stopping = false;
  return {
    stopping: () => {
      stopping = true;
    },
    handle(req, res) {
      const pathname = (req.url ?? "/").split("?")[0];
      if (req.method !== "GET" && req.method !== "HEAD") return false;
      if (pathname === "/healthz") {
        res.writeHead(stopping ? 503 : 200, { "content-type": "text/plain; charset=utf-8" }).end(stopping ? "stopping\n" : "ok\n");
        return true;
      }
      if (pathname === "/metrics") {
        stats.registry.metrics().then(
          (text) => res.writeHead(200, { "content-type": stats.registry.contentType }).end(text),
          (error: unknown) => res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end(`metrics failed: ${(error as Error).message}\n`),
        );
        return true;
      }
      return false;
    },
  };
}

export interface OpsServer {
  port: number;
  close(): Promise<void>;
}

/** An HTTP server for the ops routes alone. */
export async function startOpsServer(routes: OpsRoutes, port: number, host: string): Promise<OpsServer> {
  const server = http.createServer((req, res) => {
    if (!routes.handle(req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
