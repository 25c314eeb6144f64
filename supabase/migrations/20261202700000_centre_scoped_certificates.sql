-- Certificate centres are free text today ('lahore', 'karachi'), not organisation codes, so a
-- CoE-AI admin scoped to a centre (user_roles.scope) has no unit in the organisation tree to
-- hold the role in. Until centres become organisations, such an admin reads exactly the
-- certificates they may revoke (private.may_revoke): their own centre's.
create policy "centre coe admin reads its certificates" on public.certificates for select to authenticated
  using (exists (select 1 from public.user_roles r
                 where r.user_id = (select auth.uid()) and r.role = 'coe_admin' and r.scope <> '' and r.scope = centre));
