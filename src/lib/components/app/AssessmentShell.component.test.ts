import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import AssessmentShell from './AssessmentShell.svelte';

describe('AssessmentShell', () => {
	it('explains that no assessment was chosen, with a link to the list', () => {
		render(AssessmentShell, { name: 'Export', status: 'no-id' });
		expect(screen.getByRole('heading', { level: 1, name: 'Export' })).toBeInTheDocument();
		expect(screen.getByText(/No assessment was chosen/)).toHaveTextContent(
			'No assessment was chosen. Open one from your assessments and pick “Export”.'
		);
		expect(screen.getByRole('link', { name: 'your assessments' })).toBeInTheDocument();
		expect(document.title).toBe('Export · SOC 2 Readiness');
	});

	it('announces loading with the page’s own text', () => {
		render(AssessmentShell, { name: 'Results', status: 'loading', loadingText: 'Computing…' });
		expect(screen.getByRole('status')).toHaveTextContent('Computing…');
		expect(screen.queryByRole('alert')).not.toBeInTheDocument();
	});

	it('says when the assessment is not on this device', () => {
		render(AssessmentShell, { name: 'Results', status: 'missing' });
		expect(screen.getByRole('heading', { level: 1, name: 'Results' })).toBeInTheDocument();
		expect(screen.getByRole('alert')).toHaveTextContent('This assessment is not on this device');
		expect(screen.getByRole('link', { name: 'Go to your assessments' })).toBeInTheDocument();
	});

	it('shows a load error, and an error given while the status is ready', () => {
		const { unmount } = render(AssessmentShell, {
			name: 'Export',
			status: 'error',
			error: 'The question bank could not be loaded.'
		});
		expect(screen.getByRole('alert')).toHaveTextContent('The question bank could not be loaded.');
		unmount();
		render(AssessmentShell, {
			name: 'Export',
			status: 'ready',
			error: 'The report could not be computed.'
		});
		expect(screen.getByRole('alert')).toHaveTextContent('The report could not be computed.');
		expect(screen.getByRole('heading', { level: 1, name: 'Export' })).toBeInTheDocument();
	});
});

describe('AssessmentShell: custom questions that fail the checks', () => {
	it('says they are left out, that nothing is lost, and lists what is wrong', async () => {
		const { readFileSync } = await import('node:fs');
		const { buildReportModel } = await import('$lib/domain/engine');
		const { loadBank } = await import('$lib/bank');
		const a = JSON.parse(
			readFileSync('test/fixtures/assessments/full-workshop.json', 'utf8')
		).assessment;
		const model = buildReportModel(await loadBank(), a, '2026-03-02');
		const problems = ['custom questions: question custom-x: unknown criterion A1.9'];
		const { unmount } = render(AssessmentShell, {
			name: 'Results',
			status: 'ready',
			assessment: a,
			model,
			customProblems: problems
		});
		const notice = screen.getByRole('status');
		expect(notice).toHaveTextContent('This assessment’s custom questions are left out.');
		expect(notice).toHaveTextContent('Their answers stay with the assessment');
		expect(screen.getByText('What is wrong (1)')).toBeInTheDocument();
		expect(screen.getByText(problems[0]!)).toBeInTheDocument();
		unmount();
		render(AssessmentShell, { name: 'Results', status: 'ready', assessment: a, model });
		expect(screen.queryByText(/custom questions are left out/)).not.toBeInTheDocument();
	});
});
