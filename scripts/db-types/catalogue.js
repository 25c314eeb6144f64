// Reads what supabase-js needs to know about the `public` schema straight from the Postgres
// catalogue: tables and views with their columns, foreign keys, functions, enums and composite
// types. Plain pg_catalog queries, so PGlite and PostgreSQL 15 answer the same.

/** @typedef {{ query(sql: string, params?: unknown[]): Promise<{ rows: any[] }> }} Queryable */

/**
 * @typedef {{ name: string, type: string, nullable: boolean, optional: boolean, writable: boolean }} Column
 * @typedef {{ foreignKeyName: string, columns: string[], isOneToOne: boolean, referencedRelation: string, referencedColumns: string[] }} Relationship
 * @typedef {{ name: string, kind: 'table' | 'view', updatable: boolean, columns: Column[], relationships: Relationship[] }} Relation
 * @typedef {{ name: string, type: string, optional: boolean }} Arg
 * @typedef {{ name: string, args: Arg[], returns: string, returnsSet: boolean, returnsTable: { name: string, type: string }[] | null }} Fn
 * @typedef {{ relations: Relation[], functions: Fn[], enums: { name: string, values: string[] }[], composites: { name: string, attributes: { name: string, type: string }[] }[] }} Catalogue
 */

const SCHEMA = 'public';

/** @param {Queryable} db @returns {Promise<Catalogue>} */
export async function readCatalogue(db) {
	const relations = await readRelations(db);
	const functions = await readFunctions(db);
	const { rows: enumRows } = await db.query(
		`select t.typname as name, array_agg(e.enumlabel::text order by e.enumsortorder) as values
		   from pg_type t join pg_enum e on e.enumtypid = t.oid
		   join pg_namespace n on n.oid = t.typnamespace
		  where n.nspname = $1 group by t.typname order by t.typname`,
		[SCHEMA]
	);
	const { rows: compositeRows } = await db.query(
		`select t.typname as name,
		        coalesce(json_agg(json_build_object('name', a.attname, 'type', ${typeName('a.atttypid')})
		          order by a.attnum) filter (where a.attnum > 0), '[]') as attributes
		   from pg_type t join pg_class c on c.oid = t.typrelid and c.relkind = 'c'
		   join pg_namespace n on n.oid = t.typnamespace
		   left join pg_attribute a on a.attrelid = c.oid and not a.attisdropped
		  where n.nspname = $1 group by t.typname order by t.typname`,
		[SCHEMA]
	);
	return { relations, functions, enums: enumRows, composites: compositeRows };
}

/**
 * A type's name for the renderer: `schema.name` outside pg_catalog, `[]`-suffixed for arrays,
 * and `kind` (e = enum, c = composite/row type) so the renderer can point into the Database type.
 * @param {string} oid
 */
function typeName(oid) {
	return `(select case when et.oid is not null
	           then json_build_object('array', true, 'schema', en.nspname, 'name', et.typname, 'kind', et.typtype, 'relkind', ec.relkind)
	           else json_build_object('array', false, 'schema', tn.nspname, 'name', t.typname, 'kind', t.typtype, 'relkind', tc.relkind) end
	          from pg_type t join pg_namespace tn on tn.oid = t.typnamespace
	          left join pg_class tc on tc.oid = t.typrelid
	          left join pg_type et on t.typcategory = 'A' and et.oid = t.typelem
	          left join pg_namespace en on en.oid = et.typnamespace
	          left join pg_class ec on ec.oid = et.typrelid
	         where t.oid = ${oid})::text`;
}

