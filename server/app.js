// The team server: the built app and a Hocuspocus sync endpoint on one origin, so the app's
// strict CSP (`connect-src 'self'`) holds. One Node HTTP server carries
//   /sync            WebSocket upgrade → Hocuspocus (Yjs sync and awareness)
//   /api/team/...    JSON: who am I, the team's members, share / stop sharing a document
//   anything else    the built app, byte for byte as `npm run serve` serves it
// Every sync connection and API call carries a member's invitation token; the server keeps only
// its hash. A member opens a document only when its owner shared it with the team or with them.
import http from 'node:http';
import { Hocuspocus } from '@hocuspocus/server';
import { Database } from '@hocuspocus/extension-database';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { appHandler, isBuilt } from '../scripts/lib/static-app.js';
import { DOC_NAME, hashToken, mayOpen } from './store.js';
import { RateLimiter } from './rate-limit.js';

export const SYNC_PATH = '/sync';
export const API_PREFIX = '/api/team/';

/** Close code and reason sent to a client whose access ended (revoked or unshared). */
export const FORBIDDEN = { code: 4403, reason: 'Forbidden' };

const MAX_API_BODY = 16 * 1024;
const MAX_TITLE = 200;

/**
 * @typedef {object} TeamServerOptions
 * @property {Awaited<ReturnType<typeof import('./store.js').openStore>>} store
 * @property {string | false} [appRoot] build/ to serve (default: this checkout's; false: none)
 * @property {string} [redisUrl] redis://host:port — several nodes keep their clients in step
 * @property {string} [nodeName] this node's name in Redis (default: random)
 * @property {number} [maxMessageBytes] largest WebSocket message accepted (default 4 MiB)
 * @property {{ burst: number, perMinute: number }} [rateLimit] connection attempts per address
 * @property {boolean} [trustProxy] rate-limit by X-Forwarded-For (only behind a trusted proxy)
 * @property {number} [accessCheckMs] how often open connections are checked against revocations
 *   and sharing made elsewhere (the CLI, another node); default 2000
 * @property {number} [debounceMs] how long edits are batched before the document is stored
 * @property {(msg: string) => void} [log]
 */

function sendJson(res, status, body) {
	res.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Cache-Control': 'no-store',
		'X-Content-Type-Options': 'nosniff'
	});
	res.end(JSON.stringify(body));
}

