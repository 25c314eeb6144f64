import type { ChatRules } from './chat-engine';

/**
 * Saraiki rules, written in Saraiki (ݙ ڳ ڄ ٻ ݨ). Patterns also catch common Roman Saraiki
 * spellings; replies avoid echoing verbs, which would break gender agreement.
 */
export const rulesSkr: ChatRules = {
	greeting: 'السلام علیکم! میں ڳالھ مہاڑ کیتے حاضر ہاں۔ اڄ تُساں کیویں ہو؟',
	suggestions: ['السلام علیکم', 'میں امتحان پاروں پریشان ہاں', 'کیا تُساں بندے ہو؟', 'میکوں کرکٹ پسند ہے'],
	rules: [
		{
			id: 'are-you-human',
			patterns: [/(بندے|بندہ|انسان|روبوٹ|مشین|کمپیوٹر|بوٹ|banda|insaan|robot|bot)/],
			replies: ['تُہاکوں کیوں فرق پوندا ہے جو میں کوݨ ہاں؟', 'تُہاݙے خیال وِچ میں کیا ہاں؟']
		},
		{
			id: 'greeting',
			patterns: [/(السلام|سلام|ہیلو|salam|assalam|hello)/],
			replies: ['وعلیکم السلام! تُساں کیہڑی ڳالھ کرݨ چاہندے ہو؟', 'جی، ݙسو، دل وِچ کیا ہے؟']
		},
		{
			id: 'feeling',
			patterns: [/(اداس|پریشان|ݙکھی|ڈکھی|کاوڑ|تھکیا|تھکی|خوش|udaas|pareshan|khush)/],
			replies: ['تُہاکوں اینویں کیوں لڳدا پئے؟', 'ایہ احساس کݙݨ توں ہے؟', 'کیا اینویں اکثر تھیندا ہے؟']
		},
		{
			id: 'family',
			patterns: [/(اماں|امی|ابا|پیو|بھرا|بھیݨ|بھین|زال|گھر والا|ٻال|پُتر|دھی|ٹٻر|amma|abba|bhra)/],
			replies: ['اپݨے ٹٻر بارے ٻیا کُجھ ݙسو۔', 'گھر وِچ سبھ نال تُہاݙی کیویں بݨدی ہے؟']
		},
		{
			id: 'like',
			patterns: [/میکوں (.+?) (پسند|چنگا لڳدا|چنگی لڳدی)/, /meku (.+?) pasand/],
			replies: ['{0} وِچ تُہاکوں سبھ توں چنگا کیا لڳدا ہے؟', '{0} تُہاکوں کیوں پسند ہے؟']
		},
		{
			id: 'because',
			patterns: [/(کیوں جو|ایں کیتے|ایں سانگے|kyun jo)/],
			replies: ['کیا اصل وجہ ایہا ہے؟', 'ایں توں علاوہ ٻئی کیا وجہ تھی سڳدی ہے؟']
		},
		{
			id: 'question',
			patterns: [/(کیا|کیوں|کیویں|کوݨ|کون|کِتھاں|کتھاں|کݙݨ|kia|kyun|kiven)/],
			replies: ['تُساں ایہ کیوں پُچھدے پئے ہو؟', 'کیہڑے جواب نال تُہاݙی تسلی تھیسی؟']
		},
		{
			id: 'yes-no',
			patterns: [/^(جی|ہا|ہاں|نہ|کائنی|ٹھیک ہے|haan|na|theek|ok)( |$)/],
			replies: ['تُساں ٻہوں یقین نال آہدے پئے ہو۔', 'چنگا، ٻیا ݙسو۔']
		}
	],
	fallback: ['ٻیا ݙسو۔', 'چنگا، وَل کیا تھیا؟', 'ایں ڳالھ نال تُہاکوں کیویں لڳدا ہے؟']
};
