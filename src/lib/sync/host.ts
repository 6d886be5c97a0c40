/**
 * Keeps the team sync session of the assessment that is open (src/routes/+layout.svelte calls
 * this for the interview, presenter, results and export pages, loaded on demand). Without a team
 * server on this device it only reads the setting: the provider is never loaded and no request
 * is made. With one, a linked assessment's session runs until its pages are left.
 */
import { getTeamConfig } from './config';

/** Hold the session of assessment `id`; resolves with the function that releases it. */
export async function holdAssessment(id: string): Promise<() => void> {
	const c = await getTeamConfig();
	if (!c) return () => undefined;
	const m = await import('./session.svelte');
	const doc = c.linked[id];
	if (doc) m.openSession(id, doc, c.token, c.member.name);
	// Also ends a session the Team dialog started here (the first share).
	return () => m.closeSession(id);
}
