/** The publisher's country from a source URL, for official sites whose officials need no "of <country>". */
export function publisherCountry(sourceUrl: string | undefined): string | undefined {
  if (!sourceUrl) return undefined;
  let host: string;
  try {
    host = new URL(sourceUrl).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  if (
    /(?:^|\.)(?:whitehouse|state|defense|treasury|commerce|usaid)\.gov$/.test(host) ||
    host === "bidenwhitehouse.archives.gov" ||
    host.endsWith(".archives.gov")
  ) {
    return "United States";
  }
  if (host.endsWith(".gov.uk")) return "United Kingdom";
  return undefined;
}
