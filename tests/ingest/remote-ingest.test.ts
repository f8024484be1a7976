import { promises as fs } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmbeddingMismatchError } from "../../src/embeddings/index.js";
import { runIngest } from "../../src/ingest/run.js";
import { openIndex } from "../../src/store/index-store.js";
import { startFakeLlmServer, type FakeLlmServer } from "../helpers/fake-llm-server.js";
import { quietLogger, story, syntheticSource, writeArticles } from "../helpers/synthetic-articles.js";
import { tempDir } from "../helpers/temp-dir.js";
import { embeddingsFromEnv } from "../helpers/configured.js";

describe("ingest and query with a remote embedding provider (loopback fake)", () => {
  let server: FakeLlmServer;
  let root: string;
  beforeAll(async () => {
    server = await startFakeLlmServer({ embeddingDimensions: 40 });
    root = await tempDir();
    await fs.mkdir(path.join(root, "articles"));
    await writeArticles(path.join(root, "articles"), 0, 4, (i) => `2024-01-0${i + 1}`);
  });
  afterAll(async () => {
    await server.close();
    await fs.rm(root, { recursive: true, force: true });
  });

  for (const provider of ["openai", "ollama"] as const) {
    it(`${provider}: records the learned dimensions, reuses vectors, and refuses another model`, async () => {
      const env: Record<string, string> =
        provider === "openai"
          ? {
              READOUT_EMBEDDINGS: "openai",
              READOUT_EMBEDDINGS_BASE_URL: server.openaiBaseUrl,
              READOUT_EMBEDDINGS_API_KEY: "sk-fake-key-1234",
              READOUT_EMBEDDINGS_MODEL: "embed-a",
            }
          : { READOUT_EMBEDDINGS: "ollama", READOUT_EMBEDDINGS_BASE_URL: server.url, READOUT_EMBEDDINGS_MODEL: "embed-a" };
      const indexDir = path.join(root, `index-${provider}`);
      const options = { paths: [path.join(root, "articles")], indexDir, source: syntheticSource, logger: quietLogger, batchSize: 5 };

      const embeddings = embeddingsFromEnv(env);
      const first = await runIngest({ ...options, embeddings });
      expect(first).toMatchObject({ added: 4, chunks: 12, chunksEmbedded: 12 });
      const again = await runIngest({ ...options, embeddings: embeddingsFromEnv(env) });
      expect(again).toMatchObject({ unchanged: 4, chunksEmbedded: 0 });

      const queryEmbeddings = embeddingsFromEnv(env);
      const index = await openIndex(indexDir, queryEmbeddings);
      expect(index.manifest.embedding).toEqual({ provider, model: "embed-a", dimensions: 40 });
      const hits = await index.vectorStore.similaritySearch(story(2)[0]!, 1);
      expect(hits[0]!.metadata.articleId).toBe("a2.art");

      const other = embeddingsFromEnv({ ...env, READOUT_EMBEDDINGS_MODEL: "embed-b" });
      await expect(openIndex(indexDir, other)).rejects.toThrow(EmbeddingMismatchError);
      await expect(runIngest({ ...options, embeddings: other })).rejects.toThrow(/built with .*embed-a \(40 dimensions\).*embed-b/);
    });
  }
});
