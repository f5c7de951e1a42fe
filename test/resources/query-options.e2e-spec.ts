import request from 'supertest';
import { consoleHeaders, sessionCookieFor } from '../support/sessions';
import { startTestApp, TestApp } from '../support/test-app';
import { nextLink } from './resource-fixtures';

/** Rooms chosen for edge cases: case, quotes, LIKE wildcards, non-ASCII, nulls. */
const ROOMS = [
  { number: 'A.01', name: 'Office', floor: 1, department: 'IT', function: 'Office', area: 10.5, status: 'planned' },
  { number: 'A.02', name: 'office', floor: 1, department: null, function: 'Office', area: 20, status: 'approved' },
  { number: 'A.03', name: "O'Brien's room", floor: 2, department: 'IT', function: null, area: null, status: 'planned' },
  { number: 'A.04', name: '50% off_sale', floor: 2, department: 'Research', function: 'Lab', area: 30, status: 'completed' },
  { number: 'B.01', name: 'Ärzte Zimmer', floor: -1, department: null, function: 'Care', area: 5.25, status: 'planned' },
  { number: 'B.02', name: 'Zebra', floor: 3, department: 'Administration', function: 'Office', area: 40, status: 'approved' },
];

describe('query options on the REST mount', () => {
  let t: TestApp;
  let cookie: string;
  let ids: number[];
  beforeAll(async () => {
    t = await startTestApp({ PAGE_SIZE_DEFAULT: '4', PAGE_SIZE_MAX: '4' });
    cookie = await sessionCookieFor(t, 'admin');
    await request(t.url).post('/api/admin/databases').set(consoleHeaders(t, cookie)).send({ id: 'lab', name: 'Lab' }).expect(201);
    ids = [];
    for (const room of ROOMS)
      ids.push((await request(t.url).post('/api/database/lab/rooms').set(consoleHeaders(t, cookie)).send(room).expect(201)).body.id);
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (path: string) => request(t.url).get(path).set(consoleHeaders(t, cookie));
  async function walk(query: string): Promise<number[]> {
    const rows: number[] = [];
    let url: string | undefined = `${t.url}/api/database/lab/rooms?${query}`;
    while (url) {
      const res = await request(url).get('').set(consoleHeaders(t, cookie)).expect(200);
      rows.push(...res.body.map((row: { id: number }) => ids.indexOf(row.id) + 1));
      url = nextLink(res.headers.link);
    }
    return rows;
  }

  describe('$filter', () => {
    it.each([
      ["name eq 'office'", [2]],
      ["contains(name,'ffice')", [1, 2]],
      ["contains(name,'Off')", [1]],
      ["contains(name,'ffice') eq false", [3, 4, 5, 6]],
      ['updated_at gt 2000-01-01T00:00:00.0000000Z', [1, 2, 3, 4, 5, 6]],
      ["startswith(name,'O')", [1, 3]],
      ["endswith(name,'room')", [3]],
      ["contains(name,'%')", [4]],
      ["contains(name,'_')", [4]],
      ["startswith(name,'Ä')", [5]],
      ["name eq 'O''Brien''s room'", [3]],
      ["name eq 'x'' OR 1=1 --'", []],
      ['department eq null', [2, 5]],
      ['department ne null', [1, 3, 4, 6]],
      ["department ne 'IT'", [2, 4, 5, 6]],
      ["not (department eq 'IT')", [2, 4, 5, 6]],
      ['area gt 10', [1, 2, 4, 6]],
      ['not (area gt 10)', [3, 5]],
      ['area eq 5.25', [5]],
      ['floor lt 0', [5]],
      ['-1 eq floor', [5]],
      ["status in ('planned','completed')", [1, 3, 4, 5]],
      ["department in ('IT',null)", [1, 2, 3, 5]],
      ["(floor eq 1 or floor eq 3) and not (status eq 'approved')", [1]],
      ["floor eq 1 or floor eq 3 and status eq 'approved'", [1, 2, 6]],
      ['updated_at gt 2000-01-01', [1, 2, 3, 4, 5, 6]],
      ['updated_at lt 2000-01-01T00:00:00Z', []],
      ["name ne 'nobody' and floor ge 100", []],
    ])('%s', async (filter, expected) => {
      expect(await walk(`$filter=${encodeURIComponent(filter)}`)).toEqual(expected);
    });

    it.each([
      ['colour eq 1', /unknown field "colour"/],
      ["name eq 'open", /not closed/],
      ['name eq true', /"name" is compared with the boolean true/],
      ["floor eq '1'", /"floor" is compared with the string '1'/],
      ['name eq', /ended/],
      ["name eq 'a' or", /ended/],
      ["name eq 'x\\' OR 1=1 --'", /unexpected character "=" at position 17/],
    ])('refuses %j with 400 naming $filter', async (filter, message) => {
      const res = await get(`/api/database/lab/rooms?$filter=${encodeURIComponent(filter)}`).expect(400);
      expect(res.body.error.code).toBe('bad_query_option');
      expect(res.body.error.target).toBe('$filter');
      expect(res.body.error.message).toMatch(message);
    });
  });

  describe('$select', () => {
    it('returns the chosen fields and always the key', async () => {
      const res = await get('/api/database/lab/rooms?$select=name,area&$top=1').expect(200);
      expect(res.body).toEqual([{ id: ids[0], name: 'Office', area: 10.5 }]);
    });

    it('refuses an unknown field', async () => {
      const res = await get('/api/database/lab/rooms?$select=colour').expect(400);
      expect(res.body.error).toMatchObject({ target: '$select', message: expect.stringMatching(/unknown field "colour"/) });
    });
  });

  describe('$orderby', () => {
    it('orders strings by code point, case-sensitively', async () => {
      expect(await walk('$orderby=name')).toEqual([4, 3, 1, 6, 2, 5]);
      expect(await walk('$orderby=name desc')).toEqual([5, 2, 6, 1, 3, 4]);
    });

    it('puts nulls first ascending and last descending, the key breaking ties, across pages', async () => {
      expect(await walk('$orderby=department&$top=1')).toEqual([2, 5, 6, 1, 3, 4]);
      expect(await walk('$orderby=department desc&$top=1')).toEqual([4, 1, 3, 6, 2, 5]);
      expect(await walk('$orderby=area desc,name&$top=2')).toEqual([6, 4, 2, 1, 5, 3]);
      expect(await walk('$orderby=function,floor desc&$top=1')).toEqual([3, 5, 4, 6, 1, 2]);
    });

    it('follows next links with $select narrower than $orderby', async () => {
      const res = await get('/api/database/lab/rooms?$orderby=area&$select=name&$top=2').expect(200);
      expect(Object.keys(res.body[0])).toEqual(['id', 'name']);
      expect(await walk('$orderby=area&$select=name&$top=2')).toEqual([3, 5, 1, 2, 4, 6]);
    });

    it('refuses unknown fields and bad directions', async () => {
      expect((await get('/api/database/lab/rooms?$orderby=colour').expect(400)).body.error.target).toBe('$orderby');
      expect((await get('/api/database/lab/rooms?$orderby=name%20up').expect(400)).body.error.target).toBe('$orderby');
    });
  });

  describe('$top, $skip, $count and links', () => {
    it('uses the default page size and links the next page', async () => {
      const res = await get('/api/database/lab/rooms').expect(200);
      expect(res.body).toHaveLength(4);
      expect(nextLink(res.headers.link)).toMatch(/\?\$skiptoken=/);
    });

    it('answers $top=0 with an empty array and no links', async () => {
      const res = await get('/api/database/lab/rooms?$top=0').expect(200);
      expect(res.body).toEqual([]);
      expect(res.headers.link).toBeUndefined();
    });

    it('caps $top at the maximum page size and says so in the next link', async () => {
      const res = await get('/api/database/lab/rooms?$top=100').expect(200);
      expect(res.body).toHaveLength(4);
      expect(nextLink(res.headers.link)).toContain('$top=4&');
    });

    it('gives no next link on the last page, nor past the end', async () => {
      const last = await get('/api/database/lab/rooms?$skip=4').expect(200);
      expect(last.body).toHaveLength(2);
      expect(nextLink(last.headers.link)).toBeUndefined();
      expect(last.headers.link).toContain('rel="first"');
      const beyond = await get('/api/database/lab/rooms?$skip=50').expect(200);
      expect(beyond.body).toEqual([]);
      expect(nextLink(beyond.headers.link)).toBeUndefined();
      const exact = await get('/api/database/lab/rooms?$top=3&$skip=3').expect(200);
      expect(exact.body).toHaveLength(3);
      expect(nextLink(exact.headers.link)).toBeUndefined();
    });

    it('links prev and first from a $skip page', async () => {
      const res = await get('/api/database/lab/rooms?$top=2&$skip=3').expect(200);
      expect(res.headers.link).toContain(`<${t.url}/api/database/lab/rooms?$top=2&$skip=1>; rel="prev"`);
      expect(res.headers.link).toContain(`<${t.url}/api/database/lab/rooms?$top=2>; rel="first"`);
    });

    it('counts with $count=true in X-Total-Count, respecting the filter, on every page', async () => {
      const all = await get('/api/database/lab/rooms?$count=true').expect(200);
      expect(all.headers['x-total-count']).toBe('6');
      const second = await get(nextLink(all.headers.link)!.slice(t.url.length)).expect(200);
      expect(second.headers['x-total-count']).toBe('6');
      const filtered = await get('/api/database/lab/rooms?$count=true&$filter=floor%20eq%201').expect(200);
      expect(filtered.headers['x-total-count']).toBe('2');
      const none = await get('/api/database/lab/rooms?$count=true&$filter=floor%20eq%2099').expect(200);
      expect(none.body).toEqual([]);
      expect(none.headers['x-total-count']).toBe('0');
      expect(none.headers.link).toBeUndefined();
    });

    it('percent-encodes commas and spaces inside link URLs', async () => {
      const res = await get(`/api/database/lab/rooms?$select=name,number&$filter=${encodeURIComponent("status ne 'x'")}&$top=1`).expect(
        200,
      );
      const next = nextLink(res.headers.link)!;
      expect(next).toContain('$select=name%2Cnumber');
      expect(next).toContain("$filter=status%20ne%20'x'");
      expect(res.headers.link!.split(', <')).toHaveLength(1);
    });

    it.each([
      ['$top=-1', '$top'],
      ['$top=abc', '$top'],
      ['$skip=1.5', '$skip'],
      ['$count=yes', '$count'],
      ['$skiptoken=garbage!', '$skiptoken'],
      ['$expand=items', '$expand'],
      ['$top=1&$top=2', '$top'],
    ])('refuses %s with 400 naming %s', async (query, target) => {
      const res = await get(`/api/database/lab/rooms?${query}`).expect(400);
      expect(res.body.error.target).toBe(target);
      expect(JSON.stringify(res.body)).not.toMatch(/SELECT|SQLITE|ER_|\.ts:/);
    });

    it('refuses a skiptoken made for another $orderby', async () => {
      const res = await get('/api/database/lab/rooms?$top=1&$orderby=name').expect(200);
      const token = /\$skiptoken=([^&>]+)/.exec(res.headers.link)![1];
      const bad = await get(`/api/database/lab/rooms?$skiptoken=${token}`).expect(400);
      expect(bad.body.error.message).toMatch(/does not belong to this \$orderby/);
    });
  });

  describe('entities', () => {
    it('answers one entity by key, honouring $select', async () => {
      const res = await get(`/api/database/lab/rooms/${ids[2]}?$select=name`).expect(200);
      expect(res.body).toEqual({ id: ids[2], name: "O'Brien's room" });
    });

    it('answers unknown sets and keys with 404, bad keys with 400', async () => {
      expect((await get('/api/database/lab/spaces').expect(404)).body.error.code).toBe('not_found');
      expect((await get('/api/database/lab/rooms/999999').expect(404)).body.error.code).toBe('not_found');
      expect((await get('/api/database/lab/rooms/abc').expect(400)).body.error.target).toBe('key');
    });
  });
});
