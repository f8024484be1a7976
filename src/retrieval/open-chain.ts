import type { Config } from "../config.js";
import { createEmbeddings, type ReadoutEmbeddings } from "../embeddings/index.js";
import { openIndex, type LoadedIndex } from "../store/index-store.js";
import { createAnswerChain } from "./chain.js";
import type { AnswerChain } from "./types.js";

export interface OpenedChain {
  chain: AnswerChain;
  config: Config;
  index: LoadedIndex;
  embeddings: ReadoutEmbeddings;
  close(): Promise<void>;
}

/** Open the configured index and build the answer chain over it: the one way every entry point gets a chain. */
export async function openAnswerChain(config: Config, shared: { embeddings?: ReadoutEmbeddings } = {}): Promise<OpenedChain> {
  const embeddings = shared.embeddings ?? createEmbeddings(config.embeddings);
  try {
    const index = await openIndex(config.indexDir, embeddings);
    await embeddings.warmup();
    const chain = createAnswerChain({ index, embeddings, config });
    return { chain, config, index, embeddings, close: async () => (shared.embeddings ? undefined : embeddings.close()) };
  } catch (error) {
    if (!shared.embeddings) await embeddings.close();
    throw error;
  }
}
