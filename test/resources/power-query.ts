/**
 * The requests Power Query's OData.Feed (Implementation 2.0) sends when a Power BI or Excel user
 * adds ordinary steps: the M step, and the OData URL it folds into. Shapes as Microsoft documents
 * the folding of OData.Feed (Table.SelectRows → $filter with the canonical functions, Table.Group →
 * $apply, Table.ExpandTableColumn → $expand, Table.FirstN → $top, …), replayed against Tessera.
 */
export interface FoldedStep {
  /** The M step a user writes. */
  readonly m: string;
  /** The path and query Power Query sends for it (below /odata/:db/). */
  readonly path: string;
  /** For a filter: which rooms it must select (checked against the whole set). */
  readonly keeps?: (room: Room) => boolean;
}

export interface Room {
  id: number;
  number: string;
  name: string;
  floor: number | null;
  department: string | null;
  function: string | null;
  area: number | null;
  status: string;
  updated_at: string;
}

/** The headers Power Query sends with every feed request. */
export const POWER_QUERY_HEADERS = {
  Accept:
    'application/json;odata.metadata=minimal;q=1.0,application/json;odata=minimalmetadata;q=0.9,application/atomsvc+xml;q=0.8,application/atom+xml;q=0.8,application/xml;q=0.7,text/plain;q=0.7',
  'OData-MaxVersion': '4.0',
  MaxDataServiceVersion: '3.0',
  'Accept-Encoding': 'gzip, deflate',
  'User-Agent': 'Microsoft.Data.Mashup (https://go.microsoft.com/fwlink/?LinkID=304225)',
};

const f = (filter: string) => `rooms?$filter=${encodeURIComponent(filter)}`;
const year = (room: Room) => Number(room.updated_at.slice(0, 4));
const round = (n: number) => (n < 0 ? -Math.round(-n) : Math.round(n));

