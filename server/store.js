// What the team server keeps: members (a hash of each invitation token, never the token), the
// sharing of each document (its owner, and the team or named members) and the documents' Yjs
// state. One interface over two databases: a SQLite file (the default, better-sqlite3) and
// PostgreSQL (pg), for several server nodes. Every method is async so both look the same.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

/** SHA-256 of an invitation token (hex): the only form a token is stored in. */
export function hashToken(token) {
	return createHash('sha256').update(String(token), 'utf8').digest('hex');
}

/** A new invitation token: 32 random bytes, base64url (43 characters). */
export function newToken() {
	return randomBytes(32).toString('base64url');
}

/** Names of documents the server accepts (the app uses the document's lineage id). */
export const DOC_NAME = /^[A-Za-z0-9_-]{8,100}$/;

/** Member names: what the app shows others (awareness, the share dialog). */
export function checkMemberName(name) {
	const n = String(name ?? '').trim();
	if (!n) return { ok: false, message: 'A member needs a name (e.g. "Ada Lovelace").' };
	if (n.length > 80) return { ok: false, message: 'A member name has at most 80 characters.' };
	if ([...n].some((ch) => ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127))
		return { ok: false, message: 'A member name cannot contain control characters.' };
	return { ok: true, value: n };
}

/**
 * The tables, once for both databases: they differ only in the type of the documents' bytes
 * (`BLOB` in SQLite, `BYTEA` in PostgreSQL).
 */
export function schema(blobType) {
	return `
CREATE TABLE IF NOT EXISTS members (
	id TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	token_hash TEXT NOT NULL UNIQUE,
	created_at TEXT NOT NULL,
	revoked_at TEXT
);
CREATE TABLE IF NOT EXISTS shares (
	doc TEXT PRIMARY KEY,
	owner TEXT NOT NULL,
	mode TEXT NOT NULL,
	members TEXT NOT NULL,
	title TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
	name TEXT PRIMARY KEY,
	data ${blobType} NOT NULL
);
`;
}

function memberOf(row) {
	return row
		? {
				id: row.id,
				name: row.name,
				createdAt: row.created_at,
				revokedAt: row.revoked_at ?? null
			}
		: undefined;
}

function shareOf(row) {
	return row
		? {
				doc: row.doc,
				owner: row.owner,
				mode: row.mode === 'members' ? 'members' : 'team',
				members: JSON.parse(row.members),
				title: row.title,
				updatedAt: row.updated_at
			}
		: undefined;
}

/**
 * Open the store: `{ postgres: url }` for PostgreSQL, else `{ sqlite: file }` (created with its
 * folder when missing).
 */
export async function openStore(options) {
	if (options.postgres) return openPostgres(options.postgres);
	return openSqlite(options.sqlite);
}

