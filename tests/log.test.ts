/** Secrets never reach a log line, a recording or an error message, however short they are. */
import { describe, expect, it } from "vitest";
import { scrubSecrets } from "../src/log.js";

describe("scrubSecrets", () => {
  it("removes a token of any length, alone or inside a Bot API URL", () => {
    const token = "123:abc";
    expect(scrubSecrets(`GET https://api.telegram.org/bot${token}/getMe failed`, [token])).toBe("GET https://api.telegram.org/bot[redacted]/getMe failed");
    expect(scrubSecrets(`the token ${token} was refused`, [token])).toBe("the token [redacted] was refused");
  });

  it("recognises a Bot API URL's token even when it was not given", () => {
    expect(scrubSecrets("POST /bot42:x-Y_z/sendMessage", [])).toBe("POST /bot[redacted]/sendMessage");
  });
});
