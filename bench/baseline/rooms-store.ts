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

/** An access token's row and its audit row, as Tessera writes them for a client_credentials token. */
export interface TokenRecord {
  jti: string;
  clientId: string;
  scopes: string;
  expiresAt: string;
  createdAt: string;
}

/** The queries the baseline makes, on the same driver Tessera uses for that database. */
export interface RoomsStore {
  /** Up to `limit` rooms of the database with id > `after`, in id order (keyset paging). */
  rooms(databaseId: string, after: number, limit: number): Promise<RoomRow[]>;
  keyByHash(hash: string): Promise<KeyRow | null>;
  /** The token floor's two INSERTs (Tessera's SQL), committed before it answers. */
  recordToken(record: TokenRecord): Promise<void>;
}

const COLUMNS = 'id, number, name, floor, department, function, area, status, updated_at';
const ROOMS_SQL = `SELECT ${COLUMNS} FROM rooms WHERE database_id = ? AND id > ? ORDER BY id LIMIT ?`;
const KEY_SQL = 'SELECT user_id, kind, expires_at, revoked_at FROM api_keys WHERE key_hash = ?';
const TOKEN_SQL =
  'INSERT INTO access_tokens (jti, grant_id, client_id, user_id, scopes, expires_at, revoked_at, created_at) VALUES (?, NULL, ?, NULL, ?, ?, NULL, ?)';
const AUDIT_SQL =
  "INSERT INTO audit_events (occurred_at, event, outcome, actor_id, actor_name, client_id, target, ip, details) VALUES (?, 'token.issued', 'success', NULL, NULL, ?, NULL, '127.0.0.1', NULL)";

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
  const token = db.prepare(TOKEN_SQL);
  const audit = db.prepare(AUDIT_SQL);
  // Group commit, as Tessera does: the tokens asked for in one turn of the event loop share a transaction.
  const commit = db.transaction((records: TokenRecord[]) => {
    for (const r of records) {
      token.run(r.jti, r.clientId, r.scopes, r.expiresAt, r.createdAt);
      audit.run(r.createdAt, r.clientId);
    }
  });
  let queued: { record: TokenRecord; done: () => void }[] = [];
  const flush = () => {
    const batch = queued;
    queued = [];
    commit(batch.map((entry) => entry.record));
    for (const entry of batch) entry.done();
  };
  return {
    rooms: async (databaseId, after, limit) => rooms.all(databaseId, after, limit) as RoomRow[],
    keyByHash: async (hash) => (key.get(hash) as KeyRow | undefined) ?? null,
    recordToken: (record) =>
      new Promise((done) => {
        if (queued.push({ record, done }) === 1) setImmediate(flush);
      }),
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
    recordToken: async (r) => {
      await pool.execute(TOKEN_SQL, [r.jti, r.clientId, r.scopes, r.expiresAt, r.createdAt]);
      await pool.execute(AUDIT_SQL, [r.createdAt, r.clientId]);
    },
  };
}
