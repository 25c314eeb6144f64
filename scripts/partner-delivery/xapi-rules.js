// The xAPI 1.0.3 statement rules that apply to what Seekh sends (xAPI-Data.md, section 2.4),
// checked in tests before any statement reaches a partner's LRS: an LRS rejects the whole batch
// for one bad statement. Returns the problems found (empty = valid).

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
// ISO 8601 date-time with a time zone (the spec requires one for timestamp).
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/i;

const isObject = (/** @type {unknown} */ v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An absolute IRI: a scheme and something after it; http(s) ones must parse as URLs. */
export function isIri(/** @type {unknown} */ v) {
	if (typeof v !== 'string' || !/^[a-z][a-z0-9+.-]*:\S+$/i.test(v)) return false;
	if (/^https?:/i.test(v)) {
		try {
			return Boolean(new URL(v).host);
		} catch {
			return false;
		}
	}
	return true;
}

/**
 * @param {Record<string, unknown>} obj
 * @param {string[]} allowed
 * @param {string} where
 * @param {string[]} problems
 */
function onlyKeys(obj, allowed, where, problems) {
	for (const k of Object.keys(obj))
		if (!allowed.includes(k)) problems.push(`${where}: unknown property ${k}`);
}

/** @param {unknown} map @param {string} where @param {string[]} problems */
function languageMap(map, where, problems) {
	if (!isObject(map)) return void problems.push(`${where}: must be a language map`);
	for (const [tag, text] of Object.entries(/** @type {object} */ (map))) {
		if (!LANGUAGE_TAG.test(tag)) problems.push(`${where}: ${tag} is not an RFC 5646 language tag`);
		if (typeof text !== 'string') problems.push(`${where}.${tag}: must be a string`);
	}
}

/** @param {any} activity @param {string} where @param {string[]} problems */
function checkActivity(activity, where, problems) {
	if (!isObject(activity)) return void problems.push(`${where}: must be an object`);
	onlyKeys(activity, ['objectType', 'id', 'definition'], where, problems);
	if (activity.objectType !== undefined && activity.objectType !== 'Activity')
		problems.push(`${where}.objectType: must be Activity`);
	if (!isIri(activity.id)) problems.push(`${where}.id: must be an IRI`);
	if (activity.definition !== undefined) {
		const d = activity.definition;
		if (!isObject(d)) return void problems.push(`${where}.definition: must be an object`);
		onlyKeys(
			d,
			['name', 'description', 'type', 'moreInfo', 'extensions', 'interactionType'],
			`${where}.definition`,
			problems
		);
		if (d.name !== undefined) languageMap(d.name, `${where}.definition.name`, problems);
		if (d.description !== undefined) languageMap(d.description, `${where}.definition.description`, problems);
		if (d.type !== undefined && !isIri(d.type)) problems.push(`${where}.definition.type: must be an IRI`);
	}
}

/** @param {any} actor @param {string[]} problems */
function checkActor(actor, problems) {
	if (!isObject(actor)) return void problems.push('actor: required');
	onlyKeys(actor, ['objectType', 'name', 'mbox', 'mbox_sha1sum', 'openid', 'account'], 'actor', problems);
	if (actor.objectType !== undefined && actor.objectType !== 'Agent')
		problems.push('actor.objectType: must be Agent');
	const ifis = ['mbox', 'mbox_sha1sum', 'openid', 'account'].filter((k) => actor[k] !== undefined);
	if (ifis.length !== 1) problems.push('actor: exactly one inverse functional identifier');
	// Seekh's own rule on top of the spec: learners are accounts, never e-mail addresses.
	if (ifis[0] !== 'account') problems.push('actor: must be identified by account');
	const a = actor.account;
	if (a !== undefined) {
		if (!isObject(a)) return void problems.push('actor.account: must be an object');
		onlyKeys(a, ['homePage', 'name'], 'actor.account', problems);
		if (!isIri(a.homePage) || !/^https?:/i.test(a.homePage))
			problems.push('actor.account.homePage: must be an IRL');
		if (typeof a.name !== 'string' || a.name.length === 0) problems.push('actor.account.name: required');
	}
}

/** @param {any} result @param {string[]} problems */
function checkResult(result, problems) {
	if (!isObject(result)) return void problems.push('result: must be an object');
	onlyKeys(
		result,
		['score', 'success', 'completion', 'response', 'duration', 'extensions'],
		'result',
		problems
	);
	for (const k of ['success', 'completion'])
		if (result[k] !== undefined && typeof result[k] !== 'boolean')
			problems.push(`result.${k}: must be a boolean`);
	if (
		result.duration !== undefined &&
		!/^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/.test(result.duration)
	)
		problems.push('result.duration: must be an ISO 8601 duration');
	const s = result.score;
	if (s === undefined) return;
	if (!isObject(s)) return void problems.push('result.score: must be an object');
	onlyKeys(s, ['scaled', 'raw', 'min', 'max'], 'result.score', problems);
	for (const k of ['scaled', 'raw', 'min', 'max'])
		if (s[k] !== undefined && (typeof s[k] !== 'number' || !Number.isFinite(s[k])))
			problems.push(`result.score.${k}: must be a number`);
	if (s.scaled !== undefined && (s.scaled < -1 || s.scaled > 1))
		problems.push('result.score.scaled: must be between -1 and 1');
	if (s.min !== undefined && s.max !== undefined && !(s.min < s.max))
		problems.push('result.score: min must be below max');
	if (s.raw !== undefined && s.min !== undefined && s.raw < s.min)
		problems.push('result.score.raw: below min');
	if (s.raw !== undefined && s.max !== undefined && s.raw > s.max)
		problems.push('result.score.raw: above max');
}

/** @param {any} context @param {string[]} problems */
function checkContext(context, problems) {
	if (!isObject(context)) return void problems.push('context: must be an object');
	onlyKeys(
		context,
		[
			'registration',
			'instructor',
			'team',
			'contextActivities',
			'revision',
			'platform',
			'language',
			'statement',
			'extensions'
		],
		'context',
		problems
	);
	if (context.registration !== undefined && !UUID.test(context.registration))
		problems.push('context.registration: must be a UUID');
	if (context.platform !== undefined && typeof context.platform !== 'string')
		problems.push('context.platform: must be a string');
	if (context.language !== undefined && !LANGUAGE_TAG.test(context.language))
		problems.push('context.language: RFC 5646');
	const ca = context.contextActivities;
	if (ca === undefined) return;
	if (!isObject(ca)) return void problems.push('context.contextActivities: must be an object');
	onlyKeys(ca, ['parent', 'grouping', 'category', 'other'], 'context.contextActivities', problems);
	for (const [k, list] of Object.entries(ca)) {
		for (const [i, activity] of (Array.isArray(list) ? list : [list]).entries())
			checkActivity(activity, `context.contextActivities.${k}[${i}]`, problems);
	}
}

/**
 * @param {any} statement
 * @returns {string[]}
 */
export function validateStatement(statement) {
	/** @type {string[]} */
	const problems = [];
	if (!isObject(statement)) return ['statement: must be an object'];
	onlyKeys(
		statement,
		[
			'id',
			'actor',
			'verb',
			'object',
			'result',
			'context',
			'timestamp',
			'stored',
			'authority',
			'version',
			'attachments'
		],
		'statement',
		problems
	);
	if (!UUID.test(String(statement.id ?? ''))) problems.push('id: must be a UUID');
	checkActor(statement.actor, problems);
	const verb = statement.verb;
	if (!isObject(verb)) problems.push('verb: required');
	else {
		onlyKeys(verb, ['id', 'display'], 'verb', problems);
		if (!isIri(verb.id)) problems.push('verb.id: must be an IRI');
		if (verb.display === undefined) problems.push('verb.display: required by Seekh');
		else languageMap(verb.display, 'verb.display', problems);
	}
	checkActivity(statement.object, 'object', problems);
	if (statement.result !== undefined) checkResult(statement.result, problems);
	if (statement.context !== undefined) checkContext(statement.context, problems);
	if (
		statement.timestamp !== undefined &&
		(!TIMESTAMP.test(statement.timestamp) || Number.isNaN(Date.parse(statement.timestamp)))
	)
		problems.push('timestamp: must be ISO 8601 with a time zone');
	return problems;
}
