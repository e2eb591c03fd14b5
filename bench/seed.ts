/**
 * Realistic data for the benchmarks and the list tests, written in SQL (INSERT … SELECT over generate_series):
 * 100,000 cases take seconds this way, hours through the API. Expects a migrated database whose guidelines and
 * calls the service has loaded (it starts once before seeding).
 *
 * Both guidelines, their calls plus a few more, every workflow state, applicants in all 27 districts and
 * district-free cities of Saxony (FRL LIfD) and Saxony-Anhalt (Digitale Orte ST), ten cost lines per concept
 * (jsonb as the service stores them: `{category, amountCents, fiscalYear, description}`).
 */

export type Query = (sql: string, params?: unknown[]) => Promise<any[]>;

/** Kreise and kreisfreie Städte (first five AGS digits) of the two guidelines' territories. */
export const DISTRICTS: Record<string, string[]> = {
  'frl-lifd': ['14511', '14521', '14522', '14523', '14524', '14612', '14625', '14626', '14627', '14628', '14713', '14729', '14730'],
  'st-digital': ['15001', '15002', '15003', '15081', '15082', '15083', '15084', '15085', '15086', '15087', '15088', '15089', '15090', '15091'],
};

/** Places in project titles ("Makerspace Mittweida"): a search for one finds about one case in fifty. */
const TOWNS: Record<string, string[]> = {
  'frl-lifd': ('Mittweida Freiberg Döbeln Rochlitz Hainichen Flöha Oederan Annaberg-Buchholz Aue Marienberg Schwarzenberg Stollberg Zschopau ' +
    'Plauen Reichenbach Auerbach Oelsnitz Zwickau Crimmitschau Glauchau Werdau Meerane Bautzen Hoyerswerda Kamenz Bischofswerda Görlitz ' +
    'Zittau Löbau Niesky Weißwasser Meißen Riesa Radebeul Großenhain Coswig Pirna Freital Dippoldiswalde Sebnitz Heidenau Borna Grimma ' +
    'Markkleeberg Wurzen Delitzsch Eilenburg Torgau Oschatz Schkeuditz Chemnitz Leipzig Dresden').split(' '),
  'st-digital': ('Halle Magdeburg Dessau-Roßlau Salzwedel Gardelegen Bitterfeld-Wolfen Köthen Zerbst Haldensleben Oschersleben Wanzleben ' +
    'Naumburg Weißenfels Zeitz Halberstadt Wernigerode Quedlinburg Burg Genthin Sangerhausen Eisleben Hettstedt Merseburg Querfurt ' +
    'Bernburg Schönebeck Aschersleben Staßfurt Stendal Tangermünde Havelberg Wittenberg Jessen Gräfenhainichen').split(' '),
};

/** Calls added to the guidelines' own (templates), so cases spread over several calls of each programme. */
const EXTRA_CALLS: [string, string, string, string][] = [
  ['frl-lifd', '2025-1', '2025-01-15', '2025-04-30'],
  ['st-digital', '2024', '2024-01-15', '2024-12-31'],
];

export interface SeedOptions {
  cases: number;
  /** Municipalities per district (each an applicant organisation with one applicant). */
  municipalitiesPerDistrict?: number;
  /** argon2 hash of the password the seeded staff accounts log in with. */
  passwordHash: string;
}

export const COST_LINES_PER_CASE = 10;

