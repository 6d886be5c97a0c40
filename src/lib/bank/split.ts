/**
 * The built bank in two files (issue 19, sixth pass). The interview's first question needs the
 * questions, their prompts and levels, the areas, criteria and scope rules — not the questions'
 * remediation templates, the points of focus or the evidence request list, which only the report,
 * the plan and the custom questions' checks read. The build emits the first part (`BankCore`,
 * about 60 % of the whole) as the bank file the pages fetch first, and the rest as a second file
 * that the first one names; `joinBank` puts them back together into exactly the compiled bank.
 *
 * Pure: no fetch, no build tool. The Vite plugin splits (vite-plugins/soc2-bank.ts), the app and
 * the report-model worker join (`fetch.ts`).
 */
import type {
	Bank,
	BankCore,
	EvidenceRequest,
	PointOfFocus,
	RemediationTemplate
} from '$lib/domain/types';

/** The second file: what the bank holds beyond `BankCore`. */
export interface BankRest {
	/** Each built-in question's remediation templates, by question id. */
	remediation: Record<string, RemediationTemplate[]>;
	pointsOfFocus: PointOfFocus[];
	evidenceRequests: EvidenceRequest[];
}

/** The first file: the interview's part of the bank and the name of the file with the rest. */
export interface BankCoreFile {
	/** The second file's name, in the same folder (content-hashed: it changes with the rest). */
	rest: string;
	bank: BankCore;
}

export function splitBank(bank: Bank): { core: BankCore; rest: BankRest } {
	const { pointsOfFocus, evidenceRequests, questions, ...shared } = bank;
	const remediation: Record<string, RemediationTemplate[]> = {};
	const core = questions.map((q) => {
		const { remediation: templates, ...asked } = q;
		remediation[q.id] = templates;
		return asked;
	});
	return {
		core: { ...shared, questions: core },
		rest: { remediation, pointsOfFocus, evidenceRequests }
	};
}

/**
 * The whole bank from its two parts. Throws when they do not belong together (a question without
 * its templates or templates without their question), which a build never emits.
 */
export function joinBank(core: BankCore, rest: BankRest): Bank {
	const ids = new Set(core.questions.map((q) => q.id));
	const extra = Object.keys(rest.remediation).filter((id) => !ids.has(id));
	const questions = core.questions.map((q) => {
		const remediation = Object.hasOwn(rest.remediation, q.id) ? rest.remediation[q.id] : null;
		if (!Array.isArray(remediation) || extra.length)
			throw new Error(
				'The two parts of the question bank do not match (an update of the app was half stored). Reload the page.'
			);
		return { ...q, remediation };
	});
	return {
		...core,
		questions,
		pointsOfFocus: rest.pointsOfFocus,
		evidenceRequests: rest.evidenceRequests
	};
}

/** Whether a bank object already holds the rest (the module of development and tests does). */
export function isWholeBank(bank: BankCore | Bank): bank is Bank {
	return (
		Array.isArray((bank as Partial<Bank>).pointsOfFocus) &&
		Array.isArray((bank as Partial<Bank>).evidenceRequests) &&
		bank.questions.every((q) => Array.isArray((q as { remediation?: unknown }).remediation))
	);
}
