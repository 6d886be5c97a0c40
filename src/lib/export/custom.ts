/**
 * An imported assessment's custom questions, checked against this app's question bank with the
 * bank's own schema and cross-checks (`checkCustomQuestions`) before anything is stored: a file
 * whose questions would not be asked, or would break the plan, is refused with the first problem
 * named. The compiler that checks them loads only for a file that has some.
 */
import type { Bank, CustomQuestion } from '$lib/domain/types';
import { loadBank } from '$lib/bank';
import { ImportError } from './safe-json';
import type { ExportDocument } from './schema';

const NOTHING_CHANGED = 'Nothing was imported and your saved assessments are unchanged.';

/** The ids of the file's custom questions, retired ones included (their answers are kept). */
export function customQuestionIds(doc: ExportDocument): string[] {
	return (doc.assessment.customQuestions ?? []).map((q) => q.id);
}

/**
 * The document with its custom questions validated and normalised (defaults filled in, as the
 * library stores them), or an ImportError naming the problem. `bank`: the app's built-in bank
 * (loaded when not given).
 */
export async function checkImportedCustomQuestions(
	doc: ExportDocument,
	bank?: Bank
): Promise<ExportDocument> {
	const list = doc.assessment.customQuestions;
	if (!list || list.length === 0) return doc;
	const [{ checkCustomQuestions }, base] = await Promise.all([
		import('$lib/domain/bank/compile'),
		bank ?? loadBank()
	]);
	const result = checkCustomQuestions(base, list);
	if (!result.bank) {
		const [first, ...rest] = result.errors.map((e) => e.replace(/^custom questions: /, ''));
		const more = rest.length
			? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})`
			: '';
		throw new ImportError(
			'invalid',
			`The file is not a valid assessment export: its custom questions (“assessment.customQuestions”) do not pass the question bank’s checks: ${first}${more}. ${NOTHING_CHANGED}`
		);
	}
	const questions: CustomQuestion[] = result.questions;
	return {
		...doc,
		assessment: { ...doc.assessment, customQuestions: questions }
	} as ExportDocument;
}
