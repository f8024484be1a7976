import pino, { type Logger } from "pino";

export type { Logger };

/** Paths pino must never print, wherever a secret could end up in a log object. */
const SECRET_PATHS = ["token", "*.token", "config.bot.token", "bot.token", "apiKey", "*.apiKey", "*.*.apiKey", "secret", "*.secret", "headers.authorization"];

/** Structured JSON logs on standard error, so standard output stays free for answers and reports. */
export function createLogger(level: string = "info", destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino({ level, redact: { paths: SECRET_PATHS, censor: "[redacted]" } }, destination as pino.DestinationStream);
}

/** Remove a bot token from any text (an error message may embed the API URL, a user may paste one). */
export function scrubSecrets(text: string, secrets: (string | undefined)[]): string {
  let clean = text
    .replace(/\bbot\d+:[A-Za-z0-9_-]+/g, "bot[redacted]")
    // Anything shaped like a token from @BotFather (digits, a colon, some 35 characters), whoever's bot it is.
    .replace(/\b\d{5,}:[A-Za-z0-9_-]{30,}/g, "[redacted]");
  // Whatever its length: a short test token ("123:abc") is as secret as a real one.
  for (const secret of secrets) {
    if (secret) clean = clean.split(secret).join("[redacted]");
  }
  return clean;
}

/** A copy of a JSON-like value with every string scrubbed (keys too). */
export function scrubSecretsDeep<T>(value: T, secrets: (string | undefined)[]): T {
  if (typeof value === "string") return scrubSecrets(value, secrets) as T;
  if (Array.isArray(value)) return value.map((item) => scrubSecretsDeep(item, secrets)) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [scrubSecrets(key, secrets), scrubSecretsDeep(item, secrets)])) as T;
  }
  return value;
}
