/** READOUT_STORE and READOUT_DATABASE_URL, read and validated in src/config.ts. */
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/config.js";
import { storeDisplayName, storeLocation } from "../../src/store/open-store.js";

describe("choosing the store", () => {
  it("is the local index folder by default, needing no server", () => {
    const config = parseConfig({}, "/srv/readout");
    expect(config.store).toEqual({ kind: "local" });
    expect(storeLocation(config)).toBe("/srv/readout/data/index");
  });

  it("is PostgreSQL with READOUT_STORE=postgres and a connection URL, shown without its password", () => {
    const config = parseConfig({ READOUT_STORE: "postgres", READOUT_DATABASE_URL: "postgres://readout:pa55@db.internal:5432/readout" });
    expect(config.store).toEqual({ kind: "postgres", url: "postgres://readout:pa55@db.internal:5432/readout" });
    expect(storeLocation(config)).toBe("postgres://readout:***@db.internal:5432/readout");
    // Shown as a URL, not mangled as a path.
    expect(storeDisplayName(config)).toBe("postgres://readout:***@db.internal:5432/readout");
  });

  it("refuses postgres without a URL, a URL that is not PostgreSQL's, and an unknown store, never echoing the URL", () => {
    expect(() => parseConfig({ READOUT_STORE: "postgres" })).toThrow(/READOUT_STORE=postgres needs READOUT_DATABASE_URL/);
    let error: unknown;
    try {
      parseConfig({ READOUT_STORE: "postgres", READOUT_DATABASE_URL: "mysql://root:topsecret@db/readout" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/READOUT_DATABASE_URL=\(hidden\): must be a PostgreSQL connection URL/);
    expect((error as Error).message).not.toContain("topsecret");
    expect(() => parseConfig({ READOUT_STORE: "sqlite" })).toThrow(ConfigError);
  });
});
