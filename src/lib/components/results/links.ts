/**
 * Where the results page's links into the interview lead: the desk interview, or the presenter
 * view when the results are shown on the projector (`/present/results`), so that following a gap
 * or going back keeps the room in the projector layout.
 */
import { getContext, setContext } from 'svelte';

export type InterviewRoute = '/interview' | '/present';

const KEY = Symbol('interview-route');

export function setInterviewRoute(route: InterviewRoute): void {
	setContext(KEY, route);
}

/** The interview route for links on this page (read during component initialisation). */
export function interviewRoute(): InterviewRoute {
	return getContext<InterviewRoute | undefined>(KEY) ?? '/interview';
}
