import path from "node:path";
import { readConfig } from "../config.js";
import { openAnswerChain, type OpenedChain } from "../retrieval/open-chain.js";

/** The configuration with command-line overrides applied, then the chain over its index. */
export async function openAnswerChainFromCli(flags: { index?: string }): Promise<OpenedChain> {
  const config = readConfig();
  if (flags.index) {
    // --index names a local folder, whatever READOUT_STORE says.
    config.indexDir = path.resolve(flags.index);
    config.store = { kind: "local" };
  }
  return openAnswerChain(config);
}
