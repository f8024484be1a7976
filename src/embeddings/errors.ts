/** An embedding call failed (endpoint down, model missing, worker crash): not the input's fault. */
export class EmbeddingServiceError extends Error {
  constructor(
    readonly model: string,
    cause: unknown,
  ) {
    const detail = cause instanceof Error ? cause.message.split("\n")[0] : String(cause);
    super(`Embedding with ${model} failed: ${detail}`, { cause });
    this.name = "EmbeddingServiceError";
  }
}
