/**
 * Options that mean the same in every command that takes them: `--index DIR`
 * and `--json` (ask, eval, ingest, replay, copy-index), and the configuration
 * with `--index` applied.
 */
import path from "node:path";
import { readConfig, type Config } from "../config.js";

export const INDEX_OPTION = { index: { type: "string" } } as const;

export const JSON_OPTION = { json: { type: "boolean", default: false } } as const;

/** The configuration; `--index DIR` names a local index folder, whatever READOUT_STORE says. */
export function readConfigWithIndex(index: string | undefined): Config {
  const config = readConfig();
  if (index) {
    config.indexDir = path.resolve(index);
    config.store = { kind: "local" };
  }
  return config;
}
