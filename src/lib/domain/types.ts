/**
 * Shared contracts of the product: the question bank, an assessment, and the report model.
 *
 * Everything here is plain, serialisable data. The bank is authored in `questions/*.yaml`
 * with exactly these field names (camelCase) and compiled/validated into a `Bank`.
 * An `Assessment` is what the user's answers add up to (and what the JSON export carries).
 * The `ReportModel` is what the engine computes from both; the dashboard and the PDF draw it.
 *
 * Changing a field here is a contract change: bump the relevant version constant and
 * update docs/export-format.md (assessment) or docs/methodology.md (report model).
 */

// ---------------------------------------------------------------------------
// Criteria and categories
// ---------------------------------------------------------------------------

/** Security (the Common Criteria) is always in scope; the other four are optional. */
export type CategoryId =
	'security' | 'availability' | 'confidentiality' | 'processing-integrity' | 'privacy';

export type OptionalCategoryId = Exclude<CategoryId, 'security'>;

export const CATEGORY_IDS: readonly CategoryId[] = [
	'security',
	'availability',
	'confidentiality',
	'processing-integrity',
	'privacy'
] as const;

export const OPTIONAL_CATEGORY_IDS: readonly OptionalCategoryId[] = [
	'availability',
	'confidentiality',
	'processing-integrity',
	'privacy'
] as const;

/** Interview / scoring areas, in interview order. CC1..CC9 are Security; then one area per optional category. */
export type AreaId =
	'CC1' | 'CC2' | 'CC3' | 'CC4' | 'CC5' | 'CC6' | 'CC7' | 'CC8' | 'CC9' | 'A1' | 'C1' | 'PI1' | 'P';

export const AREA_IDS: readonly AreaId[] = [
	'CC1',
	'CC2',
	'CC3',
	'CC4',
	'CC5',
	'CC6',
	'CC7',
	'CC8',
	'CC9',
	'A1',
	'C1',
	'PI1',
	'P'
] as const;

export interface Area {
	id: AreaId;
	/** e.g. "Control environment" */
	name: string;
	category: CategoryId;
	/** One or two plain sentences shown at the top of the area. */
	intro: string;
}

export interface Criterion {
	/** e.g. "CC6.1", "PI1.3", "P6.7" */
	id: string;
	category: CategoryId;
	area: AreaId;
	/** Series label, e.g. "CC6 Logical and physical access" or "P6 Disclosure and notification". */
	series: string;
	/** Short title in our own words, e.g. "Logical access safeguards". */
	title: string;
	/** One-sentence plain-language summary. */
	summary: string;
	/** COSO 2013 principle number (CC1–CC5 only). */
	coso?: number;
	/** Indicative ISO/IEC 27001:2022 references (clauses like "5.1", Annex A like "A.5.15"). */
	iso27001: string[];
}

// ---------------------------------------------------------------------------
// Applicability / suggestion conditions (a tiny, serialisable rule language)
// ---------------------------------------------------------------------------

/** A scalar answer value a condition can compare with. */
export type Scalar = string | number | boolean;

/**
 * Evaluated against the profile/scope answers and the selected categories.
 * `answer` names a profile/scope question id.
 * - `equals`: the answer equals the value (single choice, boolean, number, text)
 * - `includes`: a multi-choice answer contains the option id
 * - `in`: a single-choice answer is one of the option ids
 * - `answered`: the question has a non-empty answer (true) or not (false)
 * - `gte` / `lte`: numeric comparisons
 * An unanswered question makes `equals`/`includes`/`in`/`gte`/`lte` false.
 */
export type Condition =
	| { all: Condition[] }
	| { any: Condition[] }
	| { not: Condition }
	| { answer: string; equals: Scalar }
	| { answer: string; includes: string }
	| { answer: string; in: string[] }
	| { answer: string; answered: boolean }
	| { answer: string; gte: number }
	| { answer: string; lte: number }
	| { category: CategoryId };

// ---------------------------------------------------------------------------
// Question bank
// ---------------------------------------------------------------------------

export type ProfileStage = 'profile' | 'scope';

export type ProfileQuestionKind =
	'single' | 'multi' | 'boolean' | 'text' | 'longtext' | 'date' | 'number';

export interface ChoiceOption {
	/** Stable, kebab-case, unique within its question. */
	id: string;
	label: string;
	help?: string;
	/** For data-type options: marks data whose exposure raises the impact of gaps. */
	sensitive?: boolean;
}