/** @param {Queryable} db @returns {Promise<Relation[]>} */
async function readRelations(db) {
	const { rows } = await db.query(
		`select c.relname as name, c.relkind as relkind,
		        pg_relation_is_updatable(c.oid, false) & 28 = 28 as updatable,
		        coalesce(json_agg(json_build_object(
		          'name', a.attname, 'type', ${typeName('a.atttypid')},
		          'notnull', a.attnotnull, 'hasdefault', a.atthasdef,
		          'identity', a.attidentity, 'generated', a.attgenerated) order by a.attnum)
		          filter (where a.attnum > 0), '[]') as columns
		   from pg_class c join pg_namespace n on n.oid = c.relnamespace
		   left join pg_attribute a on a.attrelid = c.oid and not a.attisdropped
		  where n.nspname = $1 and c.relkind in ('r', 'p', 'v', 'm')
		  group by c.oid, c.relname, c.relkind order by c.relname`,
		[SCHEMA]
	);
	const { rows: keys } = await db.query(
		`select con.conname as name, src.relname as source, dst.relname as target,
		        (select array_agg(a.attname::text order by k.ord) from unnest(con.conkey) with ordinality k(att, ord)
		           join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.att) as columns,
		        (select array_agg(a.attname::text order by k.ord) from unnest(con.confkey) with ordinality k(att, ord)
		           join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.att) as referenced,
		        exists (select 1 from pg_index i where i.indrelid = con.conrelid and i.indisunique
		                  and i.indpred is null and i.indnkeyatts = cardinality(con.conkey)
		                  and (i.indkey::int2[])[0:i.indnkeyatts - 1] @> con.conkey
		                  and con.conkey @> (i.indkey::int2[])[0:i.indnkeyatts - 1]) as one_to_one
		   from pg_constraint con
		   join pg_class src on src.oid = con.conrelid join pg_namespace sn on sn.oid = src.relnamespace
		   join pg_class dst on dst.oid = con.confrelid join pg_namespace dn on dn.oid = dst.relnamespace
		  where con.contype = 'f' and sn.nspname = $1 and dn.nspname = $1
		  order by src.relname, con.conname`,
		[SCHEMA]
	);
	return rows.map((r) => {
		const isView = r.relkind === 'v' || r.relkind === 'm';
		return {
			name: r.name,
			kind: isView ? 'view' : 'table',
			updatable: !isView || (r.relkind === 'v' && r.updatable),
			columns: r.columns.map(
				(/** @type {any} */ c) =>
					/** @type {Column} */ ({
						name: c.name,
						type: c.type,
						// A view's columns may always be null: Postgres does not carry NOT NULL through.
						nullable: isView || !c.notnull,
						optional: c.hasdefault || c.identity !== '' || !c.notnull || isView,
						writable: c.identity !== 'a' && c.generated === ''
					})
			),
			relationships: keys
				.filter((k) => k.source === r.name)
				.map((k) => ({
					foreignKeyName: k.name,
					columns: k.columns,
					isOneToOne: k.one_to_one,
					referencedRelation: k.target,
					referencedColumns: k.referenced
				}))
		};
	});
}

/** @param {Queryable} db @returns {Promise<Fn[]>} */
async function readFunctions(db) {
	const { rows } = await db.query(
		`select p.proname as name, p.proretset as returns_set, p.pronargs as nargs, p.pronargdefaults as ndefaults,
		        ${typeName('p.prorettype')} as returns,
		        coalesce((select json_agg(json_build_object('name', coalesce(p.proargnames[k.ord], ''),
		                   'mode', coalesce(p.proargmodes[k.ord], 'i'), 'type', ${typeName('k.typ')}) order by k.ord)
		                  from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) with ordinality k(typ, ord)), '[]') as args
		   from pg_proc p join pg_namespace n on n.oid = p.pronamespace
		  where n.nspname = $1 and p.prokind = 'f'
		    and p.prorettype not in ('trigger'::regtype, 'event_trigger'::regtype)
		  order by p.proname, pg_get_function_identity_arguments(p.oid)`,
		[SCHEMA]
	);
	return rows.map((r) => {
		const inputs = r.args.filter((/** @type {any} */ a) => ['i', 'b', 'v'].includes(a.mode));
		const outputs = r.args.filter((/** @type {any} */ a) => a.mode === 't');
		return {
			name: r.name,
			args: inputs.map((/** @type {any} */ a, /** @type {number} */ i) => ({
				name: a.name,
				type: a.type,
				optional: i >= inputs.length - r.ndefaults
			})),
			returns: r.returns,
			returnsSet: r.returns_set,
			returnsTable:
				outputs.length > 0 ? outputs.map((/** @type {any} */ a) => ({ name: a.name, type: a.type })) : null
		};
	});
}
