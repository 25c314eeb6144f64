import type { ChatRules } from './chat-engine';

/** English rules, in priority order (the first match answers). */
export const rulesEn: ChatRules = {
	greeting: 'Hello! I am here to chat. How are you today?',
	suggestions: ['Hello', 'I am worried about my exams', 'Are you a real person?', 'I like cricket'],
	reflections: {
		i: 'you',
		me: 'you',
		my: 'your',
		am: 'are',
		mine: 'yours',
		myself: 'yourself',
		"i'm": 'you are'
	},
	rules: [
		{
			id: 'are-you-human',
			patterns: [/\bare you (a )?(real|human|person|robot|bot|machine|computer)\b/, /\b(bot|robot|human)\b/],
			replies: ['Why does it matter to you who I am?', 'What do you think I am?']
		},
		{
			id: 'greeting',
			patterns: [/\b(hello|hi|hey|salam|assalam[ -]?o?[ -]?alaikum|good (morning|evening))\b/],
			replies: ['Hello! What would you like to talk about?', 'Hi again. Tell me what is on your mind.']
		},
		{
			id: 'feeling',
			patterns: [
				/\bi (?:am|feel|'m) (?:very |so |a bit )?(sad|worried|tired|angry|upset|stressed|lonely|scared|happy|excited)\b/
			],
			replies: ['Why do you feel {0}?', 'How long have you felt {0}?', 'Does feeling {0} happen often?']
		},
		{
			id: 'i-am',
			patterns: [/\bi am (.+)/, /\bi'm (.+)/],
			replies: ['Why do you say you are {0}?', 'How long have you been {0}?']
		},
		{
			id: 'family',
			patterns: [
				/\b(mother|father|mom|dad|ammi|abbu|brother|sister|wife|husband|family|children|son|daughter)\b/
			],
			replies: ['Tell me more about your family.', 'How do you get along with your {0}?']
		},
		{
			id: 'like',
			patterns: [/\bi (?:like|love|enjoy) (.+)/],
			replies: ['What do you enjoy most about {0}?', 'Why do you like {0}?']
		},
		{
			id: 'because',
			patterns: [/\bbecause\b/],
			replies: ['Is that the real reason?', 'What other reasons come to mind?']
		},
		{
			id: 'question',
			patterns: [/^(what|why|how|who|where|when|can|do|is|will)\b/],
			replies: ['Why do you ask?', 'What answer would please you most?']
		},
		{
			id: 'yes-no',
			patterns: [/^(yes|no|yeah|nope|ok|okay)\b/],
			replies: ['You seem quite sure.', 'I see. Please go on.']
		}
	],
	fallback: ['Please tell me more.', 'I see. Go on.', 'How does that make you feel?']
};
