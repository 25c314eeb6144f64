import { describe, expect, it } from 'vitest';
import { createChatbot, normalise } from './chat-engine';
import { LANGUAGE_CODES } from '$lib/i18n/languages';
import { rulesFor } from './rules';

function chat(lang: 'en' | 'ur', messages: string[]) {
	const bot = createChatbot(rulesFor(lang).rules);
	return messages.map((m) => {
		const r = bot.reply(m);
		return [r.ruleId, r.text];
	});
}

describe('chatbot rules', () => {
	it('normalises case, punctuation and spacing in both scripts', () => {
		expect(normalise('  Hello,  THERE!! ')).toBe('hello there');
		expect(normalise('کیا آپ انسان ہیں؟')).toBe('کیا آپ انسان ہیں');
		expect(normalise("I'm fine.")).toBe("i'm fine");
	});

	it('answers English messages by the first rule that matches, echoing with reflections', () => {
		expect(
			chat('en', [
				'Hello!',
				'I am worried about my exams',
				'I like playing cricket with my brother',
				'Are you a real person?',
				'The weather is nice',
				'I am going to Lahore tomorrow',
				'Because I must',
				'What is AI?',
				'hello'
			])
		).toEqual([
			['greeting', 'Hello! What would you like to talk about?'],
			['feeling', 'Why do you feel worried?'],
			['family', 'Tell me more about your family.'],
			['are-you-human', 'Why does it matter to you who I am?'],
			['fallback', 'Please tell me more.'],
			['i-am', 'Why do you say you are going to lahore tomorrow?'],
			['because', 'Is that the real reason?'],
			['question', 'Why do you ask?'],
			['greeting', 'Hi again. Tell me what is on your mind.']
		]);
		expect(chat('en', ['I like my village'])).toEqual([
			['like', 'What do you enjoy most about your village?']
		]);
	});

	it('answers Urdu and Roman Urdu messages with Urdu rules', () => {
		expect(
			chat('ur', [
				'السلام علیکم',
				'میں امتحان کی وجہ سے پریشان ہوں',
				'مجھے کرکٹ پسند ہے',
				'کیا آپ انسان ہیں؟',
				'میری امی بیمار ہیں',
				'aaj barish ho rahi hai',
				'mujhe biryani pasand hai',
				'جی'
			])
		).toEqual([
			['greeting', 'وعلیکم السلام! آپ کس بارے میں بات کرنا چاہیں گے؟'],
			['feeling', 'آپ کو ایسا کیوں محسوس ہو رہا ہے؟'],
			['like', 'کرکٹ میں آپ کو سب سے اچھا کیا لگتا ہے؟'],
			['are-you-human', 'آپ کو کیوں فرق پڑتا ہے کہ میں کون ہوں؟'],
			['family', 'اپنے گھر والوں کے بارے میں کچھ اور بتائیں۔'],
			['fallback', 'مزید بتائیے۔'],
			['like', 'biryani آپ کو کیوں پسند ہے؟'],
			['yes-no', 'آپ کافی یقین سے کہہ رہے ہیں۔']
		]);
	});

	it('reports the words that made a rule fire', () => {
		const bot = createChatbot(rulesFor('ur').rules);
		expect(bot.reply('میں بہت اداس ہوں').matched).toBe('اداس');
		expect(bot.reply('xyz').matched).toBe('');
	});

	// Sindhi and Pashto learners used to get Urdu rules without notice: every language now
	// chats in its own words, and its ready-made messages are understood by its own rules.
	it.each(LANGUAGE_CODES)('chats in %s with its own rules', (lang) => {
		const { rules, lang: chatLang } = rulesFor(lang);
		expect(chatLang).toBe(lang);
		if (lang !== 'ur') expect(rules.greeting).not.toBe(rulesFor('ur').rules.greeting);
		const bot = createChatbot(rules);
		const fired = rules.suggestions.map((s) => bot.reply(s).ruleId);
		expect(fired).not.toContain('fallback');
		expect(new Set(fired).size).toBe(fired.length);
		// Rule ids name the explanation shown afterwards, so they come from the shared set.
		const known = rulesFor('en').rules.rules.map((r) => r.id);
		for (const rule of rules.rules) expect(known).toContain(rule.id);
	});

	it.each([
		['sd', 'مون کي ڪرڪيٽ پسند آهي', 'like', 'ڪرڪيٽ'],
		['ps', 'زه ډېر خفه یم', 'feeling', ''],
		['pa-Arab', 'میری ماں بیمار اے', 'family', ''],
		['skr', 'میکوں کرکٹ پسند ہے', 'like', 'کرکٹ'],
		['bal', 'شما روبوٹ اِت؟', 'are-you-human', '']
	] as const)('answers %s messages with %s-language replies', (lang, message, ruleId, echoed) => {
		const reply = createChatbot(rulesFor(lang).rules).reply(message);
		expect(reply.ruleId).toBe(ruleId);
		if (echoed) expect(reply.text).toContain(echoed);
		expect(reply.text).not.toMatch(/[A-Za-z]/);
	});
});
