/**
 * The privacy notice and terms as sections of translated strings (locales/<lang>/privacy.json).
 * The date changes whenever the text's meaning changes; the page shows it.
 */
export const NOTICE_DATE = '2026-12-02';

export const NOTICE_SECTIONS: { heading: string; items?: string[]; text?: string }[] = [
	{ heading: 'deviceHeading', items: ['device.learn', 'device.courses', 'device.noTracking'] },
	{
		heading: 'collectHeading',
		items: ['collect.contact', 'collect.profile', 'collect.activity', 'collect.results', 'collect.never']
	},
	{ heading: 'whyHeading', items: ['why.progress', 'why.certificates', 'why.programmes', 'why.contact'] },
	{
		heading: 'whoHeading',
		items: ['who.you', 'who.trainer', 'who.employer', 'who.partner', 'who.coe', 'who.verifier']
	},
	{ heading: 'countsHeading', text: 'counts', items: ['reach'] },
	{ heading: 'keepHeading', items: ['keep.account', 'keep.certificates'] },
	{ heading: 'certificatesHeading', text: 'certificates' },
	{
		heading: 'choicesHeading',
		items: [
			'choices.noAccount',
			'choices.consents',
			'choices.correct',
			'choices.download',
			'choices.delete',
			'choices.ask'
		]
	},
	{ heading: 'safetyHeading', text: 'safety' }
];

export const TERMS_ITEMS = [
	'use',
	'account',
	'honest',
	'misuse',
	'advice',
	'translations',
	'availability',
	'certificates',
	'changes'
];
