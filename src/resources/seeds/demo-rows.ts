/**
 * Deterministic, realistic building-planning rows. The same database id and index always give
 * the same row, so demo data, tests and benchmarks agree without shipping fixtures.
 */

const FUNCTIONS = [
  ['Office', 'Office'],
  ['Open-plan office', 'Office'],
  ['Meeting room', 'Meeting'],
  ['Patient room', 'Care'],
  ['Treatment room', 'Care'],
  ['Laboratory', 'Laboratory'],
  ['Storage', 'Storage'],
  ['Corridor', 'Circulation'],
  ['Staircase', 'Circulation'],
  ['WC', 'Sanitary'],
  ['Shower', 'Sanitary'],
  ['Kitchen', 'Catering'],
  ['Server room', 'Technical'],
  ['Plant room', 'Technical'],
  ['Reception', 'Public'],
  ['Waiting area', 'Public'],
] as const;
const DEPARTMENTS = ['Administration', 'Radiology', 'Surgery', 'Facilities', 'IT', 'Research', 'Outpatients', null] as const;
const STATUSES = ['planned', 'approved', 'under construction', 'completed'] as const;
const ITEMS = [
  ['Desk 160x80', 'Furniture'],
  ['Office chair', 'Furniture'],
  ['Meeting table', 'Furniture'],
  ['Hospital bed', 'Medical'],
  ['Examination lamp', 'Medical'],
  ['Wash basin', 'Sanitary'],
  ['WC unit', 'Sanitary'],
  ['Monitor 27"', 'IT'],
  ['Network outlet', 'IT'],
  ['Fume cupboard', 'Laboratory'],
  ['Shelving unit', 'Storage'],
  ['Fire extinguisher', 'Safety'],
] as const;
const MANUFACTURERS = ['Steelcase', 'Vitra', 'Hill-Rom', 'Geberit', 'Dell', 'Waldner', null] as const;

/** A small, fast, seedable PRNG (mulberry32): the same seed gives the same sequence. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seedOf(databaseId: string, index: number, salt: number): number {
  let hash = salt;
  for (const char of databaseId) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
  return (hash ^ Math.imul(index + 1, 2654435761)) >>> 0;
}

const pick = <T>(next: () => number, list: readonly T[]): T => list[Math.floor(next() * list.length)];

export interface RoomRow {
  number: string;
  name: string;
  floor: number;
  department: string | null;
  function: string;
  area: number;
  status: string;
}

export function roomAt(databaseId: string, index: number): RoomRow {
  const next = random(seedOf(databaseId, index, 1));
  const building = String.fromCharCode(65 + (Math.floor(index / 2000) % 26));
  const floor = Math.floor((index % 2000) / 200) - 1;
  const [name, roomFunction] = pick(next, FUNCTIONS);
  return {
    number: `${building}.${floor < 0 ? `U${-floor}` : String(floor).padStart(2, '0')}.${String((index % 200) + 1).padStart(3, '0')}`,
    name: `${name} ${(index % 200) + 1}`,
    floor,
    department: pick(next, DEPARTMENTS),
    function: roomFunction,
    area: Math.round((4 + next() * 116) * 100) / 100,
    status: pick(next, STATUSES),
  };
}

export interface ItemRow {
  code: string;
  name: string;
  category: string;
  manufacturer: string | null;
  unit_price: number | null;
}

export function itemAt(databaseId: string, index: number): ItemRow {
  const next = random(seedOf(databaseId, index, 2));
  const [name, category] = pick(next, ITEMS);
  const manufacturer = pick(next, MANUFACTURERS);
  return {
    code: `IT-${String(index + 1).padStart(5, '0')}`,
    name,
    category,
    manufacturer,
    unit_price: manufacturer === null ? null : Math.round(next() * 500000) / 100,
  };
}

export interface OccurrenceRow {
  room_index: number;
  item_index: number;
  quantity: number;
  note: string | null;
}

export function occurrenceAt(databaseId: string, index: number, rooms: number, items: number): OccurrenceRow {
  const next = random(seedOf(databaseId, index, 3));
  return {
    room_index: Math.floor(next() * rooms),
    item_index: Math.floor(next() * items),
    quantity: 1 + Math.floor(next() * 10),
    note: next() < 0.1 ? 'Relocated from existing building' : null,
  };
}