/** A company-profile or scope question (interview stages 2 and 3). */
export interface ProfileQuestion {
	/** Stable id, e.g. "profile.headcount", "scope.data-types". */
	id: string;
	stage: ProfileStage;
	kind: ProfileQuestionKind;
	prompt: string;
	help?: string;
	options?: ChoiceOption[];
	required?: boolean;
	/** Shown only when true. */
	when?: Condition;
	/** Placeholder for text inputs. */
	placeholder?: string;
}

export type Effort = 'S' | 'M' | 'L';

export interface RemediationTemplate {
	/** Globally unique, stable, e.g. "rem.cc6-mfa.enforce". */
	id: string;
	/** Imperative, one line: "Enforce MFA for every user in the identity provider". */
	action: string;
	/** Default owner role, editable per assessment: "CTO", "Head of Engineering", "People lead"… */
	ownerRole: string;
	effort: Effort;
	/** What must be true to call it done. */
	acceptance: string[];
	/** What the team must produce and keep as evidence. */
	evidence: string[];
	/** Ids of other remediation templates that must be done first (any question). */
	dependsOn: string[];
	quickWin: boolean;
	/**
	 * The template is proposed when the current level is below this level (default 3, the design target).
	 * Use 4 for "start retaining evidence / run it on a schedule" actions, 5 for monitoring improvements.
	 */
	appliesBelow?: 1 | 2 | 3 | 4 | 5;
	/**
	 * What the action does for an examination (default from appliesBelow: 3 or lower design,
	 * 4 recurring, 5 improvement):
	 * - design: build or document the control; done before a Type I as-of date or a window start;
	 * - evidence: switch on the record-keeping (retention, gates, checklists); on by the window start;
	 * - recurring: run the control on its schedule; happens during the window, never a prerequisite;
	 * - improvement: beyond the audit target.
	 */
	kind?: ActionKind;
	/**
	 * Only for a question with a small-team path: `small` is proposed only while that path
	 * applies (one or two people), `standard` only while it does not. Without it, always.
	 */
	teamPath?: 'small' | 'standard';
}

