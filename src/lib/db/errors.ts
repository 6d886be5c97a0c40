/**
 * Turns a failed database operation into a sentence a user can act on. Every UI that writes
 * shows this message (never "saved") when a write promise rejects.
 */

function names(e: unknown): string[] {
	const out: string[] = [];
	let cur: unknown = e;
	for (let i = 0; i < 5 && cur && typeof cur === 'object'; i++) {
		const err = cur as { name?: unknown; inner?: unknown; cause?: unknown };
		if (typeof err.name === 'string') out.push(err.name);
		cur = err.inner ?? err.cause;
	}
	return out;
}

/** True when the browser refused the write because the device or origin is out of space. */
export function isQuotaError(e: unknown): boolean {
	return names(e).some((n) => n === 'QuotaExceededError' || n === 'NS_ERROR_DOM_QUOTA_REACHED');
}

/** A clear, user-facing explanation of a failed read or write. */
export function storageErrorMessage(
	e: unknown,
	action = 'The change',
	verb: 'saved' | 'read' = 'saved'
): string {
	if (isQuotaError(e)) {
		return `${action} could not be saved: the browser has no more storage space for this app on this device. Nothing new was stored. Free up disk space, or export and delete assessments you no longer need, then try again.`;
	}
	const all = names(e);
	if (
		all.some((n) =>
			['DatabaseClosedError', 'InvalidStateError', 'VersionError', 'OpenFailedError'].includes(n)
		)
	) {
		return `${action} could not be ${verb} because the local database is not available (it may have been upgraded in another tab, or this browser blocks storage in private mode). Reload the page and try again.`;
	}
	if (e instanceof Error && /no longer exists/.test(e.message)) {
		return `${action} could not be ${verb}: this assessment no longer exists on this device (it may have been deleted in another tab).`;
	}
	const detail = e instanceof Error && e.message ? ` (${e.message})` : '';
	return `${action} could not be ${verb} on this device${detail}.${verb === 'saved' ? ' Nothing was changed.' : ''}`;
}
