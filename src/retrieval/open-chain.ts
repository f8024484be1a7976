import type { Config } from "../config.js";
import { createEmbeddings, type ReadoutEmbeddings } from "../embeddings/index.js";
import { openSearchIndex } from "../store/open-store.js";
import type { SearchIndex } from "../store/types.js";
import { createAnswerChain } from "./chain.js";
import type { AnswerChain } from "./types.js";

export interface OpenedChain {
  chain: AnswerChain;
  config: Config;
  index: SearchIndex;
  embeddings: ReadoutEmbeddings;
  close(): Promise<void>;
}

/** Open the configured index (local or PostgreSQL) and build the answer chain over it: the one way every entry point gets a chain. */
export async function openAnswerChain(config: Config, shared: { embeddings?: ReadoutEmbeddings } = {}): Promise<OpenedChain> {
  const embeddings = shared.embeddings ?? createEmbeddings(config.embeddings);
  try {
    const index = await openSearchIndex(config, embeddings);
    try {
      await embeddings.warmup();
      const chain = createAnswerChain({ index, embeddings, config });
      return {
        chain,
        config,
        index,
        embeddings,
        close: async () => {
          await index.close();
          if (!shared.embeddings) await embeddings.close();
        },
      };
    } catch (error) {
      await index.close();
      throw error;
    }
  } catch (error) {
    if (!shared.embeddings) await embeddings.close();
    throw error;
  }
}
