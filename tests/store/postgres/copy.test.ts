/**
 * `npm run copy-index`: a local index copied into PostgreSQL and back, with
 * its stored vectors (nothing embedded again) and its recorded model.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runIngest } from "../../../src/ingest/run.js";
import { openIndex } from "../../../src/store/index-store.js";
import { openPostgresIndex } from "../../../src/store/postgres/pg-index.js";
import { runCliScript } from "../../helpers/cli-process.js";
import { postgresUnavailable, startPostgres, type PostgresCluster } from "../../helpers/postgres.js";
import { CountingEmbeddings } from "../../helpers/counting-embeddings.js";
import { articleText, useWorkspace, quietLogger, story, syntheticSource } from "../../helpers/synthetic-articles.js";
import { skipNotice } from "../../helpers/skip.js";
import { RETRIEVAL_FIXTURES } from "../../helpers/paths.js";

const unavailable = skipNotice(import.meta.filename, postgresUnavailable());

describe.skipIf(unavailable !== undefined)("copying an index between the local folder and PostgreSQL", () => {
  const workspace = useWorkspace();
  let cluster: PostgresCluster;
  let url: string;
  const embeddings = new CountingEmbeddings();
  beforeAll(async () => {
    cluster = await startPostgres();
    url = await cluster.createDatabase("copy");
    for (let i = 0; i < 5; i++)
      await fs.writeFile(path.join(workspace.articles, `meeting-${i}.art`), articleText(`Meeting ${i}`, `2024-0${i + 1}-10`, story(i)));
    await runIngest({ paths: [workspace.articles], indexDir: workspace.indexDir, embeddings, source: syntheticSource, logger: quietLogger });
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  const copy = (args: string[], env: Record<string, string> = {}) =>
    runCliScript("src/cli/copy-index.ts", args, { env: { READOUT_DATABASE_URL: url, READOUT_STORE: "local", ...env }, timeoutMs: 60_000 });

  it("copies the local index into PostgreSQL with the same chunks and vectors, and refuses to overwrite without --replace", async () => {
    const run = await copy(["--to", "postgres", "--index", workspace.indexDir, "--json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ articles: 5, chunks: 15, embedding: embeddings.identity });

    const local = await openIndex(workspace.indexDir, embeddings);
    const copied = await openPostgresIndex(url, embeddings);
    try {
      expect(copied.manifest).toMatchObject({ articleCount: 5, chunkCount: 15, embedding: embeddings.identity, dateRange: local.manifest.dateRange });
      expect([...copied.articles.values()]).toEqual([...local.articles.values()]);
      const ids = [...local.articles.keys()].flatMap((id) => local.chunksOfArticle(id).map((doc) => doc.metadata.chunkId));
      expect(ids.flatMap((id) => copied.chunksOfArticle(id.split("#")[0]!).filter((doc) => doc.metadata.chunkId === id))).toEqual(
        ids.map((id) => local.chunk(id)),
      );
      const vectors = await copied.vectorsOf(ids);
      for (const id of ids) {
        const original = local.vectorOf(id)!;
        expect(
          vectors
            .get(id)!
            .map((value, i) => Math.abs(value - original[i]!))
            .every((difference) => difference < 1e-6),
          id,
        ).toBe(true);
      }
      const question = (await embeddings.embedQuery(story(3)[1]!)) as number[];
      expect((await copied.nearest(question, 3)).map((doc) => doc.metadata.chunkId)).toEqual(
        (await local.nearest(question, 3)).map((doc) => doc.metadata.chunkId),
      );
    } finally {
      await copied.close();
    }

    const again = await copy(["--to", "postgres", "--index", workspace.indexDir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already holds an index of 5 articles; add --replace/);
    expect(again.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect((await copy(["--to", "postgres", "--index", workspace.indexDir, "--replace"])).code).toBe(0);
  });

  it("copies the database back into a new local folder that answers the same, embedding nothing", async () => {
    const back = path.join(workspace.root, "back");
    const run = await copy(["--to", "local", "--index", back]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^Copied 5 articles and 15 chunks from postgres:\/\/postgres@127\.0\.0\.1:\d+\/copy to .*back in [\d.]+ s \(no text embedded; model test\/fake-words\)/,
    );
    const original = await openIndex(workspace.indexDir, embeddings);
    const copied = await openIndex(back, embeddings);
    expect(copied.manifest).toMatchObject({ articleCount: 5, chunkCount: 15, embedding: embeddings.identity });
    expect([...copied.articles.values()]).toEqual([...original.articles.values()]);
    const question = (await embeddings.embedQuery(story(2)[2]!)) as number[];
    expect((await copied.nearest(question, 4)).map((doc) => doc.metadata.chunkId)).toEqual(
      (await original.nearest(question, 4)).map((doc) => doc.metadata.chunkId),
    );
    expect((await copied.matching("Scholz", { k: 5, boost: {} })).map((doc) => doc.metadata.chunkId)).toEqual(
      (await original.matching("Scholz", { k: 5, boost: {} })).map((doc) => doc.metadata.chunkId),
    );
    // An incremental ingest over the copy finds every article unchanged: the copy kept the embedded-text hashes.
    embeddings.embeddedTexts = [];
    const summary = await runIngest({ paths: [workspace.articles], indexDir: back, embeddings, source: syntheticSource, logger: quietLogger });
    expect(summary).toMatchObject({ unchanged: 5, chunksEmbedded: 0, written: false });
  });

  it("npm run ingest and npm run ask work on READOUT_STORE=postgres, and say how to build an index when there is none", async () => {
    const fresh = await cluster.createDatabase("cli");
    const env = { READOUT_STORE: "postgres", READOUT_DATABASE_URL: fresh, READOUT_TODAY: "2025-01-15" };
    const none = await runCliScript("src/cli/ask.ts", ["Where did Varga and Kettering first meet?"], { env });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(
      /No index in the database postgres:\/\/postgres@127\.0\.0\.1:\d+\/cli yet\. Build one with: READOUT_STORE=postgres npm run ingest/,
    );
    const ingest = await runCliScript("src/cli/ingest.ts", ["--json", RETRIEVAL_FIXTURES], { env, timeoutMs: 120_000 });
    expect(ingest.code).toBe(0);
    expect(JSON.parse(ingest.stdout)).toMatchObject({ database: expect.stringMatching(/\/cli$/), added: 13, written: true, failed: false });
    const ask = await runCliScript("src/cli/ask.ts", ["--json", "Where did Varga and Kettering first meet?"], { env, timeoutMs: 60_000 });
    expect(ask.code).toBe(0);
    expect(JSON.parse(ask.stdout)).toMatchObject({ answer: expect.stringContaining("Osterburg") });
  }, 180_000);

  it("says what is missing: no database URL, no index to copy, a bad --to", async () => {
    const noUrl = await runCliScript("src/cli/copy-index.ts", ["--to", "postgres", "--index", workspace.indexDir], {
      env: { READOUT_DATABASE_URL: "", READOUT_STORE: "local" },
    });
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toMatch(/needs READOUT_DATABASE_URL/);
    const empty = await copy(["--to", "postgres", "--index", path.join(workspace.root, "nothing-here")]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/No index in/);
    expect((await copy(["--to", "mysql"])).code).toBe(2);
  });
});
