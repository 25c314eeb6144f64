import type { ChatRules } from './chat-engine';

/**
 * Pashto rules, written in Pashto. Patterns also catch common Roman Pashto spellings.
 * Replies avoid echoing verbs, which would break Pashto gender and ergative agreement.
 */
export const rulesPs: ChatRules = {
	greeting: 'السلام علیکم! زه د خبرو لپاره حاضر یم. نن څنګه یاست؟',
	suggestions: [
		'السلام علیکم',
		'زه د ازموینې له امله پرېشانه یم',
		'ایا تاسو انسان یاست؟',
		'ما ته کرکټ خوښ دی'
	],
	rules: [
		{
			id: 'are-you-human',
			patterns: [/(انسان|روبوټ|ماشین|کمپیوټر|بوټ|insan|robot|bot)/],
			replies: ['تاسو ته ولې فرق کوي چې زه څوک یم؟', 'ستاسو په اند زه څه یم؟']
		},
		{
			id: 'greeting',
			patterns: [/(السلام|سلام|ستړي مه شئ|پخیر|هیلو|salam|starray ma shay|hello)/],
			replies: ['وعلیکم السلام! د څه په اړه خبرې کول غواړئ؟', 'هو، ووایاست، په زړه کې مو څه دي؟']
		},
		{
			id: 'feeling',
			patterns: [/(خفه|پرېشان|پریشان|غمجن|ستړی|ستړې|خوشاله|خوشحاله|khapa|pareshan|khushala)/],
			replies: ['ولې داسې احساس کوئ؟', 'دا احساس له کله راهیسې دی؟', 'ایا داسې اکثر کېږي؟']
		},
		{
			id: 'family',
			patterns: [/(مور|پلار|ورور|خور|ښځه|مېړه|ماشومان|زوی|لور|کورنۍ|mor|plar|wror|khor)/],
			replies: ['د خپلې کورنۍ په اړه نور څه ووایاست.', 'په کور کې له ټولو سره مو اړیکې څنګه دي؟']
		},
		{
			id: 'like',
			patterns: [/ما ته (.+?) (خوښ|ښه ښکاري)/, /زه (.+?) خوښوم/, /ma ta (.+?) khwakh/],
			replies: ['په {0} کې تاسو ته تر ټولو ښه څه ښکاري؟', '{0} ولې در باندې ګران دی؟']
		},
		{
			id: 'because',
			patterns: [/(ځکه|له دې امله|ځکه چې|dzaka|zaka)/],
			replies: ['ایا اصلي لامل همدا دی؟', 'له دې پرته بل کوم لامل کېدای شي؟']
		},
		{
			id: 'question',
			patterns: [/(ایا|څه|ولې|څنګه|څوک|چېرته|کله|sa|wale|sanga)/],
			replies: ['دا پوښتنه ولې کوئ؟', 'په کوم ځواب به ډاډه شئ؟']
		},
		{
			id: 'yes-no',
			patterns: [/^(هو|نه|سمه ده|ښه|ho|na|sama da|ok)( |$)/],
			replies: ['ډېر په ډاډ یې وایاست.', 'ښه، نور ووایاست.']
		}
	],
	fallback: ['نور ووایاست.', 'ښه، بیا څه وشول؟', 'له دې خبرې څه احساس کوئ؟']
};
