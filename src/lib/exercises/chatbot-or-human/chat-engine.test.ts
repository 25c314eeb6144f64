import { describe, expect, it } from 'vitest';
import { createChatbot, normalise } from './chat-engine';
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

	it('falls back to Urdu rules for languages without their own', () => {
		expect(rulesFor('sd').lang).toBe('ur');
		expect(rulesFor('en').lang).toBe('en');
	});
});
