-- SAMPLE DATA for development and tests only (applied by the local stack, never pushed to a
-- hosted project). Shaped like Pakistan's public sector and the programme, but the units below
-- are examples: every row is marked is_sample, and every screen shows that mark.
-- Re-running is harmless: rows are matched by their stable code.
create temporary table sample_units (code text, parent text, kind text, en text, ur text, province text, district text)
  on commit drop;
insert into sample_units values
  ('PK',              null,       'programme',              'National AI Programme',                         'قومی اے آئی پروگرام', null, null),
  ('FED',             'PK',       'federal_government',     'Federal Government',                            'وفاقی حکومت', 'islamabad', null),
  ('FED-CAB',         'FED',      'ministry',               'Cabinet Secretariat',                           'کابینہ سیکرٹریٹ', 'islamabad', null),
  ('FED-ESTAB',       'FED-CAB',  'division',               'Establishment Division',                        'اسٹیبلشمنٹ ڈویژن', 'islamabad', null),
  ('FED-ESTAB-TW',    'FED-ESTAB','wing',                   'Training Wing',                                 'تربیتی ونگ', 'islamabad', null),
  ('FED-ESTAB-TW-S1', 'FED-ESTAB-TW','section',             'Training Section I',                            'تربیتی سیکشن اول', 'islamabad', null),
  ('FED-NSPP',        'FED-ESTAB','autonomous_body',        'National School of Public Policy',              'نیشنل اسکول آف پبلک پالیسی', 'punjab', 'Lahore'),
  ('FED-MOITT',       'FED',      'ministry',               'Ministry of IT and Telecommunication',          'وزارتِ انفارمیشن ٹیکنالوجی و ٹیلی کمیونیکیشن', 'islamabad', null),
  ('FED-ITD',         'FED-MOITT','division',               'IT and Telecom Division',                       'آئی ٹی و ٹیلی کام ڈویژن', 'islamabad', null),
  ('FED-ITD-AIW',     'FED-ITD',  'wing',                   'Artificial Intelligence Wing',                  'مصنوعی ذہانت ونگ', 'islamabad', null),
  ('FED-ITD-AIW-POL', 'FED-ITD-AIW','section',              'AI Policy Section',                             'اے آئی پالیسی سیکشن', 'islamabad', null),
  ('FED-NITB',        'FED-ITD',  'attached_department',    'National Information Technology Board',         'نیشنل انفارمیشن ٹیکنالوجی بورڈ', 'islamabad', null),
  ('FED-PSEB',        'FED-ITD',  'autonomous_body',        'Pakistan Software Export Board',                'پاکستان سافٹ ویئر ایکسپورٹ بورڈ', 'islamabad', null),
  ('FED-FIN',         'FED',      'ministry',               'Finance Division',                              'فنانس ڈویژن', 'islamabad', null),
  ('FED-FIN-EXP',     'FED-FIN',  'wing',                   'Expenditure Wing',                              'اخراجات ونگ', 'islamabad', null),
  ('PB',              'PK',       'provincial_government',  'Government of the Punjab',                      'حکومتِ پنجاب', 'punjab', null),
  ('PB-SED',          'PB',       'provincial_department',  'School Education Department, Punjab',           'محکمہ اسکول ایجوکیشن، پنجاب', 'punjab', null),
  ('PB-SED-LHR',      'PB-SED',   'district_office',        'District Education Authority, Lahore',          'ضلعی تعلیمی اتھارٹی، لاہور', 'punjab', 'Lahore'),
  ('PB-SED-MUL',      'PB-SED',   'district_office',        'District Education Authority, Multan',          'ضلعی تعلیمی اتھارٹی، ملتان', 'punjab', 'Multan'),
  ('PB-SED-LHR-GGHS', 'PB-SED-LHR','school',                'Government Girls High School, Model Town (sample)', 'گورنمنٹ گرلز ہائی اسکول، ماڈل ٹاؤن (نمونہ)', 'punjab', 'Lahore'),
  ('SD',              'PK',       'provincial_government',  'Government of Sindh',                           'حکومتِ سندھ', 'sindh', null),
  ('SD-SITD',         'SD',       'provincial_department',  'Science and IT Department, Sindh',              'محکمہ سائنس و آئی ٹی، سندھ', 'sindh', null),
  ('SD-SITD-KHI',     'SD-SITD',  'district_office',        'District Office, Karachi South',                'ضلعی دفتر، کراچی جنوبی', 'sindh', 'Karachi South'),
  ('KP',              'PK',       'provincial_government',  'Government of Khyber Pakhtunkhwa',              'حکومتِ خیبر پختونخوا', 'khyber-pakhtunkhwa', null),
  ('KP-STD',          'KP',       'provincial_department',  'Science and Technology and IT Department, KP',  'محکمہ سائنس و ٹیکنالوجی و آئی ٹی، خیبر پختونخوا', 'khyber-pakhtunkhwa', null),
  ('BA',              'PK',       'provincial_government',  'Government of Balochistan',                     'حکومتِ بلوچستان', 'balochistan', null),
  ('BA-ITD',          'BA',       'provincial_department',  'Science and IT Department, Balochistan',        'محکمہ سائنس و آئی ٹی، بلوچستان', 'balochistan', null),
  ('COE',             'PK',       'coe_ai',                 'Centres of Excellence in AI (CoE-AI)',          'مراکزِ فضیلت برائے مصنوعی ذہانت', 'islamabad', null),
  ('COE-ISB',         'COE',      'coe_centre',             'CoE-AI Centre, Islamabad (sample)',             'سی او ای-اے آئی مرکز، اسلام آباد (نمونہ)', 'islamabad', 'Islamabad'),
  ('COE-LHR',         'COE',      'coe_centre',             'CoE-AI Centre, Lahore (sample)',                'سی او ای-اے آئی مرکز، لاہور (نمونہ)', 'punjab', 'Lahore'),
  ('COE-KHI',         'COE',      'coe_centre',             'CoE-AI Centre, Karachi (sample)',               'سی او ای-اے آئی مرکز، کراچی (نمونہ)', 'sindh', 'Karachi South'),
  ('COE-PSH',         'COE',      'coe_centre',             'CoE-AI Centre, Peshawar (sample)',              'سی او ای-اے آئی مرکز، پشاور (نمونہ)', 'khyber-pakhtunkhwa', 'Peshawar'),
  ('COE-QTA',         'COE',      'coe_centre',             'CoE-AI Centre, Quetta (sample)',                'سی او ای-اے آئی مرکز، کوئٹہ (نمونہ)', 'balochistan', 'Quetta'),
  ('COE-FSD',         'COE',      'coe_centre',             'CoE-AI Centre, Faisalabad (sample)',            'سی او ای-اے آئی مرکز، فیصل آباد (نمونہ)', 'punjab', 'Faisalabad'),
  ('COE-HYD',         'COE',      'coe_centre',             'CoE-AI Centre, Hyderabad (sample)',             'سی او ای-اے آئی مرکز، حیدرآباد (نمونہ)', 'sindh', 'Hyderabad'),
  ('COE-LHR-TC1',     'COE-LHR',  'training_centre',        'Trainer Hub, Johar Town (sample)',              'ٹرینر مرکز، جوہر ٹاؤن (نمونہ)', 'punjab', 'Lahore'),
  ('COE-KHI-TC1',     'COE-KHI',  'training_centre',        'Trainer Hub, Saddar (sample)',                  'ٹرینر مرکز، صدر (نمونہ)', 'sindh', 'Karachi South'),
  ('PARTNERS',        'PK',       'partner',                'Delivery partners',                             'شراکت دار ادارے', null, null),
  ('P-DIGISKILLS',    'PARTNERS', 'partner',                'DigiSkills.pk (sample record)',                 'ڈجی اسکلز ڈاٹ پی کے (نمونہ ریکارڈ)', 'islamabad', null),
  ('P-WOMEN-NGO',     'PARTNERS', 'partner',                'Women''s livelihood NGO (sample)',              'خواتین کے روزگار کی تنظیم (نمونہ)', 'sindh', 'Hyderabad');