function readBody(req) {
	return new Promise((resolve, reject) => {
		let size = 0;
		const chunks = [];
		req.on('data', (c) => {
			size += c.length;
			// Past the limit the rest is read and dropped, so the 413 reaches the client.
			if (size > MAX_API_BODY)
				reject(Object.assign(new Error('The request is too large.'), { status: 413 }));
			else chunks.push(c);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function bearer(req) {
	const h = req.headers.authorization ?? '';
	const m = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(h);
	return m ? m[1] : '';
}

/**
 * The client's address for rate limiting: the socket's peer, or — behind a reverse proxy the
 * operator trusts (`trustProxy`) — the last address that proxy appended to X-Forwarded-For.
 */
function addressOf(req, trustProxy) {
	if (trustProxy) {
		const xff = String(req.headers['x-forwarded-for'] ?? '')
			.split(',')
			.map((x) => x.trim())
			.filter(Boolean);
		if (xff.length) return xff[xff.length - 1];
	}
	return req.socket.remoteAddress ?? 'unknown';
}

/** @param {TeamServerOptions} options */
export async function createTeamServer(options) {
	const store = options.store;
	const log = options.log ?? ((m) => console.log(m));
	const limiter = new RateLimiter(options.rateLimit ?? { burst: 30, perMinute: 120 });
	const root = options.appRoot === false ? undefined : options.appRoot;
	const assets =
		options.appRoot === false ? undefined : isBuilt(root) ? appHandler(root) : undefined;
	const maxMessageBytes = options.maxMessageBytes ?? 4 * 1024 * 1024;
	const clientAddress = (req) => addressOf(req, options.trustProxy === true);
	let closing = false;

	/** Whether a token belongs to an active member (and which). */
	async function memberFor(token) {
		if (!token || typeof token !== 'string' || token.length > 100) return undefined;
		const m = await store.memberByTokenHash(hashToken(token));
		return m && !m.revokedAt ? m : undefined;
	}

	const extensions = [
		new Database({
			fetch: ({ documentName }) => store.fetchDocument(documentName),
			// After close() stored every open document itself, late debounced stores are moot.
			store: async ({ documentName, state }) => {
				if (!closing) await store.storeDocument(documentName, state);
			}
		})
	];
	if (options.redisUrl) {
		const { Redis } = await import('@hocuspocus/extension-redis');
		const u = new URL(options.redisUrl);
		extensions.push(
			new Redis({
				host: u.hostname,
				port: Number(u.port || 6379),
				options: {
					password: u.password ? decodeURIComponent(u.password) : undefined,
					db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : undefined
				},
				...(options.nodeName ? { identifier: options.nodeName } : {})
			})
		);
	}

	const hocuspocus = new Hocuspocus({
		name: options.nodeName ?? null,
		quiet: true,
		debounce: options.debounceMs ?? 1000,
		maxDebounce: 5000,
		extensions,
		async onAuthenticate({ token, documentName }) {
			if (!DOC_NAME.test(documentName)) throw new Error('Unknown document.');
			const member = await memberFor(token);
			if (!member) throw new Error('Unknown or revoked member.');
			const share = await store.getShare(documentName);
			if (!mayOpen(share, member)) throw new Error('This assessment is not shared with you.');
			return { member: { id: member.id, name: member.name } };
		},
		async beforeHandleAwareness({ context, states }) {
			// Others see a member by the name the administrator gave, nothing else: a client
			// cannot pose as someone else or send anything but its name and activity.
			const name = context?.member?.name;
			for (const [id, state] of states) {
				if (!name || !state || typeof state !== 'object') {
					states.delete(id);
					continue;
				}
				const activity = typeof state.activity === 'string' ? state.activity.slice(0, 80) : '';
				for (const k of Object.keys(state)) delete state[k];
				state.user = { name };
				if (activity) state.activity = activity;
			}
		}
	});

	/** Close every open connection whose member was revoked or whose document was unshared. */
	async function enforceAccess() {
		const members = new Map();
		const shares = new Map();
		for (const document of hocuspocus.documents.values()) {
			if (!shares.has(document.name))
				shares.set(document.name, await store.getShare(document.name));
			const share = shares.get(document.name);
			for (const connection of document.getConnections()) {
				const id = connection.context?.member?.id;
				if (!id) continue;
				if (!members.has(id)) members.set(id, await store.memberById(id));
				if (!mayOpen(share, members.get(id))) connection.close(FORBIDDEN);
			}
		}
	}
	let checking = false;
	const accessTimer = setInterval(() => {
		if (checking) return;
		checking = true;
		enforceAccess()
			.catch((e) => log(`access check failed: ${e?.message ?? e}`))
			.finally(() => (checking = false));
	}, options.accessCheckMs ?? 2000);
	accessTimer.unref();

	// WebSocket: `ws` parses frames and refuses any message over maxMessageBytes (close 1009)
	// before Hocuspocus sees it.
	const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
	wss.on('connection', (ws, req) => {
		const url = `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`;
		const headers = new Headers();
		for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
		const connection = hocuspocus.handleConnection(ws, new Request(url, { headers }));
		ws.on('message', (data, isBinary) => {
			if (!isBinary) {
				ws.close(1003, 'Binary messages only');
				return;
			}
			const bytes = new Uint8Array(Array.isArray(data) ? Buffer.concat(data) : data);
			try {
				connection.handleMessage(bytes);
			} catch (e) {
				log(`malformed message from ${clientAddress(req)}: ${e?.message ?? e}`);
				ws.close(1007, 'Malformed message');
			}
		});
		ws.on('close', (code, reason) => connection.handleClose({ code, reason: reason.toString() }));
		ws.on('error', () => ws.terminate());
	});

	async function api(req, res, pathname) {
		if (!limiter.take(clientAddress(req))) {
			res.setHeader('Retry-After', String(limiter.retryAfterSeconds(clientAddress(req))));
			return sendJson(res, 429, { error: 'Too many requests: try again in a minute.' });
		}
		const member = await memberFor(bearer(req));
		if (!member) return sendJson(res, 401, { error: 'Unknown or revoked invitation.' });
		const rest = pathname.slice(API_PREFIX.length);
		if (rest === 'me' && req.method === 'GET') {
			const all = (await store.listMembers()).filter((m) => !m.revokedAt);
			const shares = (await store.listShares()).filter((s) => mayOpen(s, member));
			const names = new Map(all.map((m) => [m.id, m.name]));
			return sendJson(res, 200, {
				member: { id: member.id, name: member.name },
				members: all.map((m) => ({ id: m.id, name: m.name })),
				shares: shares.map((s) => ({
					...s,
					ownerName: names.get(s.owner) ?? 'a former member',
					mine: s.owner === member.id
				}))
			});
		}
		const m = /^shares\/([^/]+)$/.exec(rest);
		if (!m) return sendJson(res, 404, { error: 'Not found.' });
		const doc = decodeURIComponent(m[1]);
		if (!DOC_NAME.test(doc)) return sendJson(res, 400, { error: 'Not a document name.' });
		const existing = await store.getShare(doc);
		if (req.method === 'GET') {
			if (!mayOpen(existing, member)) return sendJson(res, 404, { error: 'Not shared with you.' });
			return sendJson(res, 200, { share: existing });
		}
		if (existing && existing.owner !== member.id) {
			return sendJson(res, 403, {
				error: 'Only the member who shared this assessment can change or stop its sharing.'
			});
		}
		if (req.method === 'DELETE') {
			if (existing) await store.deleteShare(doc);
			// Everyone in it learns why (the same close as a narrowed share).
			for (const connection of hocuspocus.documents.get(doc)?.getConnections() ?? [])
				connection.close(FORBIDDEN);
			return sendJson(res, 200, { stopped: Boolean(existing) });
		}
		if (req.method !== 'PUT') return sendJson(res, 405, { error: 'Use GET, PUT or DELETE.' });
		let body;
		try {
			body = JSON.parse(await readBody(req));
		} catch (e) {
			return sendJson(res, e?.status ?? 400, { error: e?.status ? e.message : 'Not JSON.' });
		}
		const mode = body?.mode;
		if (mode !== 'team' && mode !== 'members')
			return sendJson(res, 400, { error: 'Share with "team" or with named "members".' });
		const title = typeof body.title === 'string' ? body.title.trim().slice(0, MAX_TITLE) : '';
		let ids = [];
		if (mode === 'members') {
			if (!Array.isArray(body.members) || body.members.length > 500)
				return sendJson(res, 400, { error: 'Name the members to share with.' });
			const active = new Set(
				(await store.listMembers()).filter((x) => !x.revokedAt).map((x) => x.id)
			);
			ids = [...new Set(body.members.filter((x) => typeof x === 'string'))];
			const unknown = ids.filter((x) => !active.has(x));
			if (unknown.length)
				return sendJson(res, 400, { error: 'Some of these members are not in the team.' });
			ids = ids.filter((x) => x !== member.id);
		}
		const share = {
			doc,
			owner: member.id,
			mode,
			members: ids,
			title: title || existing?.title || 'Untitled assessment',
			updatedAt: new Date().toISOString()
		};
		await store.putShare(share);
		await enforceAccess();
		return sendJson(res, existing ? 200 : 201, { share });
	}

	const server = http.createServer((req, res) => {
		const pathname = (req.url ?? '/').split('?')[0];
		if (pathname.startsWith(API_PREFIX)) {
			api(req, res, pathname).catch((e) => {
				log(`api error: ${e?.stack ?? e}`);
				if (!res.headersSent) sendJson(res, 500, { error: 'The server failed; try again.' });
				else res.end();
			});
			return;
		}
		if (assets) return assets(req, res);
		res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
		res.end('The app is not built on this server: run `npm run build`.');
	});

	server.on('upgrade', (req, socket, head) => {
		const pathname = (req.url ?? '/').split('?')[0];
		const address = clientAddress(req);
		if (pathname !== SYNC_PATH) {
			socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
			return;
		}
		if (!limiter.take(address)) {
			socket.end(
				`HTTP/1.1 429 Too Many Requests\r\nRetry-After: ${limiter.retryAfterSeconds(address)}\r\nConnection: close\r\n\r\n`
			);
			return;
		}
		wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
	});
	server.on('clientError', (_e, socket) => socket.destroy());

	return {
		server,
		hocuspocus,
		store,
		enforceAccess,
		/** Listen; resolves with the bound port. */
		listen(port = 0, host = '127.0.0.1') {
			return new Promise((resolve, reject) => {
				server.once('error', reject);
				server.listen(port, host, () => {
					server.off('error', reject);
					resolve(/** @type {import('node:net').AddressInfo} */ (server.address()).port);
				});
			});
		},
		/** Close every connection, store every open document and stop. */
		async close() {
			clearInterval(accessTimer);
			for (const ws of wss.clients) ws.terminate();
			await new Promise((r) => setImmediate(r));
			await Promise.allSettled([...hocuspocus.unloadingDocuments.values()]);
			await Promise.allSettled([...hocuspocus.loadingDocuments.values()]);
			for (const document of hocuspocus.documents.values())
				await store.storeDocument(document.name, Y.encodeStateAsUpdate(document));
			closing = true;
			await hocuspocus.hooks('onDestroy', { instance: hocuspocus });
			server.closeAllConnections?.();
			await new Promise((r) => server.close(() => r(undefined)));
		}
	};
}
