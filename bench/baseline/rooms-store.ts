import Database from 'better-sqlite3';
import { createPool, Pool, RowDataPacket } from 'mysql2/promise';

export interface RoomRow {
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

export interface KeyRow {
  user_id: string;
  kind: string;
  expires_at: string | Date | null;
  revoked_at: string | Date | null;
}

/** The queries the baseline makes, on the same driver Tessera uses for that database. */
export interface RoomsStore {
  /** Up to `limit` rooms of the database with id > `after`, in id order (keyset paging). */
  rooms(databaseId: string, after: number, limit: number): Promise<RoomRow[]>;
  keyByHash(hash: string): Promise<KeyRow | null>;
}

const COLUMNS = 'id, number, name, floor, department, function, area, status, updated_at';
const ROOMS_SQL = `SELECT ${COLUMNS} FROM rooms WHERE database_id = ? AND id > ? ORDER BY id LIMIT ?`;
const KEY_SQL = 'SELECT user_id, kind, expires_at, revoked_at FROM api_keys WHERE key_hash = ?';

export function openStore(databaseUrl: string): RoomsStore {
  return databaseUrl.startsWith('mysql://')
    ? mysqlStore(createPool({ uri: databaseUrl, connectionLimit: 20, timezone: 'Z' }))
    : sqliteStore(databaseUrl);
}

function sqliteStore(databaseUrl: string): RoomsStore {
  const db = new Database(databaseUrl.replace(/^(sqlite|file):(\/\/)?/, ''));
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  const rooms = db.prepare(ROOMS_SQL);
  const key = db.prepare(KEY_SQL);
  return {
    rooms: async (databaseId, after, limit) => rooms.all(databaseId, after, limit) as RoomRow[],
    keyByHash: async (hash) => (key.get(hash) as KeyRow | undefined) ?? null,
  };
}

function mysqlStore(pool: Pool): RoomsStore {
  return {
    rooms: async (databaseId, after, limit) => {
      const [rows] = await pool.execute<RowDataPacket[]>(ROOMS_SQL.replace('LIMIT ?', `LIMIT ${Math.trunc(limit)}`), [databaseId, after]);
      return rows as RoomRow[];
    },
    keyByHash: async (hash) => {
      const [rows] = await pool.execute<RowDataPacket[]>(KEY_SQL, [hash]);
      return (rows[0] as KeyRow | undefined) ?? null;
    },
  };
}
