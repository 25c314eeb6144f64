-- Deliveries name a learner the way the partner knows them: the partner's own id (OneRoster
-- sourcedId, from the roster it sent through the partner API) when it has one, else the Seekh
-- account id. Never CNIC, email or phone. The two partner branches met here: the delivery side
-- was written before partner_enrolments existed.
create or replace function private.partner_learner_ref(org uuid, learner uuid) returns jsonb
language sql stable security definer
set search_path = ''
as $$
  select case when ref is null then jsonb_build_object('id', learner::text, 'idType', 'seekh')
              else jsonb_build_object('id', ref, 'idType', 'partner') end
  from (select private.partner_sourced_id(org, learner) as ref) r
$$;
revoke all on function private.partner_learner_ref(uuid, uuid) from public, anon, authenticated;
