/**
 * Applying a firm library to a new assessment (pure): what the assessment receives, and how the
 * create dialog says it. The assessment gets copies, so later edits of the library never change
 * an assessment already created (and an exported assessment renders without the library).
 */
import type { Assessment, Branding, FirmLibrary } from './types';

/** What a new assessment takes from the library. */
export interface FromLibrary {
	customQuestions: NonNullable<Assessment['customQuestions']>;
	ownerRoles: Record<string, string>;
	reportIntroduction: string;
	branding: Branding;
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * The library's active custom questions (a retired one is no longer wanted, and a new assessment
 * has no answers to keep for it), its role names, introduction and branding, as copies.
 */
export function fromLibrary(library: FirmLibrary): FromLibrary {
	const branding: Branding = {};
	if (library.branding.logoDataUrl) branding.logoDataUrl = library.branding.logoDataUrl;
	if (library.branding.brandColor) branding.brandColor = library.branding.brandColor;
	return copy({
		customQuestions: library.questions.filter((q) => !q.retired),
		ownerRoles: library.ownerRoles,
		reportIntroduction: library.introduction.trim(),
		branding
	});
}

/** The fields of a new assessment with the library applied (nothing for an empty part). */
export function withLibrary<A extends Assessment>(a: A, from: FromLibrary): A {
	const out: A = { ...a, meta: { ...a.meta, branding: { ...a.meta.branding, ...from.branding } } };
	if (from.customQuestions.length) out.customQuestions = from.customQuestions;
	if (Object.keys(from.ownerRoles).length) out.ownerRoles = from.ownerRoles;
	if (from.reportIntroduction) out.reportIntroduction = from.reportIntroduction;
	return out;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * What applying the library brings, for the create dialog: "2 custom questions, the logo and
 * brand colour, 3 owner role names and the report introduction". Null when it brings nothing.
 */
export function librarySummary(library: FirmLibrary): string | null {
	const f = fromLibrary(library);
	const parts: string[] = [];
	if (f.customQuestions.length) parts.push(plural(f.customQuestions.length, 'custom question'));
	const logo = !!f.branding.logoDataUrl;
	const colour = !!f.branding.brandColor;
	if (logo || colour)
		parts.push(
			logo && colour ? 'the logo and brand colour' : logo ? 'the logo' : 'the brand colour'
		);
	const roles = Object.keys(f.ownerRoles).length;
	if (roles) parts.push(plural(roles, 'owner role name'));
	if (f.reportIntroduction) parts.push('the report introduction');
	if (!parts.length) return null;
	return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}
