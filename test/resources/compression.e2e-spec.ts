import { gunzipSync, inflateSync, brotliDecompressSync } from 'node:zlib';
import { get as httpGet, IncomingHttpHeaders } from 'node:http';
import request from 'supertest';
import type { TestApp } from '../support/test-app';
import { ResourceActors, startResourceApp } from './resource-fixtures';

/** An answer's status, headers and bytes exactly as sent (supertest would decompress them). */
function fetchRaw(url: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    httpGet(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

/** Compression of the resource API (issue 12 item 6): gzip, deflate and br on request, tiny answers plain. */
describe('compressed resource answers', () => {
  let t: TestApp;
  let actors: ResourceActors;
  beforeAll(async () => ({ t, actors } = await startResourceApp(1000)));
  afterAll(async () => {
    await t?.close();
  });

  const get = async (path: string, encoding: string) => {
    const res = await fetchRaw(`${t.url}${path}`, { Authorization: `Bearer ${actors.writer}`, 'Accept-Encoding': encoding });
    expect(res.status).toBe(200);
    return res;
  };

  it.each([
    ['gzip, deflate', 'gzip', gunzipSync],
    ['deflate', 'deflate', inflateSync],
    ['br', 'br', brotliDecompressSync],
  ])('compresses a 1,000-room page for Accept-Encoding: %s at least 5x', async (accept, encoding, decompress) => {
    const plain = await get('/odata/01/rooms', 'identity');
    const packed = await get('/odata/01/rooms', accept);
    expect(packed.headers['content-encoding']).toBe(encoding);
    expect(packed.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(decompress(packed.body).equals(plain.body)).toBe(true);
    expect(plain.body.length / packed.body.length).toBeGreaterThanOrEqual(5);
  });

  it.each([
    ['/api/database/01/rooms', 'gzip', gunzipSync],
    ['/odata/01/rooms', 'gzip', gunzipSync],
    ['/api/database/01/rooms', 'br', brotliDecompressSync],
  ])('sends a compressed page of %s (%s) in one piece with its Content-Length, as the plain page', async (path, encoding, decompress) => {
    const plain = await get(path, 'identity');
    const packed = await get(path, encoding);
    for (const answer of [plain, packed]) {
      expect(answer.headers['transfer-encoding']).toBeUndefined();
      expect(answer.headers['content-length']).toBe(String(answer.body.length));
    }
    expect(decompress(packed.body).equals(plain.body)).toBe(true);
    expect(packed.headers.link).toBe(plain.headers.link);
  });

  it('writes a REST page as the bytes of JSON.stringify of its rooms', async () => {
    const plain = await get('/api/database/01/rooms', 'identity');
    const rooms = JSON.parse(plain.body.toString('utf8')) as unknown[];
    expect(rooms).toHaveLength(1000);
    expect(plain.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(plain.body.equals(Buffer.from(JSON.stringify(rooms), 'utf8'))).toBe(true);
  });

  it('compresses the REST mount and the CSDL, and leaves tiny answers and other routes plain', async () => {
    expect((await get('/api/database/01/rooms', 'gzip')).headers['content-encoding']).toBe('gzip');
    expect((await get('/odata/01/$metadata', 'gzip')).headers['content-encoding']).toBe('gzip');
    const tiny = await get('/odata/01/rooms?$top=1&$select=id', 'gzip');
    expect(tiny.headers['content-encoding']).toBeUndefined();
    const health = await request(t.url).get('/health').set('Accept-Encoding', 'gzip');
    expect(health.headers['content-encoding']).toBeUndefined();
  });
});
