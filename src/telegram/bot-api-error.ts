/** Bot API failures worded as Telegram words them, and the loose payload reading every method shares. */

export type Payload = Record<string, unknown>;

export class BotApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
  ) {
    super(description);
  }
}

export const badRequest = (description: string) => new BotApiError(400, `Bad Request: ${description}`);

/** An object field as grammY sends it: an object, or the same as a JSON string. */
export function asObject(value: unknown): Payload | undefined {
  if (typeof value === "string") {
    try {
      return asObject(JSON.parse(value));
    } catch {
      return undefined;
    }
  }
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Payload) : undefined;
}
