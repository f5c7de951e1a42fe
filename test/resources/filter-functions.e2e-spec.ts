import request from 'supertest';
import { consoleHeaders, sessionCookieFor } from '../support/sessions';
import { startTestApp, TestApp } from '../support/test-app';

/** Rooms for the canonical functions: nulls, non-ASCII, padding, negative and half values, exact timestamps. */
const ROOMS = [
  {
    number: 'A.01',
    name: 'Office',
    floor: 1,
    department: 'IT',
    function: 'Office',
    area: 10.5,
    status: 'planned',
    at: '2026-12-03 11:16:41.739',
  },
  {
    number: 'A.02',
    name: 'office',
    floor: 1,
    department: null,
    function: null,
    area: 20,
    status: 'approved',
    at: '2026-12-03 11:16:41.740',
  },
  {
    number: 'A.03',
    name: "O'Brien's room",
    floor: 2,
    department: 'IT',
    function: null,
    area: null,
    status: 'planned',
    at: '2025-01-31 23:59:59.999',
  },
  {
    number: 'B.01',
    name: 'Ärzte Zimmer',
    floor: -1,
    department: null,
    function: 'Care',
    area: 2.5,
    status: 'planned',
    at: '2024-02-29 00:00:00.000',
  },
  {
    number: 'B.02',
    name: '  Zebra  ',
    floor: 3,
    department: 'Administration',
    function: 'Office',
    area: -2.5,
    status: 'approved',
    at: '2026-06-15 08:30:00.500',
  },
  {
    number: 'C.01',
    name: 'ΣΟΦΊΑ',
    floor: 0,
    department: 'Ελλάδα',
    function: 'Lab',
    area: 13.5,
    status: 'completed',
    at: '2026-12-03 11:16:41.738',
  },
];

