/**
 * Hostile input and the app's promises about the network, in the built app (Chromium):
 * - every user-text field holding a payload from test/fixtures/xss/payloads.json renders as text
 *   on every page (no element injected, no dialog, no script run, no javascript: link);
 * - one full run typed through the UI (list → interview → results → export of PDF, CSV and
 *   JSON) with such payloads: zero CSP violations, zero requests to another origin, and the
 *   downloaded PDF, CSV and JSON carry the text safely.
 * The CSP itself is checked in security-csp.spec.ts; output encoding in
 * test/unit/security-output.test.ts.
 */
import { readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import type { Assessment } from '../../src/lib/domain/types';
import { expect, test } from './fixtures';
import {
	installSecurityProbes,
	persona,
	readStored,
	securityProbeResults,
	seedAssessment
} from './reliability-helpers';

interface Payloads {
	html: string[];
	template: string[];
	urls: string[];
	formula: string[];
}
const P = JSON.parse(readFileSync('test/fixtures/xss/payloads.json', 'utf8')) as Payloads;
const TEXT = [...P.html, ...P.template];

/** Elements or attributes no page of the app ever has; any of them means markup got injected. */
async function injected(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const out: string[] = [];
		for (const el of document.querySelectorAll('*')) {
			for (const attr of el.attributes) {
				if (/^on/i.test(attr.name)) out.push(`<${el.localName} ${attr.name}>`);
			}
		}
		for (const el of document.querySelectorAll(
			'iframe, object, embed, frame, math, mglyph, base'
		)) {
			out.push(`<${el.localName}>`);
		}
		for (const el of document.querySelectorAll('img')) {
			if (el.getAttribute('src') === 'x') out.push('<img src=x>');
		}
		for (const el of document.querySelectorAll('script')) {
			if (/__xss|alert\(/.test(el.textContent ?? '')) out.push('<script> with a payload');
		}
		for (const el of document.querySelectorAll('style')) {
			if (/evil\.example/.test(el.textContent ?? '')) out.push('<style> with a payload');
		}
		return out;
	});
}

/** Everything the page must not have done, after rendering hostile text. */
async function expectInert(page: Page, where: string, dialogs: string[]): Promise<void> {
	// Had an image been injected, its load or error handler runs in the task that completes it:
	// wait until every image on the page is complete (loaded or broken), not a fixed time.
	await page.waitForFunction(() => [...document.images].every((img) => img.complete));
	expect(await injected(page), `${where}: injected markup`).toEqual([]);
	const probes = await securityProbeResults(page);
	expect(probes.xss, `${where}: a payload ran`).toEqual([]);
	expect(probes.jsLinks, `${where}: live javascript:/data: links`).toEqual([]);
	expect(probes.csp, `${where}: CSP violations`).toEqual([]);
	expect(dialogs, `${where}: dialogs`).toEqual([]);
}

