/* The schema as numbered migrations. Each runs once, in order, inside one
 * transaction with the user_version bump, so a database is never left half
 * migrated. Never edit a migration that has shipped: add a new one. */
#include <stdio.h>

#include "priv.h"

/* date(x, '+0 days') IS x: the modifier makes SQLite normalise the date,
 * so 2026-02-31 (which a bare date() passes through) is refused. */
static const char *const migrations[] = {
	/* 1: the whole model of DESIGN.md */
	"CREATE TABLE staff ("
	"  id INTEGER PRIMARY KEY,"
	"  login TEXT NOT NULL UNIQUE CHECK (length(login) BETWEEN 1 AND 63),"
	"  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 127),"
	"  role TEXT NOT NULL CHECK (role IN ('officer', 'supervisor')),"
	"  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
	"  created TEXT NOT NULL"
	") STRICT;"
	"CREATE TABLE \"case\" ("
	"  id INTEGER PRIMARY KEY,"
	"  urn TEXT NOT NULL UNIQUE CHECK (length(urn) IN (11, 13) AND urn = upper(urn)),"
	"  defendant TEXT NOT NULL DEFAULT '' CHECK (length(defendant) <= 200),"
	"  court TEXT NOT NULL DEFAULT '' CHECK (length(court) <= 200),"
	"  stage TEXT NOT NULL DEFAULT 'charge' CHECK (stage IN ('charge',"
	"    'first-hearing', 'trial', 'conviction', 'sentencing', 'outcome')),"
	"  next_hearing TEXT CHECK (next_hearing IS NULL OR date(next_hearing, '+0 days') IS next_hearing),"
	"  next_hearing_type TEXT NOT NULL DEFAULT '' CHECK (length(next_hearing_type) <= 100),"
	"  sentencing_date TEXT CHECK (sentencing_date IS NULL"
	"    OR date(sentencing_date, '+0 days') IS sentencing_date),"
	"  officer_in_case TEXT NOT NULL DEFAULT '' CHECK (length(officer_in_case) <= 200),"
	"  lawyer TEXT NOT NULL DEFAULT '' CHECK (length(lawyer) <= 200),"
	"  created_by INTEGER NOT NULL REFERENCES staff(id),"
	"  created TEXT NOT NULL,"
	"  updated_by INTEGER NOT NULL REFERENCES staff(id),"
	"  updated TEXT NOT NULL,"
	"  version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),"
	"  review_by TEXT CHECK (review_by IS NULL OR date(review_by, '+0 days') IS review_by)"
	") STRICT;"
	"CREATE TABLE case_offence ("
	"  case_id INTEGER NOT NULL REFERENCES \"case\"(id) ON DELETE CASCADE,"
	"  code TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 31),"
	"  position INTEGER NOT NULL CHECK (position >= 0),"
	"  PRIMARY KEY (case_id, code)"
	") STRICT;"
	"CREATE TABLE victim ("
	"  case_id INTEGER PRIMARY KEY REFERENCES \"case\"(id) ON DELETE CASCADE,"
	"  reference TEXT NOT NULL CHECK (length(reference) BETWEEN 1 AND 63),"
	"  name TEXT NOT NULL DEFAULT '' CHECK (length(name) <= 200),"
	"  under_18_at_images TEXT NOT NULL DEFAULT 'unknown'"
	"    CHECK (under_18_at_images IN ('yes', 'no', 'unknown')),"
	"  consent_to_share TEXT NOT NULL DEFAULT 'not-asked'"
	"    CHECK (consent_to_share IN ('yes', 'no', 'not-asked')),"
	"  consent_date TEXT CHECK (consent_date IS NULL OR date(consent_date, '+0 days') IS consent_date),"
	"  safe_contact TEXT NOT NULL DEFAULT '' CHECK (length(safe_contact) <= 500),"
	"  needs TEXT NOT NULL DEFAULT '' CHECK (length(needs) <= 2000),"
	"  outcome_contact TEXT NOT NULL DEFAULT '' CHECK (length(outcome_contact) <= 500),"
	"  support_offered INTEGER NOT NULL DEFAULT 0 CHECK (support_offered BETWEEN 0 AND 31),"
	"  CHECK (consent_to_share <> 'not-asked' OR consent_date IS NULL)"
	") STRICT;"
	/* fears and how_used are small sets kept as bit masks; core/ names the bits */
	"CREATE TABLE concern ("
	"  case_id INTEGER PRIMARY KEY REFERENCES \"case\"(id) ON DELETE CASCADE,"
	"  fears INTEGER NOT NULL DEFAULT 0 CHECK (fears BETWEEN 0 AND 31),"
	"  fear_other TEXT NOT NULL DEFAULT '' CHECK (length(fear_other) <= 500),"
	"  victim_words TEXT NOT NULL DEFAULT '' CHECK (length(victim_words) <= 4000),"
	"  impact TEXT NOT NULL DEFAULT '' CHECK (length(impact) <= 4000)"
	") STRICT;"
	"CREATE TABLE item ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES \"case\"(id) ON DELETE CASCADE,"
	"  position INTEGER NOT NULL CHECK (position >= 1),"
	"  kind TEXT NOT NULL CHECK (kind IN ('phone', 'laptop', 'tablet', 'camera',"
	"    'storage', 'cloud-account', 'other')),"
	"  description TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 500),"
	"  owner TEXT NOT NULL DEFAULT 'unknown'"
	"    CHECK (owner IN ('defendant', 'shared', 'third-party', 'unknown')),"
	"  owner_detail TEXT NOT NULL DEFAULT '' CHECK (length(owner_detail) <= 200),"
	"  seized TEXT NOT NULL DEFAULT 'unknown' CHECK (seized IN ('yes', 'no', 'unknown')),"
	"  exhibit_ref TEXT NOT NULL DEFAULT '' CHECK (length(exhibit_ref) <= 63),"
	"  how_used INTEGER NOT NULL DEFAULT 0 CHECK (how_used BETWEEN 0 AND 15),"
	"  examined TEXT NOT NULL DEFAULT 'unknown' CHECK (examined IN ('yes', 'no', 'unknown')),"
	"  value_estimate INTEGER CHECK (value_estimate IS NULL OR value_estimate >= 0),"
	"  effect TEXT NOT NULL DEFAULT '' CHECK (length(effect) <= 500),"
	"  lawful_data TEXT NOT NULL DEFAULT 'unknown'"
	"    CHECK (lawful_data IN ('yes', 'no', 'unknown')),"
	"  held_by TEXT NOT NULL DEFAULT 'unknown'"
	"    CHECK (held_by IN ('police', 'defendant', 'unknown')),"
	"  UNIQUE (case_id, position)"
	") STRICT;"
	"CREATE TABLE note ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES \"case\"(id) ON DELETE CASCADE,"
	"  version INTEGER NOT NULL CHECK (version >= 1),"
	"  body TEXT NOT NULL,"
	"  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'returned')),"
	"  author INTEGER NOT NULL REFERENCES staff(id),"
	"  created TEXT NOT NULL,"
	"  submitted TEXT,"
	"  reviewer INTEGER REFERENCES staff(id),"
	"  reviewed TEXT,"
	"  review_comment TEXT NOT NULL DEFAULT '' CHECK (length(review_comment) <= 2000),"
	"  case_version INTEGER NOT NULL DEFAULT 0,"
	"  UNIQUE (case_id, version),"
	"  CHECK (status = 'draft' OR submitted IS NOT NULL),"
	"  CHECK (status NOT IN ('approved', 'returned')"
	"    OR (reviewer IS NOT NULL AND reviewed IS NOT NULL)),"
	"  CHECK (reviewer IS NULL OR reviewer <> author),"
	"  CHECK (status <> 'returned' OR length(review_comment) > 0)"
	") STRICT;"
	"CREATE TABLE outcome ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES \"case\"(id) ON DELETE CASCADE,"
	"  result TEXT NOT NULL CHECK (result IN ('sought', 'made', 'refused')),"
	"  items TEXT NOT NULL DEFAULT '' CHECK (length(items) <= 200),"
	"  date TEXT NOT NULL CHECK (date(date, '+0 days') IS date),"
	"  recorded_by INTEGER NOT NULL REFERENCES staff(id)"
	") STRICT;"
	"CREATE TABLE audit ("
	"  seq INTEGER PRIMARY KEY CHECK (seq >= 1),"
	"  time TEXT NOT NULL CHECK (length(time) = 20),"
	"  login TEXT NOT NULL CHECK (length(login) BETWEEN 1 AND 63),"
	"  action TEXT NOT NULL CHECK (action IN ('collect', 'alter', 'consult',"
	"    'disclose', 'combine', 'erase')),"
	"  entity TEXT NOT NULL CHECK (length(entity) BETWEEN 1 AND 31),"
	"  entity_id INTEGER NOT NULL DEFAULT 0,"
	"  recipient TEXT NOT NULL DEFAULT '' CHECK (length(recipient) <= 200),"
	"  reason TEXT NOT NULL DEFAULT '' CHECK (length(reason) <= 2000),"
	"  prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),"
	"  hash TEXT NOT NULL CHECK (length(hash) = 64)"
	") STRICT;"
	/* The log is append-only for dorn itself; the hash chain catches anyone
	 * who edits the file by other means. */
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
	"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
	"CREATE INDEX item_case ON item(case_id, position);"
	"CREATE INDEX note_case ON note(case_id, version);"
	"CREATE INDEX note_status ON note(status);"
	"CREATE INDEX audit_time ON audit(time);"
	"CREATE INDEX case_dates ON \"case\"(sentencing_date, next_hearing);",

	/* 2: search over URN, defendant, victim reference and the victim's
	 * words (dorn list --search). rowid is the case id; the store keeps it
	 * in step with every case it writes. Diacritics are folded, so "Zoe"
	 * finds "Zoë". */
	"CREATE VIRTUAL TABLE case_search USING fts5(urn, defendant, victim_ref,"
	"  victim_words, tokenize = 'unicode61 remove_diacritics 2');",

	/* 3: which interview steps have been saved, so a reopened interview
	 * resumes where it stopped (bit 1 << step). */
	"ALTER TABLE \"case\" ADD COLUMN steps_saved INTEGER NOT NULL DEFAULT 0"
	"  CHECK (steps_saved BETWEEN 0 AND 255);",

	/* 4: the case list read along indexes, never sorted whole (issue 9).
	 * Nothing here depends on today: due_lo and due_hi are the earliest and
	 * latest of the two dates (dorn_due_span; SQLite's min() and max() are
	 * NULL when an argument is, hence the coalesce), and case_due holds one
	 * row per distinct date of a case, so for any today the upcoming part
	 * is a range of case_due(date, urn) and the passed and undated parts
	 * are ranges of "case"(due_hi, urn). note_status and note_version are
	 * the latest note version's, kept by the store with every note write,
	 * so --status filters without a subquery per case. Existing cases are
	 * filled in here. */
	"ALTER TABLE \"case\" ADD COLUMN due_lo TEXT"
	"  CHECK (due_lo IS NULL OR date(due_lo, '+0 days') IS due_lo);"
	"ALTER TABLE \"case\" ADD COLUMN due_hi TEXT"
	"  CHECK (due_hi IS NULL OR date(due_hi, '+0 days') IS due_hi);"
	"ALTER TABLE \"case\" ADD COLUMN note_status TEXT NOT NULL DEFAULT 'none'"
	"  CHECK (note_status IN ('none', 'draft', 'submitted', 'approved', 'returned'));"
	"ALTER TABLE \"case\" ADD COLUMN note_version INTEGER NOT NULL DEFAULT 0"
	"  CHECK (note_version >= 0);"
	"UPDATE \"case\" SET"
	"  due_lo = coalesce(min(next_hearing, sentencing_date), next_hearing, sentencing_date),"
	"  due_hi = coalesce(max(next_hearing, sentencing_date), next_hearing, sentencing_date);"
	"UPDATE \"case\" SET (note_status, note_version) = (SELECT n.status, n.version"
	"  FROM note n WHERE n.case_id = \"case\".id ORDER BY n.version DESC LIMIT 1)"
	"  WHERE EXISTS (SELECT 1 FROM note n WHERE n.case_id = \"case\".id);"
	"CREATE TABLE case_due ("
	"  case_id INTEGER NOT NULL REFERENCES \"case\"(id) ON DELETE CASCADE,"
	"  date TEXT NOT NULL CHECK (date(date, '+0 days') IS date),"
	"  urn TEXT NOT NULL,"
	"  lo TEXT NOT NULL,"
	"  PRIMARY KEY (case_id, date),"
	"  CHECK (lo <= date)"
	") STRICT, WITHOUT ROWID;"
	"INSERT INTO case_due (case_id, date, urn, lo)"
	"  SELECT id, due_lo, urn, due_lo FROM \"case\" WHERE due_lo IS NOT NULL;"
	"INSERT INTO case_due (case_id, date, urn, lo)"
	"  SELECT id, due_hi, urn, due_lo FROM \"case\" WHERE due_hi > due_lo;"
	"CREATE INDEX case_due_order ON case_due(date, urn, lo, case_id);"
	"CREATE INDEX case_due_hi ON \"case\"(due_hi, urn);",

	/* 5: the facts a prosecutor needs without a call back (issue 10): who
	 * each item was seized from, where, when and under what power, the
	 * arrest or summons, the forensic evidence, the basis of the value, a
	 * third party, the lawful data, where an unseized item is, an
	 * account's platform and requests, the Victim Personal Statement, the
	 * victim's views on a restraining order, proof of age, the defence's
	 * position and the officer's direct contact. Existing rows start "not
	 * known" (unknown, empty or NULL). item and victim are copied into new
	 * tables rather than altered column by column: each ADD COLUMN on a
	 * STRICT table makes SQLite check every existing row, which took 15
	 * minutes for 25 columns at 1,000,000 cases. */
	"CREATE TABLE victim_v5 ("
	"  case_id INTEGER PRIMARY KEY REFERENCES \"case\"(id) ON DELETE CASCADE,"
	"  reference TEXT NOT NULL CHECK (length(reference) BETWEEN 1 AND 63),"
	"  name TEXT NOT NULL DEFAULT '' CHECK (length(name) <= 200),"
	"  under_18_at_images TEXT NOT NULL DEFAULT 'unknown'"
	"    CHECK (under_18_at_images IN ('yes', 'no', 'unknown')),"
	"  consent_to_share TEXT NOT NULL DEFAULT 'not-asked'"
	"    CHECK (consent_to_share IN ('yes', 'no', 'not-asked')),"
	"  consent_date TEXT CHECK (consent_date IS NULL OR date(consent_date, '+0 days') IS consent_date),"
	"  safe_contact TEXT NOT NULL DEFAULT '' CHECK (length(safe_contact) <= 500),"
	"  needs TEXT NOT NULL DEFAULT '' CHECK (length(needs) <= 2000),"
	"  outcome_contact TEXT NOT NULL DEFAULT '' CHECK (length(outcome_contact) <= 500),"
	"  support_offered INTEGER NOT NULL DEFAULT 0 CHECK (support_offered BETWEEN 0 AND 31),"
	"  under_18_now TEXT NOT NULL DEFAULT 'unknown' CHECK (under_18_now IN ('yes', 'no', 'unknown')),"
	"  vps TEXT NOT NULL DEFAULT 'unknown' CHECK (vps IN ('yes', 'no', 'unknown')),"
	"  ro_views TEXT NOT NULL DEFAULT '' CHECK (length(ro_views) <= 500),"
	"  age_proof TEXT NOT NULL DEFAULT '' CHECK (length(age_proof) <= 200),"
	"  CHECK (consent_to_share <> 'not-asked' OR consent_date IS NULL)"
	") STRICT;"
	"INSERT INTO victim_v5 (case_id, reference, name, under_18_at_images, consent_to_share, consent_date, safe_contact, needs, outcome_contact, support_offered)"
	"  SELECT case_id, reference, name, under_18_at_images, consent_to_share, consent_date, safe_contact, needs, outcome_contact, support_offered FROM victim;"
	"DROP TABLE victim;"
	"ALTER TABLE victim_v5 RENAME TO victim;"
	"CREATE TABLE item_v5 ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES \"case\"(id) ON DELETE CASCADE,"
	"  position INTEGER NOT NULL CHECK (position >= 1),"
	"  kind TEXT NOT NULL CHECK (kind IN ('phone', 'laptop', 'tablet', 'camera',"
	"    'storage', 'cloud-account', 'other')),"
	"  description TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 500),"
	"  owner TEXT NOT NULL DEFAULT 'unknown'"
	"    CHECK (owner IN ('defendant', 'shared', 'third-party', 'unknown')),"
	"  owner_detail TEXT NOT NULL DEFAULT '' CHECK (length(owner_detail) <= 200),"
	"  seized TEXT NOT NULL DEFAULT 'unknown' CHECK (seized IN ('yes', 'no', 'unknown')),"
	"  exhibit_ref TEXT NOT NULL DEFAULT '' CHECK (length(exhibit_ref) <= 63),"
	"  how_used INTEGER NOT NULL DEFAULT 0 CHECK (how_used BETWEEN 0 AND 15),"
	"  examined TEXT NOT NULL DEFAULT 'unknown' CHECK (examined IN ('yes', 'no', 'unknown')),"
	"  value_estimate INTEGER CHECK (value_estimate IS NULL OR value_estimate >= 0),"
	"  effect TEXT NOT NULL DEFAULT '' CHECK (length(effect) <= 500),"
	"  lawful_data TEXT NOT NULL DEFAULT 'unknown'"
	"    CHECK (lawful_data IN ('yes', 'no', 'unknown')),"
	"  held_by TEXT NOT NULL DEFAULT 'unknown'"
	"    CHECK (held_by IN ('police', 'defendant', 'unknown')),"
	"  seized_from TEXT NOT NULL DEFAULT 'unknown' CHECK (seized_from IN ('unknown', 'defendant', 'other-person', 'not-seized')),"
	"  seized_from_name TEXT NOT NULL DEFAULT '' CHECK (length(seized_from_name) <= 200),"
	"  seized_where TEXT NOT NULL DEFAULT '' CHECK (length(seized_where) <= 200),"
	"  seized_date TEXT CHECK (seized_date IS NULL OR date(seized_date, '+0 days') IS seized_date),"
	"  seized_power TEXT NOT NULL DEFAULT '' CHECK (length(seized_power) <= 200),"
	"  held_at_arrest TEXT NOT NULL DEFAULT 'unknown' CHECK (held_at_arrest IN ('yes', 'no', 'unknown')),"
	"  forensic_report TEXT NOT NULL DEFAULT '' CHECK (length(forensic_report) <= 63),"
	"  images_exhibit TEXT NOT NULL DEFAULT '' CHECK (length(images_exhibit) <= 63),"
	"  value_basis TEXT NOT NULL DEFAULT 'unknown' CHECK (value_basis IN ('unknown', 'estimate', 'receipt', 'officer-view')),"
	"  third_party_name TEXT NOT NULL DEFAULT '' CHECK (length(third_party_name) <= 200),"
	"  third_party_contact TEXT NOT NULL DEFAULT '' CHECK (length(third_party_contact) <= 200),"
	"  third_party_told TEXT NOT NULL DEFAULT 'unknown' CHECK (third_party_told IN ('yes', 'no', 'unknown')),"
	"  third_party_knew TEXT NOT NULL DEFAULT 'unknown' CHECK (third_party_knew IN ('yes', 'no', 'unknown')),"
	"  lawful_data_what TEXT NOT NULL DEFAULT '' CHECK (length(lawful_data_what) <= 200),"
	"  lawful_data_for TEXT NOT NULL DEFAULT '' CHECK (length(lawful_data_for) <= 200),"
	"  now_where TEXT NOT NULL DEFAULT '' CHECK (length(now_where) <= 200),"
	"  seizure_asked TEXT NOT NULL DEFAULT 'unknown' CHECK (seizure_asked IN ('yes', 'no', 'unknown')),"
	"  platform TEXT NOT NULL DEFAULT '' CHECK (length(platform) <= 200),"
	"  account_id TEXT NOT NULL DEFAULT '' CHECK (length(account_id) <= 200),"
	"  request TEXT NOT NULL DEFAULT 'unknown' CHECK (request IN ('unknown', 'none', 'preservation', 'removal', 'both')),"
	"  request_date TEXT CHECK (request_date IS NULL OR date(request_date, '+0 days') IS request_date),"
	"  UNIQUE (case_id, position)"
	") STRICT;"
	"INSERT INTO item_v5 (id, case_id, position, kind, description, owner, owner_detail, seized, exhibit_ref, how_used, examined, value_estimate, effect, lawful_data, held_by)"
	"  SELECT id, case_id, position, kind, description, owner, owner_detail, seized, exhibit_ref, how_used, examined, value_estimate, effect, lawful_data, held_by FROM item;"
	"DROP TABLE item;"
	"ALTER TABLE item_v5 RENAME TO item;"
	"CREATE INDEX item_case ON item(case_id, position);"
	"ALTER TABLE \"case\" ADD COLUMN charged_by TEXT NOT NULL DEFAULT 'unknown' CHECK (charged_by IN ('unknown', 'arrest', 'summons'));"
	"ALTER TABLE \"case\" ADD COLUMN arrest_date TEXT CHECK (arrest_date IS NULL OR date(arrest_date, '+0 days') IS arrest_date);"
	"ALTER TABLE \"case\" ADD COLUMN defence_position TEXT NOT NULL DEFAULT '' CHECK (length(defence_position) <= 500);"
	"ALTER TABLE staff ADD COLUMN contact TEXT NOT NULL DEFAULT '' CHECK (length(contact) <= 200)",

	/* 6: search that finds what an officer types (issue 11): the victim's
	 * name is indexed too; letters that SQLite's unicode61 does not fold
	 * (Ł, ø, æ, ß) are folded by dorn before indexing and querying
	 * (dorn_fold, dorn_text_fold), so "lukasz" finds "Łukasz"; and prefix
	 * indexes for one to three characters, so the first keys typed into a
	 * search do not expand a prefix over every word of every case. Built
	 * again from what the index held, with each case's victim name. */
	"CREATE VIRTUAL TABLE case_search_v6 USING fts5(urn, defendant, victim_ref, victim_name,"
	"  victim_words, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');"
	"INSERT INTO case_search_v6 (rowid, urn, defendant, victim_ref, victim_name, victim_words)"
	"  SELECT s.rowid, s.urn, dorn_fold(s.defendant), dorn_fold(s.victim_ref),"
	"  dorn_fold(coalesce(v.name, '')), dorn_fold(s.victim_words)"
	"  FROM case_search s LEFT JOIN victim v ON v.case_id = s.rowid;"
	"DROP TABLE case_search;"
	"ALTER TABLE case_search_v6 RENAME TO case_search;",

	/* 7: a keyed, anchored audit log (issue 12). meta holds the
	 * database's random id (which key file belongs to it) and the first
	 * audit row signed with the key: rows before it keep the SHA-256 rule.
	 * The audit table gains each row's detail (an export's files and
	 * their SHA-256), the content digest of what it changed, and the
	 * action 'seal'; it is copied, as CHECK constraints cannot be changed
	 * in place, and its rows keep their seq and hashes. */
	"CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;"
	"INSERT INTO meta (name, value) VALUES ('db_id', lower(hex(randomblob(16)))),"
	"  ('audit_key_from', (SELECT coalesce(max(seq), 0) + 1 FROM audit));"
	"CREATE TABLE audit_v7 ("
	"  seq INTEGER PRIMARY KEY CHECK (seq >= 1),"
	"  time TEXT NOT NULL CHECK (length(time) = 20),"
	"  login TEXT NOT NULL CHECK (length(login) BETWEEN 1 AND 63),"
	"  action TEXT NOT NULL CHECK (action IN ('collect', 'alter', 'consult',"
	"    'disclose', 'combine', 'erase', 'seal')),"
	"  entity TEXT NOT NULL CHECK (length(entity) BETWEEN 1 AND 31),"
	"  entity_id INTEGER NOT NULL DEFAULT 0,"
	"  recipient TEXT NOT NULL DEFAULT '' CHECK (length(recipient) <= 200),"
	"  reason TEXT NOT NULL DEFAULT '' CHECK (length(reason) <= 2000),"
	"  detail TEXT NOT NULL DEFAULT '' CHECK (length(detail) <= 8000),"
	"  digest TEXT CHECK (digest IS NULL OR length(digest) = 64),"
	"  prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),"
	"  hash TEXT NOT NULL CHECK (length(hash) = 64)"
	") STRICT;"
	"INSERT INTO audit_v7 (seq, time, login, action, entity, entity_id, recipient, reason,"
	"  prev_hash, hash) SELECT seq, time, login, action, entity, entity_id, recipient,"
	"  reason, prev_hash, hash FROM audit ORDER BY seq;"
	"DROP TABLE audit;"
	"ALTER TABLE audit_v7 RENAME TO audit;"
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
	"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
	"CREATE INDEX audit_time ON audit(time);"
	"CREATE INDEX audit_entity ON audit(entity, entity_id, seq) WHERE digest IS NOT NULL;"
	"CREATE TRIGGER meta_no_change BEFORE UPDATE ON meta"
	"  BEGIN SELECT RAISE(ABORT, 'the database''s id and key row are fixed'); END;"
	"CREATE TRIGGER meta_no_delete BEFORE DELETE ON meta"
	"  BEGIN SELECT RAISE(ABORT, 'the database''s id and key row are fixed'); END;",
	/* 8: who wrote each note version (issue 12), so that nobody reviews a
	 * version they wrote or changed, whoever started it. One row per
	 * author of a version, kept by case and version number rather than by
	 * note row: a change made while no draft exists (no consent yet, or a
	 * draft dropped when consent was withdrawn) still belongs to the
	 * version that comes next. act is what first made them an author
	 * (collect, alter: the case; draft: started the draft; submit),
	 * since_version the version they did it in (earlier when carried over
	 * from a returned version). Filled here for what exists: the audit log
	 * says who changed each case and who submitted each version, in order
	 * (seq), so each change goes to the version that was open then: one
	 * more than the versions submitted before it. Then each version's
	 * author as the note records it, and a returned version's authors
	 * carried into the next. Two scratch tables, dropped at the end. */
	"CREATE TABLE note_author ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES \"case\"(id) ON DELETE CASCADE,"
	"  version INTEGER NOT NULL CHECK (version >= 1),"
	"  staff_id INTEGER NOT NULL REFERENCES staff(id),"
	"  first_change TEXT NOT NULL CHECK (length(first_change) = 20),"
	"  act TEXT NOT NULL CHECK (act IN ('collect', 'alter', 'draft', 'submit')),"
	"  how TEXT NOT NULL DEFAULT '' CHECK (length(how) <= 200),"
	"  since_version INTEGER NOT NULL CHECK (since_version BETWEEN 1 AND version),"
	"  UNIQUE (case_id, version, staff_id)"
	") STRICT;"
	"CREATE TABLE note_author_sub8 (case_id INTEGER, seq INTEGER, version INTEGER,"
	"  login TEXT, time TEXT, PRIMARY KEY (case_id, seq)) WITHOUT ROWID;"
	"INSERT INTO note_author_sub8 SELECT n.case_id, a.seq, n.version, a.login, a.time"
	"  FROM audit a JOIN note n ON n.id = a.entity_id"
	"  WHERE a.entity = 'note' AND a.action = 'alter' AND a.reason = 'submitted';"
	"CREATE TABLE note_author_new8 (case_id INTEGER, version INTEGER, staff_id INTEGER,"
	"  first_change TEXT, act TEXT, how TEXT, since_version INTEGER, seq INTEGER);"
	"INSERT INTO note_author_new8 SELECT case_id, ver, staff_id, time, action, how, ver, seq"
	"  FROM (SELECT a.entity_id AS case_id, s.id AS staff_id, a.time, a.action,"
	"  substr(a.reason, 1, 60) AS how, a.seq, 1 + (SELECT count(*) FROM note_author_sub8 x"
	"  WHERE x.case_id = a.entity_id AND x.seq < a.seq) AS ver"
	"  FROM audit a JOIN staff s ON s.login = a.login"
	"  WHERE a.entity = 'case' AND a.action IN ('collect', 'alter')"
	"  AND a.entity_id IN (SELECT id FROM \"case\"));"
	"INSERT INTO note_author_new8 SELECT x.case_id, x.version, s.id, x.time, 'submit', '',"
	"  x.version, x.seq FROM note_author_sub8 x JOIN staff s ON s.login = x.login;"
	"INSERT INTO note_author_new8 SELECT case_id, version, author, created, 'draft', '',"
	"  version, 9223372036854775807 FROM note;"
	"WITH RECURSIVE carried (case_id, version, staff_id, first_change, act, how,"
	"  since_version, seq) AS (SELECT * FROM note_author_new8"
	"  UNION SELECT c.case_id, c.version + 1, c.staff_id, c.first_change, c.act, c.how,"
	"  c.since_version, c.seq FROM carried c JOIN note n ON n.case_id = c.case_id"
	"  AND n.version = c.version AND n.status = 'returned')"
	"  INSERT OR IGNORE INTO note_author (case_id, version, staff_id, first_change, act,"
	"  how, since_version) SELECT case_id, version, staff_id, first_change, act, how,"
	"  since_version FROM carried ORDER BY case_id, version, since_version, seq;"
	"DROP TABLE note_author_sub8;"
	"DROP TABLE note_author_new8;",
	/* 9: each version's model (doc.h): the note as rendered, with the
	 * structure its template marks, which the PDF is typeset from (issue
	 * 13). body stays the text export, word for word as before. Versions
	 * written before have none, and are typeset from body, line by line. */
	"ALTER TABLE note ADD COLUMN model TEXT;",
	/* 10: after the hearing (issue 14). The outcome is a part of the
	 * case like the victim and the concern: the hearing that decided it,
	 * when the unit heard (the Victims' Code clock), the judge's reasons,
	 * and telling the victim; each item gains what the court did with
	 * it. The outcome table of schema 1 was never written by any dorn
	 * (nothing recorded outcomes before now), so it is replaced. Every
	 * new column is NULL until set (DORN_FF_SPARSE), and a case has an
	 * outcome row only once something of it is recorded, so the content
	 * digests the audit log holds for existing cases still match. The
	 * case counts the outcome's versions (each correction is one, and is
	 * logged) apart from its own version, which the note follows: what
	 * is recorded after the hearing never starts a new note version. A
	 * case may be kept past its retention review by a supervisor, until
	 * a date, for a reason. */
	"DROP TABLE outcome;"
	"CREATE TABLE outcome ("
	"  case_id INTEGER PRIMARY KEY REFERENCES \"case\"(id) ON DELETE CASCADE,"
	"  date TEXT CHECK (date IS NULL OR date(date, '+0 days') IS date),"
	"  court TEXT CHECK (length(court) BETWEEN 1 AND 200),"
	"  received TEXT CHECK (received IS NULL OR date(received, '+0 days') IS received),"
	"  reasons TEXT CHECK (length(reasons) BETWEEN 1 AND 4000),"
	"  told_date TEXT CHECK (told_date IS NULL OR date(told_date, '+0 days') IS told_date),"
	"  told_how TEXT CHECK (length(told_how) BETWEEN 1 AND 200),"
	"  not_told TEXT CHECK (length(not_told) BETWEEN 1 AND 500)"
	") STRICT;"
	"ALTER TABLE item ADD COLUMN result TEXT"
	"  CHECK (result IN ('order_made', 'forfeiture', 'refused', 'not_sought',"
	"  'returned', 'held'));"
	"ALTER TABLE item ADD COLUMN result_reason TEXT"
	"  CHECK (length(result_reason) BETWEEN 1 AND 500);"
	"ALTER TABLE item ADD COLUMN result_next TEXT"
	"  CHECK (length(result_next) BETWEEN 1 AND 500);"
	"ALTER TABLE \"case\" ADD COLUMN outcome_version INTEGER"
	"  CHECK (outcome_version IS NULL OR outcome_version >= 1);"
	"ALTER TABLE \"case\" ADD COLUMN retain_until TEXT"
	"  CHECK (retain_until IS NULL OR date(retain_until, '+0 days') IS retain_until);"
	"ALTER TABLE \"case\" ADD COLUMN retain_reason TEXT"
	"  CHECK (length(retain_reason) BETWEEN 1 AND 1000);"
	/* The unit's figures: one row per case, holding no personal data
	 * (no URN, no name, no words: months, counts, offence codes and the
	 * officer's login), kept in step with its case by the store and kept
	 * when the case is erased, so the figures still count it. */
	"CREATE TABLE figure ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER UNIQUE REFERENCES \"case\"(id) ON DELETE SET NULL,"
	"  officer TEXT NOT NULL DEFAULT '' CHECK (length(officer) <= 63),"
	"  offences TEXT NOT NULL DEFAULT '' CHECK (length(offences) <= 300),"
	"  child INTEGER NOT NULL DEFAULT 0 CHECK (child IN (0, 1)),"
	"  concern TEXT CHECK (concern IS NULL OR date(concern, '+0 days') IS concern),"
	"  approved TEXT CHECK (approved IS NULL OR date(approved, '+0 days') IS approved),"
	"  exported TEXT CHECK (exported IS NULL OR date(exported, '+0 days') IS exported),"
	"  hearing TEXT CHECK (hearing IS NULL OR date(hearing, '+0 days') IS hearing),"
	"  outcome TEXT CHECK (outcome IS NULL OR date(outcome, '+0 days') IS outcome),"
	"  items INTEGER NOT NULL DEFAULT 0 CHECK (items >= 0),"
	"  sought INTEGER NOT NULL DEFAULT 0 CHECK (sought >= 0),"
	"  made INTEGER NOT NULL DEFAULT 0 CHECK (made >= 0),"
	"  refused INTEGER NOT NULL DEFAULT 0 CHECK (refused >= 0),"
	"  not_sought INTEGER NOT NULL DEFAULT 0 CHECK (not_sought >= 0),"
	"  returned INTEGER NOT NULL DEFAULT 0 CHECK (returned >= 0),"
	"  held INTEGER NOT NULL DEFAULT 0 CHECK (held >= 0),"
	"  erased INTEGER NOT NULL DEFAULT 0 CHECK (erased IN (0, 1))"
	") STRICT;"
	"CREATE INDEX figure_concern ON figure(concern);",
	/* 11: the unit's figures filled in (issue 14). The store keeps each
	 * case's figure row in step with it from now on
	 * (dorn_store_figure_sync); the cases that exist get theirs here, as
	 * STORE_FIGURE_SELECT (priv.h) says they are. The first export of a
	 * note is read from the audit log's disclose rows, found by the
	 * version they name through an index of their own, so keeping a
	 * case's row never reads the whole log. */
	"CREATE INDEX audit_disclose ON audit(entity_id, time)"
	"  WHERE action = 'disclose' AND entity = 'note';"
	"INSERT INTO figure (" STORE_FIGURE_COLS ") " STORE_FIGURE_SELECT " WHERE 1"
	STORE_FIGURE_UPSERT ";",
};

