/**
 * An ELIZA-style chatbot: an ordered list of rules, each a few patterns and canned replies.
 * The first rule whose pattern matches the message answers; `{0}` in a reply is replaced by
 * the matched words (with "I"/"my" turned into "you"/"your" where the language says how).
 * Nothing here understands anything — which is the point of the exercise.
 */
export interface ChatRule {
	/** Same ids in every language: the explanation text is looked up by id. */
	id: string;
	patterns: RegExp[];
	replies: string[];
}

export interface ChatRules {
	greeting: string;
	rules: ChatRule[];
	/** Used when nothing matched (rule id `fallback`). */
	fallback: string[];
	/** Word swaps for echoed text, e.g. my → your. */
	reflections?: Record<string, string>;
	/** Ready-made messages a learner can send with one tap. */
	suggestions: string[];
}

export interface BotReply {
	text: string;
	ruleId: string;
	/** The words that made the rule fire (empty for the fallback). */
	matched: string;
}

/** Lower case, no sentence punctuation, single spaces — in Latin and Arabic script. */
export function normalise(message: string): string {
	return message
		.toLowerCase()
		.replace(/[.,!?؟۔،;:"()]/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}

function reflect(text: string, reflections: Record<string, string> = {}): string {
	return text
		.split(' ')
		.map((word) => reflections[word] ?? word)
		.join(' ');
}

/** A chatbot with its own memory of how often each rule fired (to rotate replies). */
export function createChatbot(rules: ChatRules) {
	const fired: Record<string, number> = {};
	const pick = (id: string, replies: string[]) => {
		const n = (fired[id] = (fired[id] ?? 0) + 1);
		return replies[(n - 1) % replies.length] ?? '';
	};
	return {
		reply(message: string): BotReply {
			const text = normalise(message);
			for (const rule of rules.rules) {
				for (const pattern of rule.patterns) {
					const match = pattern.exec(text);
					if (!match) continue;
					const echo = reflect((match[1] ?? match[0]).trim(), rules.reflections);
					return {
						text: pick(rule.id, rule.replies).replace('{0}', echo),
						ruleId: rule.id,
						matched: match[0]
					};
				}
			}
			return { text: pick('fallback', rules.fallback), ruleId: 'fallback', matched: '' };
		}
	};
}
