export class PostgresIndexNotFoundError extends Error {
  constructor(readonly location: string) {
    super(
      `No index in the database ${location} yet. Build one with: READOUT_STORE=postgres npm run ingest -- data/articles (or copy a local index: npm run copy-index -- --to postgres)`,
    );
    this.name = "PostgresIndexNotFoundError";
  }
}
