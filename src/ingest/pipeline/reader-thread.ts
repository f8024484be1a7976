/**
 * A reader worker: reads, cleans and dates one file at a time for the main
 * thread (src/ingest/pipeline/reader-pool.ts), so that a page that is slow to
 * parse never blocks answers, and can be stopped by ending the thread.
 */
import { parentPort } from "node:worker_threads";
import { SkipError } from "../errors.js";
import { readDocument, type ReadOptions } from "../read.js";

export interface ReadRequest {
  id: number;
  absPath: string;
  articleId: string;
  options: Pick<ReadOptions, "maxBytes" | "maxHtmlDepth">;
}

export type ReadReply = { id: number; result: Awaited<ReturnType<typeof readDocument>> } | { id: number; skip: string } | { id: number; error: string };

parentPort?.on("message", async ({ id, absPath, articleId, options }: ReadRequest) => {
  let reply: ReadReply;
  try {
    reply = { id, result: await readDocument(absPath, articleId, options) };
  } catch (error) {
    reply = error instanceof SkipError ? { id, skip: error.reason } : { id, error: (error as Error)?.message ?? String(error) };
  }
  parentPort!.postMessage(reply);
});
parentPort?.postMessage({ ready: true });
