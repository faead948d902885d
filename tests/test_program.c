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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_columns_and_types),
		cmocka_unit_test(test_riss_fit),
		cmocka_unit_test(test_page_sha256),
		cmocka_unit_test(test_evidence_cell),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
