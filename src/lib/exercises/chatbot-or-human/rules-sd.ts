import type { ChatRules } from './chat-engine';

/**
 * Sindhi rules, written in Sindhi (Sindhi letters ڪ ڏ ٿ…, not Urdu shapes). Patterns also
 * catch common Roman Sindhi spellings, because many learners type in Latin letters.
 */
export const rulesSd: ChatRules = {
	greeting: 'السلام عليڪم! مان ڳالهائڻ لاءِ حاضر آهيان. اڄ اوهان ڪيئن آهيو؟',
	suggestions: [
		'السلام عليڪم',
		'مان امتحان ڪري پريشان آهيان',
		'ڇا اوهان انسان آهيو؟',
		'مون کي ڪرڪيٽ پسند آهي'
	],
	rules: [
		{
			id: 'are-you-human',
			patterns: [/(انسان|روبوٽ|مشين|ڪمپيوٽر|بوٽ|insan|robot|bot)/],
			replies: ['اوهان کي ڇو فرق ٿو پوي ته مان ڪير آهيان؟', 'اوهان جي خيال ۾ مان ڇا آهيان؟']
		},
		{
			id: 'greeting',
			patterns: [/(السلام|سلام|ڀلي ڪري آيا|هيلو|salam|assalam|hello)/],
			replies: ['وعليڪم السلام! اوهان ڪهڙي ڳالهه ڪرڻ چاهيو ٿا؟', 'جي، ٻڌايو، دل ۾ ڇا آهي؟']
		},
		{
			id: 'feeling',
			patterns: [/(اداس|پريشان|ڏکي|ڪاوڙ|ٿڪل|خوش|udas|pareshan|khush)/],
			replies: ['اوهان کي ائين ڇو ٿو محسوس ٿئي؟', 'اهو احساس ڪڏهن کان آهي؟', 'ڇا ائين گهڻو ٿيندو آهي؟']
		},
		{
			id: 'family',
			patterns: [/(امان|امي|بابا|ابو|ڀاءُ|ڀيڻ|زال|مڙس|ٻار|پٽ|ڌيءَ|گهر وارا|amma|baba|bhau|bhen)/],
			replies: ['پنهنجي گهر وارن بابت ڪجهه وڌيڪ ٻڌايو.', 'گهر ۾ سڀني سان اوهان جي ڪيئن ٿي ٺهي؟']
		},
		{
			id: 'like',
			patterns: [/مون کي (.+?) (پسند|سٺو لڳندو|سٺي لڳندي)/, /mokhe (.+?) pasand/],
			replies: ['{0} ۾ اوهان کي سڀ کان سٺو ڇا ٿو لڳي؟', '{0} اوهان کي ڇو پسند آهي؟']
		},
		{
			id: 'because',
			patterns: [/(ڇاڪاڻ ته|ڇو ته|تنهن ڪري|chho ta|chhakaan ta)/],
			replies: ['ڇا اصل سبب اهوئي آهي؟', 'ان کان سواءِ ٻيو ڪهڙو سبب ٿي سگهي ٿو؟']
		},
		{
			id: 'question',
			patterns: [/(ڇا|ڇو|ڪيئن|ڪير|ڪٿي|ڪڏهن|chha|chho|kiyan)/],
			replies: ['اوهان اهو ڇو ٿا پڇو؟', 'ڪهڙي جواب سان اوهان کي تسلي ٿيندي؟']
		},
		{
			id: 'yes-no',
			patterns: [/^(جي|ها|نه|جي نه|ٺيڪ آهي|ha|na|theek|ok)( |$)/],
			replies: ['اوهان ڪافي يقين سان چئو ٿا.', 'چڱو، ٻيو ٻڌايو.']
		}
	],
	fallback: ['وڌيڪ ٻڌايو.', 'چڱو، پوءِ ڇا ٿيو؟', 'ان ڳالهه تي اوهان کي ڪيئن ٿو محسوس ٿئي؟']
};
