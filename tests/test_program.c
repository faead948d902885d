/*
 * test_program: the program row's names, formulas and evidence cell
 * (classify/program.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "buf.h"
#include "csv.h"
#include "program.h"

static void
test_columns_and_types(void **state)
{
	char cell[64];
	unsigned mask;

	(void)state;
	assert_string_equal(program_columns[PC_CODE], "municipality_code");
	assert_string_equal(program_columns[PC_EVIDENCE], "evidence");
	assert_string_equal(program_columns[PC_FETCHED_AT], "fetched_at");
	program_types_format(cell, CLASSIFY_WORKSTYLE_REFORM | CLASSIFY_EXPERT_DISPATCH);
	assert_string_equal(cell, "expert_dispatch;workstyle_reform");
	program_types_format(cell, 0);
	assert_string_equal(cell, "");
	assert_int_equal(program_types_parse(&mask, " workstyle_reform|consultation_desk ,"), 0);
	assert_int_equal(mask, CLASSIFY_CONSULTATION_DESK | CLASSIFY_WORKSTYLE_REFORM);
	assert_int_not_equal(program_types_parse(&mask, "expert_dispatch;loan"), 0);
	assert_int_equal(mask, 0);
	assert_string_equal(program_cost_str(COST_PARTIAL), "partial");
	assert_string_equal(program_continuity_str(CONT_UNKNOWN), "unknown");
	assert_ptr_equal(program_criterion("cost"), program_columns[PC_COST]);
	assert_ptr_equal(program_criterion("consultation_desk"), program_types[1]);
	assert_null(program_criterion("loan"));
}

static void
test_riss_fit(void **state)
{
	(void)state;
	assert_int_equal(program_riss_fit(false, false, COST_UNKNOWN, CONT_UNKNOWN), 0);
	assert_int_equal(program_riss_fit(true, true, COST_PARTIAL, CONT_MULTIPLE), 4);
	assert_int_equal(program_riss_fit(true, false, COST_PAID, CONT_SINGLE), 1);
	assert_int_equal(program_riss_fit(false, true, COST_FREE, CONT_SINGLE), 2);
}

static void
test_page_sha256(void **state)
{
	char a[65], b[65], c[65];

	(void)state;
	/* width and the forms NFKC folds do not change the digest; words do */
	program_page_sha256(a, "専門家派遣　ＡＢＣ１２３");
	program_page_sha256(b, "専門家派遣 ABC123");
	program_page_sha256(c, "専門家派遣 ABC124");
	assert_string_equal(a, b);
	assert_string_not_equal(a, c);
	program_page_sha256(a, NULL);
	program_page_sha256(b, "");
	assert_string_equal(a, b);
}

static void
test_evidence_cell(void **state)
{
	struct program_evidences e = PROGRAM_EVIDENCES_INIT, copy;
	struct buf long_passage = BUF_INIT;
	char *cell;

	(void)state;
	program_evidence_add(&e, program_types[0], "type_ed", "専門家を派遣します", 0, 18);
	program_evidence_add(&e, program_columns[PC_COST], "cost_free", "費用は無料です", 9, 15);
	cell = program_evidence_cell(&e);
	assert_string_equal(cell, "expert_dispatch: 専門家を派遣します | cost: 費用は無料です");
	free(cell);
	/* an item that would take the cell past its cap is left out of the
	 * cell (and only of the cell); a later short one still fits */
	for (int i = 0; i < PROGRAM_EVIDENCE_CELL_CHARS - 40; i++)
		buf_adds(&long_passage, "あ");
	program_evidence_add(&e, program_columns[PC_IT_SECURITY], "it", long_passage.ptr, 0, 3);
	program_evidence_add(&e, program_columns[PC_MAX_VISITS], "visits", "最大3回", 6, 7);
	cell = program_evidence_cell(&e);
	assert_string_equal(cell, "expert_dispatch: 専門家を派遣します | cost: 費用は無料です | max_visits: 最大3回");
	free(cell);
	assert_int_equal(e.n, 4);
	program_evidences_copy(&copy, &e);
	assert_int_equal(copy.n, 4);
	assert_string_equal(copy.v[1].rule, "cost_free");
	assert_ptr_not_equal(copy.v[1].passage, e.v[1].passage);
	assert_int_equal(copy.v[3].hit_start, 6);
	program_evidences_free(&copy);
	program_evidences_free(&e);
	assert_int_equal(e.n, 0);
	cell = program_evidence_cell(&e);
	assert_string_equal(cell, "");
	free(cell);
	buf_free(&long_passage);
}

static void
test_row_cells(void **state)
{
	struct classify_program p;
	struct program_cells cells;
	struct csv_out *c = csv_out_new(false);
	static const char *const extra_head[] = { "prefecture", "review" };
	const char *extra[] = { "大阪府", "" };
	size_t len;

	(void)state;
	memset(&p, 0, sizeof(p));
	p.municipality_code = "272272";
	p.program = "経営相談窓口";
	p.url = "https://www.city.x.test/a.html";
	p.types = CLASSIFY_CONSULTATION_DESK | CLASSIFY_EXPERT_DISPATCH;
	p.expert_registry = true;
	p.cost = COST_FREE;
	p.continuity = CONT_MULTIPLE;
	p.riss_fit = 3;
	strcpy(p.page_sha256, "ab");
	program_evidence_add(&p.evidence, program_types[1], "cd", "経営相談窓口を設置", 0, 18);
	program_cells_of(&cells, &p, "東大阪市", NULL);
	assert_string_equal(cells.v[PC_TYPES], "expert_dispatch;consultation_desk");
	assert_string_equal(cells.v[PC_CATEGORY], "");
	assert_string_equal(cells.v[PC_IT_SECURITY], "no");
	assert_string_equal(cells.v[PC_EXPERT_REGISTRY], "yes");
	assert_string_equal(cells.v[PC_MAX_VISITS], "");
	assert_string_equal(cells.v[PC_RISS_FIT], "3");
	assert_string_equal(cells.v[PC_EVIDENCE], "consultation_desk: 経営相談窓口を設置");
	assert_string_equal(cells.v[PC_FETCHED_AT], "");
	program_csv_header(c, extra_head, 2);
	program_csv_row(c, cells.v, extra, 2);
	assert_string_equal(csv_data(c, &len),
	    "municipality_code,municipality,category,program,url,types,it_security,"
	    "expert_registry,cost,max_visits,continuity,riss_fit,evidence,page_sha256,fetched_at,"
	    "prefecture,review\r\n"
	    "272272,東大阪市,,経営相談窓口,https://www.city.x.test/a.html,"
	    "expert_dispatch;consultation_desk,no,yes,free,,multiple,3,"
	    "consultation_desk: 経営相談窓口を設置,ab,,大阪府,\r\n");
	program_cells_free(&cells);
	program_evidences_free(&p.evidence);
	csv_out_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_columns_and_types),
		cmocka_unit_test(test_riss_fit),
		cmocka_unit_test(test_page_sha256),
		cmocka_unit_test(test_evidence_cell),
		cmocka_unit_test(test_row_cells),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
