/**
 * readout ingest [--index DIR] [--prune] [--rebuild] [--json] [--sources FILE] [PATH|URL...]
 * readout ingest [--index DIR] [--json] --rollback
 */
import path from "node:path";
import { ConfigError, readSourcesFile } from "../config.js";
import { EmbeddingServiceError } from "../embeddings/errors.js";
import { IngestAbortedError, runIngest } from "../ingest/run.js";
import { createLogger } from "../log.js";
import { displayPath } from "../store/errors.js";
import { rollbackStore, storeDisplayName, storeLocation } from "../store/open-store.js";
import type { IngestSummary } from "../store/types.js";
import { createProgressReporter } from "./ingest-progress.js";
import type { RollbackResult } from "../store/rollback.js";
import { defineCommand, UsageError } from "./command.js";
import { INDEX_OPTION, JSON_OPTION, readConfigWithIndex } from "./shared-options.js";
import { isEntryPoint, runCli } from "./run-cli.js";

export const USAGE = `Usage:
  readout ingest [--index DIR] [--prune] [--rebuild] [--json] [--sources FILE] [PATH|URL...]
  readout ingest [--index DIR] [--json] --rollback
  (or npm run -s ingest -- ...)

Reads articles (.md, .markdown, .txt, .html, .htm, .json, .jsonl) from files and
folders (recursively), and web pages, feeds (RSS, Atom, JSON Feed) and sitemaps
from http(s) addresses, into the search index. Runs are incremental: unchanged
articles are kept with their vectors, changed ones are replaced, the same story
from two files is indexed once. Without PATH, the folders in READOUT_ARTICLES_DIRS
(default data/articles) are read.

Options:
  --index DIR   local index folder (default: the configured store: READOUT_STORE,
                READOUT_INDEX_DIR, else data/index)
  --prune       remove indexed articles whose files under PATH are gone
  --rebuild     start from an empty index (needed to change the embedding model)
  --sources FILE  refresh every folder and address of a sources file once
                (the format of READOUT_SOURCES_FILE; for cron)
  --rollback    make the generation before the live one live again (the
                last READOUT_KEEP_GENERATIONS generations, default 3, are kept;
                the local store only: PostgreSQL keeps only the live version)
  --json        print the summary as one JSON object
  -h, --help    show this help

Exit status: 0 when every file was read, 1 when any file was skipped as bad
input, 2 for usage errors and refused runs (a PATH that cannot be opened,
another ingest running, an index built with another embedding model, no
earlier generation to roll back to, --rollback on PostgreSQL).`;

/** `where`: the index folder as the user would type it, or the database's URL without its password. */
export function formatSummary(summary: IngestSummary, where: string): string {
  const lines: string[] = [];
  const rate = (count: number) => (summary.seconds > 0 ? (count / summary.seconds).toFixed(1) : "-");
  lines.push(`Ingest into ${where} finished in ${summary.seconds.toFixed(1)} s${summary.written ? "" : " (nothing changed; index left as it was)"}`);
  lines.push(`  files read:   ${summary.filesRead}`);
  lines.push(
    `  articles:     ${summary.added} added, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.removed} removed, ` +
      `${summary.duplicates.length} duplicates, ${summary.skipped.filter((skip) => !skip.ignored).length} skipped` +
      (summary.articles !== undefined ? ` (${summary.articles} in the index)` : ""),
  );
  lines.push(`  chunks:       ${summary.chunks} in the index, ${summary.chunksEmbedded} embedded (${rate(summary.chunksEmbedded)} chunks/s)`);
  for (const duplicate of summary.duplicates) lines.push(`  duplicate:    ${duplicate.id} is the same story as ${duplicate.duplicateOf}`);
  const failed = summary.skipped.filter((skip) => !skip.ignored);
  const ignored = summary.skipped.filter((skip) => skip.ignored);
  for (const source of summary.sources ?? []) {
    const what = source.error
      ? `failed: ${source.error}`
      : source.notModified
        ? "not modified"
        : source.kind === "page"
          ? "page"
          : `${source.kind}, ${source.items} items`;
    lines.push(`  source:       ${source.url} (${what})`);
  }
  if (summary.requests) {
    lines.push(`  web requests: ${summary.requests.sent} (${summary.requests.conditional} conditional, ${summary.requests.notModified} not modified)`);
  }
  for (const skip of failed) lines.push(`  skipped:      ${/^https?:/.test(skip.path) ? skip.path : displayPath(skip.path)}: ${skip.reason}`);
  if (ignored.length > 0) {
    const shown = ignored.slice(0, 10);
    for (const skip of shown) lines.push(`  not read:     ${displayPath(skip.path)}: ${skip.reason}`);
    if (ignored.length > shown.length) lines.push(`  not read:     ... and ${ignored.length - shown.length} more files that are not articles`);
  }
  for (const { id, notice } of summary.notices ?? []) lines.push(`  note:         ${id}: ${notice}`);
  const missing = summary.missing ?? [];
  if (missing.length > 0) {
    const shown = missing.slice(0, 5).join(", ");
    lines.push(`  missing:      ${missing.length} indexed articles whose files are gone (${shown}${missing.length > 5 ? ", ..." : ""}); --prune removes them`);
  }
  return `${lines.join("\n")}\n`;
}

