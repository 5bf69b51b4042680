// "Add to my calendar": a subscribable feed opens in the calendar app through webcal://
// (the same URL with the scheme changed, RFC 5545 over HTTP); the single event downloads as ICS.

/** The webcal:// form of a feed URL, absolute or root-relative to `origin`. */
export function webcalUrl(feed: string, origin: string): string {
  const url = new URL(feed, origin);
  return `webcal://${url.host}${url.pathname}${url.search}`;
}
