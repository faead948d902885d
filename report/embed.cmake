# cmake -DIN=FILE -DOUT=FILE.c -P embed.cmake: writes FILE's bytes as the C
# array html_template (NUL-terminated) and its length html_template_len.
file(READ ${IN} hex HEX)
string(LENGTH "${hex}" hexlen)
math(EXPR len "${hexlen} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "((0x..,){24})" "\\1\n" bytes "${bytes}")
file(WRITE ${OUT}.tmp
  "/* generated from report.html.in by embed.cmake; do not edit */\n"
  "#include <stddef.h>\n\n"
  "extern const unsigned char html_template[];\n"
  "extern const size_t html_template_len;\n\n"
  "const unsigned char html_template[] = {\n${bytes}0x00 };\n"
  "const size_t html_template_len = ${len};\n")
file(RENAME ${OUT}.tmp ${OUT})
