/** How the text of one environment variable is read: zod schemas shared by the settings of `env-schema.ts`. */
import { z } from "zod";
import { isCalendarDay } from "../text/calendar.js";

const csv = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? "")
      .split(/[,\s]+/)
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  );

export const idList = csv.pipe(
  z.array(z.string().regex(/^-?\d+$/, "must be a list of numeric Telegram ids separated by commas")).transform((ids) => ids.map(Number)),
);

export const bool = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off", ""])
  .optional()
  .transform((value) => value === "1" || value === "true" || value === "yes" || value === "on");

export const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const calendarDay = z.string().refine(isCalendarDay, "must be a real day written YYYY-MM-DD");

export const isoDate = calendarDay.optional();

export const optionalText = z
  .string()
  .optional()
  .transform((value) => (value && value.trim().length > 0 ? value.trim() : undefined));

export const optionalUrl = optionalText.pipe(z.url("must be a URL such as http://localhost:11434").optional());

export const databaseUrl = optionalText.pipe(
  z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, "must be a PostgreSQL connection URL such as postgres://readout@localhost:5432/readout")
    .optional(),
);

export const botToken = optionalText.pipe(
  z
    .string()
    .regex(/^\d+:[A-Za-z0-9_-]+$/, "does not look like a bot token from @BotFather (digits, a colon, then letters)")
    .optional(),
);

export const portNumber = optionalText.pipe(
  z
    .string()
    .regex(/^\d+$/, "must be a port number (0 = any free port)")
    .transform(Number)
    .pipe(z.number().max(65535, "must be a port number up to 65535"))
    .optional(),
);
