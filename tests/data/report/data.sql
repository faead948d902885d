-- A hand-built output folder for the report tests (schema version 1).
-- Loaded by tests/test_report.c (store_exec) and tests/e2e/report_files.sh.
INSERT INTO runs(id, command, version, options, seeds_path, seeds_sha256, rules_sha256,
  dict_sha256, started_at, ended_at, status) VALUES
 (1, 'crawl', '0.1.0', '{"max_pages":300,"delay":1.0}', 'corpus/seeds.tsv',
  'aaaa000000000000000000000000000000000000000000000000000000000001', NULL, NULL,
  '2026-11-28T01:00:00Z', '2026-11-28T01:30:00Z', 'done'),
 (2, 'classify', '0.1.0', 'not json', NULL, NULL,
  'bbbb000000000000000000000000000000000000000000000000000000000002',
  'cccc000000000000000000000000000000000000000000000000000000000003',
  '2026-11-28T01:31:00Z', '2026-11-28T01:32:00Z', 'done');

INSERT INTO municipalities(code, name, prefecture, category, url, status) VALUES
 ('131016', '千代田区', '東京都', 'ward', 'https://www.city.chiyoda.lg.jp/', 'partial'),
 ('011002', '札幌市', '北海道', 'capital;designated', 'https://www.city.sapporo.jp/', 'ok'),
 ('010006', '北海道', '北海道', 'pref', 'https://www.pref.hokkaido.lg.jp/', 'robots_denied'),
 ('141305', '川崎市', '神奈川県', 'designated', 'https://www.city.kawasaki.jp/', 'unreachable'),
 ('202011', '長野市', '長野県', 'capital', 'https://www.city.nagano.nagano.jp/', NULL);

INSERT INTO frontier(id, url, municipality_code, depth, priority, state, reason, http_status, attempts) VALUES
 (1, 'https://www.city.sapporo.jp/', '011002', 0, 1, 'fetched', NULL, 200, 1),
 (2, 'https://www.city.sapporo.jp/keizai/haken.html', '011002', 1, 1, 'fetched', NULL, 200, 1),
 (3, 'https://www.city.sapporo.jp/keizai/old.html', '011002', 1, 1, 'failed', 'http 404', 404, 1),
 (4, 'https://www.city.sapporo.jp/search?q=x', '011002', 1, 1, 'refused', 'robots', NULL, 0),
 (5, 'https://www.city.sapporo.jp/big.zip', '011002', 1, 1, 'skipped', 'type', NULL, 0),
 (6, 'https://www.city.chiyoda.lg.jp/', '131016', 0, 1, 'fetched', NULL, 200, 1),
 (7, 'https://www.city.chiyoda.lg.jp/slow.html', '131016', 1, 1, 'failed', 'timeout', NULL, 3),
 (8, 'https://www.pref.hokkaido.lg.jp/', '010006', 0, 1, 'refused', 'robots: disallowed', NULL, 0),
 (9, 'https://www.city.kawasaki.jp/', '141305', 0, 1, 'failed', 'dns: could not resolve host', NULL, 3),
 (10, 'https://www.city.chiyoda.lg.jp/queued.html', '131016', 1, 1, 'queued', NULL, NULL, 0),
 (11, 'https://www.city.chiyoda.lg.jp/=cmd.html', '131016', 1, 1, 'refused', 'offsite, "quoted"', NULL, 0);

INSERT INTO programs(municipality_code, program, url, types, it_security, expert_registry, cost,
  max_visits, continuity, riss_fit, evidence, page_sha256, fetched_at, review, run_id) VALUES
 ('131016', '働き方改革相談', 'https://www.city.chiyoda.lg.jp/hataraki.html',
  'consultation_desk;workstyle_reform', 'no', 'no', 'free', NULL, 'unknown', 1,
  '相談窓口: 働き方改革に関する相談窓口を設置 | 費用: 相談は無料です', '1111', '2026-11-28T01:10:00Z', NULL, 2),
 ('131016', '+1 相談', 'https://www.city.chiyoda.lg.jp/a.html', 'consultation_desk', 'no', 'no',
  'unknown', NULL, 'unknown', 0, '-2 items', '2222', '2026-11-28T01:10:00Z', NULL, 2),
 ('131016', '@SUM(A1)', 'https://www.city.chiyoda.lg.jp/a.html', 'consultation_desk', 'no', 'no',
  'unknown', NULL, 'unknown', 0, char(9) || 'tab start', '2222', '2026-11-28T01:10:00Z', NULL, 2),
 ('131016', char(13) || 'CR start', 'https://www.city.chiyoda.lg.jp/a.html', 'workstyle_reform',
  'no', 'no', 'paid', NULL, 'unknown', 0, 'x', '2222', '2026-11-28T01:10:00Z', NULL, 2),
 ('011002', '=HYPERLINK("http://evil.example/","click")', 'https://www.city.sapporo.jp/keizai/haken.html',
  'expert_dispatch', 'yes', 'yes', 'partial', 5, 'multiple', 4,
  '専門家派遣: 専門家を派遣します, 最大5回 | 費用: 1/3 "自己負担"' || char(10) || 'あり', 'abcd', '2026-11-28T01:05:00Z', 'ok', 2),
 ('011002', '中小企業IT専門家派遣事業', 'https://www.city.sapporo.jp/keizai/haken.html',
  'expert_dispatch;consultation_desk', 'yes', 'no', 'free', 3, 'multiple', 3,
  '専門家派遣: ITの専門家を派遣 | 情報セキュリティ: 情報セキュリティ対策', 'abcd', '2026-11-28T01:05:00Z', NULL, 2),
 ('011002', '</script><script>alert(1)</script> & <b>', 'https://www.city.sapporo.jp/keizai/x.html',
  'workstyle_reform', 'no', 'no', 'unknown', 1, 'single', 0, '<img src=x onerror=alert(1)>', 'ef01',
  '2026-11-28T01:06:00Z', NULL, 2);