describe('$filter canonical functions, arithmetic and exact date-times on both mounts', () => {
  let t: TestApp;
  let cookie: string;
  let ids: number[];
  beforeAll(async () => {
    t = await startTestApp();
    cookie = await sessionCookieFor(t, 'admin');
    await request(t.url).post('/api/admin/databases').set(consoleHeaders(t, cookie)).send({ id: 'fn', name: 'Functions' }).expect(201);
    ids = [];
    for (const { at, ...room } of ROOMS) {
      const id = (await request(t.url).post('/api/database/fn/rooms').set(consoleHeaders(t, cookie)).send(room).expect(201)).body.id;
      await t.dataSource.query('UPDATE rooms SET updated_at = ? WHERE id = ?', [at, id]);
      ids.push(id);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  /** The rooms (1-based, as in ROOMS) a filter selects, the same on the REST and the OData mount. */
  async function select(filter: string): Promise<number[]> {
    const query = `$filter=${encodeURIComponent(filter)}&$select=id`;
    const rest = await request(t.url).get(`/api/database/fn/rooms?${query}`).set(consoleHeaders(t, cookie));
    expect({ filter, status: rest.status, body: rest.status === 200 ? undefined : rest.body }).toEqual({
      filter,
      status: 200,
      body: undefined,
    });
    const odata = await request(t.url).get(`/odata/fn/rooms?${query}`).set(consoleHeaders(t, cookie)).expect(200);
    expect(odata.body.value).toEqual(rest.body);
    return rest.body.map((row: { id: number }) => ids.indexOf(row.id) + 1);
  }

  it.each([
    ["tolower(name) eq 'office'", [1, 2]],
    ["toupper(name) eq 'ÄRZTE ZIMMER'", [4]],
    ["tolower(name) eq 'σοφία'", [6]],
    ["toupper(department) eq 'ΕΛΛΆΔΑ'", [6]],
    ['tolower(department) eq null', [2, 4]],
    // An expression's text is mapped by the Unicode-aware function; a column's by the database's
    // own when it is ASCII (SQLite): both ways agree on ASCII, non-ASCII and null.
    ["tolower(trim(name)) eq 'zebra'", [5]],
    ["toupper(concat(name,'é')) eq 'ÄRZTE ZIMMERÉ'", [4]],
    ["tolower(concat(department,'X')) eq 'ελλάδαx'", [6]],
    ['tolower(trim(department)) eq null', [2, 4]],
    ["contains(tolower(department),'ad')", [5]],
    ["not contains(tolower(department),'ad')", [1, 2, 3, 4, 6]],
    ['length(name) eq 6', [1, 2]],
    ['length(name) eq 12', [4]],
    ['length(department) eq null', [2, 4]],
    ["trim(name) eq 'Zebra'", [5]],
    ["indexof(name,'f') eq 1", [1, 2]],
    ["indexof(name,'Z') eq 6", [4]],
    ["indexof(name,'x') eq -1", [1, 2, 3, 4, 5, 6]],
    ["substring(number,2) eq '01'", [1, 4, 6]],
    ["substring(name,0,2) eq 'Är'", [4]],
    ["substring(name,1,2) eq 'ff'", [1, 2]],
    ["substring(name,40) eq ''", [1, 2, 3, 4, 5, 6]],
    ["concat(concat(number,' '),name) eq 'A.01 Office'", [1]],
    ["concat(department,'x') eq null", [2, 4]],
    ["contains(tolower(name),'off')", [1, 2]],
    ["startswith(trim(name),'Ze')", [5]],
    ['contains(name,function)', [1]],
    ["startswith(function,'O') eq false", [2, 3, 4, 6]],
    ["endswith(tolower(name),'ία')", [6]],
    ['year(updated_at) eq 2026', [1, 2, 5, 6]],
    ['month(updated_at) eq 2 and day(updated_at) eq 29', [4]],
    ['hour(updated_at) eq 23 and minute(updated_at) eq 59 and second(updated_at) eq 59', [3]],
    ['fractionalseconds(updated_at) eq 0.5', [5]],
    ['fractionalseconds(updated_at) gt 0.739', [2, 3]],
    ['date(updated_at) eq 2026-12-03', [1, 2, 6]],
    ['date(updated_at) lt 2025-02-01', [3, 4]],
    ['time(updated_at) lt 08:30:00.5001', [4, 5]],
    ['time(updated_at) eq 08:30:00.5', [5]],
    ['year(date(updated_at)) eq 2024', [4]],
    ['totaloffsetminutes(updated_at) eq 0', [1, 2, 3, 4, 5, 6]],
    ['updated_at lt now()', [1, 2, 3, 4, 5, 6]],
    ['updated_at gt mindatetime() and updated_at lt maxdatetime()', [1, 2, 3, 4, 5, 6]],
    ['updated_at ge 2026-12-03T11:16:41.7399Z', [2]],
    ['updated_at gt 2026-12-03T11:16:41.7399Z', [2]],
    ['updated_at le 2026-12-03T11:16:41.7399Z', [1, 3, 4, 5, 6]],
    ['updated_at eq 2026-12-03T11:16:41.739000000000Z', [1]],
    ['updated_at eq 2026-12-03T11:16:41.7399Z', []],
    ['updated_at ne 2026-12-03T11:16:41.7399Z', [1, 2, 3, 4, 5, 6]],
    ['updated_at in (2026-12-03T11:16:41.7399Z, 2026-12-03T12:16:41.740+01:00)', [2]],
    ['round(area) eq 11', [1]],
    ['round(area) eq 3', [4]],
    ['round(area) eq -3', [5]],
    ['round(area) eq null', [3]],
    ['floor(area) eq -3', [5]],
    ['ceiling(area) eq 3', [4]],
    ['floor add 1 eq 2', [1, 2]],
    ['floor mul 2 sub 1 eq 5', [5]],
    ['floor add 2 mul 3 eq 7', [1, 2]],
    ['(floor add 2) mul 3 eq 9', [1, 2]],
    ['area div 2 eq 5.25', [1]],
    ['floor div 2 eq 1', [3, 5]],
    ['floor divby 2 eq 1.5', [5]],
    ['floor mod 2 eq 1', [1, 2, 5]],
    ['floor mod 2 eq -1', [4]],
    ['floor div 0 eq null', [1, 2, 3, 4, 5, 6]],
    ['-floor eq 1', [4]],
    ['floor sub area lt 0', [1, 2, 4, 6]],
    ['floor lt area', [1, 2, 4, 6]],
    ['department eq function', [2]],
    ['department ne function', [1, 3, 4, 5, 6]],
    ['length(name) gt length(number) mul 2', [3, 4, 5]],
  ])('%s', async (filter, expected) => {
    expect(await select(filter as string)).toEqual(expected);
  });

  it('parses a 100-term or chain of the shape Power Query folds List.Contains into', async () => {
    const numbers = Array.from({ length: 98 }, (_, i) => `Z.${String(i).padStart(3, '0')}`).concat('A.01', 'B.01');
    expect(await select(numbers.map((n) => `number eq '${n}'`).join(' or '))).toEqual([1, 4]);
    expect(await select(numbers.map((n) => `(number eq '${n}')`).join(' or '))).toEqual([1, 4]);
  });

  it.each([
    ["name has 'x'", 'has'],
    ["matchesPattern(name,'^A')", 'matchesPattern'],
    ["cast(floor,'Edm.String') eq '1'", 'cast'],
  ])('answers %s with 501 and an OData error', async (filter, what) => {
    const res = await request(t.url)
      .get(`/odata/fn/rooms?$filter=${encodeURIComponent(filter)}`)
      .set(consoleHeaders(t, cookie));
    expect(res.status).toBe(501);
    expect(res.body).toEqual({ error: { code: 'not_implemented', message: expect.stringContaining(what), target: '$filter' } });
  });

  it('keeps a malformed filter a 400', async () => {
    const res = await request(t.url)
      .get(`/odata/fn/rooms?$filter=${encodeURIComponent('tolower(name eq 1')}`)
      .set(consoleHeaders(t, cookie));
    expect(res.status).toBe(400);
    expect(res.body.error.target).toBe('$filter');
  });
});
