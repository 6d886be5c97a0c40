/**
 * The team server settings of this device: the member's invitation token (kept only here and,
 * hashed, on the server), who the server says this member is, and which assessments on this
 * device are linked to a document on the server. Small on purpose: screens read it to decide
 * whether to load the sync client at all (src/lib/sync/session.svelte.ts), so a device without
 * a team server never loads the provider and makes no request.
 */
import { getSetting, setSetting } from '$lib/db/light';

export const TEAM_SETTING = 'teamServer';

export interface TeamConfig {
	/** The invitation token the administrator printed (`npm run team-server -- member add`). */
	token: string;
	/** This member as the server knows them. */
	member: { id: string; name: string };
	/** Assessment id on this device → document name on the server (the document's lineage). */
	linked: Record<string, string>;
}

/** An invitation as pasted: the bare token, or the link with `#invite=<token>`. */
export function parseInvitation(text: string): string | null {
	const t = text.trim();
	const m =
		/(?:#|[?&])invite=([A-Za-z0-9_-]{20,100})/.exec(t) ?? /^([A-Za-z0-9_-]{20,100})$/.exec(t);
	return m ? m[1]! : null;
}

export async function getTeamConfig(): Promise<TeamConfig | undefined> {
	const v = await getSetting<TeamConfig>(TEAM_SETTING);
	return v && typeof v.token === 'string' && v.member
		? { ...v, linked: v.linked ?? {} }
		: undefined;
}

export async function saveTeamConfig(config: TeamConfig | undefined): Promise<void> {
	await setSetting(TEAM_SETTING, config ?? null);
}

/** Link (or, with null, unlink) an assessment on this device to a document on the server. */
export async function linkAssessment(id: string, doc: string | null): Promise<void> {
	const c = await getTeamConfig();
	if (!c) return;
	const linked = { ...c.linked };
	if (doc) linked[id] = doc;
	else delete linked[id];
	await saveTeamConfig({ ...c, linked });
}

export interface TeamShare {
	doc: string;
	owner: string;
	ownerName: string;
	mine: boolean;
	mode: 'team' | 'members';
	members: string[];
	title: string;
	updatedAt: string;
}

export interface TeamMe {
	member: { id: string; name: string };
	members: { id: string; name: string }[];
	shares: TeamShare[];
}

/** A call to the team server's API on this origin; throws an Error with a readable message. */
export async function teamApi<T>(
	token: string,
	method: 'GET' | 'PUT' | 'DELETE',
	path: string,
	body?: unknown
): Promise<T> {
	let res: Response;
	try {
		res = await fetch(`/api/team/${path}`, {
			method,
			headers: {
				authorization: `Bearer ${token}`,
				...(body === undefined ? {} : { 'content-type': 'application/json' })
			},
			body: body === undefined ? undefined : JSON.stringify(body)
		});
	} catch {
		throw new Error('The team server cannot be reached (offline?). Nothing was changed.');
	}
	let json: Record<string, unknown> = {};
	try {
		json = await res.json();
	} catch {
		throw new Error(
			res.status === 404
				? 'This address has no team server: the app must be opened from the team server’s address.'
				: `The team server answered ${res.status}.`
		);
	}
	if (!res.ok) throw new Error(String(json.error ?? `The team server answered ${res.status}.`));
	return json as T;
}
