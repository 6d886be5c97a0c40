/**
 * Generates the published JSON Schema (docs/assessment.schema.json) from the valibot schemas, so
 * the two can never drift apart (json-schema.test.ts fails when the committed file is stale).
 */
import { toJsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import { CustomQuestionSchema } from '$lib/domain/bank/schema';
import { EncryptedEnvelopeSchema, ExportDocumentSchema } from './schema';

type Json = Record<string, unknown>;

function generate(schema: v.GenericSchema): Json {
	const { $schema: _s, ...rest } = toJsonSchema(schema, {
		target: 'draft-2020-12',
		typeMode: 'input',
		errorMode: 'ignore'
	}) as Json;
	return rest;
}

/**
 * The import's own schema checks only the outline of a custom question (the bank's checks follow
 * with the bank at hand); the published schema spells out its fields from the bank's schema. Its
 * definitions (the recursive `when` condition) move to the document's `$defs`, renamed so they
 * cannot collide, since a `$ref` is resolved from the document's root.
 */
function withCustomQuestionFields(plain: Json): { plain: Json; defs: Json } {
	type Node = { properties?: Record<string, Node> } & Json;
	const list = (plain as Node).properties?.assessment?.properties?.customQuestions;
	if (!list) throw new Error('the export schema has no assessment.customQuestions');
	const { $defs = {}, ...question } = generate(CustomQuestionSchema) as Json & { $defs?: Json };
	const rename = (k: string) => `customQuestion-${k}`;
	const renamed = (node: unknown): unknown =>
		JSON.parse(
			JSON.stringify(node).replace(
				/"#\/\$defs\/([^"]+)"/g,
				(_m, k: string) => `"#/$defs/${rename(k)}"`
			)
		);
	list.items = renamed(question);
	const defs = Object.fromEntries(Object.entries($defs).map(([k, d]) => [rename(k), renamed(d)]));
	return { plain, defs };
}

export function exportJsonSchema(): Json {
	const { plain, defs } = withCustomQuestionFields(generate(ExportDocumentSchema));
	if (plain.$defs) throw new Error('the export schema has definitions of its own: merge them');
	return {
		$schema: 'https://json-schema.org/draft/2020-12/schema',
		$id: 'https://soc2-readiness.invalid/assessment.schema.json',
		title: 'SOC 2 Readiness assessment export (format version 1)',
		description:
			'A file exported by SOC 2 Readiness: either a plain assessment export or a passphrase-encrypted envelope around one. Generated from src/lib/export/schema.ts; see docs/export-format.md.',
		oneOf: [plain, generate(EncryptedEnvelopeSchema)],
		$defs: defs
	};
}
