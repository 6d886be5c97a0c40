import type { MaturityValue } from '$lib/domain/types';

export interface ScaleOption {
	value: MaturityValue;
	key: string;
	label: string;
	meaning: string;
}

/** The answer scale of SPEC §2, in display order, with the key that selects each option. */
export const SCALE: ScaleOption[] = [
	{ value: 0, key: '0', label: 'Not in place', meaning: 'Nothing exists yet.' },
	{
		value: 1,
		key: '1',
		label: 'Informal',
		meaning: 'Done ad hoc, depends on people, not written down.'
	},
	{
		value: 2,
		key: '2',
		label: 'Documented',
		meaning: 'Written and approved, not yet done consistently.'
	},
	{
		value: 3,
		key: '3',
		label: 'Implemented',
		meaning: 'Done consistently; evidence covers less than an audit period.'
	},
	{
		value: 4,
		key: '4',
		label: 'Operating',
		meaning: 'Done consistently with about 3 months or more of evidence to sample.'
	},
	{
		value: 5,
		key: '5',
		label: 'Monitored',
		meaning: 'Operating, measured, reviewed and improved.'
	},
	{
		value: 'unknown',
		key: '?',
		label: "Don't know",
		meaning: 'Scored as 0 and flagged for follow-up.'
	},
	{
		value: 'na',
		key: 'N',
		label: 'Not applicable',
		meaning: 'Left out of the score; a justification is required.'
	}
];

export function valueLabel(value: MaturityValue | null | undefined): string {
	if (value === null || value === undefined) return 'Not answered';
	const opt = SCALE.find((o) => o.value === value);
	if (!opt) return 'Not answered';
	return typeof value === 'number' ? `${value} · ${opt.label}` : opt.label;
}
