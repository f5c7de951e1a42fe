import request from 'supertest';

/**
 * A minimal browser for page tests over real HTTP: keeps cookies, reads the CSRF field of the
 * page it fetched, and posts forms urlencoded as a browser does (no JavaScript), with the page's
 * `Origin` as every browser sends it on a POST.
 */
export class FormClient {
  readonly cookies = new Map<string, string>();
  lastPage = '';

  /** `headers`: sent with every request, e.g. the `User-Agent` of the browser this stands for. */
  constructor(
    private readonly baseUrl: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  async get(path: string): Promise<request.Response> {
    const res = await request(this.baseUrl).get(path).set(this.headers).set('Cookie', this.cookieHeader());
    this.remember(res);
    return res;
  }

  /** Posts a form with the CSRF token of the last page fetched (unless `_csrf` is given). */
  async post(path: string, fields: Record<string, string | string[]>, options: { csrf?: boolean } = {}): Promise<request.Response> {
    const form = new URLSearchParams();
    if (options.csrf !== false) form.append('_csrf', this.csrfToken());
    for (const [name, value] of Object.entries(fields)) for (const item of [value].flat()) form.append(name, item);
    const res = await request(this.baseUrl)
      .post(path)
      .set(this.headers)
      .set('Cookie', this.cookieHeader())
      .set('Origin', this.baseUrl)
      .type('form')
      .send(form.toString());
    this.remember(res);
    return res;
  }

  async signIn(username: string, password: string): Promise<request.Response> {
    await this.get('/login');
    return this.post('/login', { username, password });
  }

  csrfToken(): string {
    const match = /name="_csrf" value="([^"]+)"/.exec(this.lastPage);
    if (!match) throw new Error('no CSRF field on the last page');
    return match[1];
  }

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private remember(res: request.Response): void {
    if (res.type === 'text/html') this.lastPage = res.text;
    for (const line of [res.headers['set-cookie'] ?? []].flat() as string[]) {
      const [pair] = line.split(';');
      const [name, ...rest] = pair.split('=');
      const value = rest.join('=');
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line) || /max-age=0/i.test(line)) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
  }
}
