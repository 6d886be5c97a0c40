import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportJsonSchema } from './json-schema';

const FILE = 'docs/assessment.schema.json';

describe('docs/assessment.schema.json', () => {
	it('is the schema generated from src/lib/export/schema.ts (regenerate: UPDATE_SCHEMA=1 npx vitest run src/lib/export/json-schema.test.ts)', () => {
		const generated = exportJsonSchema();
		if (process.env.UPDATE_SCHEMA)
			writeFileSync(FILE, JSON.stringify(generated, null, '\t') + '\n');
		// Compared as data, so that Prettier may format the file.
		expect(JSON.parse(readFileSync(FILE, 'utf8'))).toEqual(generated);
	});

	it('describes both the plain and the encrypted file, with the fields the app relies on', () => {
		const schema = exportJsonSchema() as {
			oneOf: { properties: Record<string, unknown>; required: string[] }[];
		};
		const [plain, encrypted] = schema.oneOf;
		expect(plain!.required).toEqual(['format', 'formatVersion', 'exportedAt', 'app', 'assessment']);
		expect(plain!.properties.format).toEqual({ const: 'soc2-readiness-assessment' });
		expect(encrypted!.properties.format).toEqual({ const: 'soc2-readiness-encrypted' });
		expect(JSON.stringify(encrypted)).toContain('"minimum":600000');
	});

	it('spells out a custom question with the bank’s schema, and every $ref resolves', () => {
		const schema = exportJsonSchema() as {
			oneOf: {
				properties: { assessment: { properties: Record<string, Record<string, unknown>> } };
			}[];
			$defs: Record<string, unknown>;
		};
		const a = schema.oneOf[0]!.properties.assessment.properties;
		const item = a.customQuestions!.items as {
			required: string[];
			properties: Record<string, unknown>;
		};
		expect(item.required).toEqual(
			expect.arrayContaining(['id', 'area', 'criteria', 'remediation'])
		);
		expect(Object.keys(item.properties)).toContain('retired');
		expect(a.customQuestions!.maxItems).toBe(500);
		expect(a.ownerRoles).toMatchObject({ type: 'object', maxProperties: 200 });
		expect(a.reportIntroduction).toMatchObject({ type: 'string', maxLength: 5000 });
		const refs = [...JSON.stringify(schema).matchAll(/"\$ref":"#\/\$defs\/([^"]+)"/g)].map(
			(m) => m[1]!
		);
		expect(refs.length).toBeGreaterThan(0);
		for (const ref of refs) expect(schema.$defs, ref).toHaveProperty([ref]);
	});
});
