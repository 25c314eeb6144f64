import type { ChatRules } from './chat-engine';

/**
 * Balochi rules, written in Balochi. Patterns also catch common Roman Balochi spellings;
 * replies avoid echoing the learner's verbs.
 */
export const rulesBal: ChatRules = {
	greeting: 'السلام علیکم! من گپ ءُ ترانءِ ہاترا ہستاں۔ مرچی شما چۏن اِت؟',
	suggestions: ['السلام علیکم', 'من امتحانءِ سببءَ پریشان آں', 'شما انسان اِت؟', 'منا کرکٹ دۏست بیت'],
	rules: [
		{
			id: 'are-you-human',
			patterns: [/(انسان|مردم|روبوٹ|مشین|کمپیوٹر|بوٹ|insan|robot|bot)/],
			replies: ['شمارا پرچا پرک کنت کہ من کئے آں؟', 'شمئے ہیالءَ من چے آں؟']
		},
		{
			id: 'greeting',
			patterns: [/(السلام|سلام|وش آتکے|ہیلو|salam|wash atkay|hello)/],
			replies: ['وعلیکم السلام! شما کجام گپّءِ سرا گپ جنگ لۏٹیت؟', 'جی، بگُشیت، دلءَ چے اِنت؟']
		},
		{
			id: 'feeling',
			patterns: [/(گمیگ|پریشان|ناوش|زَہر|سست|وش|gamig|pareshan|wash)/],
			replies: ['شمارا پرچا چشیں سما بیت؟', 'اے سما کدی چہ اِنت؟', 'انچو باز رند بیت؟']
		},
		{
			id: 'family',
			patterns: [/(مات|پت|برات|گہار|جن|لۏگ|بچّ|جنک|چُک|لۏگءِ مردم|mat|pit|brat|gohar)/],
			replies: ['وتی لۏگءِ مردمانی بارءَ گیشتر بگُشیت۔', 'لۏگءَ گۏں درستاں شمئے چۏن جۏڑ اِنت؟']
		},
		{
			id: 'like',
			patterns: [/منا (.+?) (دۏست|وش|شرّ لگیت)/, /mana (.+?) dost/],
			replies: ['{0}ءِ تہا شمارا چہ درستاں گیشتر چے وش بیت؟', '{0} شمارا پرچا دۏست اِنت؟']
		},
		{
			id: 'because',
			patterns: [/(پرچا کہ|پمیشا|chiya ke|pamesha)/],
			replies: ['اصلی سوب ہمیش اِنت؟', 'اشیءَ ابید دگہ چے سوبے بوت کنت؟']
		},
		{
			id: 'question',
			patterns: [/(چے|پرچا|چۏن|کئے|کجا|کدی|che|parcha|chon)/],
			replies: ['شما اے جُستءَ پرچا کنیت؟', 'کجام پسّوءَ شمارا دلجمی بیت؟']
		},
		{
			id: 'yes-no',
			patterns: [/^(جی|ہاں|ہو|نہ|شرّ اِنت|ho|na|ok)( |$)/],
			replies: ['شما باز باورءَ گۏں گُشیت۔', 'شرّ، گیشتر بگُشیت۔']
		}
	],
	fallback: ['گیشتر بگُشیت۔', 'شرّ، گڈا چے بوت؟', 'اے گپّءَ گۏں شمارا چۏن سما بیت؟']
};
