/** Shared by the export/import tests (not shipped: only test files import it). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Assessment } from '$lib/domain/types';
import type { ExportDocument } from './schema';

export const FIXTURE_DIR = path.resolve('test/fixtures/exports');

export function fixtureText(name: string): string {
	return readFileSync(path.join(FIXTURE_DIR, name), 'utf8');
}

export function fixtureDoc(name = 'v1-full.json'): ExportDocument {
	return JSON.parse(fixtureText(name)) as ExportDocument;
}

export function fixtureAssessment(): Assessment {
	return fixtureDoc().assessment as Assessment;
}

export function fileOf(content: string | Uint8Array, name = 'export.json'): File {
	return new File([content as BlobPart], name, { type: 'application/json' });
}
