/**
 * Child process for the crash-safety test: runs one ingest with the synthetic
 * reader and prints each progress event as a JSON line, so that the parent can
 * SIGKILL it at a chosen moment. Usage: crash-child.ts ARTICLES_DIR INDEX_DIR|POSTGRES_URL
 */
import { runIngest } from "../../src/ingest/run.js";
import { postgresIngestTarget } from "../../src/store/postgres/pg-target.js";
import { CountingEmbeddings } from "./counting-embeddings.js";
import { quietLogger, syntheticSource } from "./synthetic-articles.js";

class SlowEmbeddings extends CountingEmbeddings {
  override async embedDocuments(texts: string[]): Promise<number[][]> {
    await new Promise((resolve) => setTimeout(resolve, 5));
    return super.embedDocuments(texts);
  }
}

const [articles, where] = process.argv.slice(2);
const summary = await runIngest({
  paths: [articles!],
  ...(where!.startsWith("postgres://") ? { target: postgresIngestTarget(where!) } : { indexDir: where! }),
  embeddings: new SlowEmbeddings("fake-words", 256),
  source: syntheticSource,
  logger: quietLogger,
  batchSize: 8,
  lockStaleMs: 2000,
  onProgress: (progress) => process.stdout.write(`${JSON.stringify({ ...progress, path: undefined })}\n`),
});
process.stdout.write(`${JSON.stringify({ done: true, summary })}\n`);