function rollbackJson(indexDir: string, result: RollbackResult) {
  const { manifest } = result;
  return {
    indexDir,
    rolledBackFrom: path.basename(result.from),
    generation: path.basename(result.to),
    articles: manifest.articleCount,
    chunks: manifest.chunkCount,
    updatedAt: manifest.updatedAt,
  };
}

export function formatRollback(indexDir: string, result: RollbackResult): string {
  const { manifest } = result;
  return (
    `Rolled back the index in ${displayPath(indexDir)}: ${path.basename(result.to)} is live again ` +
    `(${manifest.articleCount} articles, ${manifest.chunkCount} chunks, written ${manifest.updatedAt}); ${path.basename(result.from)} was removed.\n`
  );
}

export const command = defineCommand({
  name: "ingest",
  usage: USAGE,
  options: {
    ...INDEX_OPTION,
    prune: { type: "boolean", default: false },
    rebuild: { type: "boolean", default: false },
    rollback: { type: "boolean", default: false },
    ...JSON_OPTION,
    sources: { type: "string" },
  },
  positionals: true,
  run: async ({ values, positionals }, { stdout, stderr }) => {
    const config = readConfigWithIndex(values.index);
    const indexDir = config.indexDir;
    const location = storeLocation(config);
    if (values.rollback) {
      if (positionals.length > 0 || values.prune || values.rebuild || values.sources)
        throw new UsageError("--rollback takes no PATH, --prune, --rebuild or --sources");
      const result = await rollbackStore(config, { logger: createLogger(config.logLevel, stderr) });
      stdout.write(values.json ? `${JSON.stringify(rollbackJson(indexDir, result))}\n` : formatRollback(indexDir, result));
      return 0;
    }
    const isUrl = (arg: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(arg) && !/^file:/i.test(arg);
    const urls = positionals.filter(isUrl);
    const paths = positionals.filter((arg) => !isUrl(arg));
    if (values.sources) {
      let listed;
      try {
        listed = readSourcesFile(path.resolve(values.sources), { mustExist: true });
      } catch (error) {
        throw new ConfigError([`--sources ${values.sources}: ${(error as Error).message}`]);
      }
      for (const source of listed.sources) {
        if (source.kind === "url") urls.push(source.url);
        else paths.push(source.path);
      }
    } else if (positionals.length === 0) {
      paths.push(...config.articleDirs);
    }

    const progress = createProgressReporter(stderr as NodeJS.WriteStream);
    const logger = createLogger(config.logLevel, progress.logStream);
    const controller = new AbortController();
    let interrupts = 0;
    const onSignal = () => {
      interrupts++;
      if (interrupts > 1) process.exit(130);
      stderr.write("\nStopping: the index will be left as it was (press Ctrl-C again to quit at once)...\n");
      controller.abort();
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    try {
      const summary = await runIngest({
        paths,
        urls,
        prune: values.prune,
        rebuild: values.rebuild,
        config,
        logger,
        signal: controller.signal,
        onProgress: (event) => progress.update(event),
      });
      progress.stop();
      const where = config.store.kind === "local" ? { indexDir: location } : { database: location };
      stdout.write(values.json ? `${JSON.stringify({ ...where, ...summary })}\n` : formatSummary(summary, storeDisplayName(config)));
      return summary.failed ? 1 : 0;
    } catch (error) {
      progress.stop();
      if (error instanceof IngestAbortedError) {
        stderr.write(`${error.message}\n`);
        return 130;
      }
      if (error instanceof EmbeddingServiceError) {
        stderr.write(`ingest: ${error.message}\nNothing was written; the index is as it was.\n`);
        return 1;
      }
      throw error;
    } finally {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
  },
});

if (isEntryPoint(import.meta.url)) await runCli(command);
