// Pieces of SQL the PostgreSQL migrations share.
//
// Text compares as SQLite's does. Every text column is COLLATE "C" (bytes, as SQLite's BINARY), so
// ISO-8601 timestamps, kept as text exactly as the SQLite engine keeps them, sort and compare in
// time order (same format, same width, always UTC with 'Z'), whatever the database's default
// collation is. Where SQLite says COLLATE NOCASE on an e-mail address, PostgreSQL uses
// portal_nocase: an ICU collation that ignores case in comparisons, unique indexes and ON CONFLICT
// (addresses are ASCII, as the portal checks them, where it is exactly NOCASE). The systems list's
// NOCASE columns are sorted by lower() of their "C" text instead (ASCII-only lower-casing, as NOCASE).
export const TEXT = 'text COLLATE "C"';
export const NOCASE = 'text COLLATE portal_nocase';
/** The portal's ids: SQLite's INTEGER PRIMARY KEY. */
export const ID = 'bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY';
/** Now, as the SQLite engine writes times: 2026-01-02T03:04:05.678Z. */
export const NOW_ISO = `to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
