/**
 * A loopback web server for the fetching tests: routes answer with a fixed
 * response or a handler, every request is recorded (path, headers, times).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface SeenRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  startedAt: number;
  endedAt?: number;
}

export type Route =
  | { status?: number; headers?: Record<string, string>; body?: string | Buffer; delayMs?: number }
  | ((req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>);

export class WebServer {
  readonly requests: SeenRequest[] = [];
  readonly routes = new Map<string, Route>();
  origin = "";
  private readonly server: http.Server;
  private readonly sockets = new Set<import("node:net").Socket>();

  constructor() {
    this.server = http.createServer((req, res) => {
      const seen: SeenRequest = { path: req.url ?? "/", headers: req.headers, startedAt: Date.now() };
      this.requests.push(seen);
      res.on("finish", () => (seen.endedAt = Date.now()));
      res.on("close", () => (seen.endedAt ??= Date.now()));
      const route = this.routes.get((req.url ?? "/").split("?")[0]!) ?? this.routes.get(req.url ?? "/");
      if (!route) {
        res.writeHead(404, { "content-type": "text/plain" }).end("not found");
        return;
      }
      if (typeof route === "function") {
        void Promise.resolve(route(req, res)).catch(() => res.destroy());
        return;
      }
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(route.status ?? 200, { "content-type": "text/html; charset=utf-8", ...route.headers });
        res.end(route.body ?? "");
      };
      if (route.delayMs) setTimeout(send, route.delayMs);
      else send();
    });
    this.server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
  }

  /** Listen on a free port of `host` (any 127.x.y.z address is loopback on Linux). */
  async start(host = "127.0.0.1"): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, host, resolve));
    const { port } = this.server.address() as AddressInfo;
    this.origin = `http://${host}:${port}`;
    return this.origin;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  url(path: string): string {
    return `${this.origin}${path}`;
  }

  /** Requests for `path` (robots.txt excluded unless asked). */
  seen(path?: string): SeenRequest[] {
    return this.requests.filter((request) => (path === undefined ? request.path !== "/robots.txt" : request.path === path));
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
