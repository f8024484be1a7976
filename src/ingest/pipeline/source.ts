import type { RecordProblem } from "../errors.js";
import type { Article, Chunk } from "../../types/index.js";

export interface SourceFile {
  articles: Article[];
  /** Records of a multi-record file that could not be read (the others were). */
  problems: RecordProblem[];
}

/** Where ingest gets its articles and chunks from: the project's readers, or a test's. */
export interface ArticleSource {
  /** File extensions it reads, with the dot (".md"). */
  extensions: readonly string[];
  /** The articles of one file (several for JSON lines); throws SkipError for bad input. */
  read(absPath: string, id: string): Promise<SourceFile>;
  chunk(article: Article): Chunk[];
  /** How many files it reads at once, so ingest asks that far ahead (default 1). */
  parallelism?: number;
  /** Ends whatever it started (reader threads); called once at the end of the run. */
  close?(): Promise<void>;
}
