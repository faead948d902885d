-- This year's programs for tests/test_review.c (reviewed_cp932.csv is last year's review).
INSERT INTO runs(id, command, version, started_at, status) VALUES (7, 'classify', '0.1.0', '2027-11-28T00:00:00Z', 'done');
INSERT INTO municipalities(code, name, prefecture, category, url) VALUES
 ('011002', '札幌市', '北海道', 'capital;designated', 'https://www.city.sapporo.jp/');
INSERT INTO programs(id, municipality_code, program, url, types, it_security, expert_registry, cost,
  max_visits, continuity, riss_fit, evidence, page_sha256, fetched_at, run_id) VALUES
 (1, '011002', '中小企業IT専門家派遣事業', 'https://www.city.sapporo.jp/keizai/haken.html', 'expert_dispatch',
  'yes', 'no', 'free', 3, 'multiple', 3, 'expert_dispatch: 専門家を派遣', 'abcd', '2027-11-28T00:01:00Z', 7),
 (2, '011002', '融資制度', 'https://www.city.sapporo.jp/keizai/x.html', 'expert_dispatch',
  'no', 'no', 'unknown', NULL, 'unknown', 0, '', 'ef01', '2027-11-28T00:01:00Z', 7),
 (3, '011002', '経営相談', 'https://www.city.sapporo.jp/keizai/soudan.html', 'consultation_desk',
  'no', 'no', 'free', NULL, 'unknown', 1, '', 'NEW1', '2027-11-28T00:01:00Z', 7);