async function openSqlite(file) {
	const { default: Database } = await import('better-sqlite3');
	if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
	// TEAM_SQLITE_BINDING: a better-sqlite3 addon built for another Node.js than the one
	// node_modules was installed with (`npm run test:node22`, scripts/node22.js).
	const nativeBinding = process.env.TEAM_SQLITE_BINDING || undefined;
	const db = new Database(file, nativeBinding ? { nativeBinding } : {});
	// WAL: the CLI (member add/remove) and several nodes on one machine can use the file while
	// the server runs; busy_timeout makes a writer wait for the other instead of failing.
	db.pragma('journal_mode = WAL');
	db.pragma('busy_timeout = 5000');
	db.exec(schema('BLOB'));
	const q = {
		addMember: db.prepare(
			'INSERT INTO members (id, name, token_hash, created_at) VALUES (?, ?, ?, ?)'
		),
		activeByName: db.prepare('SELECT * FROM members WHERE name = ? AND revoked_at IS NULL'),
		byHash: db.prepare('SELECT * FROM members WHERE token_hash = ?'),
		byId: db.prepare('SELECT * FROM members WHERE id = ?'),
		revoke: db.prepare('UPDATE members SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
		list: db.prepare('SELECT * FROM members ORDER BY created_at, name'),
		share: db.prepare('SELECT * FROM shares WHERE doc = ?'),
		putShare: db.prepare(
			`INSERT INTO shares (doc, owner, mode, members, title, updated_at) VALUES (?, ?, ?, ?, ?, ?)
			 ON CONFLICT (doc) DO UPDATE SET owner = excluded.owner, mode = excluded.mode,
			 members = excluded.members, title = excluded.title, updated_at = excluded.updated_at`
		),
		deleteShare: db.prepare('DELETE FROM shares WHERE doc = ?'),
		shares: db.prepare('SELECT * FROM shares ORDER BY updated_at DESC'),
		fetchDoc: db.prepare('SELECT data FROM documents WHERE name = ?'),
		storeDoc: db.prepare(
			'INSERT INTO documents (name, data) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET data = excluded.data'
		),
		deleteDoc: db.prepare('DELETE FROM documents WHERE name = ?')
	};
	return {
		kind: 'sqlite',
		async addMember(id, name, tokenHash, at) {
			q.addMember.run(id, name, tokenHash, at);
		},
		async activeMemberNamed(name) {
			return memberOf(q.activeByName.get(name));
		},
		async memberByTokenHash(h) {
			return memberOf(q.byHash.get(h));
		},
		async memberById(id) {
			return memberOf(q.byId.get(id));
		},
		async revokeMember(id, at) {
			return q.revoke.run(at, id).changes > 0;
		},
		async listMembers() {
			return q.list.all().map(memberOf);
		},
		async getShare(doc) {
			return shareOf(q.share.get(doc));
		},
		async putShare(s) {
			q.putShare.run(s.doc, s.owner, s.mode, JSON.stringify(s.members), s.title, s.updatedAt);
		},
		deleteShare: db.transaction((doc) => {
			q.deleteShare.run(doc);
			q.deleteDoc.run(doc);
		}),
		async listShares() {
			return q.shares.all().map(shareOf);
		},
		async fetchDocument(name) {
			const row = q.fetchDoc.get(name);
			return row ? new Uint8Array(row.data) : null;
		},
		async storeDocument(name, state) {
			q.storeDoc.run(name, Buffer.from(state));
		},
		async close() {
			db.close();
		}
	};
}

async function openPostgres(url) {
	const { default: pg } = await import('pg');
	const pool = new pg.Pool({ connectionString: url, max: 5 });
	await pool.query(schema('BYTEA'));
	const one = async (sql, args) => (await pool.query(sql, args)).rows[0];
	return {
		kind: 'postgres',
		async addMember(id, name, tokenHash, at) {
			await pool.query(
				'INSERT INTO members (id, name, token_hash, created_at) VALUES ($1, $2, $3, $4)',
				[id, name, tokenHash, at]
			);
		},
		async activeMemberNamed(name) {
			return memberOf(
				await one('SELECT * FROM members WHERE name = $1 AND revoked_at IS NULL', [name])
			);
		},
		async memberByTokenHash(h) {
			return memberOf(await one('SELECT * FROM members WHERE token_hash = $1', [h]));
		},
		async memberById(id) {
			return memberOf(await one('SELECT * FROM members WHERE id = $1', [id]));
		},
		async revokeMember(id, at) {
			const r = await pool.query(
				'UPDATE members SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL',
				[at, id]
			);
			return r.rowCount > 0;
		},
		async listMembers() {
			return (await pool.query('SELECT * FROM members ORDER BY created_at, name')).rows.map(
				memberOf
			);
		},
		async getShare(doc) {
			return shareOf(await one('SELECT * FROM shares WHERE doc = $1', [doc]));
		},
		async putShare(s) {
			await pool.query(
				`INSERT INTO shares (doc, owner, mode, members, title, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
				 ON CONFLICT (doc) DO UPDATE SET owner = EXCLUDED.owner, mode = EXCLUDED.mode,
				 members = EXCLUDED.members, title = EXCLUDED.title, updated_at = EXCLUDED.updated_at`,
				[s.doc, s.owner, s.mode, JSON.stringify(s.members), s.title, s.updatedAt]
			);
		},
		async deleteShare(doc) {
			const c = await pool.connect();
			try {
				await c.query('BEGIN');
				await c.query('DELETE FROM shares WHERE doc = $1', [doc]);
				await c.query('DELETE FROM documents WHERE name = $1', [doc]);
				await c.query('COMMIT');
			} catch (e) {
				await c.query('ROLLBACK');
				throw e;
			} finally {
				c.release();
			}
		},
		async listShares() {
			return (await pool.query('SELECT * FROM shares ORDER BY updated_at DESC')).rows.map(shareOf);
		},
		async fetchDocument(name) {
			const row = await one('SELECT data FROM documents WHERE name = $1', [name]);
			return row ? new Uint8Array(row.data) : null;
		},
		async storeDocument(name, state) {
			await pool.query(
				'INSERT INTO documents (name, data) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET data = EXCLUDED.data',
				[name, Buffer.from(state)]
			);
		},
		async close() {
			await pool.end();
		}
	};
}

/**
 * Add a member: returns the member and the invitation token, which is shown once and never
 * stored (only its hash is).
 */
export async function addMember(store, name, now = new Date()) {
	const checked = checkMemberName(name);
	if (!checked.ok) throw new Error(checked.message);
	if (await store.activeMemberNamed(checked.value))
		throw new Error(`There is already a member named "${checked.value}".`);
	const token = newToken();
	const id = randomUUID();
	await store.addMember(id, checked.value, hashToken(token), now.toISOString());
	return { member: { id, name: checked.value }, token };
}

/** Revoke a member by name or id; resolves with the member, or undefined when none matched. */
export async function removeMember(store, nameOrId, now = new Date()) {
	const m =
		(await store.activeMemberNamed(String(nameOrId).trim())) ??
		(await store.memberById(String(nameOrId).trim()));
	if (!m || m.revokedAt) return undefined;
	await store.revokeMember(m.id, now.toISOString());
	return m;
}

/** Whether `member` may open document `share` (the owner, the team, or a named member). */
export function mayOpen(share, member) {
	if (!share || !member || member.revokedAt) return false;
	if (share.owner === member.id) return true;
	if (share.mode === 'team') return true;
	return share.members.includes(member.id);
}
