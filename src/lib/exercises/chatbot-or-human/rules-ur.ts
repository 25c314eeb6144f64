import type { ChatRules } from './chat-engine';

/**
 * Urdu rules, written for Urdu (not translated from English): replies avoid echoing verbs,
 * which would break gender agreement, and patterns also catch common Roman Urdu spellings.
 */
export const rulesUr: ChatRules = {
	greeting: 'السلام علیکم! میں بات کرنے کے لیے حاضر ہوں۔ آج آپ کیسے ہیں؟',
	suggestions: ['السلام علیکم', 'میں امتحان کی وجہ سے پریشان ہوں', 'کیا آپ انسان ہیں؟', 'مجھے کرکٹ پسند ہے'],
	rules: [
		{
			id: 'are-you-human',
			patterns: [/(انسان|روبوٹ|مشین|کمپیوٹر|بوٹ|insaan|robot|bot)/],
			replies: ['آپ کو کیوں فرق پڑتا ہے کہ میں کون ہوں؟', 'آپ کے خیال میں میں کیا ہوں؟']
		},
		{
			id: 'greeting',
			patterns: [/(السلام|سلام|اسلام علیکم|آداب|ہیلو|salam|assalam|aoa|hello)/],
			replies: ['وعلیکم السلام! آپ کس بارے میں بات کرنا چاہیں گے؟', 'جی، بتائیے آپ کے دل میں کیا ہے؟']
		},
		{
			id: 'feeling',
			patterns: [/(اداس|پریشان|دکھی|غمگین|ناراض|تھکا|تھکی|خوش|udaas|pareshan|khush)/],
			replies: ['آپ کو ایسا کیوں محسوس ہو رہا ہے؟', 'یہ احساس کب سے ہے؟', 'کیا ایسا اکثر ہوتا ہے؟']
		},
		{
			id: 'family',
			patterns: [
				/(امی|ابو|ماں|والد|والدہ|بھائی|بہن|بیوی|شوہر|بچے|بچوں|بیٹا|بیٹی|گھر والے|ammi|abbu|bhai|behen)/
			],
			replies: ['اپنے گھر والوں کے بارے میں کچھ اور بتائیں۔', 'گھر میں سب کے ساتھ آپ کی کیسی بنتی ہے؟']
		},
		{
			id: 'like',
			patterns: [/مجھے (.+?) (پسند|اچھا لگتا|اچھی لگتی)/, /mujhe (.+?) pasand/],
			replies: ['{0} میں آپ کو سب سے اچھا کیا لگتا ہے؟', '{0} آپ کو کیوں پسند ہے؟']
		},
		{
			id: 'because',
			patterns: [/(کیونکہ|اس لیے|کیوں کہ|kyunke|kyun ke)/],
			replies: ['کیا اصل وجہ یہی ہے؟', 'اس کے علاوہ اور کیا وجہ ہو سکتی ہے؟']
		},
		{
			id: 'question',
			patterns: [/(کیا|کیوں|کیسے|کون|کہاں|کب|kya|kyun|kaise)/],
			replies: ['آپ یہ کیوں پوچھ رہے ہیں؟', 'آپ کو کس جواب سے تسلی ہو گی؟']
		},
		{
			id: 'yes-no',
			patterns: [/^(جی|ہاں|نہیں|جی نہیں|ٹھیک ہے|haan|nahi|jee|ok)( |$)/],
			replies: ['آپ کافی یقین سے کہہ رہے ہیں۔', 'اچھا، اور بتائیے۔']
		}
	],
	fallback: ['مزید بتائیے۔', 'اچھا، پھر کیا ہوا؟', 'اس بات سے آپ کو کیسا محسوس ہوتا ہے؟']
};
