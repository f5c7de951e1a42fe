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

  it('compresses the REST mount and the CSDL, and leaves tiny answers and other routes plain', async () => {
    expect((await get('/api/database/01/rooms', 'gzip')).headers['content-encoding']).toBe('gzip');
    expect((await get('/odata/01/$metadata', 'gzip')).headers['content-encoding']).toBe('gzip');
    const tiny = await get('/odata/01/rooms?$top=1&$select=id', 'gzip');
    expect(tiny.headers['content-encoding']).toBeUndefined();
    const health = await request(t.url).get('/health').set('Accept-Encoding', 'gzip');
    expect(health.headers['content-encoding']).toBeUndefined();
  });
});
