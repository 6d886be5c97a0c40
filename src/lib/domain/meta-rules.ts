/**
 * Rules on the assessment details that the create dialog (list) and the Start stage (interview)
 * both apply, in one place so that they can never disagree.
 */

/**
 * A same-day target is accepted (the engine then reports it cannot be met); an earlier one is
 * refused, with these words.
 */
export const TARGET_BEFORE_ASSESSMENT =
	'The target report date cannot be before the assessment date.';