-- Parents before children: insert level by level until nothing is left.
do $$
declare
  added int;
begin
  loop
    insert into public.organisations (parent_id, kind, code, names, province, district, is_sample)
      select p.id, s.kind, s.code, jsonb_build_object('en', s.en, 'ur', s.ur), s.province, s.district, true
      from sample_units s
      left join public.organisations p on p.code = s.parent
      where not exists (select 1 from public.organisations o where o.code = s.code)
        and (s.parent is null or p.id is not null)
        -- a hosted or hand-made root must not be duplicated by the sample root
        and not (s.parent is null and exists (select 1 from public.organisations r where r.parent_id is null));
    get diagnostics added = row_count;
    exit when added = 0;
  end loop;
end
$$;

-- The sample CoE-AI centres issue certificates under the centre codes the app knows
-- (src/lib/certificates/centres.ts, CERT_SIGNATORIES). A hosted tree registers its own with
-- public.register_certificate_centre(org_code, centre).
update public.organisations o set certificate_centre = c.centre
from (values ('COE-ISB', 'islamabad'), ('COE-KHI', 'karachi'), ('COE-LHR', 'lahore'), ('COE-PSH', 'peshawar'),
             ('COE-QTA', 'quetta'), ('COE-FSD', 'faisalabad'), ('COE-HYD', 'hyderabad')) as c (code, centre)
where o.code = c.code and o.certificate_centre is null and o.kind = 'coe_centre'
  and not exists (select 1 from public.organisations t where t.certificate_centre = c.centre);
