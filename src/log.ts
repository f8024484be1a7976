import pino, { type Logger } from "pino";

export type { Logger };

/** Paths pino must never print, wherever a secret could end up in a log object. */
const SECRET_PATHS = [
  "token",
  "*.token",
  "config.bot.token",
  "bot.token",
  "apiKey",
  "*.apiKey",
  "*.*.apiKey",
  "secret",
  "*.secret",
  "headers.authorization",
];

/** Structured JSON logs on standard error, so standard output stays free for answers and reports. */
export function createLogger(level: string = "info", destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino({ level, redact: { paths: SECRET_PATHS, censor: "[redacted]" } }, destination as pino.DestinationStream);
}

/** Remove a bot token from any text (an error message may embed the API URL). */
export function scrubSecrets(text: string, secrets: (string | undefined)[]): string {
  let clean = text.replace(/\bbot\d+:[A-Za-z0-9_-]+/g, "bot[redacted]");
  // Whatever its length: a short test token ("123:abc") is as secret as a real one.
  for (const secret of secrets) {
    if (secret) clean = clean.split(secret).join("[redacted]");
  }
  return clean;
}