export const ACTION_KINDS = ['design', 'evidence', 'recurring', 'improvement'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** 1 = hygiene … 5 = key control whose absence is a serious exposure. Drives impact. */
export type Criticality = 1 | 2 | 3 | 4 | 5;

export interface SmallTeamPath {
	when: Condition;
	/** Heading shown with the path: "If only one or two people can change production". */
	whenText: string;
	/** The compensating controls, in a few sentences. */
	text: string;
	/** What the team keeps as evidence of the path. */
	evidence: string[];
}

export interface MaturityQuestion {
	/** Stable id, e.g. "cc6-mfa". Never reuse a removed id. */
	id: string;
	area: AreaId;
	/** Criteria this question provides evidence for (first = primary). */
	criteria: string[];
	/** Short label for tables: "MFA everywhere". */
	title: string;
	/** The question as asked. */
	prompt: string;
	/** Why it matters, in plain words. */
	why: string;
	/** What "Implemented" (level 3) looks like for this question. */
	level3: string;
	/** What "Operating" (level 4) looks like for this question. */
	level4: string;
	/** Typical evidence an auditor asks for. */
	evidence: string[];
	criticality: Criticality;
	/** Relative weight in scoring (default 1; 0.5–3). */
	weight: number;
	/** Key control (access, change, monitoring, incident response…). */
	key?: boolean;
	/**
	 * A key control every Security examination tests: "not applicable" counts only with a
	 * written reason, and such answers are listed for the CPA firm to confirm.
	 */
	naNeedsReason?: boolean;
	/** Applicability: asked only when true (in addition to its category being selected). */
	when?: Condition;
	/** Plain reason shown when `when` is false ("Skipped: you have no physical offices"). */
	skipReason?: string;
	/**
	 * The compensating-control path auditors accept in a small team, where the usual control
	 * (a second approver, separated duties) cannot be staffed. Applies when `when` (on the
	 * team-size answers) holds; meeting it counts as meeting the question's level 3.
	 */
	smallTeam?: SmallTeamPath;
	remediation: RemediationTemplate[];
	/** Common gap ids from the domain reference it relates to (e.g. "GAP-06"), informative. */
	gapRefs?: string[];
	/** Added in the app (an assessment's or a firm library's own question), not part of the bank. */
	custom?: boolean;
}

/**
 * A question added in the app (to an assessment or to a firm's library), with the same fields
 * as a bank question. `retired` keeps its id and the answers given to it, but it is no longer
 * asked, scored or planned.
 */
export type CustomQuestion = Omit<MaturityQuestion, 'custom'> & { retired?: boolean };

/**
 * A consulting firm's own library, kept on the device and applied when an assessment is created:
 * its questions, default branding, the names it uses for the plan's owner roles and a paragraph
 * printed at the start of the report.
 */
export interface FirmLibrary {
	/** Shown on the library page and in the file name ("Acme Advisory method"). */
	name: string;
	questions: CustomQuestion[];
	branding: Branding;
	/** The bank's owner role → the name the firm uses for it ("Head of Engineering" → "CTO"). */
	ownerRoles: Record<string, string>;
	/** Introduction or disclaimer paragraph printed at the start of the report ('' for none). */
	introduction: string;
	/** ISO timestamp of the last change. */
	updatedAt: string;
}

export type SubserviceUsually = 'yes' | 'often' | 'sometimes' | 'usually-vendor';
export type InclusionMethod = 'carve-out' | 'inclusive';

export interface VendorKind {
	/** e.g. "cloud-iaas" */
	id: string;
	name: string;
	/** Illustrative examples, e.g. "AWS, Google Cloud, Azure". */
	examples: string;
	/** A typical "what it does for the system" for this kind (the field's placeholder). */
	servicesExample?: string;
	usuallySubservice: SubserviceUsually;
	defaultMethod: InclusionMethod;
	/** When it is a subservice organisation, in a sentence. */
	guidance: string;
	/**
	 * When a kind that is usually an ordinary vendor becomes a subservice organisation, as a
	 * condition on the scope answers (e.g. a payment processor when payments are part of the
	 * service sold). Kinds with usuallySubservice yes/often are suggested as subservice
	 * organisations regardless.
	 */
	subserviceWhen?: Condition;
	/** `subserviceWhen` in words, shown with the suggestion ("Because payments are part of the service you sell"). */
	subserviceWhenText?: string;
	/** Candidate complementary subservice-organisation controls (CSOCs). */
	csocs: string[];
	/** What stays with the company. */
	companyKeeps: string;
	criteria: string[];
}

/** Questions asked for each subservice organisation, for the interview's vendor stage. */
export interface VendorQuestion {
	id: string;
	prompt: string;
	help?: string;
}

export interface CuecTemplate {
	/** e.g. "CUEC-ACCESS-01" */
	id: string;
	/** e.g. "User access — provisioning" */
	area: string;
	/** Wording, starting with the verb the customer performs ("Approve each …"). */
	text: string;
	criteria: string[];
	/** Relevant when true; omitted = always relevant. */
	when?: Condition;
	/** Human-readable form of `when`: "Always", "When Privacy is selected"… */
	whenText: string;
}

export interface CategoryRule {
	id: string;
	category: OptionalCategoryId;
	when: Condition;
	strength: 'strong' | 'medium' | 'weak';
	/** Shown to the user: "You process health data, so Privacy is likely expected." */
	reason: string;
}

/** An informational note triggered by scope answers (e.g. PCI DSS is separate from SOC 2). */
export interface ScopeNote {
	id: string;
	when: Condition;
	text: string;
}

export interface Bank {
	/** Semantic version of the bank content, e.g. "1.0.0". */
	version: string;
	/** Label to print wherever `Criterion.iso27001` references are shown (they are indicative). */
	iso27001Note?: string;
	areas: Area[];
	criteria: Criterion[];
	profileQuestions: ProfileQuestion[];
	vendorKinds: VendorKind[];
	vendorQuestions: VendorQuestion[];
	categoryRules: CategoryRule[];
	scopeNotes: ScopeNote[];
	/** Text of the over-scoping warning shown on the TSC stage. */
	overScopingWarning: string;
	cuecs: CuecTemplate[];
	/** In interview order (by area, then as authored). */
	questions: MaturityQuestion[];
	/** Every point of focus of the 61 criteria (questions/points-of-focus.yaml), in AICPA order. */
	pointsOfFocus: PointOfFocus[];
	/** The evidence request list (questions/evidence-requests.yaml), in authored order. */
	evidenceRequests: EvidenceRequest[];
}

/**
 * A maturity question as the interview asks it: everything but its remediation templates, which
 * only the report, the plan and the custom questions' checks read (issue 19: the built app loads
 * them after the first question, see `src/lib/bank/split.ts`).
 */
export type QuestionCore = Omit<MaturityQuestion, 'remediation'>;

/**
 * What the interview reads of the bank: the whole bank but the questions' remediation templates,
 * the points of focus and the evidence request list. Every `Bank` is a `BankCore`, so a function
 * that takes one takes the whole bank too.
 */
export interface BankCore extends Omit<Bank, 'questions' | 'pointsOfFocus' | 'evidenceRequests'> {
	questions: QuestionCore[];
}

/** How often a control runs; drives how an auditor samples it (see evidence-requests.ts). */
export const REQUEST_FREQUENCIES = [
	'annual',
	'quarterly',
	'monthly',
	'weekly',
	'daily',
	'event',
	'automated',
	'point-in-time'
] as const;
export type RequestFrequency = (typeof REQUEST_FREQUENCIES)[number];

/** The groups of the request list, in the order a CPA firm's list usually runs. */
export const REQUEST_AREAS = [
	'governance',
	'risk',
	'hr',
	'access',
	'change',
	'operations',
	'vendors',
	'communication',
	'availability',
	'confidentiality',
	'processing-integrity',
	'privacy'
] as const;
export type RequestArea = (typeof REQUEST_AREAS)[number];

/**
 * One item of the evidence request list (PBC, "provided by client") a CPA firm typically sends:
 * what to hand over, the population behind it, how often the control runs, who owns it, and the
 * criteria and questions it rests on.
 */
export interface EvidenceRequest {
	/** Stable kebab-case id, e.g. "new-hires" (prepared marks are keyed by it). */
	id: string;
	area: RequestArea;
	/** Security (always in scope) or the optional category that must be selected. */
	category: CategoryId;
	/** Short name: "List of new hires in the period". */
	item: string;
	/** What to hand over, in a sentence. */
	provide: string;
	/** The population to prepare, for controls sampled from a list; null otherwise. */
	population: string | null;
	frequency: RequestFrequency;
	/** A bank owner role (folded for small teams like the plan's). */
	owner: string;
	criteria: string[];
	/** Maturity questions whose answers and evidence pointers show whether it is ready. */
	questions: string[];
}

/** Which part of a maturity question asks for a point of focus. */
export type PointOfFocusVia = 'prompt' | 'level3' | 'level4';

/**
 * One point of focus of the AICPA's 2017 Trust Services Criteria (revised points of focus,
 * 2022), paraphrased, with the maturity questions that ask for it or the reason it does not
 * apply to a SOC 2 examination.
 */
export interface PointOfFocus {
	/** "CC2.2.7": criterion id and the AICPA's number of the point within it. */
	id: string;
	criterion: string;
	n: number;
	/** Short name in the bank's own words. */
	name: string;
	/** One-sentence paraphrase. */
	text: string;
	/**
	 * The category the point belongs to: the criterion's category, or an optional category for
	 * the points the AICPA lists as additional for confidentiality or privacy.
	 */
	category: CategoryId;
	/** Questions that ask for the point and where (empty when not applicable or a known gap). */
	coveredBy: { questionId: string; via: PointOfFocusVia }[];
	/** Why the point does not apply to a SOC 2 examination; null when it applies. */
	notApplicable: string | null;
	/** An applicable point no question asks for yet, with what would close it; null otherwise. */
	gap: string | null;
}

// ---------------------------------------------------------------------------
// Assessment (what the user enters; also the JSON export payload)
// ---------------------------------------------------------------------------

export type MaturityLevel = 0 | 1 | 2 | 3 | 4 | 5;
export type MaturityValue = MaturityLevel | 'unknown' | 'na';

export const MATURITY_LABELS: Record<MaturityLevel, string> = {
	0: 'Not in place',
	1: 'Informal',
	2: 'Documented',
	3: 'Implemented',
	4: 'Operating',
	5: 'Monitored'
};

export interface EvidencePointer {
	id: string;
	name: string;
	/** URL or path. Rendered as text; only http(s) URLs may ever become links. */
	location: string;
	owner?: string;
	/** Hex SHA-256 of a local file computed in the browser (the file is not stored). */
	sha256?: string;
}

export interface MaturityAnswer {
	value: MaturityValue | null;
	/** Required when value is 'na'. */
	naReason?: string;
	note?: string;
	evidence: EvidencePointer[];
	/** ISO timestamp of the last change. */
	updatedAt: string;
}

/** A profile/scope answer: single choice id, multi choice ids, boolean, number, text or ISO date. */
export type ProfileAnswer = string | string[] | boolean | number | null;

export type SocReportStatus = 'type2' | 'type1' | 'iso27001' | 'none' | 'unknown';

/**
 * What a vendor is to the system: a subservice organisation (its controls are needed to meet
 * the service commitments: carve-out or inclusive, CSOCs) or an ordinary vendor (managed under
 * CC9.2 vendor risk management: no carve-out/inclusive, no CSOCs).
 */
export type VendorRole = 'subservice' | 'vendor';

export interface SubserviceOrg {
	id: string;
	name: string;
	/** VendorKind id, or "other". */
	kind: string;
	/**
	 * Subservice organisation or ordinary vendor. Older data without it is classified on
	 * upgrade/import (see legacyVendorRole in domain/vendors.ts).
	 */
	role: VendorRole;
	/** What it does for the system. */
	services: string;
	method: InclusionMethod;
	socReport: SocReportStatus;
	reportReviewed: boolean;
	/** ISO date of the last review of its report. */
	reviewDate?: string | null;
	/** ISO date the period of the vendor's latest report ended (Type II) or its as-of date (Type I). */
	reportPeriodEnd?: string | null;
	/** CSOCs relied on. */
	csocs: string[];
	notes?: string;
}

export interface Cuec {
	id: string;
	/** Library template it came from, or null for a custom CUEC. */
	templateId: string | null;
	area: string;
	text: string;
	criteria: string[];
}

export interface Branding {
	/** data: URL of a PNG/JPEG logo (max ~300 KB). */
	logoDataUrl?: string | null;
	/** Hex colour like "#1d3a5f". */
	brandColor?: string | null;
}

export interface PlanOverride {
	ownerRole?: string;
	/** Marked done by the user (what-if / tracking). */
	done?: boolean;
}

export interface AssessmentMeta {
	organisation: string;
	assessor: string;
	/** ISO date (YYYY-MM-DD). */
	assessmentDate: string;
	/** ISO date or null when there is no target. */
	targetReportDate: string | null;
	/** ISO date the remediation plan starts; defaults to the assessment date. */
	planStartDate?: string | null;
	branding?: Branding;
}

export interface Assessment {
	id: string;
	meta: AssessmentMeta;
	/** Profile and scope answers keyed by ProfileQuestion id. */
	profile: Record<string, ProfileAnswer>;
	subservices: SubserviceOrg[];
	/** Selected optional categories (Security is implicit and always in). */
	categories: OptionalCategoryId[];
	/** True once the user has confirmed the category selection (suggestions are no longer auto-applied). */
	categoriesConfirmed?: boolean;
	cuecs: Cuec[];
	/** Maturity answers keyed by MaturityQuestion id. Answers to questions now out of scope are kept. */
	answers: Record<string, MaturityAnswer>;
	/**
	 * Answers an imported file held for question ids this bank does not know (a newer bank, or
	 * junk): kept aside, exported again inside `answers`, never counted or scored.
	 */
	otherAnswers?: Record<string, MaturityAnswer>;
	/** Keyed by remediation template id. */
	planOverrides: Record<string, PlanOverride>;
	/** Persisted interview position/snapshot (opaque to the engine). */
	interview?: { version: number; snapshot: unknown } | null;
	createdAt: string;
	updatedAt: string;
	/** ISO timestamp of the last JSON export (backup reminder). */
	lastExportedAt?: string | null;
	/**
	 * Questions added in the app to this assessment (from a firm library or by hand). Asked,
	 * scored and planned like the bank's: the bank for this assessment is
	 * `extendBank(bank, customQuestions)`. Travels with the export.
	 */
	customQuestions?: CustomQuestion[];
	/** The names this assessment uses for the plan's owner roles (bank or folded role → name). */
	ownerRoles?: Record<string, string>;
	/** Introduction or disclaimer paragraph printed at the start of the report. */
	reportIntroduction?: string;
	/**
	 * Evidence requests the user marked prepared: request id → ISO timestamp of the mark.
	 * Absent in data stored before it existed (nothing prepared).
	 */
	requestsPrepared?: Record<string, string>;
	/**
	 * The assessment this one re-assesses (issue 20): its id and its assessment date. Set when the
	 * re-assessment is started and never changed; it travels with exports, so a copy imported on
	 * another device still names its predecessor (which may not be there).
	 */
	reassessmentOf?: ReassessmentLink;
	/**
	 * Answers carried over from the predecessor, by question id: each stays "from <date> —
	 * confirm or change" until the assessor confirms it or changes the answer. Answers given after
	 * the re-assessment started are not listed.
	 */
	carried?: Record<string, CarriedAnswer>;
}

/** The predecessor of a re-assessment. */
export interface ReassessmentLink {
	/** The predecessor's id (it may not be on this device). */
	id: string;
	/** The predecessor's assessment date (YYYY-MM-DD). */
	assessedOn: string;
}

/** What became of an answer carried over into a re-assessment. */
export interface CarriedAnswer {
	/** When the assessor confirmed the carried answer as still true (ISO); absent until then. */
	confirmedAt?: string;
	/** True once the answer was changed (or cleared) after the carry-over. */
	changed?: boolean;
}

// ---------------------------------------------------------------------------
// Report model (engine output)
// ---------------------------------------------------------------------------

export type Risk = 'critical' | 'high' | 'medium' | 'low';
export type RecommendationType = 'remediate-first' | 'type1' | 'type1-then-type2' | 'type2';
export type Phase = '0-30' | '31-60' | '61-90' | 'later';

export interface QuestionScore {
	questionId: string;
	area: AreaId;
	criteria: string[];
	title: string;
	value: MaturityValue | null;
	/** Level used for scoring (unknown/unanswered → 0); null when N/A or not applicable. */
	level: MaturityLevel | null;
	/** 0–100, null when excluded. */
	score: number | null;
	weight: number;
	flagged: 'unknown' | 'unanswered' | null;
}

export interface CriterionScore {
	criterionId: string;
	area: AreaId;
	title: string;
	/** 0–100, null when every question is N/A. */
	score: number | null;
	/** Weighted average level (0–5), null when excluded. */
	level: number | null;
	/** Lowest level among its applicable questions (design/operation checks use it). */
	minLevel: number | null;
	questionIds: string[];
	designReady: boolean;
	operatingReady: boolean;
}

export interface AreaScore {
	area: AreaId;
	name: string;
	category: CategoryId;
	score: number | null;
	type1Readiness: number | null;
	type2Readiness: number | null;
	answered: number;
	total: number;
	gapCount: Record<Risk, number>;
}

export interface Gap {
	id: string;
	questionId: string;
	area: AreaId;
	criteria: string[];
	title: string;
	description: string;
	current: MaturityLevel;
	/** 3 (design) or 4 (operation). */
	target: 3 | 4;
	likelihood: 1 | 2 | 3 | 4 | 5;
	impact: 1 | 2 | 3 | 4 | 5;
	/** likelihood × impact, 1–25. */
	riskScore: number;
	risk: Risk;
	rationale: string;
	flagged: 'unknown' | 'unanswered' | null;
}

export interface PlanAction {
	/** Remediation template id. */
	id: string;
	gapIds: string[];
	questionIds: string[];
	criteria: string[];
	action: string;
	ownerRole: string;
	effort: Effort;
	acceptance: string[];
	evidence: string[];
	dependsOn: string[];
	quickWin: boolean;
	/**
	 * design / evidence must be done before a Type I date or a window start (evidence only for
	 * controls not yet running); recurring runs during the window; improvement goes beyond it.
	 */
	kind: ActionKind;
	/** Highest risk among its gaps. */
	risk: Risk;
	phase: Phase;
	/** ISO date. */
	start: string;
	due: string;
	done: boolean;
}

/**
 * The open actions of one control (maturity question) as one plan item, for small teams: the
 * readable plan. The actions themselves stay in `plan` (roadmap detail, CSV, what-if).
 */
export interface PlanGroup {
	questionId: string;
	title: string;
	/** Open action ids: design and evidence first, then recurring operation, then improvements. */
	actionIds: string[];
	/** Owners of those actions, most actions first. */
	owners: string[];
	/** Earliest start and latest due of the actions to put the control in place (ISO). */
	start: string;
	due: string;
	/** Phase of the start. */
	phase: Phase;
	risk: Risk;
	quickWin: boolean;
	/** How many of the actions are recurring operation (run during the window). */
	recurring: number;
}

export interface TimelineStep {
	kind: 'remediation' | 'type1-fieldwork' | 'type1-report' | 'window' | 'fieldwork' | 'report';
	label: string;
	start: string;
	end: string;
}

export interface Reason {
	text: string;
	/** Question / profile ids or rule ids that drive the reason (traceability). */
	sources: string[];
}

export interface Recommendation {
	type: RecommendationType;
	/** Observation window length in months for the (first) Type II; null for remediate-first with no window. */
	windowMonths: 3 | 6 | 12 | null;
	/** Earliest defensible window start (ISO) or null. */
	windowStart: string | null;
	/** As-of date for a Type I (ISO) or null. */
	type1Date: string | null;
	/** Expected date of the first report (Type I or Type II, whichever comes first). */
	expectedReportDate: string | null;
	/** Expected Type II report date, when a Type II is planned. */
	expectedType2ReportDate: string | null;
	targetReportDate: string | null;
	/** true/false when a target exists, null otherwise. */
	meetsTarget: boolean | null;
	/** Days late versus the target (positive = late), null if no target. */
	daysLate: number | null;
	/** The target date is before the computation date: no plan can meet it; it must be reset. */
	targetPassed?: boolean;
	/** When the target has passed: a realistic replacement (the plan's expected first report). */
	suggestedTargetDate?: string | null;
	timeline: TimelineStep[];
	reasons: Reason[];
	/** What would have to change to meet the deadline (empty when it is met). */
	toMeetTarget: string[];
	headline: string;
	/** A renewal: the next period runs back to back with the previous report's period. */
	renewal?: boolean;
	/** The Type II period started before today, on retained evidence (the CPA firm must agree). */
	retrospective?: boolean;
}

/**
 * The one verdict on an optional category that every screen and the PDF show (scope.ts
 * categoryAdvice): what backs it, the badge, one sentence, and whether leaving it out of a
 * first examination is advised.
 */
export interface CategoryAdvice {
	category: OptionalCategoryId;
	/** requested = a buyer asked; strong/medium/weak = the strongest matching signal; none. */
	backing: 'requested' | 'strong' | 'medium' | 'weak' | 'none';
	selected: boolean;
	/** Badge: "Requested by a buyer", "Strongly suggested", "Suggested", "Worth considering", "No signal". */
	label: string;
	/** One sentence, identical on the criteria stage, the results and the PDF. */
	text: string;
	/** Selected although nothing backs it firmly (weak or no signal and not requested), first audit only. */
	overScoped: boolean;
}

export interface CategorySuggestion {
	category: OptionalCategoryId;
	strength: 'strong' | 'medium' | 'weak';
	reasons: Reason[];
	selected: boolean;
}

/** How a vendor's own report period sits against the assessment's window (vendor-period.ts). */
export interface VendorPeriodCheck {
	/**
	 * covered: the period ended within the allowed gap before your window ends;
	 * bridge-letter: it ended longer before, so ask the vendor for a bridge letter;
	 * period-unknown: no period end recorded; no-window: the plan has no window or as-of date yet.
	 */
	status: 'covered' | 'bridge-letter' | 'period-unknown' | 'no-window';
	/** End of your window (Type II) or your as-of date (Type I), when there is one. */
	windowEnd: string | null;
	/** Days from the vendor's period end to your window end (positive = vendor period ended earlier). */
	gapDays: number | null;
	text: string;
}

export interface SubserviceSummaryRow extends SubserviceOrg {
	kindName: string;
	/** Check of the vendor's report period against your window (subservice organisations only). */
	periodCheck?: VendorPeriodCheck | null;
	/** Issues found, e.g. "SOC report not reviewed", "Inclusive method needs the vendor's assertion". */
	issues: string[];
}

export interface Iso27001Overlap {
	status: 'certified' | 'in-progress';
	rows: { gapId: string; criteria: string[]; iso27001: string[]; note: string }[];
	stillNeeded: string[];
}

export interface AnswerRow {
	questionId: string;
	area: AreaId;
	criteria: string[];
	title: string;
	prompt: string;
	value: MaturityValue | null;
	label: string;
	note: string;
	naReason: string;
	evidence: EvidencePointer[];
	applicable: boolean;
	skipReason: string | null;
}

export interface MethodologySection {
	heading: string;
	paragraphs: string[];
	/** Optional table (first row = header). */
	table?: string[][];
}

export interface ReportModel {
	modelVersion: number;
	bankVersion: string;
	/** The "today" the model was computed for (ISO date). */
	asOf: string;
	/**
	 * Questions of the bank used that were added in the app (marked "custom" wherever shown).
	 * Optional: models saved before it existed lack it.
	 */
	customQuestionIds?: string[];
	/** The assessment's introduction or disclaimer paragraph for the report (optional, as above). */
	introduction?: string;
	assessment: {
		id: string;
		organisation: string;
		assessor: string;
		assessmentDate: string;
		targetReportDate: string | null;
		planStartDate: string;
		branding: Branding;
	};
	profile: { questionId: string; stage: ProfileStage; prompt: string; answer: string }[];
	sensitiveData: string[];
	/** Selected categories including 'security'. */
	tsc: CategoryId[];
	categorySuggestions: CategorySuggestion[];
	/** One verdict per optional category (absent in models computed before it existed). */
	categoryAdvice?: CategoryAdvice[];
	scopeNotes: string[];
	score: {
		overall: number;
		type1Readiness: number;
		type2Readiness: number;
		byArea: AreaScore[];
		byCriterion: CriterionScore[];
		byQuestion: QuestionScore[];
		counts: {
			applicable: number;
			answered: number;
			unanswered: number;
			unknown: number;
			na: number;
			/** Every question not asked: skippedNotSelected + skippedByAnswers. */
			skipped: number;
			/** Questions of categories not selected (see skipSplit in scope.ts). */
			skippedNotSelected?: number;
			/** Questions of selected categories ruled out by the profile / scope answers. */
			skippedByAnswers?: number;
		};
	};
	gaps: Gap[];
	plan: PlanAction[];
	/** Ids of plan actions in the first 30 days. */
	starterPlan: string[];
	/** The plan grouped by control, for teams of up to 50 people (GROUP_PLAN_BY_CONTROL); null otherwise. */
	planGroups?: PlanGroup[] | null;
	recommendation: Recommendation;
	subservices: SubserviceSummaryRow[];
	cuecs: Cuec[];
	iso27001: Iso27001Overlap | null;
	evidenceChecklist: {
		questionId: string;
		title: string;
		criteria: string[];
		items: string[];
		pointers: EvidencePointer[];
	}[];
	answers: AnswerRow[];
	skipped: { questionId: string; title: string; reason: string }[];
	/**
	 * Key controls every Security examination tests (bank `naNeedsReason`) answered "not
	 * applicable" with a reason: the CPA firm has to confirm each one. (Without a reason the
	 * answer counts as unanswered and is not listed here.) Optional for models saved before it.
	 */
	naKeyControls?: { questionId: string; title: string; criteria: string[]; reason: string }[];
	methodology: MethodologySection[];
	disclaimer: string;
	/**
	 * Per criterion in scope, which points of focus the answers speak to (where an auditor will
	 * ask for evidence). Optional: models saved before it existed lack it.
	 */
	pointsOfFocus?: PointOfFocusCriterionRow[];
	/**
	 * The evidence request list an auditor is likely to send, for the first examination planned.
	 * Optional: models saved before it existed lack it.
	 */
	evidenceRequests?: EvidenceRequestList;
	/**
	 * This assessment compared with an earlier one of the organisation (`compareModels`), when the
	 * user chose one for the report: the PDF then has a "Progress since <date>" page. Never
	 * computed by `buildReportModel` itself; absent otherwise.
	 */
	comparison?: import('./engine/compare').Comparison;
}

/** Whether the answers show a request can be handed over (see the methodology). */
export type RequestStatus = 'ready' | 'partial' | 'missing';

/** The period the evidence must cover: the first examination the recommendation plans. */
export interface RequestPeriod {
	/** type1: an as-of date (start = end); type2: a window; none: no date planned yet. */
	kind: 'type1' | 'type2' | 'none';
	start: string | null;
	end: string | null;
	/** Window length in months (Type II), null otherwise. */
	months: number | null;
	/** The next period runs back to back with the previous report's. */
	renewal: boolean;
	/** "Type II window 1 Mar 2027 – 31 May 2027 (3 months)". */
	text: string;
}

/** A typical sample for the request's frequency and the period (auditor-dependent). */
export interface SampleEstimate {
	/** Smallest and largest typical sample; null when it depends on the population. */
	min: number | null;
	max: number | null;
	text: string;
}

/** One evidence request as the app, the PDF and the CSV show it. */
export interface EvidenceRequestRow {
	id: string;
	/** "E1", "E2"… in list order. */
	ref: string;
	area: RequestArea;
	areaLabel: string;
	category: CategoryId;
	item: string;
	provide: string;
	population: string | null;
	frequency: RequestFrequency;
	frequencyLabel: string;
	/** Owner role, folded for small teams. */
	owner: string;
	/** The bank's owner role before folding. */
	bankOwner: string;
	criteria: string[];
	/** The questions it rests on that this assessment asks (not skipped, not N/A). */
	questions: {
		questionId: string;
		title: string;
		label: string;
		level: MaturityLevel | null;
		evidence: number;
	}[];
	/** Period text (the list's period). */
	period: string;
	/** Occurrences of the control in the window; null when not countable (event, automated, point in time, Type I, no window). */
	occurrences: number | null;
	occurrencesText: string;
	sample: SampleEstimate;
	status: RequestStatus;
	statusReason: string;
	/** ISO timestamp the user marked it prepared, or null. */
	prepared: string | null;
}

export interface EvidenceRequestList {
	period: RequestPeriod;
	rows: EvidenceRequestRow[];
	/** Requests left out, with why (category not selected, every question skipped or N/A). */
	excluded: { id: string; item: string; reason: string }[];
	counts: Record<RequestStatus, number> & { total: number; prepared: number };
	/** The caveat printed with every list: sample sizes are the CPA firm's call. */
	note: string;
}

/** One point of focus as the report shows it. */
export interface PointOfFocusRow {
	id: string;
	n: number;
	name: string;
	text: string;
	/**
	 * evidenced: a covering question is answered at level 3 or above (evidence will be asked for);
	 * weak: covering questions are answered below level 3; open: unanswered or "don't know";
	 * not-asked: no covering question is in this assessment; na: not applicable to SOC 2.
	 */
	status: 'evidenced' | 'weak' | 'open' | 'not-asked' | 'na';
	/** The covering questions in this assessment with their answer label. */
	questions: { questionId: string; title: string; label: string; level: MaturityLevel | null }[];
	/** Not-applicable reason or known-gap note. */
	note: string | null;
}

export interface PointOfFocusCriterionRow {
	criterionId: string;
	title: string;
	points: PointOfFocusRow[];
}
