/**
 * The plain parts of the database module that need no Dexie: the database's name and schema
 * version, and how a stored row becomes the assessment the screens show. Both the Dexie module
 * (`index.ts`) and the light first read (`light.ts`) use these, so a page shows the same thing
 * whichever of them read it.
 */
import type { Assessment } from '$lib/domain/types';
import { normaliseAssessment } from '$lib/domain/normalise';
import type { AnswerRow, AssessmentRow, AssessmentSummary, ListKey } from './index';

export const DB_NAME = 'soc2-readiness';

/**
 * The newest `version(n)` block of `ReadinessDB` (index.ts). Dexie opens IndexedDB with n × 10,
 * and the light reader reads only a database at exactly that version (anything else goes
 * through Dexie, which upgrades it). A unit test fails when a new version block is added
 * without raising this.
 */
export const DB_VERSION = 5;

let dbName = DB_NAME;

/**
 * The name of the database the light reader reads: the app's, or the one a test gave `setDb`
 * (index.ts), so that both ways of reading see the same database.
 */
export function currentDbName(): string {
	return dbName;
}

/** Called by `setDb` (tests): the light reader follows the database it was given. */
export function useDbName(name: string | null): void {
	dbName = name ?? DB_NAME;
}

/** The settings key of this device's "your name" (who answers given here are recorded as by). */
export const YOUR_NAME_KEY = 'yourName';

/** The settings key of the firm library (`library.ts`). */
export const LIBRARY_SETTING = 'firm-library';

/**
 * A random v4 UUID. `crypto.randomUUID` exists only in secure contexts (https, localhost); the
 * app may also be served over plain http on a workshop LAN, so fall back to getRandomValues.
 */
export function newId(): string {
	if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
	const b = crypto.getRandomValues(new Uint8Array(16));
	b[6] = (b[6]! & 0x0f) | 0x40;
	b[8] = (b[8]! & 0x3f) | 0x80;
	const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * The assessment of a row and its answers, repaired where it would break a screen (duplicate ids,
 * an interview snapshot that cannot be restored: see `normaliseAssessment`). Rows stored before
 * those rules are repaired as they are read; the repair is stored with the next write.
 */
export function fromRow(row: AssessmentRow, answers: AnswerRow[]): Assessment {
	const { revision: _r, orgKey: _k, answeredCount: _c, listKey: _l, ...rest } = row;
	const map: Assessment['answers'] = {};
	for (const { assessmentId: _a, questionId, ...answer } of answers) map[questionId] = answer;
	return normaliseAssessment({ ...rest, answers: map });
}

/** The key the list searches and sorts by. */
export function orgKey(organisation: string): string {
	return organisation.trim().toLocaleLowerCase();
}

/** The summary held in a `listKey`. */
export function fromListKey(k: ListKey): AssessmentSummary {
	const [updatedAt, id, organisation, assessor, assessmentDate, target, createdAt, exported, n] = k;
	return {
		id,
		organisation,
		assessor,
		assessmentDate,
		targetReportDate: target || null,
		createdAt,
		updatedAt,
		lastExportedAt: exported || null,
		answered: n
	};
}

/** The list row of an assessment (no answers are read). */
export function toSummary(r: AssessmentRow): AssessmentSummary {
	return {
		id: r.id,
		organisation: r.meta.organisation,
		assessor: r.meta.assessor,
		assessmentDate: r.meta.assessmentDate,
		targetReportDate: r.meta.targetReportDate ?? null,
		createdAt: r.createdAt,
		updatedAt: r.updatedAt,
		lastExportedAt: r.lastExportedAt ?? null,
		answered: r.answeredCount ?? 0
	};
}
