/** Objects built from settings as the application reads them (`parseConfig`), for tests that set a few variables. */
import { parseConfig } from "../../src/config.js";
import { createEmbeddings, type ReadoutEmbeddings } from "../../src/embeddings/index.js";
import { REPO_ROOT } from "./paths.js";

/** The embeddings that `env` (READOUT_EMBEDDINGS and its settings; nothing else is read from the environment) configures. */
export function embeddingsFromEnv(env: Record<string, string> = {}): ReadoutEmbeddings {
  return createEmbeddings(parseConfig(env, REPO_ROOT).embeddings);
}
