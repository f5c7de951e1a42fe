/**
 * A browser over real HTTP for flows that cross origins (Tessera ⇄ an upstream provider): one
 * cookie jar per origin, redirects followed one at a time so a test can stop at any step (say,
 * just before the callback, to replay or alter it). No JavaScript, as the pages need none.
 */
export class RedirectingBrowser {
  private readonly jars = new Map<string, Map<string, string>>();

  async get(url: string): Promise<BrowserResponse> {
    return this.request(url, { method: 'GET' });
  }

  /** Posts a form urlencoded, with the page's `Origin` as browsers send it. */
  async post(url: string, fields: Record<string, string>, origin = new URL(url).origin): Promise<BrowserResponse> {
    return this.request(url, {
      method: 'POST',
      body: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    });
  }

  /** GETs and follows redirects until one would go to a URL `stop` accepts (returned unvisited) or a page answers. */
  async follow(url: string, stop: (next: string) => boolean = () => false): Promise<BrowserResponse> {
    let response = await this.get(url);
    for (let hops = 0; response.location && hops < 20; hops++) {
      if (stop(response.location)) return response;
      response = await this.get(response.location);
    }
    return response;
  }

  cookie(origin: string, name: string): string | undefined {
    return this.jars.get(new URL(origin).origin)?.get(name);
  }

  /** Cookie header for a request made outside the browser (e.g. supertest) to this origin. */
  cookieHeader(origin: string): string {
    return [...(this.jars.get(new URL(origin).origin) ?? new Map<string, string>())].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private async request(url: string, init: { method: string; body?: string; headers?: Record<string, string> }): Promise<BrowserResponse> {
    const origin = new URL(url).origin;
    const headers = { ...(init.headers ?? {}), cookie: this.cookieHeader(origin) };
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.remember(origin, res.headers.getSetCookie());
    const location = res.headers.get('location');
    return {
      status: res.status,
      url,
      location: location ? new URL(location, url).toString() : null,
      text: await res.text(),
      headers: res.headers,
    };
  }

  private remember(origin: string, lines: string[]): void {
    const jar = this.jars.get(origin) ?? new Map<string, string>();
    this.jars.set(origin, jar);
    for (const line of lines) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line) || /max-age=0/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
  }
}

export interface BrowserResponse {
  status: number;
  url: string;
  location: string | null;
  text: string;
  headers: Headers;
}
