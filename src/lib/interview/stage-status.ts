/**
 * Whether a stage of the interview looks done, for the check marks of the sidebar and the
 * presenter's stage navigator. Display only: what is reachable is decided by the machine
 * (`flow.ts`), never here.
 */
import { isAnswered } from '$lib/domain/conditions';
import type { Assessment, BankCore } from '$lib/domain/types';
import { stageIssues } from './flow';
import type { Progress } from './progress';
import type { Stage } from './types';

export function stageComplete(
	bank: BankCore | null,
	a: Assessment | null,
	progress: Pick<Progress, 'answered' | 'total'>,
	stage: Stage
): boolean {
	if (!a || !bank) return false;
	const keys = Object.keys(a.profile);
	switch (stage) {
		case 'start':
			return stageIssues(bank, a, 'start').length === 0;
		case 'profile':
		case 'scope':
			return (
				stageIssues(bank, a, stage).length === 0 &&
				keys.some((k) => k.startsWith(`${stage}.`) && isAnswered(a.profile[k]))
			);
		case 'subservices':
			return a.subservices.length > 0 && stageIssues(bank, a, stage).length === 0;
		case 'tsc':
			return !!a.categoriesConfirmed;
		case 'cuecs':
			return a.cuecs.length > 0 && stageIssues(bank, a, stage).length === 0;
		case 'maturity':
			return progress.total > 0 && progress.answered === progress.total;
		default:
			return false;
	}
}