/** The visible text of the page, whitespace-normalised. */
async function visibleText(page: Page): Promise<string> {
	return (await page.locator('body').innerText()).replace(/\s+/g, ' ');
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

/** A persona whose every free-text field holds a payload. */
function hostileAssessment(): Assessment {
	const a = persona('full-workshop');
	let i = 0;
	const next = () => TEXT[i++ % TEXT.length]!;
	a.meta = { ...a.meta, organisation: P.html[0]!, assessor: P.html[2]! };
	for (const [k, v] of Object.entries(a.profile)) {
		if (
			typeof v === 'string' &&
			k.startsWith('scope.') &&
			!['scope.offices', 'scope.remote-work', 'scope.privacy-role'].includes(k)
		) {
			a.profile[k] = next();
		}
	}
	a.subservices = a.subservices.map((s, n) => ({
		...s,
		name: TEXT[n % TEXT.length]!,
		services: next(),
		csocs: [next(), ...s.csocs],
		notes: next()
	}));
	a.cuecs = a.cuecs.map((c, n) => ({
		...c,
		templateId: n % 2 ? c.templateId : null,
		area: n % 2 ? c.area : next(),
		text: n < P.formula.length ? P.formula[n]! : next()
	}));
	const urls = [...P.urls];
	for (const [n, [qid, ans]] of Object.entries(a.answers).entries()) {
		if (n >= 30) break;
		a.answers[qid] = {
			...ans,
			note: next(),
			...(ans.value === 'na' ? { naReason: next() } : {}),
			evidence: [
				{
					id: `ev-x-${n}`,
					name: next(),
					location: urls[n % urls.length]!,
					owner: next()
				}
			]
		};
	}
	const firstRemediation = Object.keys(a.planOverrides)[0];
	if (firstRemediation) a.planOverrides[firstRemediation] = { ownerRole: P.formula[0]! };
	return a;
}

test.describe('hostile text renders as text', () => {
	test('on every page, for every field of a stored assessment', async ({
		page,
		context,
		offsite,
		pageErrors
	}) => {
		test.setTimeout(120_000);
		await installSecurityProbes(context);
		const dialogs: string[] = [];
		context.on('page', (p) => p.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss())));
		page.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss()));
		const a = hostileAssessment();
		await seedAssessment(page, a);
		const id = encodeURIComponent(a.id);

		// The list.
		await page.goto('/');
		await expect(page.locator('li.card').filter({ hasText: P.html[0]! })).toBeVisible();
		await expectInert(page, 'list', dialogs);

		// Every interview stage.
		for (const stage of ['start', 'profile', 'scope', 'subservices', 'tsc', 'cuecs', 'review']) {
			await page.goto(`/interview?id=${id}&stage=${stage}`);
			await expect(page.locator('main h1')).toBeVisible();
			await expect(page.locator('main h1')).not.toHaveText('Assessment not found');
			await expectInert(page, `interview ${stage}`, dialogs);
		}
		// Text typed into fields comes back as the fields' values, unchanged.
		// (A text field reports a carriage return as a line feed, as every browser does.)
		const hasValue = (t: string) =>
			page.evaluate(
				(t) =>
					[...document.querySelectorAll('textarea, input')].some(
						(e) => (e as HTMLInputElement).value === t
					),
				t.replace(/\r\n?/g, '\n')
			);
		await page.goto(`/interview?id=${id}&stage=subservices`);
		await expect(page.locator('article.vendor').first()).toBeVisible();
		for (const s of a.subservices) {
			expect(await hasValue(s.name), `vendor name ${s.name}`).toBe(true);
			expect(await hasValue(s.notes!), `vendor notes ${s.notes}`).toBe(true);
		}
		await page.goto(`/interview?id=${id}&stage=cuecs`);
		await expect(page.locator('main h1')).toBeVisible();
		// (The stage's fields are drawn once its component has loaded, after the heading.)
		for (const c of a.cuecs.filter((x) => x.templateId === null)) {
			await expect.poll(() => hasValue(c.text), { message: `custom CUEC ${c.text}` }).toBe(true);
		}
		await page.goto(`/interview?id=${id}&stage=start`);
		await expect(page.getByLabel('Organisation')).toHaveValue(a.meta.organisation);

		// Questions with notes, N/A reasons and evidence pointers (hostile URLs among them).
		const withEvidence = Object.entries(a.answers)
			.filter(([, x]) => x.evidence.some((e) => e.id.startsWith('ev-x-')))
			.slice(0, P.urls.length);
		let checked = 0;
		for (const [qid, ans] of withEvidence) {
			await page.goto(`/interview?id=${id}&q=${encodeURIComponent(qid)}`);
			const card = page.locator('article.qcard');
			// Wait for the card (the page renders after the bank loads); none = not on the path.
			const shown = await card.waitFor({ state: 'visible', timeout: 8_000 }).then(
				() => true,
				() => false
			);
			if (!shown) continue;
			checked++;
			await expect(card).toContainText(norm(ans.evidence[0]!.name));
			await expectInert(page, `question ${qid}`, dialogs);
			const loc = ans.evidence[0]!.location;
			const links = await card
				.locator('.evidence a')
				.evaluateAll((els) => els.map((e) => e.getAttribute('href')));
			if (/^https?:\/\//i.test(loc.trim())) {
				expect(links, `${loc} becomes a normalised http(s) link`).toHaveLength(1);
				expect(links[0]).toMatch(/^https:\/\/evidence\.example\//);
				expect(links[0]).not.toMatch(/["<>]/);
			} else {
				expect(links, `${JSON.stringify(loc)} is shown as text, not as a link`).toEqual([]);
				expect(norm(await card.innerText())).toContain(norm(loc));
			}
		}

		expect(checked, 'questions with hostile evidence were shown').toBeGreaterThanOrEqual(5);

		// Presenter view, results dashboard and export page.
		for (const [where, url] of [
			['presenter', `/present?id=${id}`],
			['results', `/results?id=${id}`],
			['export', `/export?id=${id}`]
		] as const) {
			await page.goto(url);
			await expect(page.locator('h1').first()).toBeVisible();
			await page.waitForLoadState('networkidle');
			await expectInert(page, where, dialogs);
		}
		expect(await visibleText(page)).toContain(norm(P.html[0]!));
		expect(offsite).toEqual([]);
		expect(pageErrors).toEqual([]);
	});
});

/** Every cell of a CSV file (RFC 4180: quoted fields, doubled quotes, CRLF records). */
function csvCells(text: string): string[] {
	const cells: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = text.startsWith('\ufeff') ? 1 : 0; i < text.length; i++) {
		const ch = text[i]!;
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else field += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === ',' || ch === '\n') {
			cells.push(field);
			field = '';
		} else if (ch !== '\r') field += ch;
	}
	return [...cells, field];
}

