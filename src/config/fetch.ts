/** Settings of the web fetcher (src/ingest/web/fetcher.ts) that need more than a schema. */

export const DEFAULT_USER_AGENT = "ReadoutBot/0.1 (a news bot answering questions about meetings; honours robots.txt)";

const IPV4_OR_CIDR = /^(\d{1,3}\.){3}\d{1,3}(\/\d{1,2})?$/;
const IPV6_OR_CIDR = /^[0-9a-f:.]+(\/\d{1,3})?$/i;

/** `*` allows every private address; otherwise a list of addresses and CIDR ranges. A string is the problem. */
export function parseAllowPrivate(value: string | undefined): boolean | string[] | string {
  if (!value) return false;
  if (value === "*") return true;
  const items = value.split(/[,\s]+/).filter(Boolean);
  const bad = items.filter((item) => !IPV4_OR_CIDR.test(item) && !(item.includes(":") && IPV6_OR_CIDR.test(item)));
  if (bad.length > 0) return `must be * or addresses and CIDR ranges such as 127.0.0.1,10.0.0.0/8 (not ${bad.join(", ")})`;
  return items;
}
