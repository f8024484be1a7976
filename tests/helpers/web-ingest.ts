/**
 * The setting of a web-ingest test: our loopback news site, a fetcher allowed to
 * reach it, fast fake embeddings and a temporary index folder, made before the
 * calling `describe` block's tests and removed after them.
 */
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { runIngest } from "../../src/ingest/run.js";
import { WebFetcher, type FetchSettings } from "../../src/ingest/web/fetcher.js";
import { createLogger } from "../../src/log.js";
import type { IngestSummary } from "../../src/store/types.js";
import { CountingEmbeddings } from "./counting-embeddings.js";
import { NewsSite } from "./news-site.js";
import { removeDir, tempDir } from "./temp-dir.js";

export interface WebIngest {
  site: NewsSite;
  embeddings: CountingEmbeddings;
  /** Read these inside hooks and tests only. */
  readonly fetcher: WebFetcher;
  readonly indexDir: string;
  /** Ingest `urls` (no folders) into `indexDir`. */
  ingest(urls: string[]): Promise<IngestSummary>;
}

export function useWebIngest(options: { prefix: string; fetch?: Partial<FetchSettings>; setUp?: (site: NewsSite) => void }): WebIngest {
  const site = new NewsSite();
  const embeddings = new CountingEmbeddings();
  let fetcher: WebFetcher | undefined;
  let root: string | undefined;
  beforeAll(async () => {
    await site.start();
    options.setUp?.(site);
    fetcher = new WebFetcher({ allowPrivate: ["127.0.0.1"], hostDelayMs: 0, ...options.fetch });
    root = await tempDir(options.prefix);
  });
  afterAll(async () => {
    fetcher?.close();
    await site.stop();
    await removeDir(root);
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the web-ingest setting exists only inside hooks and tests");
    return value;
  };
  return {
    site,
    embeddings,
    get fetcher() {
      return ready(fetcher);
    },
    get indexDir() {
      return path.join(ready(root), "index");
    },
    ingest(urls) {
      return runIngest({ paths: [], urls, indexDir: this.indexDir, embeddings, fetcher: this.fetcher, logger: createLogger("silent") });
    },
  };
}
