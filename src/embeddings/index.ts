/**
 * The embeddings room (floor 1: imports only the ground floor): LangChain `Embeddings` for the
 * configured model. USE-lite runs offline in worker threads (use-lite.ts, worker-pool.ts); an
 * OpenAI-compatible endpoint or Ollama is used when READOUT_EMBEDDINGS asks for one (remote.ts).
 * Every model states its identity (identity.ts), so an index is never searched with another model.
 */
import { OllamaEmbeddings } from "@langchain/ollama";
import { OpenAIEmbeddings } from "@langchain/openai";
import type { EmbeddingsConfig } from "../config.js";
import type { ReadoutEmbeddings } from "./base.js";
import { RemoteEmbeddings } from "./remote.js";
import { UseLiteEmbeddings } from "./use-lite.js";

export { ReadoutEmbeddings } from "./base.js";
export { EmbeddingServiceError } from "./errors.js";
export { EmbeddingMismatchError, describeIdentity, sameIdentity } from "./identity.js";
export { RemoteEmbeddings } from "./remote.js";
export { UseLiteEmbeddings, USE_LITE_MODEL } from "./use-lite.js";

/** Network retries for remote providers before an embedding call fails. */
const REMOTE_MAX_RETRIES = 2;

/** The embeddings the configuration asks for. Call `close()` when done. */
export function createEmbeddings(config: EmbeddingsConfig): ReadoutEmbeddings {
  switch (config.provider) {
    case "use-lite":
      return new UseLiteEmbeddings({ workers: config.workers, batchSize: config.batchSize });
    case "openai":
      return new RemoteEmbeddings(
        new OpenAIEmbeddings({
          model: config.model,
          // A local OpenAI-compatible server may need no key, but the client insists on one.
          apiKey: config.apiKey ?? "not-needed",
          batchSize: config.batchSize,
          maxRetries: REMOTE_MAX_RETRIES,
          configuration: config.baseUrl ? { baseURL: config.baseUrl } : undefined,
        }),
        "openai",
        config.model,
      );
    case "ollama":
      return new RemoteEmbeddings(
        new OllamaEmbeddings({ model: config.model, baseUrl: config.baseUrl, maxRetries: REMOTE_MAX_RETRIES }),
        "ollama",
        config.model,
      );
  }
}
