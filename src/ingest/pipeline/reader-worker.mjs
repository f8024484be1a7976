// Worker thread entry for reading articles (src/ingest/pipeline/reader-thread.ts).
// Plain JavaScript: under tsx (npm run, the readout command) TypeScript already
// loads; elsewhere (a test runner's thread) tsx's loader is registered first.
try {
  await import("./reader-thread.ts");
} catch (error) {
  if (error?.code !== "ERR_UNKNOWN_FILE_EXTENSION") throw error;
  const { register } = await import("tsx/esm/api");
  register();
  // A failed import is cached by its URL: ask again under another one.
  await import("./reader-thread.ts?with-tsx");
}
