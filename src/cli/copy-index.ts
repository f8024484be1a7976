/**
 * readout copy-index --to postgres|local [--index DIR] [--replace] [--json]
 */
import { createLogger } from "../log.js";
import { dumpLocalIndex, dumpPostgresIndex, writeDump } from "../store/copy.js";
import { displayPath } from "../store/errors.js";
import { localIngestTarget } from "../store/local-target.js";
import { redactUrl } from "../store/postgres/connection.js";
import { postgresIngestTarget } from "../store/postgres/pg-target.js";
import { defineCommand, UsageError } from "./command.js";
import { INDEX_OPTION, JSON_OPTION, readConfigWithIndex } from "./shared-options.js";
import { isEntryPoint, runCli } from "./run-cli.js";

export const USAGE = `Usage:
  readout copy-index --to postgres [--index DIR] [--replace] [--json]
  readout copy-index --to local [--index DIR] [--replace] [--json]
  (or npm run -s copy-index -- ...)

Copies the whole index between the local folder and the PostgreSQL database
(READOUT_DATABASE_URL), with its stored vectors: nothing is embedded again, and
the embedding model recorded with the index goes with it. --to postgres reads
the local folder and writes the database; --to local the other way round.

Options:
  --to STORE    where to copy to: postgres or local
  --index DIR   the local index folder (default: READOUT_INDEX_DIR, else data/index)
  --replace     overwrite an index already at the destination (refused otherwise)
  --json        print the result as one JSON object
  -h, --help    show this help

Exit status: 0 when copied, 2 for usage errors and refused copies (no index to
copy, an index already at the destination without --replace).`;

export const command = defineCommand({
  name: "copy-index",
  usage: USAGE,
  options: { to: { type: "string" }, ...INDEX_OPTION, replace: { type: "boolean", default: false }, ...JSON_OPTION },
  positionals: false,
  run: async ({ values }, { stdout }) => {
    if (values.to !== "postgres" && values.to !== "local") throw new UsageError("--to must be postgres or local", true);
    const config = readConfigWithIndex(values.index);
    const indexDir = config.indexDir;
    const url = config.databaseUrl;
    if (!url) throw new UsageError("copy-index needs READOUT_DATABASE_URL (for example postgres://readout@localhost:5432/readout)");
    const logger = createLogger(config.logLevel);
    const started = performance.now();

    const toPostgres = values.to === "postgres";
    const dump = toPostgres ? await dumpLocalIndex(indexDir) : await dumpPostgresIndex(url);
    const target = toPostgres ? postgresIngestTarget(url) : localIngestTarget(indexDir, { keepGenerations: config.keepGenerations });
    const manifest = await writeDump(dump, target, { replace: values.replace, logger });
    const seconds = (performance.now() - started) / 1000;
    const from = toPostgres ? displayPath(indexDir) : redactUrl(url);
    const to = toPostgres ? redactUrl(url) : displayPath(indexDir);
    if (values.json) {
      stdout.write(`${JSON.stringify({ from, to, articles: manifest.articleCount, chunks: manifest.chunkCount, embedding: manifest.embedding, seconds })}\n`);
    } else {
      stdout.write(
        `Copied ${manifest.articleCount} articles and ${manifest.chunkCount} chunks from ${from} to ${to} in ${seconds.toFixed(1)} s (no text embedded; model ${manifest.embedding.provider}/${manifest.embedding.model}).\n`,
      );
    }
    return 0;
  },
});

if (isEntryPoint(import.meta.url)) await runCli(command);