/** Seeds organisations, users, calls, cases with their concept (and application where the case got that far). */
export async function seedCases(query: Query, opts: SeedOptions): Promise<void> {
  const perDistrict = opts.municipalitiesPerDistrict ?? 20;
  const districts = Object.entries(DISTRICTS).flatMap(([g, ds]) => ds.map((d) => [g, d]));
  await query(
    `INSERT INTO organisations (name, kind, ags)
     SELECT 'Gemeinde ' || d.key || lpad(n::text, 3, '0'), 'municipality', d.key || lpad(n::text, 3, '0')
       FROM unnest($1::text[]) AS d(key), generate_series(901, 900 + $2) n`,
    [districts.map(([, d]) => d), perDistrict],
  );
  await query(
    `INSERT INTO users (email, display_name, roles, organisation_id, password_hash, status)
     SELECT 'antrag-' || ags || '@bench.example', 'Antrag ' || ags, '{applicant}', id, $1, 'active' FROM organisations WHERE name LIKE 'Gemeinde %'`,
    [opts.passwordHash],
  );
  await query(
    `INSERT INTO users (email, display_name, roles, password_hash, status) VALUES
       ('sachbearbeitung@bench.example', 'Sachbearbeitung', '{caseworker}', $1, 'active'),
       ('admin@bench.example', 'Administration', '{admin}', $1, 'active')
     ON CONFLICT DO NOTHING`,
    [opts.passwordHash],
  );
  for (const [g, code, opens, deadline] of EXTRA_CALLS) {
    await query(
      `INSERT INTO calls (guideline_code, call_code, title, opens_on, deadline, budgets) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [g, code, `Förderaufruf ${code}`, opens, deadline, JSON.stringify([{ fiscalYear: Number(deadline.slice(0, 4)) + 1, amountCents: 300_000_000 }])],
    );
  }
  // One row per case with everything the inserts below need; guidelines alternate 3:1 (LIfD is the larger programme).
  await query(`DROP TABLE IF EXISTS seed_cases`);
  await query(
    `CREATE UNLOGGED TABLE seed_cases AS
     WITH g AS MATERIALIZED (
       SELECT gl.code, v.id AS version_id, v.definition,
              (SELECT array_agg(s->>'code' ORDER BY o) FROM jsonb_array_elements(v.definition->'workflow'->'states') WITH ORDINALITY s(s, o)) AS states,
              (SELECT array_agg(s->>'stage' ORDER BY o) FROM jsonb_array_elements(v.definition->'workflow'->'states') WITH ORDINALITY s(s, o)) AS stages,
              (SELECT array_agg(x->>'code') FROM jsonb_array_elements(v.definition->'variants') x) AS variants,
              (SELECT array_agg(x->>'code') FROM jsonb_array_elements(v.definition->'costCategories') x WHERE (x->>'eligible')::boolean) AS categories,
              (SELECT array_agg(call_code ORDER BY call_code) FROM calls c WHERE c.guideline_code = gl.code) AS calls,
              (SELECT array_agg(o.id ORDER BY o.ags) FROM organisations o WHERE o.name LIKE 'Gemeinde %' AND left(o.ags, 2) = (v.definition->'territory'->'agsPrefixes'->>0)) AS orgs,
              v.definition->>'fileNumberPrefix' AS prefix,
              CASE gl.code WHEN 'st-digital' THEN $3::text[] ELSE $2::text[] END AS towns
         FROM guidelines gl JOIN guideline_versions v ON v.id = gl.current_version_id
     ), n AS (
       SELECT i, CASE WHEN i % 4 = 3 THEN 'st-digital' ELSE 'frl-lifd' END AS code FROM generate_series(1, $1::int) i
     ), m AS (
       -- j numbers each guideline's cases, so the spreads below reach every state, call and organisation
       SELECT i, code, row_number() OVER (PARTITION BY code ORDER BY i) AS j FROM n
     )
     SELECT i, gen_random_uuid() AS id, g.code AS guideline_code, g.version_id, g.categories,
            g.calls[1 + (j / 5) % cardinality(g.calls)] AS call_code,
            g.states[1 + (j * 7) % cardinality(g.states)] AS state,
            g.stages[1 + (j * 7) % cardinality(g.states)] AS stage,
            g.variants[1 + (j / 3) % cardinality(g.variants)] AS variant,
            g.orgs[1 + (j * 37) % cardinality(g.orgs)] AS organisation_id,
            g.prefix,
            (ARRAY['Makerspace', 'Digitaler Treffpunkt', 'Coworking-Raum', 'Offene Werkstatt', 'Digitallabor', 'Bürgerbüro digital', 'Innovationsraum', 'Medienwerkstatt'])[1 + j % 8]
              || ' ' || g.towns[1 + (j * 11) % cardinality(g.towns)] AS title,
            now() - make_interval(mins => i * 5) AS created_at
       FROM m JOIN g ON g.code = m.code`,
    [opts.cases, TOWNS['frl-lifd'], TOWNS['st-digital']],
  );
  await query(
    `INSERT INTO cases (id, guideline_version_id, organisation_id, call_code, title, state, version, file_number, created_by, created_at, updated_at,
                        variant, location_ags, grant_cents)
     SELECT s.id, s.version_id, s.organisation_id, s.call_code, s.title, s.state, 1 + s.i % 9,
            CASE WHEN s.state = 'concept_draft' THEN NULL ELSE s.prefix || '-' || s.call_code || '-' || lpad(s.i::text, 6, '0') END,
            u.id, s.created_at, s.created_at + make_interval(hours => (s.i * 37) % 5000),
            s.variant, o.ags, NULL
       FROM seed_cases s JOIN organisations o ON o.id = s.organisation_id JOIN users u ON u.organisation_id = s.organisation_id`,
  );
  await query(`ALTER TABLE proposals DISABLE TRIGGER proposals_list_facts`);
  try {
    await query(
      `INSERT INTO proposals (case_id, stage, variant, location_ags, fields, costs, own_contribution_cents, funding_start, funding_end, grant_cents, version, updated_at)
       SELECT s.id, 'concept', s.variant, o.ags,
              jsonb_build_object('title', s.title, 'summary', 'Ein Ort für digitale Teilhabe in ' || o.name || '.', 'contactEmail', 'projekt@' || o.ags || '.example'),
              l.costs, l.total / 5, '2027-01-01', '2028-12-31', l.total * 4 / 5, 1 + s.i % 5, s.created_at
         FROM seed_cases s JOIN organisations o ON o.id = s.organisation_id
         CROSS JOIN LATERAL (
           SELECT jsonb_agg(jsonb_build_object('category', s.categories[1 + (s.i + k) % cardinality(s.categories)], 'amountCents', a,
                                               'fiscalYear', 2027 + k % 2, 'description', 'Position ' || k) ORDER BY k) AS costs,
                  sum(a)::bigint AS total
             FROM generate_series(1, ${COST_LINES_PER_CASE}) k, LATERAL (SELECT (100000 + ((s.i * 7919 + k * 104729) % 2000000))::bigint AS a) amount
         ) l`,
    );
    // the application starts as a copy of the concept (as the workflow does)
    await query(
      `INSERT INTO proposals (case_id, stage, variant, location_ags, fields, costs, own_contribution_cents, funding_start, funding_end, grant_cents, version, updated_at)
       SELECT p.case_id, 'application', p.variant, p.location_ags, '{}', p.costs, p.own_contribution_cents, p.funding_start, p.funding_end, p.grant_cents, 1, p.updated_at
         FROM proposals p JOIN seed_cases s ON s.id = p.case_id
        WHERE p.stage = 'concept' AND s.stage NOT IN ('concept', 'closed')`,
    );
  } finally {
    await query(`ALTER TABLE proposals ENABLE TRIGGER proposals_list_facts`);
  }
  // the milestones trigger would write every case once more: its bits are set below with the grant, in one update
  await query(`ALTER TABLE case_transitions DISABLE TRIGGER case_transitions_milestones`);
  try {
    await query(
      `INSERT INTO case_transitions (case_id, transition, from_state, to_state, actor_id, occurred_at)
       SELECT c.id, 'open', NULL, 'concept_draft', c.created_by, c.created_at FROM seed_cases s JOIN cases c ON c.id = s.id
       UNION ALL
       SELECT c.id, 'submit_concept', 'concept_draft', c.state, c.created_by, c.created_at + interval '1 day' FROM seed_cases s JOIN cases c ON c.id = s.id WHERE c.file_number IS NOT NULL`,
    );
  } finally {
    await query(`ALTER TABLE case_transitions ENABLE TRIGGER case_transitions_milestones`);
  }
  await query(
    `UPDATE cases c SET grant_cents = p.grant_cents, milestones = t.bits
       FROM seed_cases s JOIN proposals p ON p.case_id = s.id AND p.stage = 'concept'
       JOIN (SELECT case_id, bit_or(case_milestones(transition, from_state, to_state)) AS bits FROM case_transitions GROUP BY case_id) t ON t.case_id = s.id
      WHERE c.id = s.id`,
  );
  // Nachforderungen: every case waiting for information has one, half of them overdue
  await query(
    `INSERT INTO information_requests (case_id, message, due_on, requested_by, requested_at)
     SELECT s.id, 'Bitte reichen Sie den Kostenvoranschlag nach.', current_date + CASE WHEN s.i % 2 = 0 THEN -10 ELSE 10 END,
            (SELECT id FROM users WHERE email = 'sachbearbeitung@bench.example'), s.created_at + interval '2 days'
       FROM seed_cases s WHERE s.state = 'information_requested'`,
  );
  await query(`DROP TABLE seed_cases`);
}

/**
 * A call whose concepts are with the jury: `concepts` concepts, each reviewed (submitted) by `reviewsEach` of
 * `reviewers` reviewers. Its deadline has passed, so the jury's outcome may be recorded.
 */
export async function seedJuryCall(query: Query, opts: { guidelineCode: string; callCode: string; concepts: number; reviewsEach: number; reviewers: number; passwordHash: string }): Promise<void> {
  const { guidelineCode: g, callCode, concepts, reviewsEach, reviewers } = opts;
  await query(
    `INSERT INTO calls (guideline_code, call_code, title, opens_on, deadline, budgets) VALUES ($1, $2, $3, '2025-01-01', '2025-06-30', $4)`,
    // budget for about the best third of the concepts
    [g, callCode, `Jury ${callCode}`, JSON.stringify([{ fiscalYear: 2026, amountCents: Math.max(1, Math.round(concepts / 3)) * 2_000_000 }])],
  );
  await query(
    `INSERT INTO users (email, display_name, roles, password_hash, status)
     SELECT 'jury-' || r || '@bench.example', 'Jury ' || r, '{reviewer}', $2, 'active' FROM generate_series(1, $1::int) r ON CONFLICT DO NOTHING`,
    [reviewers, opts.passwordHash],
  );
  const [{ staff }] = await query(`SELECT id AS staff FROM users WHERE email = 'sachbearbeitung@bench.example'`);
  await query(
    `WITH v AS (SELECT v.id, v.definition FROM guidelines gl JOIN guideline_versions v ON v.id = gl.current_version_id WHERE gl.code = $1),
          o AS (SELECT array_agg(id ORDER BY ags) AS ids FROM organisations WHERE name LIKE 'Gemeinde %' AND left(ags, 2) = (SELECT definition->'territory'->'agsPrefixes'->>0 FROM v)),
          c AS (
            INSERT INTO cases (guideline_version_id, organisation_id, call_code, title, state, file_number, created_by, created_at)
            SELECT v.id, o.ids[1 + i % cardinality(o.ids)], $2, 'Jury-Vorhaben ' || i, 'concept_in_review',
                   (v.definition->>'fileNumberPrefix') || '-' || $2 || '-' || lpad(i::text, 6, '0'), $4, now() - make_interval(mins => i)
              FROM v, o, generate_series(1, $3::int) i
            RETURNING id, created_at, file_number
          ),
          p AS (
            INSERT INTO proposals (case_id, stage, variant, location_ags, costs, own_contribution_cents, grant_cents, updated_at)
            SELECT c.id, 'concept', (SELECT definition->'variants'->0->>'code' FROM v), NULL,
                   jsonb_build_array(jsonb_build_object('category', 'equipment', 'amountCents', 2500000, 'fiscalYear', 2026, 'description', 'Ausstattung')),
                   500000, 1000000 + (hashtext(c.file_number) & 1023) * 1000, now()
              FROM c RETURNING case_id
          )
     INSERT INTO case_transitions (case_id, transition, from_state, to_state, actor_id, occurred_at)
     SELECT id, 'submit_concept', 'concept_draft', 'concept_submitted', $4, created_at + interval '1 hour' FROM c`,
    [g, callCode, concepts, staff],
  );
  // reviewer k of a concept is jury-((i + k) mod reviewers); per criterion a concept's level plus a reviewer's half step
  // either way, in half steps within the scale, so reviewers disagree no more than the jury's spread allows
  await query(
    `WITH v AS (SELECT v.definition FROM guidelines gl JOIN guideline_versions v ON v.id = gl.current_version_id WHERE gl.code = $1),
          a AS (
            INSERT INTO review_assignments (case_id, reviewer_id, status, declared_at, assigned_by)
            SELECT c.id, u.id, 'active', now(), $4
              FROM (SELECT id, row_number() OVER (ORDER BY file_number) AS i FROM cases WHERE call_code = $2 AND guideline_code = $1) c
              CROSS JOIN generate_series(0, $3::int - 1) k
              JOIN users u ON u.email = 'jury-' || (1 + (c.i + k) % $5) || '@bench.example'
            RETURNING id, case_id
          )
     INSERT INTO reviews (assignment_id, scores, score_values, status, submitted_at)
     SELECT a.id, sc.scores, sc.score_values, 'submitted', now()
       FROM a, v, LATERAL (SELECT (v.definition->'jury'->'scale'->>'max')::numeric AS max) s,
            LATERAL (SELECT jsonb_object_agg(x.code, jsonb_build_object('score', x.score, 'comment', 'Begründung der Bewertung')) AS scores,
                            array_agg(x.score::double precision ORDER BY x.n) AS score_values
                       FROM (SELECT cr->>'code' AS code, n, least(s.max, greatest(0,
                                      round(s.max * (0.3 + (hashtext(a.case_id::text || (cr->>'code')) & 15) / 30.0) * 2) / 2
                                      + ((hashtext(a.id::text || (cr->>'code')) & 1) * 2 - 1) * (s.max / 10))) AS score
                               FROM jsonb_array_elements(v.definition->'jury'->'criteria') WITH ORDINALITY AS c(cr, n)) x) sc`,
    [g, callCode, reviewsEach, staff, reviewers],
  );
}

/** Removes the cases `casesSql` selects and everything that refers to them (the audit trail keeps its entries). */
export async function dropCases(query: Query, casesSql: string, params: unknown[] = []): Promise<void> {
  const ids = (await query(casesSql, params)).map((r: { id: string }) => r.id);
  await query(`DELETE FROM reviews WHERE assignment_id IN (SELECT id FROM review_assignments WHERE case_id = ANY($1))`, [ids]);
  // every table with a foreign key to cases
  const refs = await query(
    `SELECT c.conrelid::regclass::text AS t, a.attname AS col FROM pg_constraint c
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      WHERE c.confrelid = 'cases'::regclass AND c.contype = 'f'`,
  );
  for (const r of refs) await query(`DELETE FROM ${r.t} WHERE ${r.col} = ANY($1)`, [ids]);
  await query(`DELETE FROM cases WHERE id = ANY($1)`, [ids]);
}

/** Removes a call seeded by seedJuryCall with its cases. */
export async function dropCall(query: Query, guidelineCode: string, callCode: string): Promise<void> {
  await dropCases(query, `SELECT id FROM cases WHERE guideline_code = $1 AND call_code = $2`, [guidelineCode, callCode]);
  await query(`DELETE FROM calls WHERE guideline_code = $1 AND call_code = $2`, [guidelineCode, callCode]);
}
