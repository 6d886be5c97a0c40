/**
 * The question bank's schema and compiler (pure; used at build time by the Vite plugin, by
 * Node scripts and by tests). The app itself loads the compiled bank via `$lib/bank`.
 */
export {
	AREA_CATEGORY,
	BANK_FILES,
	BankError,
	CUSTOM_ID,
	bankForAssessment,
	checkBank,
	checkCustomQuestions,
	compileBank,
	extendBank,
	criterionArea,
	maturityFileFor,
	type BankCheck,
	type CustomCheck,
	type CompileOptions
} from './compile.ts';
export {
	POF_COVERAGE_MIN,
	askedForSecurityOnly,
	formatShare,
	needsOptionalCategory,
	pointsOfFocusCoverage,
	type PofCoverageRow
} from './points-of-focus.ts';
export { compileEvidenceRequests, type EvidenceRequestsCheck } from './evidence-requests.ts';
export { bankIds, diffIds, flattenIds, type BankIds } from './ids.ts';
export * as schemas from './schema.ts';
