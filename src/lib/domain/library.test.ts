import { describe, expect, it } from 'vitest';
import { fromLibrary, librarySummary, withLibrary } from './library';
import type { Assessment, CustomQuestion, FirmLibrary } from './types';
import { customQuestion } from '../../../test/fixtures/custom-question';

const question = (id: string, over: Partial<CustomQuestion> = {}): CustomQuestion =>
	customQuestion(id, { title: `Title of ${id}`, ...over });

const library = (over: Partial<FirmLibrary> = {}): FirmLibrary => ({
	name: 'Acme method',
	questions: [
		question('custom-a'),
		question('custom-old', { retired: true }),
		question('custom-b')
	],
	branding: { logoDataUrl: null, brandColor: '#1d3a5f' },
	ownerRoles: { 'Head of Engineering': 'VP Engineering', 'CTO / founder': 'Founder' },
	introduction: '  This review follows the Acme method.  ',
	updatedAt: '2026-12-01T08:00:00.000Z',
	...over
});

const blank: Assessment = {
	id: 'a1',
	meta: {
		organisation: 'Harbour',
		assessor: 'Dana',
		assessmentDate: '2026-12-05',
		targetReportDate: null,
		planStartDate: null,
		branding: {}
	},
	profile: {},
	subservices: [],
	categories: [],
	categoriesConfirmed: false,
	cuecs: [],
	answers: {},
	planOverrides: {},
	interview: null,
	createdAt: '2026-12-05T03:00:00.000Z',
	updatedAt: '2026-12-05T03:00:00.000Z',
	lastExportedAt: null
};

describe('applying a firm library to a new assessment', () => {
	it('brings the active questions, role names, trimmed introduction and branding', () => {
		const a = withLibrary(blank, fromLibrary(library()));
		expect(a.customQuestions?.map((q) => q.id)).toEqual(['custom-a', 'custom-b']);
		expect(a.ownerRoles).toEqual({
			'Head of Engineering': 'VP Engineering',
			'CTO / founder': 'Founder'
		});
		expect(a.reportIntroduction).toBe('This review follows the Acme method.');
		expect(a.meta.branding).toEqual({ brandColor: '#1d3a5f' });
		expect(blank.customQuestions).toBeUndefined();
	});

	it('gives copies: a later edit of the library does not change the assessment', () => {
		const lib = library();
		const a = withLibrary(blank, fromLibrary(lib));
		lib.questions[0]!.title = 'Edited later';
		lib.questions[0]!.remediation[0]!.action = 'Edited later';
		lib.ownerRoles['CTO / founder'] = 'Edited later';
		lib.branding.brandColor = '#000000';
		expect(a.customQuestions?.[0]?.title).toBe('Title of custom-a');
		expect(a.customQuestions?.[0]?.remediation[0]?.action).toBe('Write the register');
		expect(a.ownerRoles?.['CTO / founder']).toBe('Founder');
		expect(a.meta.branding?.brandColor).toBe('#1d3a5f');
	});

	it('adds nothing for an empty part', () => {
		const empty = library({
			questions: [],
			ownerRoles: {},
			introduction: ' ',
			branding: { logoDataUrl: null, brandColor: null }
		});
		const a = withLibrary(blank, fromLibrary(empty));
		expect(a).toEqual(blank);
		expect(librarySummary(empty)).toBeNull();
	});

	it('says what it brings, in words', () => {
		expect(librarySummary(library())).toBe(
			'2 custom questions, the brand colour, 2 owner role names and the report introduction'
		);
		expect(
			librarySummary(
				library({
					questions: [question('custom-a')],
					ownerRoles: {},
					introduction: '',
					branding: { logoDataUrl: 'data:image/png;base64,AAAA', brandColor: '#123456' }
				})
			)
		).toBe('1 custom question and the logo and brand colour');
	});
});
