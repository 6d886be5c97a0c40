#!/usr/bin/env node
// `npm run team-server` — the team server (see docs/team-sync.md).
//   npm run team-server                        serve the built app and /sync
//   npm run team-server -- member add <name>   print a new member's invitation once
//   npm run team-server -- member remove <name or id>
//   npm run team-server -- member list
// Flags (or environment variables): --port (TEAM_PORT, 4180), --host (TEAM_HOST, 127.0.0.1),
// --db (TEAM_DB, team-data/team.sqlite), --postgres (TEAM_POSTGRES_URL), --redis
// (TEAM_REDIS_URL), --public-url (TEAM_PUBLIC_URL: the https address members open, for
// invitation links), --node-name (TEAM_NODE_NAME), --max-message-bytes (TEAM_MAX_MESSAGE_BYTES),
// --rate-burst / --rate-per-minute (TEAM_RATE_BURST / TEAM_RATE_PER_MINUTE), --trust-proxy
// (TEAM_TRUST_PROXY=1: rate-limit by X-Forwarded-For, only behind your own reverse proxy).
import { parseArgs } from 'node:util';
import { createTeamServer } from './app.js';
import { addMember, openStore, removeMember } from './store.js';
import { isBuilt } from '../scripts/lib/static-app.js';

const USAGE = `Usage:
  npm run team-server [-- --port 4180 --db team-data/team.sqlite]
  npm run team-server -- member add "<name>"
  npm run team-server -- member remove "<name or id>"
  npm run team-server -- member list
See docs/team-sync.md for every flag and environment variable.`;

function positiveInt(v, name) {
	if (v === undefined || v === '') return undefined;
	const n = Number(v);
	if (!Number.isInteger(n) || n <= 0) {
		console.error(`${name} must be a positive whole number, not "${v}".`);
		process.exit(2);
	}
	return n;
}

let parsed;
try {
	parsed = parseArgs({
		allowPositionals: true,
		options: {
			port: { type: 'string' },
			host: { type: 'string' },
			db: { type: 'string' },
			postgres: { type: 'string' },
			redis: { type: 'string' },
			'public-url': { type: 'string' },
			'node-name': { type: 'string' },
			'max-message-bytes': { type: 'string' },
			'rate-burst': { type: 'string' },
			'rate-per-minute': { type: 'string' },
			'trust-proxy': { type: 'boolean' },
			help: { type: 'boolean', short: 'h' }
		}
	});
} catch (e) {
	console.error(`${e.message}\n\n${USAGE}`);
	process.exit(2);
}
const { values: flags, positionals } = parsed;
if (flags.help) {
	console.log(USAGE);
	process.exit(0);
}
const env = process.env;
const config = {
	port: positiveInt(flags.port ?? env.TEAM_PORT, '--port') ?? 4180,
	host: flags.host ?? env.TEAM_HOST ?? '127.0.0.1',
	sqlite: flags.db ?? env.TEAM_DB ?? 'team-data/team.sqlite',
	postgres: flags.postgres ?? env.TEAM_POSTGRES_URL ?? '',
	redis: flags.redis ?? env.TEAM_REDIS_URL ?? '',
	publicUrl: (flags['public-url'] ?? env.TEAM_PUBLIC_URL ?? '').replace(/\/+$/, ''),
	nodeName: flags['node-name'] ?? env.TEAM_NODE_NAME ?? undefined,
	maxMessageBytes: positiveInt(
		flags['max-message-bytes'] ?? env.TEAM_MAX_MESSAGE_BYTES,
		'--max-message-bytes'
	),
	burst: positiveInt(flags['rate-burst'] ?? env.TEAM_RATE_BURST, '--rate-burst') ?? 30,
	trustProxy: flags['trust-proxy'] ?? env.TEAM_TRUST_PROXY === '1',
	perMinute:
		positiveInt(flags['rate-per-minute'] ?? env.TEAM_RATE_PER_MINUTE, '--rate-per-minute') ?? 120
};

const where = config.postgres ? 'PostgreSQL' : config.sqlite;
const store = await openStore(
	config.postgres ? { postgres: config.postgres } : { sqlite: config.sqlite }
).catch((e) => {
	console.error(`Cannot open the team database (${where}): ${e.message}`);
	process.exit(1);
});

const [command, sub, ...rest] = positionals;
if (command === 'member') {
	try {
		if (sub === 'add') {
			const name = rest.join(' ');
			const { member, token } = await addMember(store, name);
			const base = config.publicUrl || `http://localhost:${config.port}`;
			console.log(`Added ${member.name} (${member.id}).`);
			console.log(
				'Give them this invitation; it is shown only this once (the server keeps a hash):'
			);
			console.log(`  token: ${token}`);
			console.log(`  link:  ${base}/team#invite=${token}`);
		} else if (sub === 'remove') {
			const m = await removeMember(store, rest.join(' '));
			if (!m) {
				console.error(`No active member named or numbered "${rest.join(' ')}".`);
				process.exitCode = 1;
			} else
				console.log(
					`Removed ${m.name}: their invitation no longer works and open connections close within seconds.`
				);
		} else if (sub === 'list') {
			const all = await store.listMembers();
			if (!all.length) console.log('No members yet: npm run team-server -- member add "<name>"');
			for (const m of all)
				console.log(
					`${m.revokedAt ? 'removed' : 'active '}  ${m.name}  (${m.id}, added ${m.createdAt}${m.revokedAt ? `, removed ${m.revokedAt}` : ''})`
				);
		} else {
			console.error(USAGE);
			process.exitCode = 2;
		}
	} catch (e) {
		console.error(e.message);
		process.exitCode = 1;
	}
	await store.close();
} else if (command === undefined || command === 'serve') {
	if (!isBuilt())
		console.warn('build/ not found: only /sync and /api/team are served (run `npm run build`).');
	const team = await createTeamServer({
		store,
		redisUrl: config.redis || undefined,
		nodeName: config.nodeName,
		maxMessageBytes: config.maxMessageBytes,
		rateLimit: { burst: config.burst, perMinute: config.perMinute },
		trustProxy: config.trustProxy
	});
	const port = await team.listen(config.port, config.host);
	console.log(
		`Team server at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/ ` +
			`(documents in ${where}${config.redis ? ', nodes in step through Redis' : ''}).`
	);
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		await team.close();
		await store.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
} else {
	console.error(USAGE);
	await store.close();
	process.exitCode = 2;
}
