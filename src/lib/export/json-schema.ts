/**
 * Generates the published JSON Schema (docs/assessment.schema.json) from the valibot schemas, so
 * the two can never drift apart (json-schema.test.ts fails when the committed file is stale).
 */
import { toJsonSchema } from '@valibot/to-json-schema';
import { EncryptedEnvelopeSchema, ExportDocumentSchema } from './schema';

export function exportJsonSchema(): Record<string, unknown> {
	const plain = toJsonSchema(ExportDocumentSchema, {
		target: 'draft-2020-12',
		typeMode: 'input',
		errorMode: 'ignore'
	});
	const encrypted = toJsonSchema(EncryptedEnvelopeSchema, {
		target: 'draft-2020-12',
		typeMode: 'input',
		errorMode: 'ignore'
	});
	const strip = ({ $schema: _s, ...rest }: Record<string, unknown>) => rest;
	return {
		$schema: 'https://json-schema.org/draft/2020-12/schema',
		$id: 'https://soc2-readiness.invalid/assessment.schema.json',
		title: 'SOC 2 Readiness assessment export (format version 1)',
		description:
			'A file exported by SOC 2 Readiness: either a plain assessment export or a passphrase-encrypted envelope around one. Generated from src/lib/export/schema.ts; see docs/export-format.md.',
		oneOf: [strip(plain as Record<string, unknown>), strip(encrypted as Record<string, unknown>)]
	};
}
