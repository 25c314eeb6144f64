import type { ChatRules } from './chat-engine';

/**
 * Punjabi (Shahmukhi) rules, written in Punjabi. Patterns also catch common Roman Punjabi
 * spellings; replies avoid echoing verbs, which would break gender agreement.
 */
export const rulesPaArab: ChatRules = {
	greeting: 'السلام علیکم! میں گل بات لئی حاضر آں۔ اج تُسیں کیویں او؟',
	suggestions: ['السلام علیکم', 'میں امتحان پاروں پریشان آں', 'کیہ تُسیں بندے او؟', 'مینوں کرکٹ پسند اے'],
	rules: [
		{
			id: 'are-you-human',
			patterns: [/(بندے|بندہ|انسان|روبوٹ|مشین|کمپیوٹر|بوٹ|banda|insaan|robot|bot)/],
			replies: ['تہانوں کیوں فرق پیندا اے پئی میں کون آں؟', 'تہاڈے خیال وچ میں کیہ آں؟']
		},
		{
			id: 'greeting',
			patterns: [/(السلام|سلام|ست سری اکال|ہیلو|salam|assalam|hello)/],
			replies: ['وعلیکم السلام! تُسیں کیہڑی گل کرنا چاہندے او؟', 'جی، دسو، دل وچ کیہ اے؟']
		},
		{
			id: 'feeling',
			patterns: [/(اداس|پریشان|دکھی|غصے|تھکیا|تھکی|خوش|udaas|pareshan|khush)/],
			replies: ['تہانوں اینج کیوں لگ رہیا اے؟', 'ایہہ احساس کدوں توں اے؟', 'کیہ اینج اکثر ہوندا اے؟']
		},
		{
			id: 'family',
			patterns: [/(ماں|امی|ابا|پیو|بھرا|بھین|ووہٹی|گھر والا|بچے|پُتر|دھی|ٹبر|ammi|abba|bhra|bhain)/],
			replies: ['اپنے ٹبر بارے ہور کجھ دسو۔', 'گھر وچ سب نال تہاڈی کیویں بندی اے؟']
		},
		{
			id: 'like',
			patterns: [/مینوں (.+?) (پسند|چنگا لگدا|چنگی لگدی)/, /mainu (.+?) pasand/],
			replies: ['{0} وچ تہانوں سب توں چنگا کیہ لگدا اے؟', '{0} تہانوں کیوں پسند اے؟']
		},
		{
			id: 'because',
			patterns: [/(کیوں جے|ایس لئی|کیونکہ|kyunke|is layi)/],
			replies: ['کیہ اصل وجہ ایہو اے؟', 'ایہدے توں علاوہ ہور کیہ وجہ ہو سکدی اے؟']
		},
		{
			id: 'question',
			patterns: [/(کیہ|کیوں|کیویں|کون|کِتھے|کتھے|کدوں|ki|kyun|kiven)/],
			replies: ['تُسیں ایہہ کیوں پچھ رہے او؟', 'کیہڑے جواب نال تہاڈی تسلی ہووے گی؟']
		},
		{
			id: 'yes-no',
			patterns: [/^(جی|ہاں|ہا|نئیں|نہیں|ٹھیک اے|haan|nahi|theek|ok)( |$)/],
			replies: ['تُسیں بڑے یقین نال آکھ رہے او۔', 'چنگا، ہور دسو۔']
		}
	],
	fallback: ['ہور دسو۔', 'چنگا، فیر کیہ ہویا؟', 'ایس گل نال تہانوں کیویں لگدا اے؟']
};