export const FOLDED_STEPS: readonly FoldedStep[] = [
  {
    m: 'Table.SelectRows(Source, each Text.Contains([name], "Office"))',
    path: f("contains(name,'Office')"),
    keeps: (r) => r.name.includes('Office'),
  },
  {
    m: 'Table.SelectRows(Source, each Text.Lower([department]) = "radiology")',
    path: f("tolower(department) eq 'radiology'"),
    keeps: (r) => r.department?.toLowerCase() === 'radiology',
  },
  {
    m: 'Table.SelectRows(Source, each Text.Upper([status]) = "PLANNED")',
    path: f("toupper(status) eq 'PLANNED'"),
    keeps: (r) => r.status.toUpperCase() === 'PLANNED',
  },
  {
    m: 'Table.SelectRows(Source, each Text.Contains([name], "lab", Comparer.OrdinalIgnoreCase))',
    path: f("contains(tolower(name),'lab')"),
    keeps: (r) => r.name.toLowerCase().includes('lab'),
  },
  {
    m: 'Table.SelectRows(Source, each Text.StartsWith([number], "A.0"))',
    path: f("startswith(number,'A.0')"),
    keeps: (r) => r.number.startsWith('A.0'),
  },
  { m: 'Table.SelectRows(Source, each Text.EndsWith([name], "1"))', path: f("endswith(name,'1')"), keeps: (r) => r.name.endsWith('1') },
  { m: 'Table.SelectRows(Source, each Text.Length([name]) > 12)', path: f('length(name) gt 12'), keeps: (r) => [...r.name].length > 12 },
  { m: 'Table.SelectRows(Source, each Text.Trim([name]) = [name])', path: f('trim(name) eq name'), keeps: (r) => r.name.trim() === r.name },
  {
    m: 'Table.SelectRows(Source, each Text.Start([number], 1) = "A")',
    path: f("substring(number,0,1) eq 'A'"),
    keeps: (r) => r.number.startsWith('A'),
  },
  {
    m: 'Table.SelectRows(Source, each Text.PositionOf([number], ".") = 1)',
    path: f("indexof(number,'.') eq 1"),
    keeps: (r) => r.number.indexOf('.') === 1,
  },
  {
    m: 'Table.SelectRows(Source, each [number] & " " & [name] = "A.U1.001 Staircase 1")',
    path: f("concat(concat(number,' '),name) eq 'A.U1.001 Staircase 1'"),
    keeps: (r) => `${r.number} ${r.name}` === 'A.U1.001 Staircase 1',
  },
  {
    m: 'Table.SelectRows(Source, each Date.Year([updated_at]) = 2026)',
    path: f('year(updated_at) eq 2026'),
    keeps: (r) => year(r) === 2026,
  },
  {
    m: 'Table.SelectRows(Source, each Date.Month([updated_at]) >= 1 and Date.Day([updated_at]) >= 1)',
    path: f('month(updated_at) ge 1 and day(updated_at) ge 1'),
    keeps: () => true,
  },
  {
    m: 'Table.SelectRows(Source, each Time.Hour([updated_at]) < 24)',
    path: f('hour(updated_at) lt 24 and minute(updated_at) lt 60 and second(updated_at) lt 60'),
    keeps: () => true,
  },
  {
    m: 'Table.SelectRows(Source, each Number.Round([area]) = 40)',
    path: f('round(area) eq 40'),
    keeps: (r) => r.area !== null && round(r.area) === 40,
  },
  {
    m: 'Table.SelectRows(Source, each Number.RoundDown([area]) = 40)',
    path: f('floor(area) eq 40'),
    keeps: (r) => r.area !== null && Math.floor(r.area) === 40,
  },
  {
    m: 'Table.SelectRows(Source, each Number.RoundUp([area]) = 40)',
    path: f('ceiling(area) eq 40'),
    keeps: (r) => r.area !== null && Math.ceil(r.area) === 40,
  },
  { m: 'Table.SelectRows(Source, each [floor] + 1 > 2)', path: f('floor add 1 gt 2'), keeps: (r) => r.floor !== null && r.floor + 1 > 2 },
  { m: 'Table.SelectRows(Source, each [area] / 2 > 20)', path: f('area div 2 gt 20'), keeps: (r) => r.area !== null && r.area / 2 > 20 },
  { m: 'Table.SelectRows(Source, each -[floor] > 0)', path: f('-floor gt 0'), keeps: (r) => r.floor !== null && -r.floor > 0 },
  { m: 'Table.SelectRows(Source, each [department] = null)', path: f('department eq null'), keeps: (r) => r.department === null },
  {
    m: 'Table.SelectRows(Source, each [department] <> "Radiology")',
    path: f("department ne 'Radiology'"),
    keeps: (r) => r.department !== 'Radiology',
  },
  {
    m: 'Table.SelectRows(Source, each not Text.Contains([name], "Office"))',
    path: f("not contains(name,'Office')"),
    keeps: (r) => !r.name.includes('Office'),
  },
  {
    m: 'Table.SelectRows(Source, each List.Contains({1, 2, 3, 5, 8}, [id]))',
    path: f('id eq 1 or id eq 2 or id eq 3 or id eq 5 or id eq 8'),
    keeps: (r) => [1, 2, 3, 5, 8].includes(r.id),
  },
  {
    m: 'Table.SelectRows(Source, each [updated_at] >= RangeStart and [updated_at] < RangeEnd)',
    path: f('updated_at ge 2000-01-01T00:00:00Z and updated_at lt 2100-01-01T00:00:00.0000000Z'),
    keeps: () => true,
  },
  {
    m: 'Table.SelectRows(Source, each Date.From([updated_at]) >= #date(2000, 1, 1))',
    path: f('date(updated_at) ge 2000-01-01'),
    keeps: () => true,
  },
  { m: 'Table.SelectColumns(Source, {"id", "name"})', path: 'rooms?$select=id,name' },
  { m: 'Table.FirstN(Table.Sort(Source, {{"name", Order.Descending}}), 5)', path: 'rooms?$orderby=name%20desc&$top=5' },
  { m: 'Table.Skip(Source, 10)', path: 'rooms?$skip=10' },
  { m: 'Table.RowCount(Source)', path: 'rooms/$count' },
  { m: 'Table.ExpandTableColumn(Source, "occurrences", {"quantity"})', path: 'rooms?$expand=occurrences($select=quantity)' },
  { m: 'Table.ExpandRecordColumn(Occurrences, "room", {"number"})', path: 'occurrences?$expand=room($select=number)' },
  {
    m: 'Table.Group(Source, {"department"}, {{"Count", each Table.RowCount(_), Int64.Type}})',
    path: `rooms?$apply=${encodeURIComponent('groupby((department),aggregate($count as Count))')}`,
  },
  {
    m: 'Table.Group(Source, {"floor"}, {{"Area", each List.Sum([area])}})',
    path: `rooms?$apply=${encodeURIComponent('groupby((floor),aggregate(area with sum as Area))')}`,
  },
];