/** The id of the maturity question on screen, or null when the interview left the questions. */
async function currentQuestion(page: Page): Promise<string | null> {
	const card = page.locator('article.qcard');
	return (await card.count()) ? await card.getAttribute('aria-labelledby') : null;
}

async function bytesOf(download: Download): Promise<Buffer> {
	return readFileSync((await download.path())!);
}

/** Fill every visible text field of the stage with payloads (cycling), then blur. */
async function fillEveryTextField(page: Page, start: number): Promise<number> {
	const fields = page.locator(
		'main textarea:visible, main input[type="text"]:visible, main input:not([type]):visible'
	);
	const n = await fields.count();
	for (let i = 0; i < n; i++) {
		const f = fields.nth(i);
		if (!(await f.isEditable())) continue;
		await f.fill(TEXT[(start + i) % TEXT.length]!);
		await f.blur();
	}
	return start + n;
}

test('full run typed through the UI: no CSP violation, no request off the device, safe outputs', async ({
	page,
	context,
	offsite,
	pageErrors
}) => {
	test.setTimeout(180_000);
	await installSecurityProbes(context);
	const dialogs: string[] = [];
	page.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss()));
	const ORG = P.html[0]!;
	const ASSESSOR = P.html[1]!;

	// Create it on the list page.
	await page.goto('/');
	await page
		.getByRole('button', { name: /^(New assessment|Create your first assessment)$/ })
		.first()
		.click();
	await page.getByLabel('Organisation').fill(ORG);
	await page.getByLabel('Assessor').fill(ASSESSOR);
	await page.getByRole('button', { name: 'Create and start' }).click();
	await page.waitForURL(/\/interview\?id=/);
	const id = new URL(page.url()).searchParams.get('id')!;
	await expect(page.locator('main h1')).toHaveText('Company profile');
	await expectInert(page, 'profile', dialogs);

	// Profile and scope: required choices, and every free-text field gets a payload.
	let k = 0;
	await page.getByRole('radio', { name: /^11–50/ }).check();
	await page.getByRole('radio', { name: /^Public cloud/ }).check();
	k = await fillEveryTextField(page, k);
	await page.getByRole('button', { name: /Continue to Scope/ }).click();
	await page.getByRole('group', { name: /data/i }).first().waitFor();
	await page.getByRole('checkbox', { name: /^Source code/ }).check();
	await page.getByRole('radio', { name: /^Fully remote/ }).check();
	await fillEveryTextField(page, k);
	await expectInert(page, 'scope', dialogs);
	await page.getByRole('button', { name: /Continue to Subservice/ }).click();

	// A vendor with hostile name, services, control and notes.
	await page.getByLabel('Kind of vendor').selectOption({ index: 1 });
	await page.getByRole('button', { name: 'Add vendor' }).click();
	const vendor = page.locator('article.vendor').first();
	await vendor.getByLabel('Vendor name').fill(P.html[3]!);
	await vendor.getByLabel('Vendor name').blur();
	await vendor.getByLabel('What it does for the system').fill(P.template[0]!);
	await vendor.getByLabel('What it does for the system').blur();
	await vendor.getByLabel('Add another control this vendor operates').fill(P.html[4]!);
	await vendor.getByRole('button', { name: 'Add', exact: true }).click();
	await vendor.getByLabel('Notes').fill(P.html[5]!);
	await vendor.getByLabel('Notes').blur();
	await expect(vendor).toContainText(norm(P.html[4]!));
	await expectInert(page, 'subservices', dialogs);
	await page.getByRole('button', { name: /Continue to Trust Services/ }).click();
	await page.getByRole('button', { name: /Continue to User entity/ }).click();

	// A custom CUEC with a spreadsheet formula as its wording and HTML as its area.
	await page.getByRole('button', { name: '+ Write a custom CUEC' }).click();
	await page.getByLabel('Area').last().fill(P.html[6]!);
	await page.getByLabel('Area').last().blur();
	await page.getByLabel('The customer is expected to…').last().fill(P.formula[0]!);
	await page.getByLabel('The customer is expected to…').last().blur();
	await expectInert(page, 'cuecs', dialogs);
	await page.getByRole('button', { name: /Continue to Control maturity/ }).click();
	await expect(page.locator('article.qcard')).toBeVisible();

	// First question: N/A with a hostile justification, a note, and two evidence pointers.
	const card = page.locator('article.qcard');
	await page.keyboard.press('n');
	const na = card.getByLabel(/Why does this not apply/);
	await expect(na).toBeFocused();
	await na.fill(P.html[7]!);
	await na.blur();
	await card.getByLabel('Notes').fill(P.html[1]!);
	await card.getByLabel('Notes').blur();
	const pointers: [string, string][] = [
		[P.html[2]!, P.urls[0]!],
		[P.formula[1]!, P.urls[P.urls.length - 1]!]
	];
	for (const [name, location] of pointers) {
		await card.getByRole('button', { name: '+ Add evidence pointer' }).click();
		await card.getByLabel('Name').fill(name);
		await card.getByLabel('URL or path').fill(location);
		await card.getByLabel(/^Owner/).fill(P.template[1]!);
		await card.getByRole('button', { name: 'Add pointer' }).click();
	}
	await expect(page.getByTestId('save-status')).toHaveText(/^Saved\b/);
	await expectInert(page, 'maturity question', dialogs);
	const links = await card
		.locator('.evidence a')
		.evaluateAll((els) => els.map((e) => e.getAttribute('href')));
	expect(links).toHaveLength(1);
	expect(links[0]).toMatch(/^https:\/\/evidence\.example\//);

	// Every other maturity question by keyboard, to the end of the interview.
	const levels = ['0', '1', '2', '3', '4', '5', '?'];
	let answered = 1;
	for (; answered < 400; answered++) {
		const before = await currentQuestion(page);
		await page.keyboard.press('ArrowRight');
		await expect.poll(() => currentQuestion(page)).not.toBe(before);
		if ((await currentQuestion(page)) === null) break;
		await page.keyboard.press(levels[answered % levels.length]!);
	}
	await expect(page.locator('main h1')).toHaveText('Review');
	expect(answered, 'answered the whole maturity path').toBeGreaterThan(50);
	await expect(page.getByTestId('save-status')).toHaveText(/^Saved\b|All changes saved/);
	await expectInert(page, 'review', dialogs);

	// Everything typed is stored exactly as typed.
	const stored = await readStored(page, id);
	expect(stored.row?.meta.organisation).toBe(ORG);
	expect(stored.row?.meta.assessor).toBe(ASSESSOR);
	expect(stored.row?.subservices[0]?.notes).toBe(P.html[5]);
	expect(stored.row?.cuecs.some((c) => c.text === P.formula[0])).toBe(true);
	const first = Object.values(stored.answers).find((x) => x.value === 'na');
	expect(first?.naReason).toBe(P.html[7]);
	expect(first?.evidence.map((e) => e.location)).toEqual([P.urls[0], P.urls[P.urls.length - 1]]);

	// Results dashboard.
	await page.goto(`/results?id=${encodeURIComponent(id)}`);
	await expect(page.locator('h1').first()).toBeVisible();
	await page.waitForLoadState('networkidle');
	await expectInert(page, 'results', dialogs);

	// Export: PDF, the three CSVs and JSON.
	await page.goto(`/export?id=${encodeURIComponent(id)}`);
	await expect(page.getByRole('button', { name: 'Download PDF' })).toBeVisible();
	await expectInert(page, 'export', dialogs);
	const [pdf] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Download PDF' }).click()
	]);
	const { extractText, getDocumentProxy } = await import('unpdf');
	const doc = await getDocumentProxy(new Uint8Array(await bytesOf(pdf)));
	const pdfText = ((await extractText(doc, { mergePages: true })).text as string).replace(
		/\s+/g,
		''
	);
	for (const s of [ORG, ASSESSOR, P.html[7]!, P.html[1]!, P.html[2]!, P.urls[0]!, P.formula[0]!]) {
		expect(pdfText, `PDF shows ${s} literally`).toContain(s.replace(/\s+/g, ''));
	}

	const csv: Record<string, string> = {};
	for (const name of ['Gap register', 'Remediation plan', 'CUEC register']) {
		const [d] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: `Download ${name} as CSV` }).click()
		]);
		csv[name] = (await bytesOf(d)).toString('utf8');
	}
	const cells = Object.values(csv).flatMap(csvCells);
	expect(
		cells.filter((c) => /^[=+\-@\t\r]/.test(c)),
		'formula-looking CSV cells'
	).toEqual([]);
	expect(csv['CUEC register']).toContain(`'${P.formula[0]!.replace(/"/g, '""')}`);

	await page.getByRole('button', { name: 'Export JSON…' }).click();
	const dialog = page.getByRole('dialog');
	const [json] = await Promise.all([
		page.waitForEvent('download'),
		dialog.getByRole('button', { name: 'Download file' }).click()
	]);
	const raw = (await bytesOf(json)).toString('utf8');
	const exported = JSON.parse(raw) as { assessment: Assessment };
	expect(exported.assessment.meta.organisation).toBe(ORG);
	expect(exported.assessment.subservices[0]?.notes).toBe(P.html[5]);
	expect(raw).toContain(JSON.stringify(P.html[7]).slice(1, -1));

	await expectInert(page, 'after the downloads', dialogs);
	// No request left the device during the whole run (the fixture also checks at the end).
	expect(offsite).toEqual([]);
	expect(pageErrors).toEqual([]);
});