int sq_schema_latest(void)
{
	return (int)(sizeof migrations / sizeof migrations[0]);
}

static int pragma_int(struct dorn_store *st, const char *sql, int *out,
		      struct dorn_err *err)
{
	long long v = 0;
	int rc = store_scalar(st, sql, &v, "reading the database header", err);

	*out = (int)v;
	return rc;
}

int sq_schema_version(struct dorn_store *st, int *version,
			      struct dorn_err *err)
{
	return pragma_int(st, "PRAGMA user_version", version, err);
}

int sq_migrate(struct dorn_store *st, struct dorn_err *err)
{
	return sq_migrate_as(st, DORN_STORE_CREATE, err);
}

int sq_migrate_as(struct dorn_store *st, int flags, struct dorn_err *err)
{
	int rc, version = 0, appid = 0, tables = 0, latest = sq_schema_latest();
	int reader = !!(flags & DORN_STORE_READ);
	char sql[64];

	rc = reader ? 0 : sq_begin(st, err);
	if (rc)
		return rc;
	if ((rc = sq_schema_version(st, &version, err)) ||
	    (rc = pragma_int(st, "PRAGMA application_id", &appid, err)) ||
	    (rc = pragma_int(st, "SELECT count(*) FROM sqlite_schema", &tables, err)))
		goto out;
	if (appid != DORN_APPLICATION_ID && (appid != 0 || tables != 0)) {
		rc = dorn_err_set(err, DORN_EDATA,
				  "%s is not a dorn database: give the path of a dorn "
				  "database with --db, or a new path to create one",
				  st->path);
		goto out;
	}
	/* Only dorn init makes a schema: anything else finding an empty file
	 * was pointed at the wrong one, and must not write into it. */
	if (version == 0 && tables == 0 && !(flags & DORN_STORE_CREATE)) {
		rc = dorn_err_set(err, DORN_ENOINPUT,
				  "%s is empty, not a dorn database: run 'dorn init' to make "
				  "it one, or give another with --db PATH", st->path);
		goto out;
	}
	if (version > latest) {
		rc = dorn_err_set(err, DORN_EDATA,
				  "%s has schema version %d, newer than this dorn "
				  "understands (%d): use the newer dorn that wrote it",
				  st->path, version, latest);
		goto out;
	}
	if (reader) {
		if (version < latest)
			rc = dorn_err_set(err, DORN_EDATA,
					  "%s has schema version %d and this dorn reads %d: "
					  "run 'dorn init' once to upgrade it (every record is "
					  "kept); reading never changes the database", st->path,
					  version, latest);
		return rc;
	}
	for (int i = version; i < latest; i++) {
		rc = sqlite3_exec(st->db, migrations[i], NULL, NULL, NULL);
		if (rc != SQLITE_OK) {
			rc = store_fail(st, err, rc, "upgrading the database", migrations[i]);
			goto out;
		}
	}
	if (version < latest) {
		/* PRAGMA takes no parameters; both values are our own integers. */
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", latest);
		rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
		if (rc == SQLITE_OK) {
			snprintf(sql, sizeof sql, "PRAGMA application_id = %d", DORN_APPLICATION_ID);
			rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
		}
		if (rc != SQLITE_OK) {
			rc = store_fail(st, err, rc, "upgrading the database", sql);
			goto out;
		}
	}
	rc = sq_commit(st, err);
out:
	if (rc && !reader)
		sq_rollback(st);
	return rc;
}
